/**
 * One proximal Newton step for a smooth loss plus a separable elastic-net penalty (newGLMNET:
 * Yuan, Ho & Lin, JMLR 2012; liblinear's solve_l1r_lr): at w, with gradient g and diagonal
 * curvature weights D (the loss Hessian is X^T diag(D) X), minimise the quadratic model
 *   g.d + 1/2 (X d)^T D (X d) + sum_j pf_j (l1 |w_j + d_j| + (l2/2)(w_j + d_j)^2)
 * by coordinate descent over a working set (the cd_newton_f64 kernel), then backtrack along d
 * until the Armijo condition F(w + t d) <= F(w) + sigma t Delta holds, with
 * Delta = g.d + pen(w + d) - pen(w) (sigma = 0.01, halving, as liblinear).
 */

import type { Engine } from '../engine/instance.js';

/** Buffers of one linear block in wasm: X column-major n x m (m = p, plus a ones column for the intercept). */
export interface NewtonBuffers {
  n: number;
  m: number;
  X: number;
  pf: number;
  /** Curvature weights D (n), gradient g (m), coefficients w (m), direction d (m), X d (n). */
  D: number;
  g: number;
  w: number;
  d: number;
  Xd: number;
  hdiag: number;
  order: number;
}

/** Reserves the buffers around a design already in wasm (X: n x m column-major). */
export function newtonBuffers(e: Engine, X: number, n: number, m: number, pf: Float64Array): NewtonBuffers {
  const { arena } = e;
  return {
    n, m, X, pf: arena.putF64(pf), D: arena.allocF64(n), g: arena.allocF64(m), w: arena.allocF64(m),
    d: arena.allocF64(m), Xd: arena.allocF64(n), hdiag: arena.allocF64(m), order: arena.allocI32(m),
  };
}

/** pen(w) = sum_j pf_j (l1 |w_j| + (l2/2) w_j^2). O(m). */
export function penalty(w: ArrayLike<number>, pf: ArrayLike<number>, l1: number, l2: number): number {
  let s = 0;
  for (let j = 0; j < w.length; j++) if (pf[j] !== 0) s += pf[j] * (l1 * Math.abs(w[j]) + 0.5 * l2 * w[j] * w[j]);
  return s;
}

/**
 * Largest violation of the optimality conditions (the min-norm subgradient's infinity norm):
 * |g_j + pf_j (l2 w_j + l1 sign w_j)| where w_j != 0, max(|g_j| - pf_j l1, 0) where w_j = 0. O(m).
 */
export function kktViolation(g: ArrayLike<number>, w: ArrayLike<number>, pf: ArrayLike<number>, l1: number, l2: number): number {
  let worst = 0;
  for (let j = 0; j < w.length; j++) {
    const f = pf[j], wj = w[j];
    const v = wj !== 0 ? Math.abs(g[j] + f * (l2 * wj + l1 * Math.sign(wj))) : Math.max(Math.abs(g[j]) - f * l1, 0);
    worst = Math.max(worst, v);
  }
  return worst;
}

/** Columns worth updating: the support, unpenalised columns and the violators of |g_j| <= pf_j l1. */
export function newtonWorkingSet(g: ArrayLike<number>, w: ArrayLike<number>, pf: ArrayLike<number>, l1: number): Int32Array {
  const out: number[] = [];
  for (let j = 0; j < w.length; j++) if (w[j] !== 0 || pf[j] === 0 || Math.abs(g[j]) > pf[j] * l1) out.push(j);
  return Int32Array.from(out);
}

/** Most inner coordinate-descent epochs per Newton step. */
export const INNER_EPOCHS = 200;

/**
 * When to stop the inner epochs: an inexact Newton step needs its model solved only to a
 * fraction eta of the current violation (forcing term eta = min(0.1, sqrt(viol / viol0)):
 * loose far from the optimum, tightening as it nears, which keeps the outer convergence
 * superlinear; Eisenstat & Walker 1996, Lee, Sun & Saunders 2014 for proximal Newton). A
 * coordinate whose model violation is v moves by v / h_j, i.e. the kernels' "largest change x
 * sqrt(h)" is v / sqrt(h_j) >= v / sqrt(h_max). Returns the threshold on that measure.
 */
export function innerThreshold(viol: number, viol0: number, hmax: number): number {
  const eta = Math.min(0.1, Math.sqrt(viol / viol0));
  return hmax > 0 ? (eta * viol) / Math.sqrt(hmax) : 0;
}

/**
 * The Newton direction d (in B.d, with B.Xd = X d) from g, D and w already in the buffers, on
 * the working set ws, solved to `threshold` (see innerThreshold; computed here from the
 * curvatures) divided by `effort`, in at most INNER_EPOCHS x effort epochs. Returns the predicted decrease Delta (negative unless w is optimal).
 * O(epochs n |ws|).
 */
export function newtonDirection(e: Engine, B: NewtonBuffers, ws: Int32Array, l1: number, l2: number, viol: number, viol0: number, effort = 1): number {
  const { arena, kernels } = e;
  const { n, m } = B;
  kernels.weighted_norms2_f64(B.X, n, m, B.D, B.hdiag);
  arena.f64(B.d, m).fill(0);
  arena.f64(B.Xd, n).fill(0);
  arena.i32(B.order, ws.length).set(ws);
  const h = arena.f64(B.hdiag, m);
  let hmax = 0;
  for (const j of ws) hmax = Math.max(hmax, h[j]);
  const threshold = innerThreshold(viol, viol0, hmax) / effort;
  for (let epoch = 0; epoch < INNER_EPOCHS * effort; epoch++) {
    const big = kernels.cd_newton_f64(B.X, n, B.D, B.hdiag, B.pf, B.g, B.w, B.d, B.Xd, B.order, ws.length, l1, l2);
    if (big <= threshold || big === 0) break;
  }
  return predictedDecrease(arena.f64(B.g, m), arena.f64(B.w, m), arena.f64(B.d, m), arena.f64(B.pf, m), l1, l2);
}

/** Delta = g.d + pen(w + d) - pen(w): the change of the model along a step d (< 0 for a descent step). O(m). */
export function predictedDecrease(g: ArrayLike<number>, w: ArrayLike<number>, d: ArrayLike<number>, pf: ArrayLike<number>, l1: number, l2: number): number {
  let gd = 0;
  const wd = new Float64Array(w.length);
  for (let j = 0; j < w.length; j++) {
    gd += g[j] * d[j];
    wd[j] = w[j] + d[j];
  }
  return gd + penalty(wd, pf, l1, l2) - penalty(w, pf, l1, l2);
}

/**
 * How hard the inner solves work: 1 while Newton steps make progress; multiplied by 4 (up to
 * 64) after a step that cut the violation by less than 10%, which happens when the model is
 * nearly flat along a direction (near-duplicate columns under an L1 penalty) and coordinate
 * descent stops short of the model's minimiser.
 */
export function nextEffort(effort: number, viol: number, previous: number): number {
  return viol > 0.9 * previous ? Math.min(64, effort * 4) : effort;
}

/** Armijo sufficient-decrease constant and the most halvings tried. */
export const ARMIJO_SIGMA = 0.01;
export const MAX_HALVINGS = 40;

/**
 * Backtracking along d: the largest t in {1, 1/2, ...} with F(t) <= F(0) + sigma t Delta,
 * where objective(t) evaluates F at w + t d. Returns t, or 0 when no step decreases F (w is
 * optimal to rounding). Near the optimum the predicted decrease falls below the rounding of F
 * itself (|Delta| ~ violation^2 / curvature < 1e-16 |F|), where comparing F values decides
 * nothing; the test then allows the rounding of F (a few ulps), so Newton steps, which are
 * reliable there, still drive the optimality violation down.
 */
export function armijo(objective: (t: number) => number, f0: number, delta: number): { t: number; f: number } {
  let t = 1;
  const rounding = 4 * Number.EPSILON * Math.abs(f0);
  for (let k = 0; k < MAX_HALVINGS; k++, t *= 0.5) {
    const f = objective(t);
    if (f <= f0 + ARMIJO_SIGMA * t * delta + rounding) return { t, f };
  }
  return { t: 0, f: f0 };
}
