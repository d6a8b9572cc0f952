/**
 * A resolved bandwidth: the matrix H (the Gaussian kernel's covariance; for the other kernels
 * the metric whose unit ball is their support), and the linear map T with T^T T = H^-1 that
 * takes points to unit-bandwidth coordinates, where every kernel is evaluated.
 *   number h:        H = h^2 I (scikit-learn: h is the Gaussian sigma, or the support radius)
 *   vector h_k:      H = diag(h_k^2) (per-dimension bandwidths)
 *   matrix H:        T = L^-1 with H = L L^T (Cholesky), for the rules and cross-validation
 */

import { cholesky, solveTriangular } from '../linalg/cholesky.js';
import { SimdnumError, fail } from '../engine/errors.js';
import { detLog } from '../engine/math.js';
import { withEngine } from '../engine/call.js';
import type { Engine } from '../engine/instance.js';

export interface Bandwidth {
  d: number;
  /** d x d row-major H. */
  matrix: Float64Array;
  /** d x d row-major T (lower triangular; diagonal for numbers and vectors). */
  transform: Float64Array;
  /** d x d row-major L with H = L L^T (lower triangular): maps kernel draws to data space. */
  factor: Float64Array;
  /** log sqrt(det H): the normaliser's volume term. */
  logDetSqrt: number;
}

export function scalarBandwidth(h: number, d: number): Bandwidth {
  return diagonalBandwidth(new Float64Array(d).fill(h));
}

export function diagonalBandwidth(h: Float64Array): Bandwidth {
  const d = h.length;
  const matrix = new Float64Array(d * d), transform = new Float64Array(d * d), factor = new Float64Array(d * d);
  let logDetSqrt = 0;
  for (let k = 0; k < d; k++) {
    matrix[k * d + k] = h[k] * h[k];
    transform[k * d + k] = 1 / h[k];
    factor[k * d + k] = h[k];
    logDetSqrt += detLog(h[k]);
  }
  return { d, matrix, transform, factor, logDetSqrt };
}

/** From a symmetric positive definite H; `what` names it in the error when H is singular. */
export function matrixBandwidth(H: Float64Array, d: number, what: string): Bandwidth {
  let L: Float64Array;
  try {
    L = cholesky({ data: H, rows: d, cols: d }).data;
  } catch (err) {
    if (err instanceof SimdnumError && err.code === 'NOT_POSITIVE_DEFINITE') {
      fail('SINGULAR_COVARIANCE', `${what} is singular (the samples lie on a lower-dimensional subspace, or a coordinate is constant): use a numeric or per-dimension bandwidth, or project the data first (e.g. PCA onto the non-degenerate directions)`);
    }
    throw err;
  }
  // T = L^-1, one column at a time: L t_j = e_j
  const transform = new Float64Array(d * d);
  const e = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    e.fill(0);
    e[j] = 1;
    const col = solveTriangular({ data: L, rows: d, cols: d }, e, { lower: true });
    for (let i = 0; i < d; i++) transform[i * d + j] = col[i];
  }
  let logDetSqrt = 0;
  for (let k = 0; k < d; k++) logDetSqrt += detLog(L[k * d + k]);
  return { d, matrix: Float64Array.from(H), transform, factor: L, logDetSqrt };
}

/** The same bandwidth scaled by c (H -> c^2 H). */
export function scaleBandwidth(b: Bandwidth, c: number): Bandwidth {
  return {
    d: b.d,
    matrix: b.matrix.map((v) => v * c * c),
    transform: b.transform.map((v) => v / c),
    factor: b.factor.map((v) => v * c),
    logDetSqrt: b.logDetSqrt + b.d * detLog(c),
  };
}

/**
 * u = T (x - origin) for every row of X (n x d row-major), in wasm memory: X is copied in, the
 * rows are mapped by assembly/kde/layout.ts kde_unit_f64, and the n x d result's address is
 * returned (released with the caller's withEngine call). Samples and queries share the origin
 * of the fit (sampleOrigin), so differences of unit coordinates are those of the data. O(n d^2 / 2).
 */
export function unitCoordinatesIn({ arena, kernels }: Engine, b: Bandwidth, origin: Float64Array, X: ArrayLike<number>, n: number): number {
  const x = arena.putF64(X), T = arena.putF64(b.transform), o = arena.putF64(origin), out = arena.allocF64(n * b.d);
  kernels.kde_unit_f64(x, n, b.d, T, o, out);
  return out;
}

/** unitCoordinatesIn, copied out. */
export function toUnitCoordinates(b: Bandwidth, origin: Float64Array, X: ArrayLike<number>, n: number): Float64Array {
  return withEngine((e) => e.arena.takeF64(unitCoordinatesIn(e, b, origin, X, n), n * b.d));
}

/**
 * The midrange of every coordinate of X (n x d): the origin of the unit coordinates. Data far
 * from 0 (e.g. around 1e8 with a bandwidth of 0.5) would otherwise be stored as large unit
 * coordinates whose float32 rounding (or float64 cancellation) exceeds the bandwidth. lo/2 + hi/2
 * cannot overflow. O(n d).
 */
export function sampleOrigin(X: ArrayLike<number>, n: number, d: number): Float64Array {
  const origin = new Float64Array(d);
  for (let k = 0; k < d; k++) {
    let lo = Infinity, hi = -Infinity;
    for (let i = 0; i < n; i++) {
      lo = Math.min(lo, X[i * d + k]);
      hi = Math.max(hi, X[i * d + k]);
    }
    origin[k] = lo / 2 + hi / 2;
  }
  return origin;
}
