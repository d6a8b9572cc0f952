/**
 * Group Lasso by block coordinate descent:
 *   (1/(2n)) |y - X w - b|^2 + alpha sum_g omega_g |w_g|_2,   omega_g = sqrt(|g|) by default,
 * each block updated by a gradient step with its Lipschitz constant L_g = |X_g|_2^2 (largest
 * eigenvalue of X_g^T X_g) followed by block soft-thresholding (skglm's GroupBCD; exact block
 * minimisation when the group's columns are orthonormal):
 *   v = w_g + X_g^T R / L_g,   w_g <- v max(1 - a omega_g / (L_g |v|), 0),   a = alpha n.
 * Stopped by the duality gap with the dual point theta = c R, c = min(1, min_g a omega_g / |X_g^T R|):
 *   gap = 1/2 (1 - c)^2 |R|^2 + sum_g (a omega_g |w_g| - c w_g . X_g^T R),
 * the group analogue of gap.ts, relative to |y - mean y|^2 as scikit-learn's tol.
 */

import { withEngine } from '../engine/call.js';
import { fail } from '../engine/errors.js';
import type { Engine } from '../engine/instance.js';
import { assertFinite, optionsObject, toVector, type Matrix, type Vector } from '../engine/inputs.js';
import { throwIfAborted } from '../engine/progress.js';
import { buildDesign, type Design } from './design.js';
import { linearFit, startingPoint, type LinearFit } from './linear.js';
import { linearSettings, type LassoOptions } from './options.js';

/** Options of {@link groupLasso}. */
export interface GroupLassoOptions extends Omit<LassoOptions, 'positive' | 'selection' | 'seed'> {
  /** Group id of every column (length p; any numbers, equal ids form a group). */
  groups: Vector;
  /** Weight omega_g per group, in the order of ascending group id. Default sqrt(group size). */
  groupWeights?: Vector;
}

interface Group {
  cols: Int32Array;
  weight: number;
  /** Lipschitz constant |X_g|_2^2. */
  L: number;
}

/** Epochs between two duality-gap checks. */
const GAP_EVERY = 10;

/** The groups from the id vector, with weights and Lipschitz constants. O(n sum |g|^2). */
function groupsOf(e: Engine, d: Design, Xp: number, ids: Float64Array | Float32Array, weights: Float64Array | null): Group[] {
  const byId = new Map<number, number[]>();
  ids.forEach((id, j) => (byId.get(id) ?? byId.set(id, []).get(id)!).push(j));
  const sorted = [...byId.keys()].sort((a, b) => a - b);
  if (weights && weights.length !== sorted.length) fail('SHAPE_MISMATCH', `options.groupWeights must have one entry per group (${sorted.length}), got ${weights.length}`);
  return sorted.map((id, k) => {
    const cols = Int32Array.from(byId.get(id)!);
    const weight = weights ? weights[k] : Math.sqrt(cols.length);
    return { cols, weight, L: spectralNorm2(e, d, Xp, cols) };
  });
}

/** |X_g|_2^2 by power iteration on the |g| x |g| Gram matrix (exact for one column). */
function spectralNorm2(e: Engine, d: Design, Xp: number, cols: Int32Array): number {
  const m = cols.length, G = new Float64Array(m * m);
  for (let a = 0; a < m; a++) for (let b = 0; b <= a; b++) {
    G[a * m + b] = G[b * m + a] = e.kernels.dot_f64(Xp + 8 * cols[a] * d.n, Xp + 8 * cols[b] * d.n, d.n);
  }
  if (m === 1) return G[0];
  let v = new Float64Array(m).fill(1 / Math.sqrt(m)), lambda = 0;
  for (let it = 0; it < 500; it++) {
    const u = new Float64Array(m);
    for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) u[a] += G[a * m + b] * v[b];
    const norm = norm2(u);
    if (norm === 0) return 0;
    const next = norm;
    v = u.map((x) => x / norm);
    if (Math.abs(next - lambda) <= 1e-12 * next) return next * (1 + 1e-12);
    lambda = next;
  }
  // power iteration converges from below; a slightly larger L keeps the step safe
  return lambda * (1 + 1e-6);
}

/**
 * Group Lasso: minimises (1/(2n)) |y - X w - b|^2 + alpha sum_g omega_g |w_g|_2 by cyclic block
 * coordinate descent (a 1/L_g gradient step and block soft-thresholding per group), stopped
 * when the duality gap is <= tol |y - mean y|^2 / n. Groups need not be contiguous. Constant
 * columns (zero after centring) get 0.
 *
 * Complexity: O(n p) per epoch plus O(n sum |g|^2) once for the Lipschitz constants.
 * @example
 * const fit = groupLasso(X, y, { groups: [0, 0, 1, 1, 1, 2], alpha: 0.1 });
 */
export function groupLasso(X: Matrix, y: Vector, options: GroupLassoOptions): LinearFit {
  const o = optionsObject('options', options);
  const s = linearSettings({ ...o, positive: undefined, selection: undefined, seed: undefined }, 1);
  if (o.groups === undefined) fail('INVALID_ARGUMENT', 'options.groups is required: the group id of every column of X');
  const ids = toVector('options.groups', o.groups);
  assertFinite('options.groups', ids);
  let weights: Float64Array | null = null;
  if (o.groupWeights !== undefined) {
    weights = Float64Array.from(toVector('options.groupWeights', o.groupWeights));
    weights.forEach((v, k) => {
      if (!(v >= 0) || !Number.isFinite(v)) fail('INVALID_ARGUMENT', `options.groupWeights[${k}] must be a finite number >= 0, got ${v}`);
    });
  }
  return withEngine((e) => {
    const d = buildDesign(e, X, y, s.fitIntercept);
    if (ids.length !== d.p) fail('SHAPE_MISMATCH', `options.groups must give a group to every column of X (${d.p}), got ${ids.length} ids`);
    const w0 = startingPoint(d, s.warmStart, false);
    const { arena, kernels } = e;
    const { n, p } = d;
    const Xp = d.X, yp = arena.putF64(d.y), R = arena.allocF64(n), gp = arena.allocF64(p), all = arena.allocI32(p), work = arena.allocF64(4);
    arena.i32(all, p).set(Int32Array.from({ length: p }, (_, j) => j));
    const groups = groupsOf(e, d, Xp, ids, weights);
    const a = s.alpha * n, w = w0;
    arena.f64(R, n).set(d.y);
    for (let j = 0; j < p; j++) if (w[j] !== 0) kernels.axpy_f64(-w[j], Xp + 8 * j * n, R, n);
    const tolGap = s.tol * kernels.dot_f64(yp, yp, n);
    const colPtr = groups.map((g) => {
      const ptr = arena.allocI32(g.cols.length);
      arena.i32(ptr, g.cols.length).set(g.cols);
      return ptr;
    });
    let epochs = 0;
    for (;;) {
      kernels.xt_r_f64(Xp, n, all, p, R, gp, work);
      const gap = groupGap(groups, arena.f64(gp, p), w, kernels.dot_f64(R, R, n), a);
      o.onProgress?.({ iteration: epochs, error: gap / n });
      if (gap <= tolGap) return linearFit(d, { w, gap, epochs, converged: true });
      if (epochs >= s.maxIter) return linearFit(d, { w, gap, epochs, converged: false });
      throwIfAborted(o.signal, 'groupLasso', epochs);
      for (let rep = 0; rep < GAP_EVERY && epochs < s.maxIter; rep++, epochs++) {
        groups.forEach((g, k) => {
          if (g.L === 0) return;
          kernels.xt_r_f64(Xp, n, colPtr[k], g.cols.length, R, gp, work);
          const grad = arena.f64(gp, p);
          const v = Float64Array.from(g.cols, (j) => w[j] + grad[j] / g.L);
          const norm = norm2(v);
          const shrink = norm > 0 ? Math.max(1 - (a * g.weight) / (g.L * norm), 0) : 0;
          g.cols.forEach((j, q) => {
            const next = v[q] * shrink;
            if (next !== w[j]) {
              kernels.axpy_f64(w[j] - next, Xp + 8 * j * n, R, n);
              w[j] = next;
            }
          });
        });
      }
    }
  });
}

/**
 * Euclidean norm as sqrt of the sum of squares: Math.hypot is not correctly rounded and its
 * last bits differ between JavaScript engines, which would break cross-runtime bit identity.
 */
function norm2(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  return Math.sqrt(s);
}

/** The duality gap (unscaled) of the group Lasso at w, from g = X^T R. O(p). */
function groupGap(groups: Group[], g: Float64Array, w: Float64Array, r2: number, a: number): number {
  let c = 1;
  for (const grp of groups) {
    let s = 0;
    for (const j of grp.cols) s += g[j] * g[j];
    const norm = Math.sqrt(s);
    if (norm > 0 && norm * c > a * grp.weight) c = (a * grp.weight) / norm;
  }
  let gap = 0.5 * (1 - c) * (1 - c) * r2;
  for (const grp of groups) {
    let s = 0, wg = 0;
    for (const j of grp.cols) {
      s += w[j] * w[j];
      wg += w[j] * g[j];
    }
    gap += a * grp.weight * Math.sqrt(s) - c * wg;
  }
  return Math.max(gap, 0);
}
