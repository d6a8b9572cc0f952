/**
 * Sinkhorn-Newton-Sparse (Tang et al., ICLR 2024, Alg. 1): a Sinkhorn warm start, then Newton
 * ascent on the dual with a sparsified Hessian solved by conjugate gradients, and a
 * backtracking line search. Sinkhorn converges linearly with a rate that degrades like
 * epsilon / (max C - min C); the Newton phase converges quadratically once the plan is close to
 * sparse, so at small epsilon it needs orders of magnitude fewer iterations.
 * Sparsification follows Tang & Qiu's SSNS rule: drop the smallest entries while their mass is
 * below a fraction of the current marginal error (the Hessian error then shrinks with it).
 * CG is Jacobi-preconditioned until a solve needs more than TREE_AFTER_CG iterations, then uses
 * the diagonal plus a maximum spanning forest of the sparse plan (assembly/ot/sns-tree.ts).
 * Kernels: assembly/ot/sns.ts, sns-tree.ts. Balanced problems with stored costs only.
 */

import { throwIfAborted } from '../engine/progress.js';
import type { SinkhornSettings } from './options.js';
import type { Workspace } from './workspace.js';

/** Sinkhorn iterations before the first Newton step (the paper's N1). */
const WARM_START = 20;
/** Sinkhorn iterations run when a Newton step fails, before trying again with more entries. */
const FALLBACK_ITERATIONS = 20;
/** Armijo constant of the line search on the dual. */
const ARMIJO = 1e-4;
const MIN_STEP = 2 ** -20;
/** Dropped plan mass allowed in the sparse Hessian, relative to the marginal error. */
const DROPPED_MASS = 0.01;
/** Cap on kept entries per row and column (the CSR capacity). */
const MAX_ENTRIES_PER_LINE = 256;
const MAX_CG_ITERATIONS = 500;
/**
 * Jacobi-preconditioned CG iterations above which SNS switches to the spanning-tree
 * preconditioner. Measured (bench/ot.mjs clouds, epsilon 1e-3): in d = 2 Jacobi needs at most
 * about 110 and the tree does not reduce that (so its O(nnz) build is wasted); in d = 10 Jacobi
 * climbs past 200 and then hits the cap, while the tree keeps CG under 80.
 */
const TREE_AFTER_CG = 150;
/**
 * In the local phase (marginal error below LOCAL_ERROR), Newton steps allowed without a tenfold
 * error decrease before SNS hands over to Sinkhorn. Far from the optimum the error may rise
 * while the dual climbs, so no hand-over there.
 */
const STALL_STEPS = 20;
const LOCAL_ERROR = 1e-3;
/** Floor of the dropped-mass factor (below it the Hessian is as good as CG can use). */
const MIN_DROP = 1e-8;
/** Range of the Levenberg-Marquardt shift (relative to the largest Hessian diagonal entry). */
const MIN_SHIFT = 1e-12;
const MAX_SHIFT = 1e-2;
/** The shift is at least min(GRADIENT_SHIFT, marginal error): it vanishes at the optimum, keeping Newton superlinear, while CG stays well conditioned far from it (RegOT uses min(|grad|, 1e-3)). */
const GRADIENT_SHIFT = 1e-3;
/** CG stops at this residual relative to the gradient (inexact Newton forcing term bound). */
/** CG stops at min(CG_FORCING, marginal error) relative residual, but not below CG_TOLERANCE (inexact Newton). */
const CG_TOLERANCE = 1e-8;
const CG_FORCING = 1e-2;

/**
 * Runs up to `count` Sinkhorn iterations from ws.f, ws.g and writes the potentials back;
 * `offset` is added to the iteration numbers it reports to onProgress.
 */
export type SinkhornIterate = (count: number, offset?: number) => { converged: boolean; iterations: number };

export interface NewtonOutcome {
  iterations: number;
  newtonSteps: number;
  error: number;
  converged: boolean;
}

/**
 * Runs SNS on ws (epsilon already set). `P`: an n x m buffer (it may be the scaling method's
 * kernel: every Sinkhorn call restarts that state from the potentials).
 */
export function runSns(ws: Workspace, settings: SinkhornSettings, epsilon: number, label: string, P: number, sinkhornIterate: SinkhornIterate): NewtonOutcome {
  const { arena, kernels } = ws.e;
  const { n, m } = ws;
  const N = n + m;
  let iterations = 0;
  iterations += sinkhornIterate(Math.min(WARM_START, settings.maxIter)).iterations;

  const rc = arena.allocF64(N), r = rc, c = rc + 8 * n;
  const trial = arena.allocF64(N), step = arena.allocF64(N), rhs = arena.allocF64(N);
  const cgWork = arena.allocF64(4 * N), counts = arena.alloc(2048 * 4), mass = arena.allocF64(2048);
  const capacity = Math.min(n * m, MAX_ENTRIES_PER_LINE * N);
  const rowPtr = arena.allocI32(n + 1), cols = arena.allocI32(capacity), vals = arena.allocF64(capacity);
  let tree = 0, treeWork = 0;
  const treeBytes = kernels.sns_tree_bytes(n, m), treeWorkBytes = kernels.sns_tree_work_bytes(n, m, capacity);
  const a = arena.takeF64(ws.a, n), b = arena.takeF64(ws.b, m);

  /** Plan, marginals, dual value and L1 marginal error at the potentials (fPtr, gPtr). */
  const evaluate = (fPtr: number, gPtr: number) => {
    const sum = kernels.sns_evaluate_f64(ws.C, n, m, fPtr, gPtr, epsilon, P, r, c);
    const rcv = arena.f64(rc, N);
    let err = 0;
    for (let i = 0; i < n; i++) err += Math.abs(rcv[i] - a[i]);
    for (let j = 0; j < m; j++) err += Math.abs(rcv[n + j] - b[j]);
    const dual = kernels.dot_f64(ws.a, fPtr, n) + kernels.dot_f64(ws.b, gPtr, m) - epsilon * sum;
    return { dual, err };
  };
  const potentials = () => {
    const z = new Float64Array(N);
    z.set(arena.f64(ws.f, n), 0);
    z.set(arena.f64(ws.g, m), n);
    return z;
  };

  let cur = evaluate(ws.f, ws.g);
  let newtonSteps = 0;
  let dropFactor = DROPPED_MASS;
  // Levenberg-Marquardt shift, relative to the largest Hessian diagonal entry: where the sparse
  // plan splits into weakly connected blocks, H_s has several near-null directions (one gauge
  // per block) and an unshifted Newton step is huge along them
  let shift = MIN_SHIFT;
  let converged = cur.err <= settings.tol;
  let checkpoint = { err: cur.err, step: 0 };
  while (!converged && iterations < settings.maxIter) {
    throwIfAborted(settings.signal, label, iterations);
    // gradient of the dual, (a - P 1, b - P^T 1), and the sparse Hessian
    const grad = arena.f64(rhs, N), rcv = arena.f64(rc, N);
    let maxDiag = 0;
    for (let i = 0; i < n; i++) grad[i] = a[i] - rcv[i];
    for (let j = 0; j < m; j++) grad[n + j] = b[j] - rcv[n + j];
    for (let k = 0; k < N; k++) maxDiag = Math.max(maxDiag, rcv[k]);
    const tau = kernels.sns_threshold_f64(P, n * m, dropFactor * cur.err, capacity, counts, mass);
    const nnz = kernels.sns_sparsify_f64(P, n, m, tau, rowPtr, cols, vals, capacity);
    // a tiny ridge fixes the gauge direction (1, -1) of the otherwise singular system
    const ridge = Math.max(shift, Math.min(GRADIENT_SHIFT, cur.err)) * maxDiag / epsilon;
    const useTree = tree !== 0 && nnz >= 0;
    if (useTree) kernels.sns_tree_f64(rowPtr, cols, vals, nnz, n, m, r, c, epsilon, ridge, tree, treeWork);
    const cgIts = kernels.sns_cg_f64(rowPtr, cols, vals, n, m, r, c, epsilon, ridge, rhs, step, cgWork, MAX_CG_ITERATIONS, Math.max(CG_TOLERANCE, Math.min(CG_FORCING, cur.err)), useTree ? tree : 0);
    if (tree === 0 && cgIts > TREE_AFTER_CG && arena.mark() + treeBytes + treeWorkBytes + 64 <= arena.limit) {
      // Jacobi cannot resolve the clusters of a near-assignment plan: the spanning-tree
      // preconditioner from now on (assembly/ot/sns-tree.ts), when its memory fits the limit
      // (otherwise Jacobi goes on, and the Sinkhorn hand-over below finishes the job)
      tree = arena.alloc(treeBytes);
      treeWork = arena.alloc(treeWorkBytes);
    }

    const slope = kernels.dot_f64(rhs, step, N);
    const z = potentials();
    let accepted = false;
    for (let alpha = 1; alpha >= MIN_STEP && nnz >= 0; alpha /= 2) {
      const t = arena.f64(trial, N), d = arena.f64(step, N);
      for (let k = 0; k < N; k++) t[k] = z[k] + alpha * d[k];
      const next = evaluate(trial, trial + 8 * n);
      // Armijo on the dual while its change is above rounding noise; near the optimum the dual
      // changes less than its rounding (|dual| 1e-13), and the marginal error decides instead
      const noise = 1e-13 * (Math.abs(cur.dual) + epsilon);
      const ok = Math.abs(next.dual - cur.dual) > noise ? next.dual >= cur.dual + ARMIJO * alpha * slope : next.err < cur.err;
      if (ok) {
        arena.f64(ws.f, n).set(arena.f64(trial, n));
        arena.f64(ws.g, m).set(arena.f64(trial + 8 * n, m));
        // a slow step with a converged CG means the sparse model dropped too much: keep more
        if (next.err > 0.5 * cur.err && cgIts < MAX_CG_ITERATIONS) dropFactor = Math.max(MIN_DROP, dropFactor / 10);
        shift = Math.max(MIN_SHIFT, shift / 10);
        cur = next;
        accepted = true;
        break;
      }
    }
    iterations++;
    newtonSteps++;
    if (!accepted && shift < MAX_SHIFT) {
      shift *= 100; // a shorter, better-conditioned step next
      cur = evaluate(ws.f, ws.g); // P and the marginals hold the last trial point
    } else if (!accepted) {
      shift = MIN_SHIFT;
      // restore the potentials, run Sinkhorn for a while, keep more entries
      arena.f64(ws.f, n).set(z.subarray(0, n));
      arena.f64(ws.g, m).set(z.subarray(n));
      iterations += sinkhornIterate(Math.min(FALLBACK_ITERATIONS, settings.maxIter - iterations), newtonSteps).iterations;
      dropFactor = Math.max(MIN_DROP, dropFactor / 10);
      cur = evaluate(ws.f, ws.g);
    }
    converged = cur.err <= settings.tol;
    settings.onProgress?.({ iteration: iterations, error: cur.err });
    if (cur.err <= checkpoint.err / 10 || checkpoint.err > LOCAL_ERROR) checkpoint = { err: cur.err, step: newtonSteps };
    else if (!converged && newtonSteps - checkpoint.step >= STALL_STEPS) {
      // Newton stalls (CG cannot resolve an ill-conditioned Hessian): Sinkhorn finishes the job
      const out = sinkhornIterate(settings.maxIter - iterations, newtonSteps);
      iterations += out.iterations;
      cur = evaluate(ws.f, ws.g);
      converged = out.converged;
      break;
    }
  }
  return { iterations, newtonSteps, error: cur.err, converged };
}
