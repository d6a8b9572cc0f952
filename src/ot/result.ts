/**
 * The Sinkhorn result from the solved potentials: plan, transport cost, regularised objective
 * and the marginal error measured on the returned plan.
 */

import { fail } from '../engine/errors.js';
import type { SinkhornSettings } from './options.js';
import { expandPlan, expandPotential, total, type TransportProblem } from './problem.js';
import type { SolveOutcome, SolvedMethod } from './solver.js';
import type { Workspace } from './workspace.js';

/** What every Sinkhorn solver returns. */
export interface SinkhornResult {
  /** Row-major n x m plan, P_ij = exp((f_i + g_j - C_ij) / epsilon); absent with returnPlan: false. */
  plan?: Float64Array;
  /** Transport cost <P, C>. */
  cost: number;
  /**
   * Regularised objective at P: <P, C> + epsilon KL(P | a b^T) (reference 'entropy':
   * epsilon sum P (log P - 1)), plus rho_a KL(P 1 | a) + rho_b KL(P^T 1 | b) when unbalanced.
   */
  objective: number;
  /** Dual potentials (POT / OTT convention); -Infinity where a weight is 0. */
  f: Float64Array;
  g: Float64Array;
  iterations: number;
  /**
   * L1 violation of the optimality conditions on the marginals, measured on the returned plan:
   * balanced, ||P 1 - a||_1 + ||P^T 1 - b||_1; unbalanced, the same against the fixed-point
   * targets a exp(-(f - c eps log a)/rho_a) and b exp(-(g - c eps log b)/rho_b).
   */
  marginalError: number;
  /** marginalError <= tol was reached within maxIter. */
  converged: boolean;
  /** The method that ran (what 'auto' chose). */
  method: SolvedMethod;
  /** The epsilon used (the default is 0.05 * mean cost, or 1 when every cost is 0). */
  epsilon: number;
}

/** sum_i x_i log(x_i / w_i) - x_i + w_i with logs from wasm (deterministic across runtimes). */
function kl(x: Float64Array, logX: Float64Array, w: Float64Array, logW: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i] > 0 ? x[i] * (logX[i] - logW[i]) : 0) - x[i] + w[i];
  return s;
}

/** Runs the plan kernel and assembles the public result. */
export function buildResult(ws: Workspace, p: TransportProblem, settings: SinkhornSettings, epsilon: number, outcome: SolveOutcome): SinkhornResult {
  const { arena, kernels } = ws.e;
  const { n, m } = ws;
  const plan = settings.returnPlan ? arena.allocF64(n * m) : 0;
  const rows = arena.allocF64(n), cols = arena.allocF64(m), totals = arena.allocF64(2);
  const logRows = arena.allocF64(n), logCols = arena.allocF64(m);
  const targets = arena.allocF64(n + m);
  if (ws.scalingPlan) {
    const { K, u, v, t } = ws.scalingPlan;
    if (ws.c32) kernels.sinkhorn_plan_scaling_f32(ws.C, K, n, m, u, v, ws.f, ws.g, epsilon, plan, rows, cols, totals, ws.work);
    else kernels.sinkhorn_plan_scaling_f64(ws.C, K, n, m, u, v, t, ws.f, ws.g, epsilon, plan, rows, cols, totals);
  } else {
    kernels.sinkhorn_plan_f64(ws.C, ws.c32 ? 1 : 0, ws.x, ws.yT, ws.d, ws.metric, n, m, ws.f, ws.g, epsilon, plan, rows, cols, totals, ws.work);
  }
  kernels.log_f64(rows, logRows, n);
  kernels.log_f64(cols, logCols, m);
  const [cost, plogp] = arena.f64(totals, 2);
  const r = arena.takeF64(rows, n), c = arena.takeF64(cols, m);
  const lr = arena.takeF64(logRows, n), lc = arena.takeF64(logCols, m);
  const la = arena.takeF64(ws.logA, n), lb = arena.takeF64(ws.logB, m);
  const f = arena.takeF64(ws.f, n), g = arena.takeF64(ws.g, m);
  const a = p.a, b = p.b;
  const mass = total(r);

  // entropy term: KL(P | a b^T) = sum P log P - sum r log a - sum c log b - sum P + sum a sum b
  let entropy: number;
  if (settings.reference === 'kl' || (settings.rhoA === Infinity && settings.rhoB === Infinity)) {
    let ra = 0, cb = 0;
    for (let i = 0; i < n; i++) ra += r[i] * la[i];
    for (let j = 0; j < m; j++) cb += c[j] * lb[j];
    entropy = plogp - ra - cb - mass + total(a) * total(b);
  } else {
    entropy = plogp - mass;
  }
  let objective = cost + epsilon * entropy;
  if (settings.rhoA !== Infinity) objective += settings.rhoA * kl(r, lr, a, la);
  if (settings.rhoB !== Infinity) objective += settings.rhoB * kl(c, lc, b, lb);

  // with huge masses the true cost (mass x costs) or objective (epsilon x mass^2, the
  // sum a sum b term of the KL) is beyond float64: say so instead of returning Infinity
  if (!Number.isFinite(cost) || !Number.isFinite(objective)) {
    fail('INVALID_ARGUMENT', `the ${Number.isFinite(cost) ? 'objective' : 'transport cost'} overflows float64 (total masses ${total(a)} and ${total(b)}, largest cost ${ws.costMax}, epsilon ${epsilon}: the cost grows like mass x cost, the objective like epsilon x mass^2); normalise the weights (divide each by its sum) or rescale the costs`);
  }

  // marginal targets: the weights, or a exp(-(f - c2 eps log a)/rho) when penalised
  const tv = arena.f64(targets, n + m);
  const c2 = settings.reference === 'kl' ? 1 : 0;
  for (let i = 0; i < n; i++) tv[i] = settings.rhoA === Infinity ? 0 : -(f[i] - c2 * epsilon * la[i]) / settings.rhoA;
  for (let j = 0; j < m; j++) tv[n + j] = settings.rhoB === Infinity ? 0 : -(g[j] - c2 * epsilon * lb[j]) / settings.rhoB;
  kernels.exp_f64(targets, targets, n + m);
  const tgt = arena.f64(targets, n + m);
  let marginalError = 0;
  for (let i = 0; i < n; i++) marginalError += Math.abs(r[i] - a[i] * tgt[i]);
  for (let j = 0; j < m; j++) marginalError += Math.abs(c[j] - b[j] * tgt[n + j]);

  return {
    ...(plan ? { plan: expandPlan(arena.takeF64(plan, n * m), p) } : {}),
    cost,
    objective,
    f: expandPotential(f, p.keepA, p.nFull),
    g: expandPotential(g, p.keepB, p.mFull),
    iterations: outcome.iterations,
    marginalError,
    converged: outcome.converged && marginalError <= settings.tol,
    method: outcome.method,
    epsilon,
  };
}
