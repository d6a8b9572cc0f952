/**
 * Multivariate polynomial regression (the polyreg model of Cheng, Khomtchouk, Matloff & Mohanty,
 * "Polynomial regression as an alternative to neural nets", 2018): all monomials of the features
 * up to a total degree, interactions capped, no powers of 0/1 columns, fitted by least squares
 * (optionally ridge) through streaming Householder QR on scaled columns.
 */

import { withEngine } from '../engine/call.js';
import { fail } from '../engine/errors.js';
import { assertFinite, finiteNumber, optionKeys, optionsObject, toMatrix, toVector, type Matrix, type Vector } from '../engine/inputs.js';
import { checkWeights } from '../engine/weights.js';
import { expand, powersOf, termsInOrder, type Term } from './features.js';
import { rSquared } from './inference.js';
import { ridgeRows, solveTriangular, splitFactor } from './triangular-ls.js';
import { checkLongRunOptions, chunkIterations, LONG_RUN_KEYS, throwIfAborted, type LongRunOptions } from '../engine/progress.js';

/** Options of {@link polyRegression}: onProgress reports rows folded in (error NaN), signal aborts between row chunks. */
export interface PolyRegressionOptions extends LongRunOptions {
  /** Largest total degree of a term (>= 0). */
  degree: number;
  /**
   * Largest total degree of a term involving two or more distinct features (x0 x1 has degree
   * 2, x0^2 x1 degree 3); single-feature powers go up to `degree`. Default: `degree`.
   */
  maxInteractionDegree?: number;
  /** Ridge penalty lambda >= 0 on every coefficient but the intercept. Default 0. */
  ridge?: number;
  /** Non-negative weights multiplying the residuals (as polyfit's). */
  weights?: Vector;
}

export const POLY_REGRESSION_KEYS = optionKeys<PolyRegressionOptions>()('degree', 'maxInteractionDegree', 'ridge', 'weights', ...LONG_RUN_KEYS);

/** A fitted polynomial regression. */
export interface PolyRegression {
  /** Predictions for new rows (same number of features). */
  predict(X: Matrix): Float64Array;
  /** Coefficients of the terms, intercept first, for the raw (unscaled) monomials. */
  coefficients: Float64Array;
  /** Exponent vector of each term (scikit-learn's powers_ layout); powers[0] is the intercept. */
  powers: number[][];
  /** Centred R^2 on the training data. */
  r2: number;
  /** Residual sum of squares (weighted). */
  rss: number;
  /** Numerical rank of the design. */
  rank: number;
  /** Which features were treated as 0/1 (no powers above 1). */
  binary: boolean[];
}

/** Checks options.degree (0..100) and options.maxInteractionDegree (>= 1, default degree). */
export function modelDegrees(o: { degree?: unknown; maxInteractionDegree?: unknown }): { degree: number; cap: number } {
  const degree = o.degree;
  if (typeof degree !== 'number' || !Number.isInteger(degree) || degree < 0 || degree > 100) fail('INVALID_ARGUMENT', `options.degree must be an integer in [0, 100], got ${String(degree)}`);
  const cap = o.maxInteractionDegree ?? degree;
  if (typeof cap !== 'number' || !Number.isInteger(cap) || cap < 1) fail('INVALID_ARGUMENT', `options.maxInteractionDegree must be an integer >= 1, got ${String(cap)}`);
  return { degree, cap };
}

/**
 * Per-feature scales (largest |value|, 1 for all-zero features) that bring every monomial to
 * O(1), and which features are 0/1 (polyreg: no powers above 1 for them). O(n p).
 */
export function featureScales(data: ArrayLike<number>, n: number, p: number): { scale: Float64Array; binary: boolean[] } {
  const scale = new Float64Array(p), binary = new Array<boolean>(p).fill(true);
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) {
    const v = data[i * p + j];
    scale[j] = Math.max(scale[j], Math.abs(v));
    if (v !== 0 && v !== 1) binary[j] = false;
  }
  for (let j = 0; j < p; j++) if (scale[j] === 0) scale[j] = 1;
  return { scale, binary };
}

/**
 * The scale of each monomial, prod_j scale_j^e_j, by repeated multiplication (Math.pow's last
 * bits differ between JavaScript engines). O(terms p degree).
 */
export function monomialScales(powers: number[][], scale: Float64Array): number[] {
  return powers.map((e) => e.reduce((s, k, j) => {
    for (let r = 0; r < k; r++) s *= scale[j];
    return s;
  }, 1));
}

/** Rows per QR block: a 64 x 286 block is 146 KB (L2). */
const BLOCK = 64;

/**
 * The terms of the model: total degree 1..degree in scikit-learn order, without powers above 1
 * of 0/1 features (x^2 = x for them) and without interactions of total degree above the cap.
 */
export function regressionTerms(p: number, degree: number, maxInteraction: number, binary: boolean[]): Term[] {
  return termsInOrder(p, 1, degree, false, (t) => {
    const e = powersOf(t, p);
    if (e.some((v, j) => binary[j] && v > 1)) return false;
    const distinct = e.filter((v) => v > 0).length;
    return distinct <= 1 || t.length <= maxInteraction;
  });
}

/**
 * Least-squares polynomial regression of y on the rows of X (n x p): y ~ sum_k c_k prod_j
 * x_j^e_kj over the terms of {@link regressionTerms}. Features are divided by their largest
 * |value| before the monomials are formed (so every column is O(1)), the design is folded into a
 * triangular factor 64 rows at a time by Householder reflections in wasm, and the coefficients
 * are mapped back to the raw monomials. Rank-deficient designs get the minimum-norm solution
 * in the column-scaled coefficients, and `rank` says so.
 *
 * Complexity O(n m^2 + m^3) for m terms (m = 176 for degree 3 on 10 features capped at 2).
 * @example
 * const model = polyRegression([[0, 1], [1, 0], [2, 1], [3, 0], [1, 1]], [1, 2, 9, 10, 3], { degree: 2 });
 * model.predict([[2, 0]]);
 */
export function polyRegression(X: Matrix, y: Vector, options: PolyRegressionOptions): PolyRegression {
  const o = optionsObject('options', options, POLY_REGRESSION_KEYS);
  checkLongRunOptions(o);
  // at entry too: inputs of one chunk never reach the check between chunks below
  throwIfAborted(o.signal, 'polyRegression', 0);
  const { degree, cap } = modelDegrees(o);
  const ridge = finiteNumber('options.ridge', o.ridge, { fallback: 0, min: 0 });
  const M = toMatrix('X', X);
  const ys = toVector('y', y);
  const { rows: n, cols: p } = M;
  if (n === 0) fail('EMPTY_INPUT', 'X has no rows');
  if (ys.length !== n) fail('SHAPE_MISMATCH', `y must have one entry per row of X (${n}), got ${ys.length}`);
  assertFinite('X', M.data, p);
  assertFinite('y', ys);
  const w = o.weights === undefined ? null : checkWeights('options.weights', o.weights, n, 'one per row of X');
  const { scale, binary } = featureScales(M.data, n, p);
  const terms = regressionTerms(p, degree, cap, binary);
  const m = terms.length + 1;
  const powers = [new Array<number>(p).fill(0), ...terms.map((t) => powersOf(t, p))];
  // scale of each column: prod_j scale_j^e_j
  const colScale = monomialScales(powers, scale);
  const { R, z, rss, tss } = withEngine(({ arena, kernels }) => {
    const Rp = arena.allocF64(m * (m + 1)), work = arena.allocF64(m + 9);
    const A = arena.allocF64(Math.max(BLOCK, m) * (m + 1));
    arena.f64(Rp, m * (m + 1)).fill(0);
    const scaled = new Float64Array(BLOCK * p);
    let total = 0;
    // progress and abort between chunks of about CHUNK_WORK multiply-adds (a block costs len m^2)
    const chunkRows = BLOCK * chunkIterations(BLOCK * m * m);
    for (let i0 = 0; i0 < n; i0 += BLOCK) {
      if (i0 > 0 && i0 % chunkRows === 0) {
        o.onProgress?.({ iteration: i0, error: NaN });
        throwIfAborted(o.signal, 'polyRegression', i0);
      }
      const len = Math.min(BLOCK, n - i0);
      for (let i = 0; i < len; i++) for (let j = 0; j < p; j++) scaled[i * p + j] = M.data[(i0 + i) * p + j] / scale[j];
      const rows = expand(scaled, len, p, terms, true);
      // transpose into the column-major block (right-hand side last), weighting rows
      const block = arena.f64(A, len * (m + 1));
      for (let i = 0; i < len; i++) {
        const wi = w ? w[i0 + i] : 1;
        block[m * len + i] = wi * ys[i0 + i];
        for (let k = 0; k < m; k++) block[k * len + i] = wi * rows[i * m + k];
      }
      total += kernels.qr_update_f64(Rp, m, A, len, work);
    }
    // ridge on the raw coefficients c_k = c~_k / colScale_k: rows sqrt(lambda) / colScale_k
    if (ridge > 0 && m > 1) kernels.qr_update_f64(Rp, m, arena.putF64(ridgeRows(m, ridge, (k) => colScale[k])), m - 1, work);
    o.onProgress?.({ iteration: n, error: NaN });
    const tss = kernels.poly_tss_f64(arena.putF64(ys), w ? arena.putF64(w) : 0, n);
    return { ...splitFactor(arena.takeF64(Rp, m * (m + 1)), m), rss: total, tss };
  });
  const sol = solveTriangular(R, z, m, Math.max(n, m) * 2 ** -52);
  const coefficients = Float64Array.from(sol.coef, (c, k) => c / colScale[k]);
  const predict = (Xq: Matrix): Float64Array => {
    const Q = toMatrix('X', Xq);
    if (Q.cols !== p) fail('SHAPE_MISMATCH', `X must have ${p} columns (the training features), got ${Q.cols}`);
    assertFinite('X', Q.data, p);
    const scaledQ = Float64Array.from(Q.data, (v, k) => v / scale[k % p]);
    const rows = expand(scaledQ, Q.rows, p, terms, true);
    return Float64Array.from({ length: Q.rows }, (_, i) => {
      let s = 0;
      for (let k = 0; k < m; k++) s += rows[i * m + k] * sol.coef[k];
      return s;
    });
  };
  let ssr = rss + sol.residual;
  if (ridge > 0) {
    const fit = predict(M);
    ssr = 0;
    for (let i = 0; i < n; i++) ssr += ((w ? w[i] : 1) * (ys[i] - fit[i])) ** 2;
  }
  return { predict, coefficients, powers, r2: rSquared(tss, ssr), rss: ssr, rank: sol.rank, binary };
}
