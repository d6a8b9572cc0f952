/**
 * A transport problem laid out in wasm memory: costs (stored, or points for on-the-fly costs),
 * weights, their logarithms, potentials, the parameter and status blocks, and scratch.
 * Everything lives in the arena of the current call.
 */

import type { Engine } from '../engine/instance.js';
import { METRIC_CODE } from '../linalg/distances.js';
import { PARAMS_LENGTH, STATUS_LENGTH } from './layout.js';
import type { TransportProblem } from './problem.js';

export interface Workspace {
  e: Engine;
  n: number;
  m: number;
  /** Stored n x m costs, or 0 when costs come from x, yT. */
  C: number;
  /** The float32 mode: C (when stored) holds float32 costs and the float32 kernels run. */
  c32: boolean;
  x: number;
  yT: number;
  d: number;
  metric: number;
  a: number;
  b: number;
  logA: number;
  logB: number;
  /** eps * log a, eps * log b for the current epsilon. */
  epsLogA: number;
  epsLogB: number;
  f: number;
  g: number;
  params: number;
  status: number;
  /** m float64: column sums carried between kernel calls. */
  s: number;
  /** n + 6m float64 of scratch. */
  work: number;
  /** [min, max, sum] of the costs when computed with them (float64 costs from points), else 0. */
  costStats: number;
  /** The largest cost once known (+inf before): with costs >= 0 it bounds the kernels' exponents. */
  costMax: number;
  /**
   * Set when the run ended in the scaling method (float64 or float32): its kernel and scalings
   * give the plan without exp; t holds the column sums sum_i u_i K_ij of the last pass (0: the
   * plan pass sums the columns itself).
   */
  scalingPlan?: { K: number; u: number; v: number; t: number };
}

/**
 * Copies the problem into the arena. Costs are stored when `storeCost` (else computed on the
 * fly), as float32 when `c32` (rounded from the float64 values).
 */
export function loadWorkspace(e: Engine, p: TransportProblem, storeCost: boolean, c32 = false): Workspace {
  const { arena, kernels } = e;
  const { n, m } = p;
  let C = 0, x = 0, yT = 0, d = 0, metric = 0, costStats = 0;
  if (p.cost.kind === 'matrix') C = c32 ? arena.putF32(p.cost.data) : arena.putF64(p.cost.data);
  else {
    d = p.cost.d;
    metric = METRIC_CODE[p.cost.metric];
    x = arena.putF64(p.cost.x);
    const y = arena.putF64(p.cost.y);
    yT = arena.allocF64(m * d);
    kernels.transpose_f64(y, m, d, yT);
    if (storeCost && c32) {
      C = arena.allocF32(n * m);
      const mark = arena.mark();
      const full = arena.allocF64(n * m);
      kernels.pairwise_f64(x, n, yT, m, d, metric, full);
      kernels.convert_f64_f32(full, C, n * m);
      arena.release(mark);
    } else if (storeCost) {
      C = arena.allocF64(n * m);
      costStats = arena.allocF64(3);
      const mark = arena.mark();
      kernels.pairwise_cost_stats_f64(x, n, yT, m, d, metric, C, costStats, arena.allocF64(8 * n));
      arena.release(mark);
    }
  }
  const a = arena.putF64(p.a), b = arena.putF64(p.b);
  const logA = arena.allocF64(n), logB = arena.allocF64(m);
  kernels.log_f64(a, logA, n);
  kernels.log_f64(b, logB, m);
  const ws: Workspace = {
    // distances are >= 0, so their computed maximum bounds the exponents before any check
    e, n, m, C, c32, x, yT, d, metric, a, b, logA, logB, costStats, costMax: costStats ? arena.f64(costStats, 3)[1] : Infinity,
    epsLogA: arena.allocF64(n), epsLogB: arena.allocF64(m),
    f: arena.allocF64(n), g: arena.allocF64(m),
    params: arena.allocF64(PARAMS_LENGTH), status: arena.allocF64(STATUS_LENGTH),
    s: arena.allocF64(m), work: arena.allocF64(n + 6 * m),
  };
  arena.f64(ws.f, n).fill(0);
  arena.f64(ws.g, m).fill(0);
  return ws;
}

/** Bytes of the n x m kernel the scaling method keeps next to the costs. */
export const scalingBytes = (n: number, m: number, c32 = false) => (c32 ? 4 : 8) * n * m + 16 * (n + m) + 64;
