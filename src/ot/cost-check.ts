/**
 * Cost checks in one wasm pass (min, max, sum): finite and non-negative, with the offending
 * entry located only when a check fails. The statistics set the default epsilon
 * (0.05 * mean cost) and the epsilon-scaling start (max - min).
 */

import { fail } from '../engine/errors.js';
import type { Workspace } from './workspace.js';

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
  if (!Number.isFinite(min) || !Number.isFinite(max) || !Number.isFinite(sum)) {
    if (ws.C !== 0) {
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
  ws.costMax = max;
  return { min, max, mean: sum / (ws.n * ws.m) };
}
