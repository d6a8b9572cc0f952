/**
 * The design of a penalised linear model as the solvers use it: X column-major (what the
 * coordinate kernels stream), centred with y when an intercept is fitted (scikit-learn's
 * convention: the intercept is never penalised and never a coordinate; b = ybar - xbar . w).
 */

import { fail } from '../engine/errors.js';
import type { Engine } from '../engine/instance.js';
import { putFinite } from '../engine/put-finite.js';
import { assertFinite, toMatrix, toVector, type DenseMatrix, type Matrix, type Vector } from '../engine/inputs.js';

export interface Design {
  n: number;
  p: number;
  /** Pointer to X in wasm memory: n x p column-major, centred when fitIntercept. */
  X: number;
  /** Centred when fitIntercept. */
  y: Float64Array;
  /** Column means (zeros without an intercept) and the mean of y. */
  xMean: Float64Array;
  yMean: number;
  /** |X_j|^2 of the (centred) columns; 0 for constant columns, which the kernels skip. */
  norms2: Float64Array;
  fitIntercept: boolean;
}

/** Validates the shapes of X (n x p) and y (n) and that y is finite (X is checked in wasm by columnMajor). O(n). */
export function checkDesign(Xin: Matrix, yin: Vector): { M: DenseMatrix; y: Float64Array | Float32Array } {
  const M = toMatrix('X', Xin);
  const y = toVector('y', yin);
  const { rows: n, cols: p } = M;
  if (n === 0 || p === 0) fail('EMPTY_INPUT', `X must have at least one row and one column, got ${n} x ${p}`);
  if (y.length !== n) fail('SHAPE_MISMATCH', `y must have one entry per row of X (${n}), got ${y.length}`);
  assertFinite('y', y);
  return { M, y };
}

/**
 * Copies a row-major matrix into wasm memory as n x `cols` column-major (cols >= p; the extra
 * columns are left for the caller), centred when asked. Returns the pointer, means and norms.
 * O(n p) in the column_major_f64 kernel.
 */
export function columnMajor(e: Engine, M: DenseMatrix, center: boolean, cols = M.cols): { X: number; means: Float64Array; norms2: Float64Array } {
  const { arena, kernels } = e;
  const { rows: n, cols: p } = M;
  const X = arena.allocF64(n * cols), means = arena.allocF64(p), norms2 = arena.allocF64(p);
  const inner = arena.mark();
  const src = putFinite(arena, kernels, 'X', M.data, p);
  kernels.column_major_f64(src, n, p, center ? 1 : 0, X, means, norms2);
  const out = { X, means: arena.takeF64(means, p), norms2: arena.takeF64(norms2, p) };
  arena.release(inner);
  // |X_j|^2 overflows float64 beyond ~1e154 per entry: every solver needs it
  const big = out.norms2.findIndex((v) => !Number.isFinite(v));
  if (big >= 0) fail('NOT_FINITE', `X is too large: the squared norm of column ${big} overflows float64; rescale X (e.g. divide by its largest value)`);
  return out;
}

/** Builds the design in wasm memory (for the duration of the caller's withEngine). O(n p). */
export function buildDesign(e: Engine, Xin: Matrix, yin: Vector, fitIntercept: boolean): Design {
  const { M, y: y0 } = checkDesign(Xin, yin);
  const { rows: n, cols: p } = M;
  const { X, means: xMean, norms2 } = columnMajor(e, M, fitIntercept);
  for (let j = 0; j < p; j++) {
    // A constant column centres to n copies of one rounding error of the mean (|err| <= n eps
    // |mean|), which no solver must see: zero it. The norm test only shortlists (any scale of
    // genuine data passes it); equal centred values decide.
    const m = xMean[j], bound = 4 * n * Number.EPSILON * Math.abs(m);
    if (norms2[j] <= n * bound * bound) {
      const col = e.arena.f64(X + 8 * j * n, n);
      if (col.every((v) => v === col[0])) {
        norms2[j] = 0;
        col.fill(0);
      }
    }
  }
  let yMean = 0;
  if (fitIntercept) {
    for (let i = 0; i < n; i++) yMean += y0[i];
    yMean /= n;
  }
  const y = Float64Array.from(y0, (v) => v - yMean);
  let y2 = 0;
  for (let i = 0; i < n; i++) y2 += y[i] * y[i];
  if (!Number.isFinite(y2)) fail('NOT_FINITE', 'y is too large: its squared norm overflows float64; rescale y');
  return { n, p, X, y, xMean, yMean, norms2, fitIntercept };
}

/** X w + b for new rows (row-major input). O(q p). */
export function linearPredict(Xq: Matrix, coef: Float64Array, intercept: number): Float64Array {
  const Q = toMatrix('X', Xq);
  if (Q.rows === 0) return new Float64Array(0);
  if (Q.cols !== coef.length) fail('SHAPE_MISMATCH', `X must have ${coef.length} columns (the training features), got ${Q.cols}`);
  assertFinite('X', Q.data, Q.cols);
  const out = new Float64Array(Q.rows);
  for (let i = 0; i < Q.rows; i++) {
    let s = intercept;
    for (let j = 0; j < Q.cols; j++) s += Q.data[i * Q.cols + j] * coef[j];
    out[i] = s;
  }
  return out;
}
