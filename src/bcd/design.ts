/**
 * The design of a penalised linear model as the solvers use it: X column-major (what the
 * coordinate kernels stream), centred with y when an intercept is fitted (scikit-learn's
 * convention: the intercept is never penalised and never a coordinate; b = ybar - xbar . w).
 */

import { fail } from '../engine/errors.js';
import { assertFinite, toMatrix, toVector, type Matrix, type Vector } from '../engine/inputs.js';

export interface Design {
  n: number;
  p: number;
  /** n x p column-major, centred when fitIntercept. */
  X: Float64Array;
  /** Centred when fitIntercept. */
  y: Float64Array;
  /** Column means (zeros without an intercept) and the mean of y. */
  xMean: Float64Array;
  yMean: number;
  /** |X_j|^2 of the (centred) columns; 0 for constant columns, which the kernels skip. */
  norms2: Float64Array;
  fitIntercept: boolean;
}

/** Validates X (n x p) and y (n) and builds the design. O(n p). */
export function buildDesign(Xin: Matrix, yin: Vector, fitIntercept: boolean): Design {
  const M = toMatrix('X', Xin);
  const y0 = toVector('y', yin);
  const { rows: n, cols: p } = M;
  if (n === 0 || p === 0) fail('EMPTY_INPUT', `X must have at least one row and one column, got ${n} x ${p}`);
  if (y0.length !== n) fail('SHAPE_MISMATCH', `y must have one entry per row of X (${n}), got ${y0.length}`);
  assertFinite('X', M.data, p);
  assertFinite('y', y0);
  const X = new Float64Array(n * p), xMean = new Float64Array(p), norms2 = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    let m = 0;
    if (fitIntercept) {
      for (let i = 0; i < n; i++) m += M.data[i * p + j];
      m /= n;
    }
    xMean[j] = m;
    let s = 0;
    for (let i = 0; i < n; i++) {
      const v = M.data[i * p + j] - m;
      X[j * n + i] = v;
      s += v * v;
    }
    // a column constant up to rounding is constant: its centred values are noise, zeroed so
    // that no solver (and no gap) sees them
    norms2[j] = s > 1e-28 * n * (m * m + 1) ? s : 0;
    if (norms2[j] === 0) X.fill(0, j * n, (j + 1) * n);
  }
  let yMean = 0;
  if (fitIntercept) {
    for (let i = 0; i < n; i++) yMean += y0[i];
    yMean /= n;
  }
  const y = Float64Array.from(y0, (v) => v - yMean);
  return { n, p, X, y, xMean, yMean, norms2, fitIntercept };
}

/** X w + b for new rows (row-major input). O(q p). */
export function linearPredict(Xq: Matrix, coef: Float64Array, intercept: number): Float64Array {
  const Q = toMatrix('X', Xq);
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
