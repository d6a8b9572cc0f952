/**
 * Cost checks in one wasm pass (min, max, sum): finite, non-negative and at most MAX_COST, with
 * the offending entry located only when a check fails. The statistics set the default epsilon
 * (0.05 * mean cost) and the epsilon-scaling start (max - min). A cost matrix whose zero-weight
 * rows (columns) are dropped, or which is rounded to float32, is checked first as given
 * (checkCostMatrix): the wasm pass sees only the reduced, rounded costs.
 */

import { fail } from '../engine/errors.js';
import type { Workspace } from './workspace.js';

/**
 * Largest cost accepted: potentials reach max(C), and the kernels form f + g - C and sums of
 * costs, so 1e300 leaves room below the float64 overflow (1.8e308).
 */
export const MAX_COST = 1e300;
/** Largest float32. */
const FLOAT32_MAX = 3.4028234663852886e38;

const tooLarge = (where: string, v: number) => `${where} is ${v}, above ${MAX_COST}: potentials and sums of costs overflow float64; rescale the costs (with epsilon: the plan depends only on C / epsilon)`;

/**
 * Checks a full row-major cost matrix (float64, before any row is dropped or any rounding):
 * the first non-finite entry, else the first negative one, else the first too large one, with
 * its indices in the matrix as given. O(n m).
 */
export function checkCostMatrix(data: Float64Array, cols: number, precision: 'float64' | 'float32'): void {
  const at = (k: number) => `cost[${Math.floor(k / cols)}][${k % cols}]`;
  let negative = -1, large = -1;
  const limit = precision === 'float32' ? FLOAT32_MAX : MAX_COST;
  for (let k = 0; k < data.length; k++) {
    const v = data[k];
    if (v >= 0 && v <= limit) continue;
    if (!Number.isFinite(v)) fail('NOT_FINITE', `${at(k)} is ${v}; costs must be finite`);
    if (v < 0) { if (negative < 0) negative = k; } else if (large < 0) large = k;
  }
  if (negative >= 0) fail('NEGATIVE_COST', `${at(negative)} is ${data[negative]}; costs must be >= 0 (adding a constant to all costs does not change the plan)`);
  if (large >= 0) {
    if (precision === 'float32') fail('INVALID_ARGUMENT', `${at(large)} is ${data[large]}, above the largest float32 (3.4e38); use precision 'float64' or rescale the costs (with epsilon)`);
    fail('INVALID_ARGUMENT', tooLarge(at(large), data[large]));
  }
}

export interface CostStats {
  min: number;
  max: number;
  mean: number;
}

export function checkCostStats(ws: Workspace): CostStats {
  const { arena, kernels } = ws.e;
  let out = ws.costStats;
  if (out === 0) {
    out = arena.allocF64(3);
    kernels.cost_stats_f64(ws.C, ws.c32 ? 1 : 0, ws.x, ws.yT, ws.d, ws.metric, ws.n, ws.m, out, ws.work);
  }
  const [min, max, sum] = arena.f64(out, 3);
  // the min and max lanes skip NaN, the sum does not. A sum that overflows to Infinity with
  // finite costs is no input error: the default epsilon is then infinite, which resolveEpsilon
  // rejects with its own message
  if (!Number.isFinite(min) || !Number.isFinite(max) || Number.isNaN(sum)) {
    if (ws.C !== 0 && ws.x === 0) {
      const C = ws.c32 ? arena.f32(ws.C, ws.n * ws.m) : arena.f64(ws.C, ws.n * ws.m);
      const k = C.findIndex((v) => !Number.isFinite(v));
      if (k >= 0) fail('NOT_FINITE', `cost[${Math.floor(k / ws.m)}][${k % ws.m}] is ${C[k]}; costs must be finite`);
    }
    fail('NOT_FINITE', `the costs are not finite (largest ${max}); check the points for huge values`);
  }
  if (min < 0) {
    const C = ws.c32 ? arena.f32(ws.C, ws.n * ws.m) : arena.f64(ws.C, ws.n * ws.m);
    const k = C.findIndex((v) => v < 0);
    fail('NEGATIVE_COST', `cost[${Math.floor(k / ws.m)}][${k % ws.m}] is ${C[k]}; costs must be >= 0 (adding a constant to all costs does not change the plan)`);
  }
  if (max > MAX_COST) {
    if (ws.C !== 0 && ws.x === 0) {
      const C = ws.c32 ? arena.f32(ws.C, ws.n * ws.m) : arena.f64(ws.C, ws.n * ws.m);
      const k = C.findIndex((v) => v > MAX_COST);
      fail('INVALID_ARGUMENT', tooLarge(`cost[${Math.floor(k / ws.m)}][${k % ws.m}]`, C[k]));
    }
    fail('INVALID_ARGUMENT', `the largest cost computed from the points is ${max}, above ${MAX_COST}: potentials and sums of costs overflow float64; rescale the points`);
  }
  ws.costMax = max;
  return { min, max, mean: sum / (ws.n * ws.m) };
}
