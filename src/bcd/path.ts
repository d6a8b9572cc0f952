/**
 * The regularisation path of the Lasso / ElasticNet (scikit-learn's lasso_path and enet_path):
 * solutions on a decreasing grid of alphas, each warm-started from the previous one, on one copy
 * of the design in wasm memory.
 */

import { withEngine } from '../engine/call.js';
import { fail } from '../engine/errors.js';
import { countOption, finiteNumber, optionKeys, optionsObject, toVector, type Matrix, type Vector } from '../engine/inputs.js';
import { LONG_RUN_KEYS, throwIfAborted } from '../engine/progress.js';
import type { Engine } from '../engine/instance.js';
import { buildDesign } from './design.js';
import { loadDesign, solveEnet, type LoadedDesign } from './enet-solver.js';
import { GRAM_MAX_P, loadGram, solveEnetGram } from './enet-gram.js';
import { enetSettings, interceptOf } from './linear.js';
import { linearSettings, type ElasticNetOptions } from './options.js';

/** Options of {@link lassoPath}. */
export interface LassoPathOptions extends Omit<ElasticNetOptions, 'alpha' | 'warmStart'> {
  /** The alphas to solve at (processed in the order given; decreasing is fastest). Default: the grid below. */
  alphas?: Vector;
  /** Length of the default grid. Default 100. */
  nAlphas?: number;
  /** The default grid ends at eps * alpha_max. Default 1e-3. */
  eps?: number;
  /** As elasticNet's, but defaulting to 1 (the Lasso). */
  l1Ratio?: number;
}

export const LASSO_PATH_KEYS = optionKeys<LassoPathOptions>()(
  'alphas', 'nAlphas', 'eps', 'l1Ratio', 'fitIntercept', 'tol', 'maxIter', 'positive', 'selection', 'seed', ...LONG_RUN_KEYS);

/** The solutions along the path. */
export interface LassoPath {
  alphas: Float64Array;
  /** nAlphas x p, row k the coefficients at alphas[k]. */
  coefs: Float64Array;
  intercepts: Float64Array;
  /** Duality gaps in scikit-learn's scaling. */
  dualGaps: Float64Array;
  /** Epochs per alpha. */
  iterations: Int32Array;
  /** Whether each alpha reached tol. */
  converged: boolean[];
}

/**
 * scikit-learn's default grid: nAlphas values log-spaced from alpha_max = max_j |X_j . y| / (n rho)
 * (the smallest alpha whose solution is 0) down to eps alpha_max. O(n p).
 */
export function defaultAlphas(e: Engine, L: LoadedDesign, rho: number, nAlphas: number, eps: number): Float64Array {
  const { n, p } = L.d;
  e.kernels.xt_r_f64(L.X, n, L.all, p, L.y, L.g, L.work);
  let top = 0;
  for (const v of e.arena.f64(L.g, p)) top = Math.max(top, Math.abs(v));
  const alphaMax = top / (n * rho);
  // scikit-learn: a zero alpha_max (y constant) gives a flat grid at float64 resolution
  if (alphaMax <= 1e-15) return new Float64Array(nAlphas).fill(1e-15);
  // eps^(k/(N-1)) through the wasm exp and log: Math.pow's last bits differ between engines
  const logEps = e.kernels.log_scalar(eps);
  return Float64Array.from({ length: nAlphas }, (_, k) => (k === 0 ? alphaMax : alphaMax * e.kernels.exp_scalar((logEps * k) / (nAlphas - 1))));
}

/**
 * The Lasso (or ElasticNet, with l1Ratio) at every alpha of a grid, warm-starting each solve
 * from the previous solution; onProgress reports after every alpha (`iteration` = alphas done,
 * `error` = its dual gap).
 *
 * Complexity: the sum of the solves; warm starts make each one a few outer iterations.
 * @example
 * const path = lassoPath(X, y, { nAlphas: 50 });
 * path.coefs.subarray(10 * p, 11 * p); // the coefficients at path.alphas[10]
 */
export function lassoPath(X: Matrix, y: Vector, options?: LassoPathOptions): LassoPath {
  const o = optionsObject('options', options, LASSO_PATH_KEYS);
  const s = linearSettings({ ...o, l1Ratio: o.l1Ratio ?? 1 }, undefined);
  const nAlphas = countOption('options.nAlphas', o.nAlphas, 100, 1);
  const eps = finiteNumber('options.eps', o.eps, { fallback: 1e-3, min: 0, exclusiveMin: true });
  let given: Float64Array | null = null;
  if (o.alphas !== undefined) {
    given = Float64Array.from(toVector('options.alphas', o.alphas));
    if (given.length === 0) fail('EMPTY_INPUT', 'options.alphas is empty');
    given.forEach((a, k) => {
      if (!(a >= 0) || !Number.isFinite(a)) fail('INVALID_ARGUMENT', `options.alphas[${k}] must be a finite number >= 0, got ${a}`);
    });
  } else if (s.l1Ratio === 0) fail('INVALID_ARGUMENT', 'options.l1Ratio = 0 has no alpha_max (the ridge solution is never 0): pass options.alphas');
  return withEngine((e) => {
    const d = buildDesign(e, X, y, s.fitIntercept);
    const L = loadDesign(e, d);
    const alphas = given ?? defaultAlphas(e, L, s.l1Ratio, nAlphas, eps);
    const K = alphas.length, p = d.p;
    const coefs = new Float64Array(K * p), intercepts = new Float64Array(K), dualGaps = new Float64Array(K);
    const iterations = new Int32Array(K), converged: boolean[] = [];
    e.arena.f64(L.w, p).fill(0);
    // n > p: covariance updates, Q = X^T X formed once for the whole path
    const gram = d.n > p && p <= GRAM_MAX_P && s.selection === 'cyclic' ? loadGram(e, L) : null;
    for (let k = 0; k < K; k++) {
      throwIfAborted(o.signal, 'lassoPath', k);
      // progress is reported per alpha below, not per outer iteration of each solve
      const settings = enetSettings(s, alphas[k], d.n, 'lassoPath', { signal: o.signal });
      const sol = gram ? solveEnetGram(e, L, gram, settings) : solveEnet(e, L, settings);
      coefs.set(sol.w, k * p);
      intercepts[k] = interceptOf(d, sol.w);
      dualGaps[k] = sol.gap / d.n;
      iterations[k] = sol.epochs;
      converged.push(sol.converged);
      o.onProgress?.({ iteration: k + 1, error: dualGaps[k] });
    }
    return { alphas, coefs, intercepts, dualGaps, iterations, converged };
  });
}
