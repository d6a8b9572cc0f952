/**
 * Runs the Sinkhorn iterations of one problem inside wasm, in chunks: epsilon stages (when
 * scaling epsilon), the method's kernel, progress reports and cancellation between chunks.
 *
 * Methods: 'log' (assembly/ot/sinkhorn-log.ts) is the fused log-domain iteration, one exp per
 * plan entry, stable at any epsilon, and the only one for costs computed on the fly.
 * 'scaling' (assembly/ot/sinkhorn-scaling.ts) is Sinkhorn-Knopp on exp(-C/eps) with absorption
 * and log-domain rescue: no exp per iteration, so several times faster, at the price of an
 * n x m kernel in memory. 'auto' takes 'scaling' when that kernel fits and 'log' otherwise.
 */

import type { Engine } from '../engine/instance.js';
import { chunkIterations, throwIfAborted } from '../engine/progress.js';
import { P, PARAMS_LENGTH, S, STATUS_LENGTH } from './layout.js';
import { fail } from '../engine/errors.js';
import { isBalanced, type SinkhornSettings } from './options.js';
import { runSns } from './sns.js';
import { scalingBytes, type Workspace } from './workspace.js';

export type SolvedMethod = 'scaling' | 'log' | 'sns';

export interface SolveOutcome {
  iterations: number;
  error: number;
  converged: boolean;
  method: SolvedMethod;
}

/** Epsilon stages before the target: (epsilon, iterations) pairs, decreasing. */
export function epsilonStages(settings: SinkhornSettings, epsilon: number, costRange: number): [number, number][] {
  const ITERATIONS_PER_STAGE = 2;
  if (settings.schedule === null) return [];
  if (settings.schedule === 'geometric') {
    const stages: [number, number][] = [];
    for (let eps = costRange; eps > epsilon; eps /= 2) stages.push([eps, ITERATIONS_PER_STAGE]);
    return stages;
  }
  return settings.schedule.filter((eps) => eps > epsilon).sort((x, y) => y - x).map((eps) => [eps, ITERATIONS_PER_STAGE]);
}

/** Writes the parameter block and eps * log weights for one epsilon. */
export function setEpsilon(ws: Workspace, settings: SinkhornSettings, epsilon: number, tol: number): void {
  const { arena } = ws.e;
  const p = arena.f64(ws.params, PARAMS_LENGTH);
  const side = (rho: number, tauSlot: number, c1Slot: number, invRhoSlot: number, c2Slot: number) => {
    if (rho === Infinity) {
      p[tauSlot] = 1; p[c1Slot] = 1; p[invRhoSlot] = 0; p[c2Slot] = 1;
      return;
    }
    const tau = rho / (rho + epsilon);
    const kl = settings.reference === 'kl';
    p[tauSlot] = tau; p[c1Slot] = kl ? 1 : tau; p[invRhoSlot] = 1 / rho; p[c2Slot] = kl ? 1 : 0;
  };
  p[P.EPS] = epsilon;
  side(settings.rhoA, P.TAU_A, P.C1_A, P.INV_RHO_A, P.C2_A);
  side(settings.rhoB, P.TAU_B, P.C1_B, P.INV_RHO_B, P.C2_B);
  p[P.TOL] = tol;
  p[P.OMEGA] = 1;
  p[P.COST_MAX] = ws.costMax;
  p[P.LOW_SWITCH] = 0; // the solver turns the float32 phase on where it applies
  for (const [log, out, len] of [[ws.logA, ws.epsLogA, ws.n], [ws.logB, ws.epsLogB, ws.m]]) {
    const src = arena.f64(log, len), dst = arena.f64(out, len);
    for (let i = 0; i < len; i++) dst[i] = epsilon * src[i];
  }
  arena.f64(ws.status, STATUS_LENGTH)[S.PENDING] = 0;
}

/** The scaling method's extra state. */
interface ScalingState {
  /** n x m kernel (float32 in the float32 mode). */
  K: number;
  /**
   * n x m float32 copy of K for the float32 phase of float64 runs (0: no such phase), the last
   * allocation of the state: released (to k32Mark) once the iterations are done.
   */
  K32: number;
  k32Mark: number;
  fh: number;
  gh: number;
  u: number;
  v: number;
  t: number;
}

/**
 * The float32 phase (assembly/ot/sinkhorn-scaling-low.ts): float64 scaling runs make their
 * first passes on a float32 copy of the kernel, 1.5-2.5x faster per pass, until the marginal
 * error is LOW_SWITCH of the mass; float64 passes then converge to tol. At n = 2000, d = 10,
 * eps 0.05 the error of every iteration stays within 2% of a float64-only run's down to 1e-6
 * (at 1e-7 it was 30% above it after 11 iterations), and the run needs the same 11 iterations:
 * 1e-6 took 33.2 ms, 1e-5 33.9 ms, 1e-4 36.3 ms. A float32 pass that stops reducing the error
 * (the rounding of long float32 sums) ends the phase earlier. The phase needs the kernel's
 * exponents within +-40, which max C / epsilon <= LOW_RANGE ensures from zero potentials, and
 * an extra n m float32 within the memory limit during the iterations (else the run is as
 * before; the copy is released before the plan is allocated).
 */
const LOW_RANGE = 36;
const LOW_SWITCH = 1e-6;

function allocScaling(e: Engine, n: number, m: number, c32: boolean, low: boolean): ScalingState {
  const { arena } = e;
  const K = c32 ? arena.allocF32(n * m) : arena.allocF64(n * m);
  const state = { fh: arena.allocF64(n), gh: arena.allocF64(m), u: arena.allocF64(n), v: arena.allocF64(m), t: arena.allocF64(m) };
  const k32Mark = arena.mark();
  const K32 = low && k32Mark + 4 * n * m + 64 <= arena.limit ? arena.allocF32(n * m) : 0;
  return { K, K32, k32Mark, ...state };
}

/**
 * Above this (max C - min C) / epsilon, 'auto' takes SNS: Sinkhorn's iteration count grows
 * like this ratio while SNS needs a warm start and a handful of Newton steps. Measured
 * (bench/ot.mjs, unit-square clouds): at ratio 100 over-relaxed scaling beats SNS (170 vs 480 ms
 * at n = 2000; 11 vs 29 ms at n = 500), at ratio 1,000 SNS wins (400 vs 2,200 ms; 28 vs 59 ms).
 */
export const SNS_RATIO = 300;

/** The method 'auto' resolves to (checks that an explicit choice can run). */
export function resolveMethod(ws: Workspace, settings: SinkhornSettings, ratio: number): SolvedMethod {
  const requested = settings.method;
  if (requested === 'sns') {
    if (ws.c32) fail('INVALID_ARGUMENT', "method 'sns' runs in float64 only; use precision 'float64', or method 'log' or 'scaling' in float32");
    if (!isBalanced(settings)) fail('INVALID_ARGUMENT', "method 'sns' solves balanced problems; use 'log' or 'scaling' with options.unbalanced");
    if (ws.C === 0) fail('INVALID_ARGUMENT', "method 'sns' needs the n x m costs in memory, which do not fit (or online: true); use 'log'");
    return requested;
  }
  if (requested === 'log') return requested;
  const { arena } = ws.e;
  const fits = ws.C !== 0 && arena.mark() + scalingBytes(ws.n, ws.m, ws.c32) <= arena.limit;
  if (requested === 'scaling') return 'scaling';
  if (!fits) return 'log';
  return !ws.c32 && isBalanced(settings) && ratio >= SNS_RATIO && settings.tol < 1e-4 ? 'sns' : 'scaling';
}

/** Runs the solver to tol (or maxIter) at `epsilon`, after the epsilon stages. */
export function solve(ws: Workspace, settings: SinkhornSettings, epsilon: number, costRange: number, label: string): SolveOutcome {
  const { e, n, m } = ws;
  const { kernels, arena } = e;
  const method = resolveMethod(ws, settings, costRange / epsilon);
  // SNS warms up with the scaling method; its kernel buffer then holds the plan for Newton
  const massB = arena.f64(ws.b, m).reduce((x, y) => x + y, 0);
  // the phase ends at LOW_SWITCH x mass: worth it only when tol is below that
  const low = method === 'scaling' && !ws.c32 && isBalanced(settings) && ws.costMax / epsilon <= LOW_RANGE && settings.tol < LOW_SWITCH * massB;
  const scaling = method === 'scaling' || method === 'sns' ? allocScaling(e, n, m, ws.c32, low) : null;
  const status = () => arena.f64(ws.status, STATUS_LENGTH);
  status().fill(0);
  const chunk = chunkIterations(n * m);
  let eps = epsilon;

  /**
   * (Re)starts the iteration state from the potentials ws.f, ws.g (scaling: rebuilds K, in
   * float64 within the first row pass of the iterations that follow when `iterating`).
   */
  const restart = (iterating: boolean) => {
    status()[S.PENDING] = 0;
    if (!scaling) return;
    arena.f64(scaling.fh, n).set(arena.f64(ws.f, n));
    arena.f64(scaling.gh, m).set(arena.f64(ws.g, m));
    if (ws.c32) kernels.sinkhorn_scaling_start_f32(ws.C, scaling.K, n, m, scaling.fh, scaling.gh, scaling.u, scaling.v, eps, ws.work);
    else kernels.sinkhorn_scaling_start_f64(ws.C, scaling.K, scaling.K32, n, m, scaling.fh, scaling.gh, scaling.u, scaling.v, ws.params, ws.status, iterating ? 1 : 0);
  };

  /** Up to `count` more iterations (potentials written back to ws.f, ws.g); stops at tol. */
  const iterate = (count: number, offset = 0): { converged: boolean; iterations: number } => {
    const start = status()[S.ITERATIONS];
    let left = count;
    while (left > 0) {
      throwIfAborted(settings.signal, label, status()[S.ITERATIONS]);
      const its = Math.min(chunk, left);
      const before = status()[S.ITERATIONS];
      if (scaling) {
        if (ws.c32) {
          kernels.sinkhorn_scaling_f32(ws.C, scaling.K, n, m, scaling.fh, scaling.gh, scaling.u, scaling.v, ws.a, ws.b,
            ws.epsLogA, ws.epsLogB, ws.params, ws.status, scaling.t, ws.work, its);
        } else {
          kernels.sinkhorn_scaling_f64(ws.C, scaling.K, scaling.K32, n, m, scaling.fh, scaling.gh, scaling.u, scaling.v, ws.a, ws.b,
            ws.epsLogA, ws.epsLogB, ws.params, ws.status, scaling.t, ws.work, its);
        }
      } else {
        const run = ws.c32 ? kernels.sinkhorn_log_f32 : kernels.sinkhorn_log_f64;
        run(ws.C, ws.x, ws.yT, ws.d, ws.metric, n, m, ws.f, ws.g, ws.a, ws.b, ws.epsLogA, ws.epsLogB,
          ws.params, ws.status, ws.s, ws.work, its);
      }
      const st = status();
      left -= st[S.ITERATIONS] - before;
      settings.onProgress?.({ iteration: st[S.ITERATIONS] + offset, error: st[S.ERROR] });
      if (st[S.CONVERGED] === 1) break;
    }
    if (scaling) kernels.sinkhorn_scaling_potentials_f64(n, m, scaling.fh, scaling.gh, scaling.u, scaling.v, eps, ws.f, ws.g);
    return { converged: status()[S.CONVERGED] === 1, iterations: status()[S.ITERATIONS] - start };
  };

  // the final stage (the target epsilon) always runs: when the stages would use up maxIter,
  // the largest epsilons are dropped (else the plan would come from a larger epsilon than the
  // result reports)
  const stages = epsilonStages(settings, epsilon, costRange);
  let budget = settings.maxIter - 1;
  let first = stages.length;
  while (first > 0 && budget >= stages[first - 1][1]) budget -= stages[--first][1];
  stages.splice(0, first);
  stages.push([epsilon, settings.maxIter]);
  let used = 0;
  let converged = false;
  for (let k = 0; k < stages.length && used < settings.maxIter; k++) {
    const [stageEps, wanted] = stages[k];
    const final = k === stages.length - 1;
    eps = stageEps;
    // the kernels measure the column violation of a row-exact state; the rows' own violation is
    // rounding (about 1e-16 per row and column), so stopping 1e-14 (n + m) below tol (at most
    // at tol/2) keeps the violation measured on the returned plan <= tol
    setEpsilon(ws, settings, eps, final ? Math.max(settings.tol / 2, settings.tol - 1e-14 * (n + m)) : -1);
    if (scaling?.K32) arena.f64(ws.params, PARAMS_LENGTH)[P.LOW_SWITCH] = LOW_SWITCH * massB;
    restart(true); // the loop runs only while used < maxIter: at least one iteration follows
    if (final && method === 'sns') {
      // SNS changes the potentials between Sinkhorn runs: each run restarts from them
      const sinkhornFrom = (count: number, offset?: number) => {
        restart(count > 0);
        return iterate(count, offset);
      };
      const out = runSns(ws, { ...settings, maxIter: settings.maxIter - used }, eps, label, scaling!.K, sinkhornFrom);
      return { iterations: used + out.iterations, error: out.error, converged: out.converged, method };
    }
    const relax = final && isBalanced(settings) && settings.overRelaxation !== 0;
    const out = relax ? overRelaxed(ws, settings, iterate, settings.maxIter - used) : iterate(Math.min(wanted, settings.maxIter - used));
    used += out.iterations;
    converged = final && out.converged;
  }
  // t holds the column sums of the last pass; when that pass ran on the float32 kernel, the plan
  // pass sums the columns itself (t = 0)
  if (scaling) ws.scalingPlan = { K: scaling.K, u: scaling.u, v: scaling.v, t: status()[S.LAST32] === 1 ? 0 : scaling.t };
  if (scaling?.K32) arena.release(scaling.k32Mark);
  return { iterations: used, error: status()[S.ERROR], converged, method };
}

/**
 * Plain Sinkhorn first runs PROBE_WINDOW iterations, then FAST_WINDOW more whose rate, when at
 * most FAST_RATE, is taken as theta; slower problems run RATE_WINDOW more and take the rate of
 * those (early iterations converge faster than the asymptotic rate, more so the slower the
 * problem). Measured on 162 problems (uniform, uneven-weight and normal-vs-uniform clouds,
 * n = 200..1000, d = 2, 5, 10, epsilon = 0.1..0.003 max C, tol 1e-9): 29 need 10% or more fewer
 * iterations than with the rate of iterations 5..10 alone, none more; on the bench clouds at
 * epsilon 0.05, d = 10: 15 -> 13 (n = 500), 13 -> 11 (n = 2000). FAST_RATE 0.6 or more made
 * some problems slower.
 */
const PROBE_WINDOW = 3;
const FAST_WINDOW = 2;
const FAST_RATE = 0.5;
const RATE_WINDOW = 5;
const MAX_OMEGA = 1.9;
/** Iterations (at least) over which the rate of the relaxed iteration is measured. */
const REFINE_WINDOW = 10;
/** Largest step up of omega per refinement. */
const MAX_RAISE = 0.2;

/**
 * Over-relaxed Sinkhorn (Thibault et al. 2021): a fixed omega, or omega = 2 / (1 + sqrt(1 -
 * theta)) from the rate theta of plain Sinkhorn (the optimal relaxation of a linear iteration
 * with that rate), halved towards 1 whenever a chunk ends with a larger error than it started
 * with. Adaptive: theta is first measured on plain iterations (see RATE_WINDOW), which converge
 * faster than the asymptotic rate and so underestimate it. Each later window of REFINE_WINDOW
 * or more iterations refines it from the rate lambda of the relaxed iteration through Young's
 * relation for two-block (consistently ordered) iterations, lambda + omega - 1 =
 * omega sqrt(theta lambda), valid below the optimum (lambda > omega - 1; Lehmann et al. 2021,
 * "A note on overrelaxation in the Sinkhorn algorithm"). omega only moves up, by at most
 * MAX_RAISE at a time, and a raise after which the error grows is taken back (without that, one
 * overshoot from 1.94 to 1.95 blew a problem up and the halving left it at 1.47).
 * Measured (bench/ot.mjs clouds, method 'scaling', tol 1e-9): n = 500, d = 10, eps = 0.01 takes
 * 95 iterations (243 plain, 121 with the first estimate alone); over 3 x 72 problems with uneven
 * weights and normal against uniform clouds (n = 200..1000, d = 2..10, eps = 0.1..0.003), 22-34%
 * fewer iterations than the first estimate alone and none more than 10% slower. MAX_OMEGA = 1.9:
 * at 1.95 one problem in 72 oscillated for 2.5x longer.
 */
function overRelaxed(ws: Workspace, settings: SinkhornSettings, iterate: (count: number) => { converged: boolean; iterations: number }, budget: number): { converged: boolean; iterations: number } {
  const p = ws.e.arena;
  const error = () => p.f64(ws.status, STATUS_LENGTH)[S.ERROR];
  const setOmega = (omega: number) => (p.f64(ws.params, PARAMS_LENGTH)[P.OMEGA] = omega);
  const optimal = (theta: number) => Math.min(MAX_OMEGA, 2 / (1 + Math.sqrt(1 - Math.min(Math.max(theta, 0), 1))));
  let used = 0;
  let omega: number;
  let refining = settings.overRelaxation === 'adaptive';
  if (refining) {
    let converged = false;
    // plain iterations in windows, stopping early on convergence: returns false when done
    const plain = (count: number) => {
      const out = iterate(Math.min(count, budget - used));
      used += out.iterations;
      converged = out.converged;
      return !converged && used < budget;
    };
    if (!plain(PROBE_WINDOW)) return { converged, iterations: used };
    const e0 = error();
    if (!plain(FAST_WINDOW)) return { converged, iterations: used };
    const e1 = error();
    let theta = (e1 / e0) ** (1 / FAST_WINDOW);
    if (!(theta <= FAST_RATE)) {
      if (!plain(RATE_WINDOW)) return { converged, iterations: used };
      theta = (error() / e1) ** (1 / RATE_WINDOW);
    }
    omega = optimal(theta); // optimal() clamps theta to [0, 1]
  } else {
    omega = settings.overRelaxation as number;
  }
  const chunk = Math.max(RATE_WINDOW, Math.min(50, chunkIterations(ws.n * ws.m)));
  // safe: the omega of the last refinement window that reduced the error, once omega was raised
  // above it; the window (constant omega) starts at markUsed iterations with error markError
  let safe = NaN, markUsed = used, markError = error();
  while (used < budget) {
    setOmega(omega);
    const before = used === 0 ? Infinity : error(); // no error is measured before the first pass
    const out = iterate(Math.min(chunk, budget - used));
    used += out.iterations;
    if (out.converged) return { converged: true, iterations: used };
    const after = error();
    if (!(after < before)) {
      // a raise that overshot goes back to the omega that worked; otherwise halve towards 1
      if (omega > safe) omega = safe;
      else if (omega > 1) omega = omega < 1.05 ? 1 : 1 + (omega - 1) / 2;
      refining = false;
    } else if (refining && used - markUsed >= REFINE_WINDOW) {
      safe = omega;
      const lambda = (after / markError) ** (1 / (used - markUsed));
      if (lambda > omega - 1) omega = Math.min(omega + MAX_RAISE, Math.max(omega, optimal((lambda + omega - 1) ** 2 / (omega * omega * lambda))));
      markUsed = used;
      markError = after;
    }
  }
  return { converged: false, iterations: used };
}
