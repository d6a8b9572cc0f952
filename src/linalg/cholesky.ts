/**
 * Cholesky factorisation and triangular solves (the dense building blocks of Gaussian kernels,
 * whitening and normal equations).
 */

import { withEngine } from '../engine/call.js';
import { fail } from '../engine/errors.js';
import { assertFinite, assertNonEmpty, optionKeys, optionsObject, toMatrix, toVector, type DenseMatrix, type Matrix, type Vector } from '../engine/inputs.js';

/**
 * Lower-triangular L with A = L L^T, for a symmetric positive definite A (only its lower
 * triangle is read). Throws NOT_POSITIVE_DEFINITE naming the failing column otherwise.
 *
 * Complexity O(n^3 / 3).
 * @example
 * cholesky([[4, 2], [2, 5]]).data // Float64Array [2, 0, 1, 2]
 */
export function cholesky(A: Matrix): DenseMatrix<Float64Array> {
  const M = toMatrix('A', A);
  const n = M.rows;
  assertNonEmpty('A', n);
  if (M.cols !== n) fail('SHAPE_MISMATCH', `A must be square, got ${M.rows} x ${M.cols}`);
  assertFinite('A', M.data, n);
  return withEngine(({ arena, kernels }) => {
    // The row-major data of A read as column-major is A^T, whose lower triangle is A's upper
    // one: transpose first so the kernel sees A's lower triangle.
    const src = arena.putF64(M.data), a = arena.allocF64(n * n);
    kernels.transpose_f64(src, n, n, a);
    const status = kernels.cholesky_f64(a, n, n);
    if (status !== 0) {
      fail('NOT_POSITIVE_DEFINITE', `A is not positive definite: the pivot of column ${status - 1} is not positive; for a covariance that may be singular, add a small multiple of the identity`);
    }
    const colMajor = arena.f64(a, n * n);
    const L = new Float64Array(n * n);
    for (let j = 0; j < n; j++) for (let i = j; i < n; i++) L[i * n + j] = colMajor[j * n + i];
    return { data: L, rows: n, cols: n };
  });
}

/** Options of {@link solveTriangular}. */
export interface TriangularOptions {
  /** T is lower triangular (default true); otherwise upper. Only that triangle is read. */
  lower?: boolean;
  /** Solve T^T x = b instead of T x = b (default false). */
  transpose?: boolean;
}

export const TRIANGULAR_KEYS = optionKeys<TriangularOptions>()('lower', 'transpose');

/**
 * Solves T x = b (or T^T x = b) for a triangular n x n matrix T by substitution.
 * Throws SINGULAR_MATRIX when a diagonal entry is zero.
 *
 * Complexity O(n^2).
 * @example
 * solveTriangular([[2, 0], [1, 1]], [2, 3]) // Float64Array [1, 2]
 */
export function solveTriangular(T: Matrix, b: Vector, options?: TriangularOptions): Float64Array {
  const M = toMatrix('T', T);
  const bv = toVector('b', b);
  const n = M.rows;
  if (M.cols !== n) fail('SHAPE_MISMATCH', `T must be square, got ${M.rows} x ${M.cols}`);
  if (bv.length !== n) fail('SHAPE_MISMATCH', `b must have ${n} entries (the size of T), got ${bv.length}`);
  assertFinite('T', M.data, n);
  assertFinite('b', bv);
  const { lower = true, transpose = false } = optionsObject('options', options, TRIANGULAR_KEYS);
  return withEngine(({ arena, kernels }) => {
    const src = arena.putF64(M.data), t = arena.allocF64(n * n), x = arena.putF64(bv);
    kernels.transpose_f64(src, n, n, t);
    const status = kernels.trsv_f64(t, n, n, lower ? 1 : 0, transpose ? 1 : 0, x);
    if (status !== 0) fail('SINGULAR_MATRIX', `T is singular: T[${status - 1}][${status - 1}] is 0`);
    return arena.takeF64(x, n);
  });
}
