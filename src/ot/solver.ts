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
import { P, S } from './layout.js';
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
  const p = arena.f64(ws.params, 10);
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
  for (const [log, out, len] of [[ws.logA, ws.epsLogA, ws.n], [ws.logB, ws.epsLogB, ws.m]]) {
    const src = arena.f64(log, len), dst = arena.f64(out, len);
    for (let i = 0; i < len; i++) dst[i] = epsilon * src[i];
  }
  arena.f64(ws.status, 6)[S.PENDING] = 0;
}

/** The scaling method's extra state. */
interface ScalingState {
  /** n x m kernel (float32 in the float32 mode). */
  K: number;
  fh: number;
  gh: number;
  u: number;
  v: number;
  t: number;
}

function allocScaling(e: Engine, n: number, m: number, c32: boolean): ScalingState {
  const { arena } = e;
  return { K: c32 ? arena.allocF32(n * m) : arena.allocF64(n * m), fh: arena.allocF64(n), gh: arena.allocF64(m), u: arena.allocF64(n), v: arena.allocF64(m), t: arena.allocF64(m) };
}

/**
 * Above this (max C - min C) / epsilon, 'auto' takes SNS: Sinkhorn's iteration count grows
 * like this ratio while SNS needs a warm start and a handful of Newton steps (bench/ot.mjs:
 * at ratio ~40 the scaling method is faster, at ~200 SNS is 2-4x faster, at 2,000 over 20x).
 */
export const SNS_RATIO = 100;

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
  const scaling = method === 'scaling' || method === 'sns' ? allocScaling(e, n, m, ws.c32) : null;
  const status = () => arena.f64(ws.status, 6);
  status().fill(0);
  const chunk = chunkIterations(n * m);
  let eps = epsilon;

  /** Up to `count` iterations from the potentials ws.f, ws.g (written back); stops at tol. */
  const iterate = (count: number, offset = 0): { converged: boolean; iterations: number } => {
    const start = status()[S.ITERATIONS];
    status()[S.PENDING] = 0;
    if (scaling) {
      arena.f64(scaling.fh, n).set(arena.f64(ws.f, n));
      arena.f64(scaling.gh, m).set(arena.f64(ws.g, m));
      if (ws.c32) kernels.sinkhorn_scaling_start_f32(ws.C, scaling.K, n, m, scaling.fh, scaling.gh, scaling.u, scaling.v, eps, ws.work);
      else kernels.sinkhorn_scaling_start_f64(ws.C, scaling.K, n, m, scaling.fh, scaling.gh, scaling.u, scaling.v, eps);
    }
    let left = count;
    while (left > 0) {
      throwIfAborted(settings.signal, label, status()[S.ITERATIONS]);
      const its = Math.min(chunk, left);
      const before = status()[S.ITERATIONS];
      if (scaling) {
        const run = ws.c32 ? kernels.sinkhorn_scaling_f32 : kernels.sinkhorn_scaling_f64;
        run(ws.C, scaling.K, n, m, scaling.fh, scaling.gh, scaling.u, scaling.v, ws.a, ws.b,
          ws.epsLogA, ws.epsLogB, ws.params, ws.status, scaling.t, ws.work, its);
      } else {
        const run = ws.c32 ? kernels.sinkhorn_log_f32 : kernels.sinkhorn_log_f64;
        run(ws.C, ws.x, ws.yT, ws.d, ws.metric, n, m, ws.f, ws.g, ws.b, ws.epsLogA, ws.epsLogB,
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

  const stages = epsilonStages(settings, epsilon, costRange);
  stages.push([epsilon, settings.maxIter]);
  let used = 0;
  let converged = false;
  for (let k = 0; k < stages.length && used < settings.maxIter; k++) {
    const [stageEps, wanted] = stages[k];
    const final = k === stages.length - 1;
    eps = stageEps;
    // the kernels measure the column violation of a row-exact state; stopping at tol/2 leaves
    // room for the rows' rounding, so the violation measured on the returned plan is <= tol
    setEpsilon(ws, settings, eps, final ? settings.tol / 2 : -1);
    if (final && method === 'sns') {
      const out = runSns(ws, { ...settings, maxIter: settings.maxIter - used }, eps, label, scaling!.K, iterate);
      return { iterations: used + out.iterations, error: out.error, converged: out.converged, method };
    }
    const out = iterate(Math.min(wanted, settings.maxIter - used));
    used += out.iterations;
    converged = final && out.converged;
  }
  return { iterations: used, error: status()[S.ERROR], converged, method };
}
