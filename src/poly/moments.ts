/**
 * The fast path of polyfit: the Chebyshev normal equations assembled from 2p - 1 moments.
 * Because T_j T_k = (T_{j+k} + T_{|j-k|}) / 2, the Gram matrix of the weighted Chebyshev
 * design is G_jk = (mu_{j+k} + mu_{|j-k|}) / 2 with mu_m = sum_i w_i^2 T_m(t_i): one O(n p)
 * pass instead of the O(n p^2) Householder QR. G = R^T R by Cholesky gives the same triangular
 * factor the QR would (up to signs), so inference is unchanged.
 *
 * Normal equations square the condition number, which is why numpy and this library never
 * form them on raw powers (condition 1e16 and worse). On the Chebyshev design the condition is
 * usually below 10 (the fixtures: <= 7), so the squared one stays below 100 and the solution
 * loses at most ~2 digits to the QR's ~1. The path is taken only when cond(R) <= MAX_COND,
 * which bounds the extra relative error by about MAX_COND^2 n_eff eps ~ 1e-12; otherwise
 * polyfit falls back to the QR.
 */

import type { Engine } from '../engine/instance.js';
import { singularValues } from './triangular-ls.js';

/** Largest 2-norm condition number of the Chebyshev factor accepted on the fast path. */
export const MAX_COND = 30;

/**
 * [R | z] with R^T R = A^T V A + ridge diag(0, 1, ..., 1) and R^T z = A^T V y, the singular
 * values of R and y^T V y; null when Cholesky fails or cond(R) > MAX_COND. x, y, w: pointers (w = 0: no
 * weights). O(n p + p^3).
 */
export function momentsFactor(e: Engine, x: number, y: number, w: number, n: number, off: number, scl: number, p: number, ridge: number, block: number): { R: Float64Array; z: Float64Array; sv: Float64Array; yvy: number } | null {
  const { arena, kernels } = e;
  const q = 2 * p - 1;
  const mark = arena.mark();
  try {
    const mom = arena.allocF64(q), rhs = arena.allocF64(p), T = arena.allocF64(block * q), v = arena.allocF64(block), vy = arena.allocF64(block);
    const yvy = kernels.poly_cheb_moments_f64(x, y, w, n, off, scl, p, mom, rhs, T, v, vy, block);
    const mu = arena.takeF64(mom, q);
    const G = arena.allocF64(p * p), Gv = arena.f64(G, p * p);
    for (let j = 0; j < p; j++) for (let k = 0; k < p; k++) Gv[k * p + j] = 0.5 * (mu[j + k] + mu[Math.abs(j - k)]);
    for (let k = 1; k < p; k++) Gv[k * p + k] += ridge;
    if (kernels.cholesky_f64(G, p, p) !== 0) return null;
    // forward substitution L z = rhs, in place
    if (kernels.trsv_f64(G, p, p, 1, 0, rhs) !== 0) return null;
    const L = arena.f64(G, p * p), R = new Float64Array(p * p);
    // R = L^T: row j of R is column j of the column-major L
    for (let j = 0; j < p; j++) for (let i = j; i < p; i++) R[j * p + i] = L[j * p + i];
    const z = arena.takeF64(rhs, p);
    const sv = singularValues(R, p);
    if (!(sv[p - 1] > 0) || sv[0] / sv[p - 1] > MAX_COND) return null;
    return { R, z, sv, yvy };
  } finally {
    arena.release(mark);
  }
}
