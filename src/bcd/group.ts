/**
 * Group Lasso by block coordinate descent:
 *   (1/(2n)) |y - X w - b|^2 + alpha sum_g omega_g |w_g|_2,   omega_g = sqrt(|g|) by default,
 * with the block selection rules and block updates of Nutini, Laradji & Schmidt (JMLR 2022):
 * blocks visited cyclically, at random, or greedily (Gauss-Southwell-Lipschitz on the
 * proximal step: the block whose 1/L_g update moves the fit most, |w_g+ - w_g| sqrt(L_g)), and
 * updated by a 1/L_g gradient step or exactly (a Newton step on the block; group-blocks.ts).
 * Stopped by the duality gap with the dual point theta = c R, c = min(1, min_g a omega_g / |X_g^T R|):
 *   gap = 1/2 (1 - c)^2 |R|^2 + sum_g (a omega_g |w_g| - c w_g . X_g^T R),
 * the group analogue of gap.ts, relative to |y - mean y|^2 as scikit-learn's tol.
 */

import { withEngine } from '../engine/call.js';
import { fail } from '../engine/errors.js';
import type { Engine } from '../engine/instance.js';
import { assertFinite, oneOf, optionKeys, optionsObject, toVector, type Matrix, type Vector } from '../engine/inputs.js';
import { randomUniform } from '../linalg/random.js';
import { eigenPsd, gradientUpdate, newtonUpdate, type Group } from './group-blocks.js';
import { LONG_RUN_KEYS, throwIfAborted } from '../engine/progress.js';
import { buildDesign, type Design } from './design.js';
import { linearFit, startingPoint, type LinearFit } from './linear.js';
import { linearSettings, type LassoOptions } from './options.js';

/** Options of {@link groupLasso}. */
export interface GroupLassoOptions extends Omit<LassoOptions, 'positive' | 'selection'> {
  /**
   * Order of block updates: 'cyclic' (default), 'random' (uniform draws with replacement,
   * seeded), or 'greedy' (Gauss-Southwell-Lipschitz: fewer block updates, but each costs a full
   * gradient, O(n p)).
   */
  selection?: 'cyclic' | 'random' | 'greedy';
  /** 'gradient' (default): a 1/L_g step and block soft-thresholding; 'newton': exact minimisation over the block (O(|g|^3) once per group). */
  update?: 'gradient' | 'newton';
  /** Group id of every column (length p; any numbers, equal ids form a group). */
  groups: Vector;
  /** Weight omega_g per group, in the order of ascending group id. Default sqrt(group size). */
  groupWeights?: Vector;
}

export const GROUP_LASSO_KEYS = optionKeys<GroupLassoOptions>()(
  'groups', 'groupWeights', 'update', 'alpha', 'fitIntercept', 'tol', 'maxIter', 'selection', 'warmStart', 'seed', ...LONG_RUN_KEYS);

/** Epochs between two duality-gap checks. */
const GAP_EVERY = 10;

/** Largest group 'newton' accepts: its eigendecomposition costs O(m^3) in JavaScript. */
export const NEWTON_MAX = 256;

/**
 * The groups from the id vector, with weights and Lipschitz constants (and, for exact updates,
 * Gram matrices and eigenpairs). O(n sum |g|) per power iteration; O(n |g|^2 + |g|^3) per
 * group for exact updates.
 */
function groupsOf(e: Engine, d: Design, ids: Float64Array | Float32Array, weights: Float64Array | null, exact: boolean): Group[] {
  const byId = new Map<number, number[]>();
  ids.forEach((id, j) => (byId.get(id) ?? byId.set(id, []).get(id)!).push(j));
  const sorted = [...byId.keys()].sort((a, b) => a - b);
  if (weights && weights.length !== sorted.length) fail('SHAPE_MISMATCH', `options.groupWeights must have one entry per group (${sorted.length}), got ${weights.length}`);
  return sorted.map((id, k) => {
    const cols = Int32Array.from(byId.get(id)!), m = cols.length;
    if (exact && m > NEWTON_MAX) fail('INVALID_ARGUMENT', `options.update 'newton' factors each group's Gram matrix (O(m^3)); group ${id} has ${m} columns, more than ${NEWTON_MAX}: use update 'gradient'`);
    const ptr = e.arena.allocI32(m);
    e.arena.i32(ptr, m).set(cols);
    const weight = weights ? weights[k] : Math.sqrt(m);
    if (!exact) return { cols, ptr, weight, L: lipschitz(e, d, cols, ptr), exact: null };
    const gram = new Float64Array(m * m);
    for (let a = 0; a < m; a++) for (let b = 0; b <= a; b++) {
      gram[a * m + b] = gram[b * m + a] = e.kernels.dot_f64(d.X + 8 * cols[a] * d.n, d.X + 8 * cols[b] * d.n, d.n);
    }
    const eig = eigenPsd(gram, m);
    return { cols, ptr, weight, L: eig.values[0] ?? 0, exact: { gram, ...eig } };
  });
}

/**
 * |X_g|_2^2 by power iteration on X_g^T X_g through the columns themselves (two passes over X_g
 * per step, in wasm), from a fixed start that no structured design has as an eigenvector
 * (v_j = 1 + (7919 j mod 101)/101). The Rayleigh quotient approaches the top eigenvalue from
 * below, so the result is raised by 1e-6 relative and never below the largest |X_j|^2 (a lower
 * bound of the top eigenvalue), which keeps the 1/L step safe. One column: exact.
 */
function lipschitz(e: Engine, d: Design, cols: Int32Array, ptr: number): number {
  const { arena, kernels } = e;
  const m = cols.length, n = d.n;
  let diag = 0;
  for (const j of cols) diag = Math.max(diag, d.norms2[j]);
  if (m === 1 || diag === 0) return diag;
  const mark = arena.mark();
  try {
    const u = arena.allocF64(n), z = arena.allocF64(d.p), work = arena.allocF64(4);
    let v = Float64Array.from(cols, (_, q) => 1 + ((7919 * q) % 101) / 101), lambda = 0;
    for (let it = 0; it < 1000; it++) {
      arena.f64(u, n).fill(0);
      v.forEach((vq, q) => kernels.axpy_f64(vq, d.X + 8 * cols[q] * n, u, n));
      kernels.xt_r_f64(d.X, n, ptr, m, u, z, work);
      const zv = arena.f64(z, d.p);
      let vz = 0, vv = 0, zz = 0;
      cols.forEach((j, q) => {
        vz += v[q] * zv[j];
        vv += v[q] * v[q];
        zz += zv[j] * zv[j];
      });
      const next = vz / vv;
      if (!(zz > 0)) break;
      const scale = 1 / Math.sqrt(zz);
      v = Float64Array.from(cols, (j) => zv[j] * scale);
      if (Math.abs(next - lambda) <= 1e-10 * next) {
        lambda = next;
        break;
      }
      lambda = next;
    }
    return Math.max(lambda * (1 + 1e-6), diag);
  } finally {
    arena.release(mark);
  }
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
  const o = optionsObject('options', options, GROUP_LASSO_KEYS);
  const s = linearSettings({ ...o, positive: undefined, selection: undefined }, 1);
  // at entry: the loop checks the signal only after its first gap check, and returns from it
  // when the start already meets tol (alpha >= alpha_max, a converged warm start)
  throwIfAborted(o.signal, 'groupLasso', 0);
  const selection = oneOf('options.selection', o.selection, ['cyclic', 'random', 'greedy'] as const, 'cyclic');
  const update = oneOf('options.update', o.update, ['gradient', 'newton'] as const, 'gradient');
  if (o.groups === undefined) fail('INVALID_ARGUMENT', 'options.groups is required: the group id of every column of X');
  const ids = toVector('options.groups', o.groups);
  assertFinite('options.groups', ids);
  let weights: Float64Array | null = null;
  if (o.groupWeights !== undefined) {
    weights = Float64Array.from(toVector('options.groupWeights', o.groupWeights));
    // a weight of 0 (an unpenalised group) would need the dual point projected onto
    // X_g^T theta = 0; the gap certificate below supports positive weights only
    weights.forEach((v, k) => {
      if (!(v > 0) || !Number.isFinite(v)) fail('INVALID_ARGUMENT', `options.groupWeights[${k}] must be a finite number > 0 (use a small weight for a nearly unpenalised group), got ${v}`);
    });
  }
  return withEngine((e) => {
    const d = buildDesign(e, X, y, s.fitIntercept);
    if (ids.length !== d.p) fail('SHAPE_MISMATCH', `options.groups must give a group to every column of X (${d.p}), got ${ids.length} ids`);
    const w = startingPoint(d, s.warmStart, false);
    const { arena, kernels } = e;
    const { n, p } = d;
    const Xp = d.X, yp = arena.putF64(d.y), R = arena.allocF64(n), gp = arena.allocF64(p), all = arena.allocI32(p), work = arena.allocF64(4);
    arena.i32(all, p).set(Int32Array.from({ length: p }, (_, j) => j));
    const groups = groupsOf(e, d, ids, weights, update === 'newton');
    const a = s.alpha * n, nG = groups.length;
    arena.f64(R, n).set(d.y);
    for (let j = 0; j < p; j++) if (w[j] !== 0) kernels.axpy_f64(-w[j], Xp + 8 * j * n, R, n);
    const tolGap = s.tol * kernels.dot_f64(yp, yp, n);
    /** Updates block k from c_g = X_g^T R (read from `grad`), keeping R = y - X w. */
    const updateBlock = (k: number, grad: Float64Array): void => {
      const g = groups[k];
      if (g.L === 0) return;
      const wg = Float64Array.from(g.cols, (j) => w[j]), cg = Float64Array.from(g.cols, (j) => grad[j]);
      const next = update === 'newton' ? newtonUpdate(g, wg, cg, a * g.weight) : gradientUpdate(g, wg, cg, a * g.weight);
      g.cols.forEach((j, q) => {
        if (next[q] !== w[j]) {
          kernels.axpy_f64(w[j] - next[q], Xp + 8 * j * n, R, n);
          w[j] = next[q];
        }
      });
    };
    /** Gauss-Southwell-Lipschitz: the block whose gradient update moves the fit most, from the full gradient. */
    const greedyBlock = (grad: Float64Array): number => {
      let best = -1, bestScore = 0;
      groups.forEach((g, k) => {
        if (g.L === 0) return;
        const wg = Float64Array.from(g.cols, (j) => w[j]);
        const next = gradientUpdate(g, wg, Float64Array.from(g.cols, (j) => grad[j]), a * g.weight);
        let move = 0;
        for (let q = 0; q < wg.length; q++) move += (next[q] - wg[q]) * (next[q] - wg[q]);
        if (move * g.L > bestScore) {
          bestScore = move * g.L;
          best = k;
        }
      });
      return best;
    };
    let epochs = 0, draws = 0;
    for (;;) {
      kernels.xt_r_f64(Xp, n, all, p, R, gp, work);
      const gap = groupGap(groups, arena.f64(gp, p), w, kernels.dot_f64(R, R, n), a);
      o.onProgress?.({ iteration: epochs, error: gap / n });
      if (gap <= tolGap) return linearFit(d, { w, gap, epochs, converged: true });
      if (epochs >= s.maxIter) return linearFit(d, { w, gap, epochs, converged: false });
      throwIfAborted(o.signal, 'groupLasso', epochs);
      for (let rep = 0; rep < GAP_EVERY && epochs < s.maxIter; rep++, epochs++) {
        if (selection === 'greedy') {
          for (let step = 0; step < nG; step++) {
            kernels.xt_r_f64(Xp, n, all, p, R, gp, work);
            const k = greedyBlock(arena.f64(gp, p));
            if (k < 0) break;
            updateBlock(k, arena.f64(gp, p));
          }
          continue;
        }
        const order = selection === 'random'
          ? Array.from(randomUniform(nG, { seed: (s.seed * 1_000_003 + draws++) % 2 ** 53 }), (u) => Math.min(nG - 1, Math.floor(u * nG)))
          : groups.map((_, k) => k);
        for (const k of order) {
          kernels.xt_r_f64(Xp, n, groups[k].ptr, groups[k].cols.length, R, gp, work);
          updateBlock(k, arena.f64(gp, p));
        }
      }
    }
  });
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
