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

/** The last K + 1 iterates (m coefficients and n residuals each), in preallocated rows. */
export class AndersonHistory {
  readonly w: Float64Array;
  readonly r: Float64Array;
  count = 0;

  constructor(readonly m: number, readonly n: number) {
    this.w = new Float64Array((ANDERSON_K + 1) * m);
    this.r = new Float64Array((ANDERSON_K + 1) * n);
  }

  /** Stores w[cols[k]] (k < m) and R as the next iterate. O(m + n). */
  push(wAll: Float64Array, cols: Int32Array, R: Float64Array): void {
    const { m, n } = this, k = this.count++;
    for (let q = 0; q < m; q++) this.w[k * m + q] = wAll[cols[q]];
    this.r.set(R.subarray(0, n), k * n);
  }

  get full(): boolean {
    return this.count === ANDERSON_K + 1;
  }

  /** Combination weights c (length K) from the stored iterates, or null when degenerate. O(K^2 m). */
  weights(): Float64Array | null {
    const K = ANDERSON_K, { m, w } = this;
    const G = new Float64Array(K * K);
    let trace = 0;
    for (let a = 0; a < K; a++) for (let b = 0; b <= a; b++) {
      let s = 0;
      const a0 = a * m, b0 = b * m;
      for (let i = 0; i < m; i++) s += (w[a0 + m + i] - w[a0 + i]) * (w[b0 + m + i] - w[b0 + i]);
      G[a * K + b] = G[b * K + a] = s;
      if (a === b) trace += s;
    }
    if (!(trace > 0)) return null;
    // a relative ridge: U U^T is often nearly singular (the notes' advice)
    for (let a = 0; a < K; a++) G[a * K + a] += 1e-10 * trace;
    const z = choleskySolveOnes(G, K);
    if (!z) return null;
    let sum = 0;
    for (const v of z) sum += v;
    if (!(Math.abs(sum) > 0) || !Number.isFinite(sum)) return null;
    return z.map((v) => v / sum);
  }

  /** sum_k c_k x_{k+1} for the coefficients and the residuals. O(K (m + n)). */
  combine(c: Float64Array): { w: Float64Array; r: Float64Array } {
    const { m, n } = this;
    const w = new Float64Array(m), r = new Float64Array(n);
    for (let k = 0; k < ANDERSON_K; k++) {
      const ck = c[k], wk = (k + 1) * m, rk = (k + 1) * n;
      for (let i = 0; i < m; i++) w[i] += ck * this.w[wk + i];
      for (let i = 0; i < n; i++) r[i] += ck * this.r[rk + i];
    }
    return { w, r };
  }

  /** The latest iterate's coefficients and residuals (views). */
  last(): { w: Float64Array; r: Float64Array } {
    const k = this.count - 1;
    return { w: this.w.subarray(k * this.m, (k + 1) * this.m), r: this.r.subarray(k * this.n, (k + 1) * this.n) };
  }

  clear(): void {
    this.count = 0;
  }
}

/** Solves G z = 1 for a K x K symmetric positive definite G by Cholesky; null if not SPD. O(K^3). */
function choleskySolveOnes(G: Float64Array, K: number): Float64Array | null {
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
  return z;
}
