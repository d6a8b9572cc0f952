/**
 * Anderson extrapolation of coordinate-descent iterates (Bertrand & Massias, "Anderson
 * acceleration of coordinate descent", AISTATS 2021): from K + 1 successive iterates x_0..x_K,
 * with U the K x m matrix of differences x_{k+1} - x_k, solve (U U^T) z = 1 and combine
 * x_acc = sum_k c_k x_{k+1}, c = z / sum z. The same affine combination applies to any
 * quantity linear in x (the residual R = y - X w), so no extra pass over X is needed. The caller
 * keeps the result only if it lowers the objective.
 */

/** K: the number of differences (skglm and the paper use 5). */
export const ANDERSON_K = 5;

/** Combination weights c (length K) from the K + 1 stored iterates, or null when degenerate. O(K^2 m). */
export function andersonWeights(history: Float64Array[]): Float64Array | null {
  const K = history.length - 1, m = history[0].length;
  const U = Array.from({ length: K }, (_, k) => Float64Array.from({ length: m }, (_, i) => history[k + 1][i] - history[k][i]));
  const G = new Float64Array(K * K);
  let trace = 0;
  for (let a = 0; a < K; a++) for (let b = 0; b <= a; b++) {
    let s = 0;
    for (let i = 0; i < m; i++) s += U[a][i] * U[b][i];
    G[a * K + b] = G[b * K + a] = s;
    if (a === b) trace += s;
  }
  if (!(trace > 0)) return null;
  // a relative ridge: U U^T is often nearly singular (the notes' advice)
  for (let a = 0; a < K; a++) G[a * K + a] += 1e-10 * trace;
  // Cholesky solve of G z = 1
  const L = new Float64Array(K * K);
  for (let i = 0; i < K; i++) for (let j = 0; j <= i; j++) {
    let s = G[i * K + j];
    for (let k = 0; k < j; k++) s -= L[i * K + k] * L[j * K + k];
    if (i === j) {
      if (!(s > 0)) return null;
      L[i * K + i] = Math.sqrt(s);
    } else L[i * K + j] = s / L[j * K + j];
  }
  const z = new Float64Array(K);
  for (let i = 0; i < K; i++) {
    let s = 1;
    for (let k = 0; k < i; k++) s -= L[i * K + k] * z[k];
    z[i] = s / L[i * K + i];
  }
  for (let i = K - 1; i >= 0; i--) {
    let s = z[i];
    for (let k = i + 1; k < K; k++) s -= L[k * K + i] * z[k];
    z[i] = s / L[i * K + i];
  }
  let sum = 0;
  for (const v of z) sum += v;
  if (!(Math.abs(sum) > 0) || !Number.isFinite(sum)) return null;
  return z.map((v) => v / sum);
}

/** sum_k c_k x_{k+1}. O(K m). */
export function combine(history: Float64Array[], c: Float64Array): Float64Array {
  const out = new Float64Array(history[0].length);
  c.forEach((ck, k) => {
    const x = history[k + 1];
    for (let i = 0; i < out.length; i++) out[i] += ck * x[i];
  });
  return out;
}
