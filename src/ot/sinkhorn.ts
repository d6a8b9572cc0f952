/**
 * Entropic optimal transport between two discrete measures with a given cost matrix.
 */

import { withEngine } from '../engine/call.js';
import { asFloat64, optionsObject, toMatrix, type Matrix, type Vector } from '../engine/inputs.js';
import { checkWeights } from '../engine/weights.js';
import { checkCostMatrix, checkCostStats } from './cost-check.js';
import { resolveEpsilon } from './epsilon.js';
import { isBalanced, SINKHORN_KEYS, sinkhornSettings, type SinkhornOptions } from './options.js';
import { checkCostShape, checkMassBalance, checkTotalMass, reduceProblem, type TransportProblem } from './problem.js';
import { buildResult, type SinkhornResult } from './result.js';
import { solve } from './solver.js';
import { loadWorkspace } from './workspace.js';
import type { SinkhornSettings } from './options.js';

/** Solves a checked problem end to end inside one engine call. */
export function runSinkhorn(p: TransportProblem, settings: SinkhornSettings, label: string, storeCost: boolean): SinkhornResult {
  return withEngine((e) => {
    const ws = loadWorkspace(e, p, storeCost, settings.precision === 'float32');
    const stats = checkCostStats(ws);
    const epsilon = resolveEpsilon(settings, stats, p);
    const outcome = solve(ws, settings, epsilon, stats.max - stats.min, label);
    return buildResult(ws, p, settings, epsilon, outcome);
  });
}

/**
 * Entropic optimal transport (Sinkhorn): the plan P >= 0 with marginals a and b minimising
 * `<P, C> + epsilon KL(P | a b^T)`, with dual potentials f, g such that
 * `P_ij = exp((f_i + g_j - C_ij) / epsilon)`. For balanced problems the plan is that of POT
 * `ot.sinkhorn(a, b, C, reg=epsilon, method='sinkhorn_log')` run to convergence.
 * With `unbalanced`, the marginal constraints become KL penalties (POT
 * `ot.unbalanced.sinkhorn_unbalanced` with `reg_m`).
 *
 * Complexity O(n m) per iteration; iterations grow like (max C - min C) / epsilon (use
 * `epsilonScaling` for small epsilon). Memory: the costs, plus an n x m kernel for 'scaling'.
 * @example
 * const { plan, cost } = sinkhorn([0.5, 0.5], [0.5, 0.5], [[0, 1], [1, 0]], { epsilon: 0.1 });
 * // plan ≈ [0.4999, 0.0000227, 0.0000227, 0.4999], cost ≈ 4.5e-5
 */
export function sinkhorn(a: Vector, b: Vector, cost: Matrix, options?: SinkhornOptions): SinkhornResult {
  const settings = sinkhornSettings(optionsObject('options', options, SINKHORN_KEYS));
  const C = toMatrix('cost', cost);
  const wa = checkWeights('a', a, C.rows, 'one per row of cost');
  const wb = checkWeights('b', b, C.cols, 'one per column of cost');
  checkCostShape(C, wa.length, wb.length);
  checkTotalMass('a', wa);
  checkTotalMass('b', wb);
  if (isBalanced(settings)) checkMassBalance(wa, wb);
  const data = asFloat64(C.data);
  const problem = reduceProblem(wa, wb, { kind: 'matrix', data });
  // the wasm check sees the costs after zero-weight rows and columns are dropped and after
  // float32 rounding (-1e-50 becomes -0): check those cases on the matrix as given. Plain
  // float64 problems skip this O(n m) JavaScript pass (wasm checks the same matrix)
  if (problem.keepA || problem.keepB || settings.precision === 'float32') checkCostMatrix(data, C.cols, settings.precision);
  return runSinkhorn(problem, settings, 'sinkhorn', true);
}
