/**
 * Block updates of the group Lasso in the unscaled form
 *   1/2 |R|^2 + sum_g lambda_g |w_g|_2,   R = y - X w,   lambda_g = alpha n omega_g,
 * where c_g = X_g^T R is the block's negative gradient (Nutini, Laradji & Schmidt 2022, the
 * two update families of their section 2):
 *  - 'gradient': a 1/L_g step then block soft-thresholding, L_g = |X_g|_2^2 (skglm's GroupBCD):
 *      v = w_g + c_g / L_g,  w_g <- v max(1 - lambda_g / (L_g |v|), 0);
 *  - 'newton': exact minimisation over the block, whose Hessian G_g = X_g^T X_g is known: with
 *    b = c_g + G_g w_g the block problem is min_u 1/2 u^T G_g u - b.u + lambda_g |u|, solved by
 *    u = 0 if |b| <= lambda_g, else u = (G_g + mu I)^-1 b with mu = lambda_g / |u| > 0, i.e. the
 *    root of the increasing function h(mu) = mu |(G_g + mu I)^-1 b| - lambda_g, found by
 *    bisection in the eigenbasis of G_g (computed once per group).
 */

import { svdSmall } from '../linalg/svd-small.js';

/** One group: its columns, penalty weight, Lipschitz constant and (for 'newton') G_g and its eigenpairs. */
export interface Group {
  cols: Int32Array;
  /** The column list in wasm memory (i32), for the kernels. */
  ptr: number;
  weight: number;
  /** |X_g|_2^2, the largest eigenvalue of G_g = X_g^T X_g (or a slight overestimate). */
  L: number;
  /** G_g (|g| x |g| row-major) and its eigenpairs (descending; eigenvectors as columns), for exact updates. */
  exact: { gram: Float64Array; values: Float64Array; vectors: Float64Array } | null;
}

/** Eigenpairs of a symmetric positive semi-definite matrix: its SVD (V = U). O(m^3). */
export function eigenPsd(gram: Float64Array, m: number): { values: Float64Array; vectors: Float64Array } {
  const { s, V } = svdSmall(gram, m);
  return { values: s, vectors: V };
}

/**
 * Euclidean norm as sqrt of the sum of squares: Math.hypot is not correctly rounded and its
 * last bits differ between JavaScript engines, which would break cross-runtime bit identity.
 */
export function norm2(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  return Math.sqrt(s);
}

/** The gradient update of the block: the new w_g from the current one and c_g. O(|g|). */
export function gradientUpdate(g: Group, wg: Float64Array, cg: Float64Array, lambda: number): Float64Array {
  const v = Float64Array.from(wg, (x, q) => x + cg[q] / g.L);
  const norm = norm2(v);
  const shrink = norm > 0 ? Math.max(1 - lambda / (g.L * norm), 0) : 0;
  return v.map((x) => x * shrink);
}

/** The exact (Newton) update of the block. O(|g|^2 + 200 |g|). */
export function newtonUpdate(g: Group, wg: Float64Array, cg: Float64Array, lambda: number): Float64Array {
  const m = g.cols.length, { gram, values, vectors } = g.exact!;
  const b = Float64Array.from(cg);
  for (let a = 0; a < m; a++) for (let q = 0; q < m; q++) b[a] += gram[a * m + q] * wg[q];
  if (norm2(b) <= lambda) return new Float64Array(m);
  // b in the eigenbasis
  const bt = new Float64Array(m);
  for (let k = 0; k < m; k++) for (let a = 0; a < m; a++) bt[k] += vectors[a * m + k] * b[a];
  const h = (mu: number): number => {
    let s = 0;
    for (let k = 0; k < m; k++) {
      const t = (bt[k] * mu) / (Math.max(values[k], 0) + mu);
      s += t * t;
    }
    return Math.sqrt(s) - lambda;
  };
  let lo = 0, hi = Math.max(values[0], 1e-300);
  while (h(hi) < 0) hi *= 2;
  for (let it = 0; it < 200 && hi - lo > 1e-15 * hi; it++) {
    const mid = 0.5 * (lo + hi);
    if (h(mid) < 0) lo = mid;
    else hi = mid;
  }
  const mu = hi;
  const u = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    const coef = bt[k] / (Math.max(values[k], 0) + mu);
    for (let a = 0; a < m; a++) u[a] += vectors[a * m + k] * coef;
  }
  return u;
}
