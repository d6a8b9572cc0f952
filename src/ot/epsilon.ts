/**
 * The epsilon of a Sinkhorn run: its default, and the range in which the kernels can compute
 * with it. The kernels divide potentials and costs by epsilon (float32 mode: in float32), and
 * the potentials reach the size of the largest cost and of epsilon log(weights), so epsilon and
 * max(C) / epsilon must keep those quotients and products finite with room to spare. Outside
 * that range the iterations used to produce NaN or infinite plans and objectives; now the call
 * fails with INVALID_ARGUMENT and says what to rescale.
 */

import { fail } from '../engine/errors.js';
import type { CostStats } from './cost-check.js';
import type { SinkhornSettings } from './options.js';
import type { TransportProblem } from './problem.js';

/**
 * Limits per precision. float64: 1/epsilon and max(C)/epsilon up to 1e300 leave a factor 1e8
 * below overflow for sums of a few such terms; epsilon up to 1e300 keeps epsilon log(w)
 * (|log w| <= 745 for any positive weight) finite. float32: the kernels form 1/epsilon and
 * (g - C)/epsilon in float32 (largest 3.4e38), so 1e30 for those; a large epsilon only makes
 * 1/epsilon subnormal or 0 in float32, an absolute exponent error of at most
 * 3.4e38 (largest float32 cost) x 1.4e-45 (subnormal spacing) = 5e-7, within float32 accuracy.
 */
export const EPSILON_LIMITS = {
  float64: { min: 1e-300, max: 1e300, ratio: 1e300 },
  float32: { min: 1e-30, max: 1e300, ratio: 1e30 },
} as const;

/** Default epsilon relative to the mean cost. */
const DEFAULT_FACTOR = 0.05;

/**
 * Epsilon when every cost is 0: then every plan costs 0 and the entropic plan is the
 * independent coupling a b^T / mass at any epsilon, so any value is right; 1 keeps the
 * potentials (eps log of the weights) on the scale of the log-weights.
 */
export const ZERO_COST_EPSILON = 1;

/**
 * Unbalanced penalties below this times epsilon are rejected: the row (column) targets
 * a exp(-(f - eps log a) / rho) divide a difference of potentials of size eps |log a| by rho,
 * so float64 rounding of the potentials (1e-16 relative) becomes a relative error of
 * 1e-16 eps |log a| / rho in the target. At rho = 1e-300 the penalty was lost entirely: the
 * solver stopped after 2 iterations with a marginal error of 0.9 it could not reduce. Measured
 * on a 2 x 2 problem at epsilon 1 (tol 1e-9): rho = 1e-7 eps converges, 1e-8 stalls at a
 * marginal error of 7e-9 (reported as not converged), 1e-10 at 5e-7, 1e-14 at 5e-3: below 1e-8
 * no tol of practical use is reachable.
 */
export const MIN_RHO_PER_EPSILON = 1e-8;

/** Whether the float64 costs behind a problem are all exactly 0 (identical points). */
function sourceCostsZero(p: TransportProblem): boolean {
  const c = p.cost;
  if (c.kind === 'matrix') return c.data.every((v) => v === 0);
  // every metric is 0 exactly when the two points coincide
  const first = c.x.subarray(0, c.d);
  const same = (z: Float64Array) => z.every((v, k) => v === first[k % c.d]);
  return same(c.x) && same(c.y);
}

/**
 * The epsilon of a run (options.epsilon, or 0.05 x mean cost, or ZERO_COST_EPSILON when every
 * cost is 0), checked against EPSILON_LIMITS together with the epsilon-scaling schedule and the
 * unbalanced penalties.
 */
export function resolveEpsilon(settings: SinkhornSettings, stats: CostStats, p: TransportProblem): number {
  const precision = settings.precision;
  const limits = EPSILON_LIMITS[precision];
  const given = settings.epsilon !== undefined;
  let epsilon: number;
  if (given) epsilon = settings.epsilon!;
  else if (stats.max === 0) {
    // costs that underflowed to 0 (points 1e-170 apart, float32 costs below 1e-45) are not
    // zero costs: their default epsilon would be as tiny, and the independent coupling wrong
    if (!sourceCostsZero(p)) {
      fail('INVALID_ARGUMENT', `every cost underflows to 0 in ${precision} although the costs (or points) differ, so the default epsilon (0.05 x mean cost) cannot be formed; rescale the costs or points (the plan at the default epsilon does not depend on their scale)${precision === 'float32' ? ", use precision 'float64'" : ''} or pass options.epsilon`);
    }
    epsilon = ZERO_COST_EPSILON;
  } else epsilon = DEFAULT_FACTOR * stats.mean;

  const name = given ? `options.epsilon = ${epsilon}` : `the default epsilon (0.05 x mean cost = ${epsilon})`;
  const advice = given
    ? 'rescale the costs and epsilon together (the plan depends only on C / epsilon)'
    : 'rescale the costs (the plan at the default epsilon does not depend on their scale) or pass options.epsilon';
  if (!(epsilon >= limits.min)) {
    fail('INVALID_ARGUMENT', `${name} is below ${limits.min}: 1 / epsilon and the exponents (f + g - C) / epsilon overflow ${precision}; ${advice}`);
  }
  if (!(epsilon <= limits.max)) {
    fail('INVALID_ARGUMENT', `${name} is above ${limits.max}: the potentials (epsilon x log of the weights) overflow ${precision}; ${advice}`);
  }
  if (!(stats.max / epsilon <= limits.ratio)) {
    fail('INVALID_ARGUMENT', `${name} is too small for the costs: max(C) / epsilon = ${stats.max / epsilon} is above ${limits.ratio}, and the potentials (up to max(C)) divided by epsilon overflow ${precision}; rescale the costs or raise epsilon`);
  }
  if (Array.isArray(settings.schedule)) {
    settings.schedule.forEach((v, i) => {
      if (v > limits.max) fail('INVALID_ARGUMENT', `options.epsilonScaling[${i}] is ${v}, above ${limits.max}: the potentials overflow ${precision}; start the schedule lower`);
    });
  }
  for (const [side, rho] of [['tauA', settings.rhoA], ['tauB', settings.rhoB]] as const) {
    if (rho < MIN_RHO_PER_EPSILON * epsilon) {
      fail('INVALID_ARGUMENT', `options.unbalanced.${side} = ${rho} is below 1e-8 x epsilon (${epsilon}): float64 rounding of the potentials then swamps the marginal penalty and the solver cannot reach tol; raise ${side} to at least that (a penalty this weak leaves the marginal practically free)`);
    }
  }
  return epsilon;
}
