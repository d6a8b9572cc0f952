/**
 * Options of the Sinkhorn family and their defaults, checked once into plain settings.
 */

import { describe, fail } from '../engine/errors.js';
import { checkLongRunOptions, LONG_RUN_KEYS, type LongRunOptions } from '../engine/progress.js';
import { countOption, finiteNumber, oneOf, optionKeys, optionsObject } from '../engine/inputs.js';

export type SinkhornMethod = 'auto' | 'scaling' | 'log' | 'sns';
export const METHODS: readonly SinkhornMethod[] = ['auto', 'scaling', 'log', 'sns'];

/** KL marginal penalties (Chizat et al. 2018). */
export interface UnbalancedOptions {
  /**
   * Strength rho_a of the penalty rho_a KL(P 1 | a): POT's `reg_m` (not OTT's tau in (0, 1],
   * despite the name). Infinity (default) keeps that marginal exact (semi-relaxed transport).
   */
  tauA?: number;
  /** Strength rho_b of rho_b KL(P^T 1 | b), as tauA. */
  tauB?: number;
  /**
   * Entropy reference: 'kl' (default) regularises with eps KL(P | a b^T), as POT >= 0.9.5
   * (reg_type='kl'), ot.solve and GeomLoss; 'entropy' with eps sum P (log P - 1), as POT 0.8
   * ot.unbalanced.sinkhorn_unbalanced and OTT. The two give different plans when unbalanced.
   */
  reference?: 'kl' | 'entropy';
}

export const UNBALANCED_KEYS = optionKeys<UnbalancedOptions>()('tauA', 'tauB', 'reference');

/** Options of sinkhorn, sinkhornPoints and sinkhornDivergence. */
export interface SinkhornOptions extends LongRunOptions {
  /**
   * Absolute entropic regularisation (POT's `reg`). Default 0.05 * mean cost, or 1 when every
   * cost is 0 (then any epsilon gives the plan a b^T / mass). Must lie in [1e-300, 1e300] with
   * max(C) / epsilon <= 1e300 (float32: epsilon >= 1e-30, max(C) / epsilon <= 1e30): see
   * src/ot/epsilon.ts.
   */
  epsilon?: number;
  /** Default 'auto' (see README: chosen from epsilon, the cost range, tol and memory). */
  method?: SinkhornMethod;
  /** Stop when the L1 marginal violation is <= tol. Default 1e-9. */
  tol?: number;
  /** Iteration cap (all epsilon stages together). Default 10,000; reaching it returns converged: false. */
  maxIter?: number;
  /**
   * true: start at epsilon0 = max C - min C and halve it every 2 iterations down to epsilon, then
   * iterate to tol there; an array: these epsilons (decreasing), 2 iterations each, first.
   */
  epsilonScaling?: boolean | number[];
  /** Unbalanced transport with KL marginal penalties. */
  unbalanced?: UnbalancedOptions;
  /** Return the n x m plan (default true); cost, objective and potentials come either way. */
  returnPlan?: boolean;
  /** 'float32' stores costs and kernels in float32 (half the memory, twice the lanes). Default 'float64'. */
  precision?: 'float64' | 'float32';
  /**
   * Over-relaxed Sinkhorn for balanced problems: each update moves the potentials by omega
   * times the Sinkhorn step. true: omega chosen from the measured convergence rate; a number in
   * [1, 2): that omega; false: plain Sinkhorn (iteration counts as POT). Same fixed point, same
   * plan. Default: true with method 'auto', false with an explicit method.
   */
  overRelaxation?: boolean | number;
}

export const SINKHORN_KEYS = optionKeys<SinkhornOptions>()(
  'epsilon', 'method', 'tol', 'maxIter', 'epsilonScaling', 'unbalanced', 'returnPlan', 'precision', 'overRelaxation', ...LONG_RUN_KEYS);

export interface SinkhornSettings {
  epsilon: number | undefined;
  method: SinkhornMethod;
  tol: number;
  maxIter: number;
  schedule: 'geometric' | number[] | null;
  rhoA: number;
  rhoB: number;
  reference: 'kl' | 'entropy';
  returnPlan: boolean;
  precision: 'float64' | 'float32';
  /** 0: plain; 'adaptive'; or a fixed omega in (1, 2). */
  overRelaxation: 0 | 'adaptive' | number;
  onProgress: LongRunOptions['onProgress'];
  signal: AbortSignal | undefined;
}

function flag(name: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') fail('INVALID_ARGUMENT', `${name} must be a boolean, got ${describe(value)}`);
  return value;
}

function rho(name: string, value: unknown): number {
  if (value === undefined || value === Infinity) return Infinity;
  return finiteNumber(name, value, { min: 0, exclusiveMin: true });
}

/**
 * Checks options and fills defaults. `o` comes from optionsObject with the caller's keys
 * (SINKHORN_KEYS, or a superset of them for the point-cloud functions).
 */
export function sinkhornSettings(o: Partial<SinkhornOptions>): SinkhornSettings {
  checkLongRunOptions(o);
  const epsilon = o.epsilon === undefined ? undefined : finiteNumber('options.epsilon', o.epsilon, { min: 0, exclusiveMin: true });
  let schedule: SinkhornSettings['schedule'] = null;
  if (o.epsilonScaling === true) schedule = 'geometric';
  else if (Array.isArray(o.epsilonScaling)) {
    schedule = o.epsilonScaling.map((v, i) => finiteNumber(`options.epsilonScaling[${i}]`, v, { min: 0, exclusiveMin: true }));
  } else if (o.epsilonScaling !== undefined && o.epsilonScaling !== false) {
    fail('INVALID_ARGUMENT', `options.epsilonScaling must be a boolean or an array of epsilons, got ${describe(o.epsilonScaling)}`);
  }
  const u = o.unbalanced === undefined ? undefined : optionsObject('options.unbalanced', o.unbalanced, UNBALANCED_KEYS);
  const precision = oneOf('options.precision', o.precision, ['float64', 'float32'] as const, 'float64');
  const method = oneOf('options.method', o.method, METHODS, 'auto');
  let overRelaxation: SinkhornSettings['overRelaxation'] = method === 'auto' ? 'adaptive' : 0;
  if (typeof o.overRelaxation === 'number') {
    const omega = finiteNumber('options.overRelaxation', o.overRelaxation, { min: 1, max: 1.99 });
    overRelaxation = omega === 1 ? 0 : omega;
  } else if (o.overRelaxation !== undefined) {
    overRelaxation = flag('options.overRelaxation', o.overRelaxation, false) ? 'adaptive' : 0;
  }
  return {
    epsilon,
    method,
    tol: finiteNumber('options.tol', o.tol, { fallback: 1e-9, min: 0 }),
    maxIter: countOption('options.maxIter', o.maxIter, 10_000, 1),
    schedule,
    rhoA: rho('options.unbalanced.tauA', u?.tauA),
    rhoB: rho('options.unbalanced.tauB', u?.tauB),
    reference: oneOf('options.unbalanced.reference', u?.reference, ['kl', 'entropy'] as const, 'kl'),
    returnPlan: flag('options.returnPlan', o.returnPlan, true),
    precision,
    overRelaxation,
    onProgress: o.onProgress,
    signal: o.signal,
  };
}

/** True when both marginals are exact constraints. */
export const isBalanced = (s: SinkhornSettings) => s.rhoA === Infinity && s.rhoB === Infinity;
