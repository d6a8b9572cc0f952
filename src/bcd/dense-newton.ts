/**
 * Exact Newton directions for smooth (L2-penalised) logistic models with few unknowns: the
 * Hessian is formed in wasm (X^T diag(D) X, and for the softmax its K x K blocks
 * C X^T diag(P_a (delta_ab - P_b)) X) and solved by Cholesky, instead of coordinate descent on
 * the quadratic model. On collinear designs (polynomial features) coordinate descent needs
 * hundreds of epochs for an accurate direction; the dense solve is O(n N^2 + N^3) for N unknowns.
 */

import type { Engine } from '../engine/instance.js';
import { predictedDecrease, type NewtonBuffers } from './prox-newton.js';

/** Largest number of unknowns solved densely (the factorisation is then ~4e7 flops). */
export const DENSE_MAX = 512;

/** Relative ridge on unpenalised unknowns: the multinomial intercepts share a null direction. */
const RIDGE = 1e-10;

/** Solves A x = b in place (b becomes x) for a symmetric positive definite N x N column-major A; false if not PD. O(N^3 / 3). */
function choleskySolve(e: Engine, A: number, N: number, b: number): boolean {
  const { kernels } = e;
  if (kernels.cholesky_f64(A, N, N) !== 0) return false;
  return kernels.trsv_f64(A, N, N, 1, 0, b) === 0 && kernels.trsv_f64(A, N, N, 1, 1, b) === 0;
}

/** Adds l2 pf to the diagonal, and a tiny ridge where pf = 0. */
function regularise(H: Float64Array, N: number, pf: ArrayLike<number>, l2: number): void {
  let top = 0;
  for (let q = 0; q < N; q++) top = Math.max(top, H[q * N + q]);
  for (let q = 0; q < N; q++) H[q * N + q] += pf[q] === 0 ? RIDGE * top : l2 * pf[q];
}

/**
 * Binary: d = -(X^T D X + l2 diag(pf))^-1 (g + l2 pf w) into B.d, with B.Xd = X d. Returns the
 * predicted decrease Delta, or null when the system is not positive definite (the caller falls
 * back to coordinate descent). O(n m^2 + m^3).
 */
export function denseBinaryDirection(e: Engine, B: NewtonBuffers, l2: number): number | null {
  const { arena, kernels } = e;
  const { n, m } = B;
  const mark = arena.mark();
  try {
    const H = arena.allocF64(m * m), tmp = arena.allocF64(n), work = arena.allocF64(4);
    kernels.weighted_gram_f64(B.X, n, m, B.D, H, tmp, work);
    const pf = arena.f64(B.pf, m);
    regularise(arena.f64(H, m * m), m, pf, l2);
    const g = arena.f64(B.g, m), w = arena.f64(B.w, m), d = arena.f64(B.d, m);
    for (let j = 0; j < m; j++) d[j] = -(g[j] + l2 * pf[j] * w[j]);
    if (!choleskySolve(e, H, m, B.d)) return null;
    arena.f64(B.Xd, n).fill(0);
    const dv = arena.f64(B.d, m);
    for (let j = 0; j < m; j++) if (dv[j] !== 0) kernels.axpy_f64(dv[j], B.X + 8 * j * n, B.Xd, n);
    return predictedDecrease(arena.f64(B.g, m), arena.f64(B.w, m), arena.f64(B.d, m), arena.f64(B.pf, m), 0, l2);
  } finally {
    arena.release(mark);
  }
}

/** The multinomial problem's buffers (feature-major m x K coefficients, row-major n x K predictors). */
export interface SoftmaxBuffers {
  X: number;
  n: number;
  m: number;
  K: number;
  C: number;
  /** Probabilities n x K. */
  prob: number;
  G: number;
  W: number;
  Dir: number;
  Z: number;
  pfK: Float64Array;
}

/**
 * Multinomial: the full (m K) x (m K) softmax Hessian, Dir = -H^-1 (G + l2 pf W) and Z = X Dir.
 * Returns Delta, or null when not positive definite. O(K^2 n m^2 / 2 + (m K)^3 / 3).
 */
export function denseSoftmaxDirection(e: Engine, S: SoftmaxBuffers, l2: number): number | null {
  const { arena, kernels } = e;
  const { n, m, K } = S, N = m * K;
  const mark = arena.mark();
  try {
    const H = arena.allocF64(N * N), blk = arena.allocF64(m * m), wts = arena.allocF64(n), tmp = arena.allocF64(n), work = arena.allocF64(4);
    for (let a = 0; a < K; a++) for (let b = a; b < K; b++) {
      const P = arena.f64(S.prob, n * K), v = arena.f64(wts, n);
      for (let i = 0; i < n; i++) v[i] = S.C * P[i * K + a] * ((a === b ? 1 : 0) - P[i * K + b]);
      kernels.weighted_gram_f64(S.X, n, m, wts, blk, tmp, work);
      const Bk = arena.f64(blk, m * m), Hv = arena.f64(H, N * N);
      // unknown q = j K + class; H is symmetric, so fill both (a, b) and (b, a) blocks
      for (let j = 0; j < m; j++) for (let l = 0; l < m; l++) {
        const value = Bk[j * m + l];
        Hv[(j * K + a) * N + (l * K + b)] = value;
        Hv[(l * K + b) * N + (j * K + a)] = value;
      }
    }
    regularise(arena.f64(H, N * N), N, S.pfK, l2);
    const G = arena.f64(S.G, N), W = arena.f64(S.W, N), D = arena.f64(S.Dir, N);
    for (let q = 0; q < N; q++) D[q] = -(G[q] + l2 * S.pfK[q] * W[q]);
    if (!choleskySolve(e, H, N, S.Dir)) return null;
    const Dv = arena.f64(S.Dir, N), Zv = arena.f64(S.Z, n * K);
    Zv.fill(0);
    for (let j = 0; j < m; j++) {
      const col = arena.f64(S.X + 8 * j * n, n);
      for (let k = 0; k < K; k++) {
        const dj = Dv[j * K + k];
        if (dj !== 0) for (let i = 0; i < n; i++) Zv[i * K + k] += dj * col[i];
      }
    }
    return predictedDecrease(arena.f64(S.G, N), arena.f64(S.W, N), Dv, S.pfK, 0, l2);
  } finally {
    arena.release(mark);
  }
}
