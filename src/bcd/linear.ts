/**
 * Lasso and ElasticNet: scikit-learn's objectives solved by working-set coordinate descent in
 * wasm (see enet-solver.ts), with the duality gap as the stopping certificate.
 */

import { withEngine } from '../engine/call.js';
import { fail } from '../engine/errors.js';
import { optionsObject, type Matrix, type Vector } from '../engine/inputs.js';
import { throwIfAborted, type LongRunOptions } from '../engine/progress.js';
import { buildDesign, linearPredict, type Design } from './design.js';
import { loadDesign, solveEnet, type EnetSettings, type EnetSolution } from './enet-solver.js';
import { ELASTIC_NET_KEYS, LASSO_KEYS, linearSettings, type ElasticNetOptions, type LassoOptions, type LinearSettings } from './options.js';

/** A fitted penalised linear model. */
export interface LinearFit {
  /** Coefficients w (length p). */
  coef: Float64Array;
  /** b = mean(y) - mean(X) . w (0 without an intercept). */
  intercept: number;
  /** Duality gap at the solution in scikit-learn's scaling (its `dual_gap_`). */
  dualGap: number;
  /** Coordinate-descent epochs run (passes over the working set). */
  iterations: number;
  /** Whether dualGap <= tol * |y - mean y|^2 / n was reached within maxIter. */
  converged: boolean;
  /** X w + b for new rows. */
  predict(X: Matrix): Float64Array;
}

/**
 * The solver's settings at one alpha: the kernels' unscaled penalties a = alpha rho n,
 * b = alpha (1 - rho) n, and the user's options.
 */
export function enetSettings(s: LinearSettings, alpha: number, n: number, label: string, long: LongRunOptions): EnetSettings {
  const a = alpha * s.l1Ratio * n, b = alpha * (1 - s.l1Ratio) * n;
  if (!Number.isFinite(a) || !Number.isFinite(b)) fail('INVALID_ARGUMENT', `options.alpha = ${alpha} is too large: alpha times the number of rows overflows float64`);
  return { a, b, positive: s.positive, tol: s.tol, maxIter: s.maxIter, selection: s.selection, seed: s.seed, label, onProgress: long.onProgress, signal: long.signal };
}

/** Checks a warm start against the design; zero columns start (and stay) at 0. */
export function startingPoint(d: Design, warm: Float64Array | null, positive: boolean): Float64Array {
  const w = new Float64Array(d.p);
  if (!warm) return w;
  if (warm.length !== d.p) fail('SHAPE_MISMATCH', `options.warmStart must have one entry per column of X (${d.p}), got ${warm.length}`);
  for (let j = 0; j < d.p; j++) {
    const v = warm[j];
    if (!Number.isFinite(v)) fail('NOT_FINITE', `options.warmStart[${j}] is ${v}`);
    w[j] = d.norms2[j] === 0 || (positive && v < 0) ? 0 : v;
  }
  return w;
}

/** b = mean(y) - mean(X) . w with an intercept, else 0. O(p). */
export function interceptOf(d: Design, w: Float64Array): number {
  if (!d.fitIntercept) return 0;
  let b = d.yMean;
  for (let j = 0; j < d.p; j++) b -= d.xMean[j] * w[j];
  return b;
}

/** The public result from a solution of the centred problem. */
export function linearFit(d: Design, sol: EnetSolution): LinearFit {
  const coef = sol.w, intercept = interceptOf(d, coef);
  return {
    coef, intercept, dualGap: sol.gap / d.n, iterations: sol.epochs, converged: sol.converged,
    predict: (X: Matrix) => linearPredict(X, coef, intercept),
  };
}

function fit(X: Matrix, y: Vector, s: LinearSettings, long: LongRunOptions, label: string): LinearFit {
  // at entry: the solver checks the signal only after its first gap check, and returns from
  // that check when the start already meets tol (alpha >= alpha_max, a converged warm start)
  throwIfAborted(long.signal, label, 0);
  return withEngine((e) => {
    const d = buildDesign(e, X, y, s.fitIntercept);
    const L = loadDesign(e, d);
    e.arena.f64(L.w, d.p).set(startingPoint(d, s.warmStart, s.positive));
    return linearFit(d, solveEnet(e, L, enetSettings(s, s.alpha, d.n, label, long)));
  });
}

/**
 * Lasso: minimises scikit-learn's objective
 *   (1/(2n)) |y - X w - b|^2 + alpha |w|_1
 * (b unpenalised, X and y centred when fitIntercept). Working sets picked by KKT violation,
 * cyclic coordinate descent with Anderson extrapolation inside them, stopped by the duality gap.
 *
 * Complexity: O(n p) per outer iteration (one X^T R) plus O(n |ws|) per epoch.
 * @example
 * const fit = lasso([[1, 0], [0, 1], [1, 1], [2, 1]], [1, 0, 1, 2], { alpha: 0.1 });
 * fit.coef; // the second feature is dropped
 */
export function lasso(X: Matrix, y: Vector, options?: LassoOptions): LinearFit {
  const o = optionsObject('options', withoutL1Ratio(options), LASSO_KEYS);
  return fit(X, y, linearSettings(o, 1), o, 'lasso');
}

/**
 * lasso's options without l1Ratio. A value gets its own message (lasso is elasticNet at
 * l1Ratio 1); undefined means the default like any option (optionsObject's rule), here 1, so
 * the key is dropped before optionsObject would refuse it as unknown.
 */
function withoutL1Ratio(options: LassoOptions | undefined): LassoOptions | undefined {
  if (options === null || typeof options !== 'object') return options; // optionsObject names the error
  const { l1Ratio, ...rest } = options as ElasticNetOptions;
  if (l1Ratio !== undefined) fail('INVALID_ARGUMENT', 'options.l1Ratio is not an option of lasso (it is 1); use elasticNet');
  return Object.hasOwn(options, 'l1Ratio') ? rest : options;
}

/**
 * ElasticNet: minimises scikit-learn's objective
 *   (1/(2n)) |y - X w - b|^2 + alpha rho |w|_1 + (alpha (1 - rho) / 2) |w|^2,   rho = l1Ratio,
 * with the solver of {@link lasso}.
 *
 * Complexity: as lasso.
 * @example
 * const fit = elasticNet(X, y, { alpha: 0.01, l1Ratio: 0.5 });
 */
export function elasticNet(X: Matrix, y: Vector, options?: ElasticNetOptions): LinearFit {
  const o = optionsObject('options', options, ELASTIC_NET_KEYS);
  return fit(X, y, linearSettings(o, undefined), o, 'elasticNet');
}
