/**
 * 1-D polynomial least squares, stable at any degree and any x offset: x is mapped to
 * [-1, 1], the fit is made in the Chebyshev basis by streaming Householder QR (never the
 * normal equations, never raw powers) and evaluated by Clenshaw's recurrence.
 */

import { withEngine } from '../engine/call.js';
import { fail } from '../engine/errors.js';
import { finiteNumber, optionKeys, optionsObject, toVector, type Vector } from '../engine/inputs.js';
import { checkLongRunOptions, LONG_RUN_KEYS, throwIfAborted, type LongRunOptions } from '../engine/progress.js';
import { putFinite } from '../engine/put-finite.js';
import { checkWeights } from '../engine/weights.js';
import { momentsFactor } from './moments.js';
import { chebyshevToMonomialMatrix } from './basis.js';
import { domainMap, type DomainMap } from './domain.js';
import { congruence, criticalValue, intervalOf, quadraticForm, rSquared, type Interval } from './inference.js';
import { ridgeRows, singularValues, solveTriangular, splitFactor } from './triangular-ls.js';

/**
 * Options of {@link polyfit}: the fit is one wasm pass, so onProgress reports once at the end
 * (iteration = points, error NaN) and signal is checked on entry.
 */
export interface PolyfitOptions extends LongRunOptions {
  /**
   * Non-negative weights multiplying the residuals (numpy's `w`: 1/sigma for errors of standard
   * deviation sigma; statsmodels WLS weights are w^2). Zero weights drop their points.
   */
  weights?: Vector;
  /**
   * Ridge penalty lambda >= 0 on the Chebyshev coefficients c_1..c_degree (not c_0): minimises
   * sum (w_i r_i)^2 + lambda sum_{k>=1} c_k^2, solved as least squares on the design augmented by
   * sqrt(lambda) rows. Inference then uses (X^T W X + lambda D)^-1 (the ridge posterior).
   */
  ridge?: number;
}

export const POLYFIT_KEYS = optionKeys<PolyfitOptions>()('weights', 'ridge', ...LONG_RUN_KEYS);

/** A fitted polynomial (see {@link polyfit}). */
export interface PolynomialFit {
  degree: number;
  /** Monomial coefficients in the original x, ascending powers (ill-conditioned far from 0: prefer predict). */
  coefficients: Float64Array;
  /** The internal form: sum_k c_k T_k(t), t = off + scl x mapping domain onto [-1, 1]. */
  chebyshev: { coefficients: Float64Array; domain: [number, number] };
  /** Values at x (Clenshaw on the Chebyshev form). */
  predict(x: Vector): Float64Array;
  /** Centred (weighted) R^2. */
  r2: number;
  /** sqrt(SSR / (nobs - rank)); Infinity when no degree of freedom is left. */
  residualStdError: number;
  /** Standard errors of `coefficients` (statsmodels OLS bse on the design [1, x, ..., x^degree]). */
  stdErrors: Float64Array;
  /** Numerical rank of the design (degree + 1 unless fewer distinct x than coefficients). */
  rank: number;
  /** 2-norm condition number of the (weighted) Chebyshev design. */
  condition: number;
  /** Residual sum of squares sum (w_i (y_i - fit_i))^2, and the residual degrees of freedom. */
  rss: number;
  dfResid: number;
  /** Interval for the mean at x: fit -/+ t_{df} se(fit). Default level 0.95. */
  confidenceInterval(x: Vector, level?: number): Interval;
  /** Interval for a new observation at x (weight 1): fit -/+ t_{df} sqrt(se(fit)^2 + sigma^2). */
  predictionInterval(x: Vector, level?: number): Interval;
}

/** Rows per block of the streaming QR: A (B x p) stays in L1/L2. */
const BLOCK = 256;

/** Chebyshev rows T_0..T_{p-1} at t. */
function chebyshevRow(t: number, p: number): Float64Array {
  const r = new Float64Array(p);
  r[0] = 1;
  if (p > 1) r[1] = t;
  for (let k = 2; k < p; k++) r[k] = 2 * t * r[k - 1] - r[k - 2];
  return r;
}

/** Clenshaw values of the series c at the points x (through the wasm kernel). */
function evaluate(c: Float64Array, map: DomainMap, x: Vector): Float64Array {
  const v = toVector('x', x);
  return withEngine(({ arena, kernels }) => {
    const xp = putFinite(arena, kernels, 'x', v), cp = arena.putF64(c), out = arena.allocF64(v.length);
    kernels.poly_cheb_eval_f64(cp, c.length, map.off, map.scl, xp, v.length, out);
    return arena.takeF64(out, v.length);
  });
}

/**
 * Least-squares polynomial of the given degree through (x, y):
 * minimises sum_i (w_i (y_i - p(x_i)))^2 (+ ridge). Matches numpy `Polynomial.fit(x, y, degree,
 * w=weights)` and `Chebyshev.fit` (same domain map), with statsmodels OLS inference.
 *
 * Method: t = off + scl x maps [min x, max x] onto [-1, 1] (numpy's formula); the weighted
 * Chebyshev design is folded 256 rows at a time into a triangular factor by Householder
 * reflections in wasm (O(n p^2), memory O(p^2)); the small p x p problem is solved through an
 * SVD of the column-scaled factor, which also gives the rank (threshold n eps, numpy's rcond).
 * When there are fewer distinct x than coefficients the fit is rank deficient: `rank` says so
 * and the minimum-norm solution (in column-scaled Chebyshev coefficients) is returned.
 *
 * Complexity O(n degree^2 + degree^3).
 * @example
 * const fit = polyfit([0, 1, 2, 3], [1, 3, 7, 13], 2);
 * fit.coefficients // ~[1, 1, 1]: 1 + x + x^2
 * fit.predict([4]) // ~[21]
 */
export function polyfit(x: Vector, y: Vector, degree: number, options?: PolyfitOptions): PolynomialFit {
  const o = optionsObject('options', options, POLYFIT_KEYS);
  checkLongRunOptions(o);
  throwIfAborted(o.signal, 'polyfit', 0);
  if (typeof degree !== 'number' || !Number.isInteger(degree) || degree < 0) fail('INVALID_ARGUMENT', `degree must be an integer >= 0, got ${String(degree)}`);
  if (degree > 1000) fail('INVALID_ARGUMENT', `degree must be <= 1000, got ${degree}`);
  const xs = toVector('x', x), ys = toVector('y', y);
  if (xs.length !== ys.length) fail('SHAPE_MISMATCH', `x and y must have the same length, got ${xs.length} and ${ys.length}`);
  if (xs.length === 0) fail('EMPTY_INPUT', 'x is empty; at least one point is needed');
  const w = o.weights === undefined ? null : checkWeights('options.weights', o.weights, xs.length, 'one per point');
  const ridge = finiteNumber('options.ridge', o.ridge, { fallback: 0, min: 0 });
  const n = xs.length, p = degree + 1;
  let map: DomainMap = domainMap(0, 1);
  const { R, z, rss: qrRss, tss, fast } = withEngine((e) => {
    const { arena, kernels } = e;
    const xp = putFinite(arena, kernels, 'x', xs), yp = putFinite(arena, kernels, 'y', ys), wp = w ? arena.putF64(w) : 0;
    const range = arena.allocF64(2);
    kernels.min_max_f64(xp, n, range);
    map = domainMap(...(Array.from(arena.f64(range, 2)) as [number, number]));
    const tss = kernels.poly_tss_f64(yp, wp, n);
    // well-conditioned (the usual case): Chebyshev moments and Cholesky, O(n p); else the QR
    const m = n >= 2 * p ? momentsFactor(e, xp, yp, wp, n, map.off, map.scl, p, ridge, BLOCK) : null;
    if (m) {
      const solution = solveTriangular(m.R, m.z, p, n * 2 ** -52);
      // least squares: rss = y^T V y - |z|^2, accurate to eps y^T V y / rss relative; when that
      // ratio passes 1e3 (a close fit, or y far from 0) sum the residuals explicitly instead
      let zz = 0;
      for (const v of m.z) zz += v * v;
      let rss = m.yvy - zz;
      if (ridge > 0 || !(rss > 1e-3 * m.yvy)) {
        rss = kernels.poly_cheb_rss_f64(arena.putF64(solution.coef), p, map.off, map.scl, xp, yp, wp, n, arena.allocF64(BLOCK), BLOCK);
      }
      return { R: m.R, z: m.z, rss, tss, fast: { solution, sv: m.sv } };
    }
    const Rp = arena.allocF64(p * (p + 1)), work = arena.allocF64(p + 9);
    const A = arena.allocF64(Math.max(BLOCK, p) * (p + 1));
    let rss = kernels.poly_cheb_fit_f64(xp, yp, wp, n, map.off, map.scl, p, Rp, A, BLOCK, work);
    if (ridge > 0 && p > 1) rss += kernels.qr_update_f64(Rp, p, arena.putF64(ridgeRows(p, ridge, () => 1)), p - 1, work);
    return { ...splitFactor(arena.takeF64(Rp, p * (p + 1)), p), rss, tss, fast: null };
  });
  const sol = fast?.solution ?? solveTriangular(R, z, p, n * 2 ** -52);
  const c = sol.coef;
  let nobs = n;
  if (w) for (let i = 0; i < n; i++) if (w[i] === 0) nobs--;
  // the data part of the residual: explicit on the fast path, else the QR's own sum for least
  // squares and explicit with a ridge
  let rss = fast ? qrRss : qrRss + sol.residual;
  if (ridge > 0 && !fast) {
    const fit = evaluate(c, map, xs);
    rss = 0;
    for (let i = 0; i < n; i++) rss += ((w ? w[i] : 1) * (ys[i] - fit[i])) ** 2;
  }
  const dfResid = nobs - sol.rank;
  const sigma2 = dfResid > 0 ? rss / dfResid : Infinity;
  // with no residual degree of freedom sigma is unknown: unbounded errors and intervals
  const unbounded = !Number.isFinite(sigma2);
  const covCheb = sol.inverseGram.map((v) => (unbounded ? 0 : v * sigma2));
  const M = chebyshevToMonomialMatrix(p, map.off, map.scl);
  const coefficients = new Float64Array(p);
  for (let j = 0; j < p; j++) for (let k = 0; k < p; k++) coefficients[j] += M[j * p + k] * c[k];
  const covMono = congruence(M, covCheb, p);
  const sv = fast?.sv ?? singularValues(R, p);
  o.onProgress?.({ iteration: n, error: NaN });
  const interval = (xq: Vector, level: number | undefined, observation: boolean): Interval => {
    const tcrit = criticalValue(level, dfResid);
    const mean = evaluate(c, map, xq);
    const v = toVector('x', xq);
    const variance = Float64Array.from(v, (xi) => (unbounded ? Infinity : quadraticForm(covCheb, chebyshevRow(map.off + map.scl * xi, p), p) + (observation ? sigma2 : 0)));
    return intervalOf(mean, variance, tcrit);
  };
  return {
    degree,
    coefficients,
    chebyshev: { coefficients: c, domain: map.domain },
    predict: (xq) => evaluate(c, map, xq),
    r2: rSquared(tss, rss),
    residualStdError: Math.sqrt(sigma2),
    stdErrors: Float64Array.from({ length: p }, (_, j) => (unbounded ? Infinity : Math.sqrt(Math.max(0, covMono[j * p + j])))),
    rank: sol.rank,
    condition: sv[p - 1] > 0 ? sv[0] / sv[p - 1] : Infinity,
    rss,
    dfResid,
    confidenceInterval: (xq, level) => interval(xq, level, false),
    predictionInterval: (xq, level) => interval(xq, level, true),
  };
}
