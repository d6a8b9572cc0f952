/**
 * Sinkhorn between two point clouds, costs computed inside wasm; matrix-free when the n x m
 * costs do not fit the memory limit (or on request).
 */

import { fail } from '../engine/errors.js';
import { asFloat64, assertFinite, oneOf, optionKeys, optionsObject, toMatrix, type DenseMatrix, type Matrix, type Vector } from '../engine/inputs.js';
import { engine } from '../engine/state.js';
import { checkWeights } from '../engine/weights.js';
import { METRICS, type Metric } from '../linalg/distances.js';
import { isBalanced, SINKHORN_KEYS, sinkhornSettings, type SinkhornOptions, type SinkhornSettings } from './options.js';
import { checkMassBalance, checkTotalMass, reduceProblem, uniformWeights, type TransportProblem } from './problem.js';
import type { SinkhornResult } from './result.js';
import { runSinkhorn } from './sinkhorn.js';
import { scalingBytes } from './workspace.js';

/** Options of {@link sinkhornPoints}. */
export interface SinkhornPointsOptions extends SinkhornOptions {
  /** Weights of the points of x (default uniform 1/n). */
  a?: Vector;
  /** Weights of the points of y (default uniform 1/m). */
  b?: Vector;
  /** Ground cost (default 'sqeuclidean', |x - y|^2, as POT ot.dist). */
  metric?: Metric;
  /**
   * Never store the n x m costs: recompute cost rows on the fly every pass (memory O((n + m) d)).
   * Default: only when the costs do not fit the memory limit.
   */
  online?: boolean;
}

/** The keys of sinkhornPoints and sinkhornDivergence. */
export const SINKHORN_POINTS_KEYS = optionKeys<SinkhornPointsOptions>()(...SINKHORN_KEYS, 'a', 'b', 'metric', 'online');

/** Two point sets of the same dimension, finite. */
export function checkPointSets(x: Matrix, y: Matrix): [DenseMatrix, DenseMatrix] {
  const X = toMatrix('x', x), Y = toMatrix('y', y);
  if (X.rows === 0 || Y.rows === 0) fail('EMPTY_INPUT', `x and y must contain points, got ${X.rows} and ${Y.rows}`);
  if (X.cols !== Y.cols) fail('SHAPE_MISMATCH', `x and y must have the same dimension (columns), got ${X.cols} and ${Y.cols}`);
  if (X.cols === 0) fail('EMPTY_INPUT', 'the points have dimension 0');
  assertFinite('x', X.data, X.cols);
  assertFinite('y', Y.data, Y.cols);
  return [X, Y];
}

/** Whether the n x m costs (plus the scaling kernel when the method may use it) fit in memory. */
export function costsFit(n: number, m: number, settings: SinkhornSettings, extraBytes = 0): boolean {
  const { arena } = engine();
  const c32 = settings.precision === 'float32';
  const kernel = settings.method === 'log' ? 0 : scalingBytes(n, m, c32);
  const stored = (c32 ? 4 : 8) * n * m;
  // float32 costs are rounded from a transient float64 matrix (freed before solving)
  const peak = Math.max(stored + kernel, c32 ? 12 * n * m : 0);
  return arena.mark() + peak + extraBytes + 64 * (n + m) * 8 <= arena.limit;
}

/** Builds the (reduced) problem for two point clouds. */
export function pointsProblem(X: DenseMatrix, Y: DenseMatrix, o: Partial<SinkhornPointsOptions>, settings: SinkhornSettings): TransportProblem {
  const a = o.a === undefined ? uniformWeights(X.rows) : checkWeights('options.a', o.a, X.rows, 'one per point of x');
  const b = o.b === undefined ? uniformWeights(Y.rows) : checkWeights('options.b', o.b, Y.rows, 'one per point of y');
  checkTotalMass('options.a', a);
  checkTotalMass('options.b', b);
  if (isBalanced(settings)) checkMassBalance(a, b);
  const metric = oneOf('options.metric', o.metric, METRICS, 'sqeuclidean');
  return reduceProblem(a, b, { kind: 'points', x: asFloat64(X.data), y: asFloat64(Y.data), d: X.cols, metric });
}

/**
 * Sinkhorn between the point clouds x (n x d) and y (m x d) with the cost computed in wasm
 * from the points (`metric`, default squared Euclidean). Same semantics and result as
 * {@link sinkhorn} on `pairwiseDistances(x, y, { metric })`. When the n x m costs do not fit the
 * memory limit (or `online: true`) it never stores them: every pass recomputes cost rows, so
 * memory stays O((n + m) d) and n = m = 50,000 runs within a 128 MB limit (the log method).
 *
 * Complexity O(n m d) per iteration.
 * @example
 * const r = sinkhornPoints([[0, 0], [1, 1]], [[0, 1], [1, 0]], { epsilon: 0.1 });
 */
export function sinkhornPoints(x: Matrix, y: Matrix, options?: SinkhornPointsOptions): SinkhornResult {
  const o = optionsObject('options', options, SINKHORN_POINTS_KEYS);
  const settings = sinkhornSettings(o);
  const [X, Y] = checkPointSets(x, y);
  const online = o.online === undefined ? false : o.online;
  if (typeof online !== 'boolean') fail('INVALID_ARGUMENT', `options.online must be a boolean, got ${typeof online}`);
  const p = pointsProblem(X, Y, o, settings);
  const store = !online && costsFit(p.n, p.m, settings);
  if (!store && settings.method === 'scaling') {
    fail('INVALID_ARGUMENT', `method 'scaling' keeps the ${p.n} x ${p.m} costs and kernel in memory, which ${online ? 'online: true forbids' : 'do not fit the memory limit'}; use method 'log' (or 'auto')`);
  }
  return runSinkhorn(p, store ? settings : { ...settings, method: settings.method === 'auto' ? 'log' : settings.method }, 'sinkhornPoints', store);
}
