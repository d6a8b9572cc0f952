/**
 * The debiased Sinkhorn divergence of Feydy et al. (AISTATS 2019), as in GeomLoss and OTT-JAX.
 */

import { withEngine } from '../engine/call.js';
import { chunkIterations, throwIfAborted } from '../engine/progress.js';
import { optionsObject } from '../engine/inputs.js';
import type { Engine } from '../engine/instance.js';
import type { Matrix } from '../engine/inputs.js';
import { checkCostStats } from './cost-check.js';
import { resolveEpsilon } from './epsilon.js';
import { S, STATUS_LENGTH } from './layout.js';
import { fail } from '../engine/errors.js';
import { sinkhornSettings, type SinkhornSettings } from './options.js';
import { checkPointSets, costsFit, pointsProblem, SINKHORN_POINTS_KEYS, type SinkhornPointsOptions } from './points.js';
import { expandPotential, reduceProblem, total, type TransportProblem } from './problem.js';
import { setEpsilon, solve, type SolvedMethod } from './solver.js';
import { loadWorkspace, type Workspace } from './workspace.js';

/** Convergence of one of the three transport problems. */
export interface DivergenceTerm {
  iterations: number;
  marginalError: number;
  converged: boolean;
}

/** Result of {@link sinkhornDivergence}. */
export interface SinkhornDivergenceResult {
  /** S(a, b) = OT(a, b) - OT(a, a)/2 - OT(b, b)/2 (>= 0 at convergence; 0 iff the measures agree). */
  value: number;
  /** All three problems reached tol. */
  converged: boolean;
  /** The epsilon used. */
  epsilon: number;
  /** Method of the cross problem (the two self problems use the symmetric update). */
  method: SolvedMethod;
  /** Potentials: f, g of OT(a, b); p of OT(a, a); q of OT(b, b). */
  f: Float64Array;
  g: Float64Array;
  p: Float64Array;
  q: Float64Array;
  terms: { ab: DivergenceTerm; aa: DivergenceTerm; bb: DivergenceTerm };
}

/** Solves the symmetric problem OT(w, w) on the points z (costs stored when they fit). */
function symmetric(e: Engine, z: Float64Array, w: Float64Array, d: number, base: TransportProblem, settings: SinkhornSettings, epsilon: number, label: string): { p: Float64Array; term: DivergenceTerm } {
  const metric = base.cost.kind === 'points' ? base.cost.metric : 'sqeuclidean';
  const problem = reduceProblem(w, w, { kind: 'points', x: z, y: z, d, metric });
  const ws: Workspace = loadWorkspace(e, problem, costsFit(problem.n, problem.n, { ...settings, method: 'log' }));
  const { arena, kernels } = e;
  setEpsilon(ws, settings, epsilon, settings.tol);
  const pnew = arena.allocF64(ws.n);
  const status = () => arena.f64(ws.status, STATUS_LENGTH);
  status().fill(0);
  const chunk = chunkIterations(ws.n * ws.n);
  let left = settings.maxIter;
  while (left > 0) {
    throwIfAborted(settings.signal, label, status()[S.ITERATIONS]);
    const its = Math.min(chunk, left);
    kernels.sinkhorn_symmetric_f64(ws.C, ws.x, ws.yT, ws.d, ws.metric, ws.n, ws.f, ws.a, ws.epsLogA, ws.params, ws.status, pnew, ws.work, its);
    left -= its;
    const st = status();
    settings.onProgress?.({ iteration: st[S.ITERATIONS], error: st[S.ERROR] });
    if (st[S.CONVERGED] === 1) break;
  }
  const st = status();
  return { p: arena.takeF64(ws.f, ws.n), term: { iterations: st[S.ITERATIONS], marginalError: st[S.ERROR], converged: st[S.CONVERGED] === 1 } };
}

const dotWith = (w: Float64Array, u: Float64Array, v: Float64Array) => {
  let s = 0;
  for (let i = 0; i < w.length; i++) s += w[i] * (u[i] - v[i]);
  return s;
};

/**
 * Sinkhorn divergence between the point clouds x (weights a) and y (weights b):
 *   S(a, b) = OT(a, b) - OT(a, a)/2 - OT(b, b)/2,  OT(a, b) = <P, C> + epsilon KL(P | a b^T)
 * at the optimal entropic plan P (Feydy et al. 2019; GeomLoss, OTT-JAX; not POT's
 * empirical_sinkhorn_divergence, which drops the entropy terms). Computed from the converged
 * potentials as S = <a, f - p> + <b, g - q>; the symmetric problems use the averaged update
 * p <- (p + T(p)) / 2. S >= 0 and S = 0 iff a = b (for squared Euclidean and Euclidean costs).
 *
 * Complexity: three Sinkhorn solves, O((n + m)^2 d) per iteration.
 * @example
 * sinkhornDivergence([[0], [1]], [[0], [1]], { epsilon: 0.1 }).value // ≈ 0
 */
export function sinkhornDivergence(x: Matrix, y: Matrix, options?: SinkhornPointsOptions): SinkhornDivergenceResult {
  const o = optionsObject('options', options, SINKHORN_POINTS_KEYS);
  const settings = sinkhornSettings(o);
  if (settings.precision !== 'float64') {
    fail('INVALID_ARGUMENT', "sinkhornDivergence runs in float64 only (its value is a difference of nearly equal terms); drop options.precision");
  }
  if (settings.rhoA !== Infinity || settings.rhoB !== Infinity) {
    fail('INVALID_ARGUMENT', 'sinkhornDivergence is defined here for balanced measures; options.unbalanced is not supported');
  }
  const [X, Y] = checkPointSets(x, y);
  const problem = pointsProblem(X, Y, o, settings);
  return withEngine((e) => {
    const store = o.online !== true && costsFit(problem.n, problem.m, settings);
    const ws = loadWorkspace(e, problem, store);
    const stats = checkCostStats(ws);
    const epsilon = resolveEpsilon(settings, stats, problem);
    const cross = solve(ws, store ? settings : { ...settings, method: 'log' }, epsilon, stats.max - stats.min, 'sinkhornDivergence');
    const { arena } = e;
    const f = arena.takeF64(ws.f, ws.n), g = arena.takeF64(ws.g, ws.m);
    const mark = arena.mark();
    const cost = problem.cost as Extract<TransportProblem['cost'], { kind: 'points' }>;
    const aa = symmetric(e, cost.x, problem.a, cost.d, problem, settings, epsilon, 'sinkhornDivergence');
    arena.release(mark);
    const bb = symmetric(e, cost.y, problem.b, cost.d, problem, settings, epsilon, 'sinkhornDivergence');
    const value = dotWith(problem.a, f, aa.p) + dotWith(problem.b, g, bb.p);
    if (!Number.isFinite(value)) {
      fail('INVALID_ARGUMENT', `the divergence overflows float64 (masses ${total(problem.a)} and ${total(problem.b)}, potentials up to max(C) = ${stats.max}); normalise the weights or rescale the points`);
    }
    const ab: DivergenceTerm = { iterations: cross.iterations, marginalError: cross.error, converged: cross.converged };
    return {
      value,
      converged: ab.converged && aa.term.converged && bb.term.converged,
      epsilon,
      method: cross.method,
      f: expandPotential(f, problem.keepA, problem.nFull),
      g: expandPotential(g, problem.keepB, problem.mFull),
      p: expandPotential(aa.p, problem.keepA, problem.nFull),
      q: expandPotential(bb.p, problem.keepB, problem.mFull),
      terms: { ab, aa: aa.term, bb: bb.term },
    };
  });
}
