/**
 * The elastic-net solver in covariance (Gram) form, for paths with n > p: Q = X^T X and
 * q = X^T y are formed once per path (O(n p^2)), after which an epoch costs O(p^2) and the
 * duality gap O(p), independent of n (glmnet's "covariance updates", JSS 2010 section 2.2;
 * scikit-learn's lasso_path with precompute='auto'). Every coordinate is swept each epoch
 * (cyclic), with Anderson extrapolation on (w, H = Q w) and the gap checked after each epoch:
 *   X^T R = q - H,   |R|^2 = |y|^2 - 2 w.q + w.H.
 */

import type { Engine } from '../engine/instance.js';
import { throwIfAborted } from '../engine/progress.js';
import { AndersonHistory } from './anderson.js';
import type { EnetSettings, EnetSolution, LoadedDesign } from './enet-solver.js';
import { enetGap } from './gap.js';

/** Q, q and H = Q w in wasm memory, for the duration of the caller's call. */
export interface GramDesign {
  Q: number;
  q: number;
  H: number;
  y2: number;
}

/** The largest p served in Gram form (Q then takes 32 MiB). */
export const GRAM_MAX_P = 2048;

/** Forms Q = X^T X and q = X^T y. O(n p^2 / 2). */
export function loadGram(e: Engine, L: LoadedDesign): GramDesign {
  const { arena, kernels } = e;
  const { n, p } = L.d;
  const Q = arena.allocF64(p * p), q = arena.allocF64(p), H = arena.allocF64(p);
  kernels.gram_f64(L.X, n, p, Q, L.work);
  kernels.xt_r_f64(L.X, n, L.all, p, L.y, q, L.work);
  return { Q, q, H, y2: kernels.dot_f64(L.y, L.y, n) };
}

/** Solves from the coefficients in L.w (warm start); the gap is in the kernels' unscaled units. */
export function solveEnetGram(e: Engine, L: LoadedDesign, G: GramDesign, s: EnetSettings): EnetSolution {
  const { arena, kernels } = e;
  const { p } = L.d;
  const tolGap = s.tol * G.y2;
  const cols = Int32Array.from({ length: p }, (_, j) => j);
  const history = new AndersonHistory(p, p);
  const residual2 = (w: Float64Array, H: Float64Array, q: Float64Array): number => {
    let wq = 0, wH = 0;
    for (let j = 0; j < p; j++) {
      wq += w[j] * q[j];
      wH += w[j] * H[j];
    }
    return Math.max(G.y2 - 2 * wq + wH, 0);
  };
  const primal = (wv: Float64Array, Hv: Float64Array): number => {
    let l1 = 0, l2 = 0;
    for (let j = 0; j < p; j++) {
      l1 += Math.abs(wv[j]);
      l2 += wv[j] * wv[j];
    }
    return 0.5 * residual2(wv, Hv, q) + s.a * l1 + 0.5 * s.b * l2;
  };
  // no reservation happens inside the loop, so these views stay attached
  const w = arena.f64(L.w, p), H = arena.f64(G.H, p), q = arena.f64(G.q, p), xtr = new Float64Array(p);
  const refreshH = (): void => {
    H.fill(0);
    for (let j = 0; j < p; j++) if (w[j] !== 0) kernels.axpy_f64(w[j], G.Q + 8 * j * p, G.H, p);
  };
  const gapNow = (): number => {
    for (let j = 0; j < p; j++) xtr[j] = q[j] - H[j];
    return enetGap({ xtr, w, cols: null, r2: residual2(w, H, q), a: s.a, b: s.b, positive: s.positive }).gap;
  };
  refreshH(); // H = Q w of the warm start
  for (let epochs = 0; ; epochs++) {
    // H = Q w is updated incrementally (and by extrapolation): refresh it every 16 epochs, and
    // before trusting a gap below tol, so the certificate is of this w
    if (epochs % 16 === 15) refreshH();
    let gap = gapNow();
    if (gap <= tolGap) {
      refreshH();
      gap = gapNow();
    }
    if (gap <= tolGap) return { w: w.slice(), gap, epochs, converged: true };
    if (epochs >= s.maxIter) return { w: w.slice(), gap, epochs, converged: false };
    if (epochs % 64 === 63) throwIfAborted(s.signal, s.label, epochs);
    kernels.cd_gram_f64(G.Q, p, G.q, L.pf, L.w, G.H, L.all, p, s.a, s.b, s.positive ? 1 : 0);
    history.push(w, cols, H);
    if (history.full) {
      const c = history.weights();
      if (c) {
        const acc = history.combine(c), last = history.last();
        const feasible = !s.positive || acc.w.every((v) => v >= 0);
        if (feasible && primal(acc.w, acc.r) < primal(last.w, last.r)) {
          w.set(acc.w);
          H.set(acc.r);
        }
      }
      history.clear();
    }
  }
}
