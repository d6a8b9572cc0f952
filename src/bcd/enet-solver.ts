/**
 * The elastic-net solver: working sets chosen by KKT violation, cyclic (or random, or greedy)
 * coordinate descent on the working set in wasm with Anderson extrapolation, and the duality
 * gap as the stopping certificate (celer: Massias, Gramfort & Salmon, ICML 2018; skglm's
 * AndersonCD: Bertrand et al., NeurIPS 2022).
 *
 * Outer iteration: X^T R over all columns, the gap; stop when gap <= tol |y|^2 (scikit-learn's
 * rule: its public dual_gap_ <= tol |y_c|^2 / n). Otherwise the working set is every nonzero
 * coefficient plus the columns that violate the optimality conditions most (violation
 * |X_j . R - b w_j| - a, scaled by 1/|X_j|), at least 30 and 2 nnz (skglm uses 10, celer's
 * raw kernel 100; 30 measured best on 100 x 10^4 and 500 x 600 designs), doubled when the set
 * did not change, and every column from the start when n >= p; the inner loop runs epochs on
 * it until its own gap falls below 0.3 of the outer gap.
 */

import type { Engine } from '../engine/instance.js';
import { throwIfAborted, type LongRunOptions } from '../engine/progress.js';
import { randomUniform } from '../linalg/random.js';
import { AndersonHistory } from './anderson.js';
import { select } from '../linalg/select.js';
import type { Design } from './design.js';
import { enetGap } from './gap.js';

export type Selection = 'cyclic' | 'random' | 'greedy';

export interface EnetSettings extends LongRunOptions {
  /** a = alpha rho n, b = alpha (1 - rho) n (the kernels' unscaled penalties). */
  a: number;
  b: number;
  positive: boolean;
  tol: number;
  /** Budget of epochs (passes over the working set). */
  maxIter: number;
  selection: Selection;
  seed: number;
  label: string;
}

export interface EnetSolution {
  w: Float64Array;
  /** The unscaled gap at w (divide by n for scikit-learn's dual_gap_). */
  gap: number;
  epochs: number;
  converged: boolean;
}

/** The design loaded into wasm memory for the duration of one call (a path reuses it). */
export interface LoadedDesign {
  d: Design;
  X: number;
  y: number;
  norms2: number;
  pf: number;
  R: number;
  w: number;
  g: number;
  all: number;
  /** The columns not (yet) screened out, i32 (rebuilt by every solve). */
  alive: number;
  order: number;
  work: number;
}

/** Reserves and fills the wasm buffers. */
export function loadDesign(e: Engine, d: Design): LoadedDesign {
  const { arena } = e;
  const all = arena.allocI32(d.p);
  arena.i32(all, d.p).set(Int32Array.from({ length: d.p }, (_, j) => j));
  const pf = arena.allocF64(d.p);
  arena.f64(pf, d.p).fill(1);
  return {
    d, X: d.X, y: arena.putF64(d.y), norms2: arena.putF64(d.norms2), pf,
    R: arena.allocF64(d.n), w: arena.allocF64(d.p), g: arena.allocF64(d.p), all, alive: arena.allocI32(d.p),
    order: arena.allocI32(Math.max(d.p, 16)), work: arena.allocF64(4),
  };
}

/**
 * Columns to optimise on: the support plus the worst KKT violators (score = violation / |X_j|),
 * `size` in all, sorted by index; the size-th largest score by quickselect, O(p).
 */
function workingSet(L: LoadedDesign, e: Engine, s: EnetSettings, size: number, screened: Uint8Array, scratch: Scratch): Int32Array {
  const { p } = L.d;
  const g = e.arena.f64(L.g, p), w = e.arena.f64(L.w, p), { score, order, invNorm } = scratch;
  for (let j = 0; j < p; j++) {
    if (screened[j]) score[j] = -Infinity;
    else if (w[j] !== 0) score[j] = Infinity;
    else score[j] = ((s.positive ? g[j] : Math.abs(g[j])) - s.a) * invNorm[j];
  }
  let threshold = -Infinity;
  if (size < p) {
    // the size-th largest score: the (size - 1)-th smallest of -score
    for (let j = 0; j < p; j++) order[j] = j;
    select(order, (j) => -score[j], 0, p, size - 1);
    threshold = score[order[size - 1]];
  }
  const out: number[] = [];
  for (let j = 0; j < p && out.length < size; j++) if (score[j] > -Infinity && score[j] >= threshold) out.push(j);
  return Int32Array.from(out);
}

/** One greedy epoch (Gauss-Southwell-r, Nutini et al. 2022): m updates, each on the coordinate whose exact update moves the fit most. */
function greedyEpoch(L: LoadedDesign, e: Engine, s: EnetSettings, ws: Int32Array, cols: number, gram: Float64Array): void {
  const { arena, kernels } = e;
  const { n } = L.d, m = ws.length, norms2 = L.d.norms2;
  kernels.xt_r_f64(L.X, n, cols, m, L.R, L.g, L.work);
  const gAll = arena.f64(L.g, L.d.p), wAll = arena.f64(L.w, L.d.p);
  const h = Float64Array.from(ws, (j) => gAll[j]), w = Float64Array.from(ws, (j) => wAll[j]), w0 = w.slice();
  for (let step = 0; step < m; step++) {
    let best = -1, bestMove = 0, bestValue = 0;
    for (let k = 0; k < m; k++) {
      const Lk = norms2[ws[k]];
      const t = h[k] + Lk * w[k];
      let u = (t > s.a ? t - s.a : t < -s.a ? t + s.a : 0) / (Lk + s.b);
      if (s.positive && u < 0) u = 0;
      const move = Math.abs(u - w[k]) * Math.sqrt(Lk);
      if (move > bestMove) { bestMove = move; best = k; bestValue = u; }
    }
    if (best < 0) break;
    const delta = bestValue - w[best];
    w[best] = bestValue;
    for (let k = 0; k < m; k++) h[k] -= delta * gram[k * m + best];
  }
  ws.forEach((j, k) => {
    if (w[k] !== w0[k]) {
      kernels.axpy_f64(w0[k] - w[k], L.X + 8 * j * n, L.R, n);
      wAll[j] = w[k];
    }
  });
}

/** The working-set column list in wasm (reuses the order buffer's tail region). */
function wsPtr(e: Engine, ws: Int32Array): number {
  const ptr = e.arena.allocI32(ws.length);
  e.arena.i32(ptr, ws.length).set(ws);
  return ptr;
}

/** Gram matrix of the working-set columns (m x m). */
function workingGram(L: LoadedDesign, e: Engine, ws: Int32Array): Float64Array {
  const { arena, kernels } = e;
  const m = ws.length, G = new Float64Array(m * m), cols = wsPtr(e, ws), out = arena.allocF64(L.d.p);
  // (reservations live until the caller's per-working-set release)
  ws.forEach((j, a) => {
    kernels.xt_r_f64(L.X, L.d.n, cols, m, L.X + 8 * j * L.d.n, out, L.work);
    const o = arena.f64(out, L.d.p);
    ws.forEach((k, b) => (G[a * m + b] = o[k]));
  });
  return G;
}

/** R = y - X w, from scratch. O(n nnz). */
function refreshResidual(e: Engine, L: LoadedDesign): void {
  const { arena, kernels } = e;
  const { n, p } = L.d;
  arena.f64(L.R, n).set(arena.f64(L.y, n));
  const w = arena.f64(L.w, p);
  for (let j = 0; j < p; j++) if (w[j] !== 0) kernels.axpy_f64(-w[j], L.X + 8 * j * n, L.R, n);
}

/** Writes the unscreened columns to L.alive and returns them. O(p). */
function setAlive(e: Engine, L: LoadedDesign, screened: Uint8Array): Int32Array {
  let count = 0;
  for (let j = 0; j < screened.length; j++) if (!screened[j]) count++;
  const alive = new Int32Array(count);
  for (let j = 0, k = 0; j < screened.length; j++) if (!screened[j]) alive[k++] = j;
  e.arena.i32(L.alive, count).set(alive);
  return alive;
}

/** Per-solve buffers of the outer iterations (no allocation per iteration). */
interface Scratch {
  score: Float64Array;
  /** Column indices for the quickselect. */
  order: Int32Array;
  /** 1 / |X_j| (0 for zero columns). */
  invNorm: Float64Array;
  /** sqrt(|X_j|^2 + b): the column norms of the augmented design [X; sqrt(b) I]. */
  augNorm: Float64Array;
}

function scratchFor(L: LoadedDesign, b: number): Scratch {
  const { norms2 } = L.d;
  return {
    score: new Float64Array(norms2.length), order: new Int32Array(norms2.length),
    invNorm: norms2.map((v) => (v > 0 ? 1 / Math.sqrt(v) : 0)), augNorm: norms2.map((v) => Math.sqrt(v + b)),
  };
}

/**
 * Gap Safe screening (Fercoq, Gramfort & Salmon, ICML 2015; Ndiaye et al., JMLR 2017): the dual
 * is 1-strongly concave, so the dual optimum lies within sqrt(2 gap) of the feasible point
 * theta = c R, and a column with |X_j . theta| + |X_j| sqrt(2 gap) < a cannot be active at the
 * optimum. For the elastic net the same holds on the augmented design [X; sqrt(b) I], whose
 * column norms are sqrt(|X_j|^2 + b) and correlations X_j . R - b w_j; with positive = true the
 * test is one-sided. Only columns at 0 are screened (the rest would need R updated). Returns
 * whether any column was screened. O(p).
 */
function gapSafeScreen(L: LoadedDesign, e: Engine, s: EnetSettings, screened: Uint8Array, alive: Int32Array, c: number, gap: number, augNorm: Float64Array): boolean {
  const g = e.arena.f64(L.g, L.d.p), w = e.arena.f64(L.w, L.d.p);
  const radius = Math.sqrt(2 * gap);
  let any = false;
  for (let k = 0; k < alive.length; k++) {
    const j = alive[k];
    if (w[j] !== 0) continue;
    const corr = c * g[j];
    if ((s.positive ? corr : Math.abs(corr)) + augNorm[j] * radius < s.a) {
      screened[j] = 1;
      any = true;
    }
  }
  return any;
}

/** The objective 1/2 |R|^2 + a |w|_1 + (b/2) |w|^2 of working-set coefficients w. O(m + n). */
function primalOf(w: Float64Array, R: Float64Array, s: EnetSettings): number {
  let r2 = 0, l1 = 0, l2 = 0;
  for (let i = 0; i < R.length; i++) r2 += R[i] * R[i];
  for (let i = 0; i < w.length; i++) {
    l1 += Math.abs(w[i]);
    l2 += w[i] * w[i];
  }
  return 0.5 * r2 + s.a * l1 + 0.5 * s.b * l2;
}

/**
 * Solves from the coefficients already in L.w (warm start), with R recomputed from them.
 * Runs inside withEngine (the caller's arena scope).
 */
export function solveEnet(e: Engine, L: LoadedDesign, s: EnetSettings): EnetSolution {
  const { arena, kernels } = e;
  const { n, p } = L.d;
  const y2 = kernels.dot_f64(L.y, L.y, n);
  const tolGap = s.tol * y2;
  // zero columns never enter; screened columns are provably 0 at the solution of this alpha
  const screened = Uint8Array.from(L.d.norms2, (v) => (v > 0 ? 0 : 1));
  let alive = setAlive(e, L, screened);
  const scratch = scratchFor(L, s.b);
  let epochs = 0, size = n >= p ? p : Math.min(p, 30), lastWs: Int32Array | null = null, gap = Infinity, randomBatch = 0;
  for (;;) {
    // R recomputed from w: the incremental updates and the accepted extrapolations accumulate
    // rounding, and the gap (the certificate, and the screening radius) must be of this w
    refreshResidual(e, L);
    // the outer gap, over the columns still alive: the reduced problem has the same solution
    kernels.xt_r_f64(L.X, n, L.alive, alive.length, L.R, L.g, L.work);
    const outer = enetGap({ xtr: arena.f64(L.g, p), w: arena.f64(L.w, p), cols: alive, r2: kernels.dot_f64(L.R, L.R, n), a: s.a, b: s.b, positive: s.positive });
    gap = outer.gap;
    s.onProgress?.({ iteration: epochs, error: gap / n });
    if (gap <= tolGap) return { w: arena.takeF64(L.w, p), gap, epochs, converged: true };
    if (epochs >= s.maxIter) return { w: arena.takeF64(L.w, p), gap, epochs, converged: false };
    throwIfAborted(s.signal, s.label, epochs);
    if (gapSafeScreen(L, e, s, screened, alive, outer.c, outer.gapSafe, scratch.augNorm)) alive = setAlive(e, L, screened);
    const usable = alive.length;
    let nnz = 0;
    const wNow = arena.f64(L.w, p);
    for (let j = 0; j < p; j++) if (wNow[j] !== 0) nnz++;
    size = Math.min(p, Math.max(size, 2 * nnz, 30));
    let ws = workingSet(L, e, s, size, screened, scratch);
    if (lastWs && ws.length === lastWs.length && ws.every((j, k) => j === lastWs![k])) {
      size = Math.min(p, 2 * size);
      ws = workingSet(L, e, s, size, screened, scratch);
    }
    lastWs = ws;
    const mark = arena.mark();
    const m = ws.length;
    const cols = wsPtr(e, ws);
    const order = arena.allocI32(m);
    arena.i32(order, m).set(ws);
    // a working set of every usable column is the whole problem: solve it to tol at once
    const innerTol = m === usable ? tolGap : Math.max(0.3 * gap, 0.5 * tolGap);
    const gram = s.selection === 'greedy' ? workingGram(L, e, ws) : null;
    const history = new AndersonHistory(m, n);
    for (let inner = 1; epochs < s.maxIter; inner++) {
      if (s.selection === 'random') {
        const u = randomUniform(m, { seed: (s.seed * 1_000_003 + randomBatch++) % 2 ** 53 });
        arena.i32(order, m).set(Int32Array.from(u, (v) => ws[Math.min(m - 1, Math.floor(v * m))]));
      }
      if (gram) greedyEpoch(L, e, s, ws, cols, gram);
      else kernels.cd_lasso_f64(L.X, n, L.norms2, L.pf, L.w, L.R, order, m, s.a, s.b, s.positive ? 1 : 0);
      epochs++;
      // Anderson on the working-set coefficients and the residual
      const wAll = arena.f64(L.w, p);
      history.push(wAll, ws, arena.f64(L.R, n));
      if (history.full) {
        const c = history.weights();
        if (c) {
          const acc = history.combine(c), last = history.last();
          const feasible = !s.positive || acc.w.every((v) => v >= 0);
          if (feasible && primalOf(acc.w, acc.r, s) < primalOf(last.w, last.r, s)) {
            ws.forEach((j, k) => (wAll[j] = acc.w[k]));
            arena.f64(L.R, n).set(acc.r);
          }
        }
        history.clear();
      }
      // the working-set gap decides whether the inner problem is solved well enough: after
      // each Anderson attempt (every 6 epochs), after the first epoch (warm starts often need
      // one) and every second epoch up to the 8th (a check costs one X_ws^T R, half an epoch:
      // frequent checks pay off only while an early exit is likely)
      if (history.count === 0 || inner === 1 || (inner <= 8 && inner % 2 === 0)) {
        kernels.xt_r_f64(L.X, n, cols, m, L.R, L.g, L.work);
        const wsGap = enetGap({ xtr: arena.f64(L.g, p), w: arena.f64(L.w, p), cols: ws, r2: kernels.dot_f64(L.R, L.R, n), a: s.a, b: s.b, positive: s.positive });
        if (wsGap.gap <= innerTol) break;
        throwIfAborted(s.signal, s.label, epochs);
      }
    }
    arena.release(mark);
  }
}
