/**
 * Linear least squares by Householder QR with column pivoting (the numerically stable route:
 * the normal equations square the condition number).
 */

import { withEngine } from '../engine/call.js';
import { fail } from '../engine/errors.js';
import { assertFinite, assertNonEmpty, finiteNumber, optionKeys, optionsObject, toMatrix, toVector, type Matrix, type Vector } from '../engine/inputs.js';

/** Options of {@link lstsq}. */
export interface LstsqOptions {
  /**
   * Relative tolerance for the rank: column k of the pivoted R counts when
   * |R_kk| > rcond * |R_00|. Default max(rows, cols) * 2^-52, as numpy.linalg.lstsq.
   */
  rcond?: number;
}

export const LSTSQ_KEYS = optionKeys<LstsqOptions>()('rcond');

/** Result of {@link lstsq}. */
export interface LstsqResult {
  /** The solution (length cols). */
  x: Float64Array;
  /** Numerical rank of A. */
  rank: number;
  /** ||A x - b||_2. */
  residualNorm: number;
  /** |R_00| / |R_{r-1,r-1}|: a cheap lower bound on the 2-norm condition number of A. */
  conditionEstimate: number;
}

/**
 * Minimises ||A x - b||_2 for A (rows x cols) by Householder QR with column pivoting.
 * For full column rank this is the unique least-squares solution. When A is rank deficient
 * (rank r < cols) it returns the basic solution: the r pivot columns are solved for and the
 * other entries are 0 (LAPACK xGELSY without the final orthogonal step, so not the
 * minimum-norm solution).
 *
 * Complexity O(rows cols^2).
 * @example
 * lstsq([[1, 0], [1, 1], [1, 2]], [1, 2, 3]).x // Float64Array [1, 1]
 */
export function lstsq(A: Matrix, b: Vector, options?: LstsqOptions): LstsqResult {
  const M = toMatrix('A', A);
  const bv = toVector('b', b);
  const { rows: m, cols: n } = M;
  assertNonEmpty('A', m * n);
  if (bv.length !== m) fail('SHAPE_MISMATCH', `b must have one entry per row of A (${m}), got ${bv.length}`);
  assertFinite('A', M.data, n);
  assertFinite('b', bv);
  const opts = optionsObject('options', options, LSTSQ_KEYS);
  const rcond = finiteNumber('options.rcond', opts.rcond, { fallback: Math.max(m, n) * 2 ** -52, min: 0 });
  return withEngine(({ arena, kernels }) => {
    const rowMajor = arena.putF64(M.data);
    const a = arena.allocF64(m * n); // column-major copy: the transpose of the row-major data
    kernels.transpose_f64(rowMajor, m, n, a);
    const k = Math.min(m, n);
    const tau = arena.allocF64(k), perm = arena.allocI32(n), rhs = arena.putF64(bv);
    kernels.qr_f64(a, m, n, tau, perm, 1);
    kernels.qr_apply_qt_f64(a, m, n, tau, rhs);
    const diag = (i: number) => Math.abs(arena.f64(a + 8 * (i * m + i), 1)[0]);
    const r0 = diag(0);
    let rank = 0;
    while (rank < k && diag(rank) > rcond * r0) rank++;
    const z = arena.allocF64(rank);
    arena.f64(z, rank).set(arena.f64(rhs, rank));
    if (rank > 0) kernels.trsv_f64(a, m, rank, 0, 0, z);
    const x = new Float64Array(n);
    const zv = arena.f64(z, rank), pv = arena.i32(perm, n);
    for (let i = 0; i < rank; i++) x[pv[i]] = zv[i];
    const tail = arena.f64(rhs, m).subarray(rank);
    let ss = 0;
    for (let i = 0; i < tail.length; i++) ss += tail[i] * tail[i];
    return { x, rank, residualNorm: Math.sqrt(ss), conditionEstimate: rank > 0 ? r0 / diag(rank - 1) : Infinity };
  });
}
