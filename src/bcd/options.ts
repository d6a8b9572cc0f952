/**
 * Options shared by the penalised linear models (lasso, elasticNet, lassoPath, groupLasso),
 * checked once into plain settings. Defaults are scikit-learn's.
 */

import { fail } from '../engine/errors.js';
import { checkLongRunOptions, LONG_RUN_KEYS, type LongRunOptions } from '../engine/progress.js';
import { countOption, finiteNumber, oneOf, optionKeys, toVector, type Vector } from '../engine/inputs.js';
import type { Selection } from './enet-solver.js';

/** Options of {@link lasso} (and, with l1Ratio, {@link elasticNet}). */
export interface LassoOptions extends LongRunOptions {
  /** Penalty strength alpha >= 0. Default 1 (scikit-learn). */
  alpha?: number;
  /** Fit an unpenalised intercept (X and y centred first). Default true. */
  fitIntercept?: boolean;
  /** Stop when the duality gap is <= tol * |y - mean y|^2 / n (scikit-learn's rule). Default 1e-4. */
  tol?: number;
  /** Budget of coordinate-descent epochs (passes over the working set). Default 1000. */
  maxIter?: number;
  /** Constrain the coefficients to be >= 0. Default false. */
  positive?: boolean;
  /**
   * Order of coordinate updates inside the working set: 'cyclic' (default), 'random' (uniform
   * draws with replacement, seeded), or 'greedy' (Gauss-Southwell-r: the coordinate whose exact
   * update moves the fit most, on the working set's Gram matrix; Nutini et al. 2022).
   */
  selection?: Selection;
  /** Starting coefficients (length p), e.g. the solution at a nearby alpha. */
  warmStart?: Vector;
  /** Seed of 'random' selection. Default 0. */
  seed?: number;
}

export const LASSO_KEYS = optionKeys<LassoOptions>()('alpha', 'fitIntercept', 'tol', 'maxIter', 'positive', 'selection', 'warmStart', 'seed', ...LONG_RUN_KEYS);

/** Options of {@link elasticNet}. */
export interface ElasticNetOptions extends LassoOptions {
  /** Mix rho in [0, 1]: penalty alpha (rho |w|_1 + (1 - rho)/2 |w|^2). Default 0.5. */
  l1Ratio?: number;
}

export const ELASTIC_NET_KEYS = optionKeys<ElasticNetOptions>()(...LASSO_KEYS, 'l1Ratio');

export interface LinearSettings {
  alpha: number;
  l1Ratio: number;
  fitIntercept: boolean;
  tol: number;
  maxIter: number;
  positive: boolean;
  selection: Selection;
  warmStart: Float64Array | null;
  seed: number;
}

/** Checks the options of a linear model (l1Ratio fixed for lasso); `o` comes from optionsObject. */
export function linearSettings(o: Partial<ElasticNetOptions>, l1Ratio: number | undefined): LinearSettings {
  checkLongRunOptions(o);
  const rho = l1Ratio ?? finiteNumber('options.l1Ratio', o.l1Ratio, { fallback: 0.5, min: 0, max: 1 });
  const warm = o.warmStart === undefined ? null : Float64Array.from(toVector('options.warmStart', o.warmStart));
  if (o.fitIntercept !== undefined && typeof o.fitIntercept !== 'boolean') fail('INVALID_ARGUMENT', `options.fitIntercept must be a boolean, got ${String(o.fitIntercept)}`);
  if (o.positive !== undefined && typeof o.positive !== 'boolean') fail('INVALID_ARGUMENT', `options.positive must be a boolean, got ${String(o.positive)}`);
  return {
    alpha: finiteNumber('options.alpha', o.alpha, { fallback: 1, min: 0 }),
    l1Ratio: rho,
    fitIntercept: o.fitIntercept ?? true,
    tol: finiteNumber('options.tol', o.tol, { fallback: 1e-4, min: 0 }),
    maxIter: countOption('options.maxIter', o.maxIter, 1000, 1),
    positive: o.positive ?? false,
    selection: oneOf('options.selection', o.selection, ['cyclic', 'random', 'greedy'] as const, 'cyclic'),
    warmStart: warm,
    seed: countOption('options.seed', o.seed, 0),
  };
}
