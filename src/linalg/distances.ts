/**
 * Pairwise distances between two point sets, computed in wasm (blocked, vectorised along the
 * second set). Matches scipy.spatial.distance.cdist and POT ot.dist for the three metrics.
 */

import { withEngine } from '../engine/call.js';
import { fail } from '../engine/errors.js';
import { allFloat32, assertFinite, oneOf, optionKeys, optionsObject, toMatrix, type DenseMatrix, type Matrix } from '../engine/inputs.js';
import type { Engine } from '../engine/instance.js';

/** Supported metrics: squared Euclidean (POT's default), Euclidean, L1. */
export type Metric = 'sqeuclidean' | 'euclidean' | 'cityblock';

export const METRICS: readonly Metric[] = ['sqeuclidean', 'euclidean', 'cityblock'];

/** Kernel code of each metric (assembly/core/distances.ts). */
export const METRIC_CODE: Record<Metric, number> = { sqeuclidean: 0, euclidean: 1, cityblock: 2 };

/** Options of {@link pairwiseDistances}. */
export interface DistanceOptions {
  /** Default 'sqeuclidean'. */
  metric?: Metric;
}

export const DISTANCE_KEYS = optionKeys<DistanceOptions>()('metric');

/**
 * Fills `out` (n x m, at an arena address) with distances between the rows of x (n x d) and of
 * y (m x d), both already in the arena (float64 or float32 per `f32`). Reserves d*m scratch.
 */
export function distancesInto(e: Engine, x: number, n: number, y: number, m: number, d: number, metric: Metric, out: number, f32: boolean): void {
  const { arena, kernels } = e;
  if (f32) {
    const yT = arena.allocF32(m * d);
    kernels.transpose_f32(y, m, d, yT);
    kernels.pairwise_f32(x, n, yT, m, d, METRIC_CODE[metric], out);
  } else {
    const yT = arena.allocF64(m * d);
    kernels.transpose_f64(y, m, d, yT);
    kernels.pairwise_f64(x, n, yT, m, d, METRIC_CODE[metric], out);
  }
}

/**
 * Distance matrix `D[i][j] = dist(x_i, y_j)` between the rows of x (n x d) and y (m x d);
 * y defaults to x. Differences are formed exactly per coordinate (never through
 * |x|^2 + |y|^2 - 2<x, y>), so D >= 0 and D[i][i] = 0 for y = x. Float32 when both inputs are
 * float32.
 *
 * Complexity O(n m d) time, O(n m) memory for the result.
 * @example
 * pairwiseDistances([[0, 0], [1, 1]], [[1, 0]], { metric: 'euclidean' }).data // [1, 1]
 */
export function pairwiseDistances(x: Matrix, y?: Matrix, options?: DistanceOptions): DenseMatrix {
  const opts = optionsObject('options', options, DISTANCE_KEYS);
  const metric = oneOf('options.metric', opts.metric, METRICS, 'sqeuclidean');
  const X = toMatrix('x', x);
  const Y = y === undefined ? X : toMatrix('y', y);
  if (X.cols !== Y.cols) fail('SHAPE_MISMATCH', `x and y must have the same number of columns (dimension), got ${X.cols} and ${Y.cols}`);
  assertFinite('x', X.data, X.cols);
  if (Y !== X) assertFinite('y', Y.data, Y.cols);
  const f32 = allFloat32(X.data, Y.data);
  return withEngine((e) => {
    const { arena } = e;
    const n = X.rows, m = Y.rows, d = X.cols;
    if (f32) {
      const px = arena.putF32(X.data), py = arena.putF32(Y.data), out = arena.allocF32(n * m);
      distancesInto(e, px, n, py, m, d, metric, out, true);
      return { data: arena.takeF32(out, n * m), rows: n, cols: m };
    }
    const px = arena.putF64(X.data), py = arena.putF64(Y.data), out = arena.allocF64(n * m);
    distancesInto(e, px, n, py, m, d, metric, out, false);
    return { data: arena.takeF64(out, n * m), rows: n, cols: m };
  });
}
