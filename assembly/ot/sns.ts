// Kernels of Sinkhorn-Newton-Sparse (Tang, Shavlovsky, Rahmanian, Tardini, Thekumparampil, Xiao
// & Ying, "Accelerating Sinkhorn Algorithm with Sparse Newton Iterations", ICLR 2024, Alg. 1).
//
// Newton ascent on the concave dual in the potentials (f, g):
//   L(f, g) = <a, f> + <b, g> - eps sum_ij P_ij,   P_ij = exp((f_i + g_j - C_ij)/eps),
//   gradient (a - P 1, b - P^T 1),  negative Hessian H = (1/eps) [[diag(P 1), P], [P^T, diag(P^T 1)]].
// Near the optimum P is close to a sparse matrix, so H is replaced by H_s: the diagonal stays
// exact and P keeps only its entries >= a threshold tau (about K of them, K ~ 10 (n + m)); the
// Newton system H_s d = gradient is solved by preconditioned conjugate gradients in
// O(nnz + n + m) per iteration: Jacobi, or the spanning-tree factor of sns-tree.ts where the
// plan is nearly an assignment and Jacobi stalls. The driver (src/ot/sns.ts) adds the Sinkhorn warm start, the
// line search and the fallbacks.

import { expFlushF64x2, expFlushF64 } from '../core/exp';
import { dot_f64, axpy_f64 } from '../core/vector';
import { at, put } from './params';
import { applyTree } from './sns-tree';

/**
 * Evaluates the plan at (f, g): stores P (n x m; 0 to skip), row sums r (n), column sums c (m)
 * and returns sum_ij P_ij. Entries below 1e-250 are flushed (core/exp.ts). O(n m) exps.
 */
export function sns_evaluate_f64(C: usize, n: i32, m: i32, f: usize, g: usize, eps: f64, P: usize, r: usize, c: usize): f64 {
  const inv = 1.0 / eps;
  memory.fill(c, 0, <usize>m << 3);
  let total: f64 = 0;
  for (let i = 0; i < n; i++) {
    const crow = C + ((<usize>i * <usize>m) << 3);
    const prow = P + ((<usize>i * <usize>m) << 3);
    const fi = at(f, i) * inv;
    let j = 0;
    let s0: f64 = 0, s1: f64 = 0;
    if (ASC_FEATURE_SIMD) {
      const iv = f64x2.splat(inv), fv = f64x2.splat(fi);
      let acc = f64x2.splat(0);
      for (; j + 2 <= m; j += 2) {
        const o = <usize>j << 3;
        const p = expFlushF64x2(f64x2.add(f64x2.mul(f64x2.sub(v128.load(g + o), v128.load(crow + o)), iv), fv));
        if (P != 0) v128.store(prow + o, p);
        v128.store(c + o, f64x2.add(v128.load(c + o), p));
        acc = f64x2.add(acc, p);
      }
      s0 = f64x2.extract_lane(acc, 0);
      s1 = f64x2.extract_lane(acc, 1);
    } else {
      for (; j + 2 <= m; j += 2) {
        const o = <usize>j << 3;
        const p0 = expFlushF64((load<f64>(g + o) - load<f64>(crow + o)) * inv + fi);
        const p1 = expFlushF64((load<f64>(g + o, 8) - load<f64>(crow + o, 8)) * inv + fi);
        if (P != 0) {
          store<f64>(prow + o, p0);
          store<f64>(prow + o, p1, 8);
        }
        store<f64>(c + o, load<f64>(c + o) + p0);
        store<f64>(c + o, load<f64>(c + o, 8) + p1, 8);
        s0 += p0;
        s1 += p1;
      }
    }
    let s = s0 + s1;
    for (; j < m; j++) {
      const o = <usize>j << 3;
      const p = expFlushF64((load<f64>(g + o) - load<f64>(crow + o)) * inv + fi);
      if (P != 0) store<f64>(prow + o, p);
      store<f64>(c + o, load<f64>(c + o) + p);
      s += p;
    }
    put(r, i, s);
    total += s;
  }
  return total;
}

/**
 * Sparsification threshold from a histogram of binary exponents (2048 buckets of counts and
 * masses, scratch: counts 2048 u32 + mass 2048 f64): the largest power of two tau such that the
 * entries below tau carry at most `maxDropped` mass (the error this adds to the Hessian,
 * the rule of Tang & Qiu's SSNS), raised if needed until at most `maxKeep` entries are >= tau.
 * O(n m).
 */
export function sns_threshold_f64(P: usize, count: i32, maxDropped: f64, maxKeep: i32, counts: usize, mass: usize): f64 {
  memory.fill(counts, 0, 2048 * 4);
  memory.fill(mass, 0, 2048 * 8);
  for (let k = 0; k < count; k++) {
    const p = load<f64>(P + (<usize>k << 3));
    const e = <usize>((reinterpret<u64>(p) >> 52) & 0x7ff);
    store<u32>(counts + (e << 2), load<u32>(counts + (e << 2)) + 1);
    store<f64>(mass + (e << 3), load<f64>(mass + (e << 3)) + p);
  }
  // lowest bucket whose mass, with everything below it, exceeds maxDropped: keep from there
  let dropped: f64 = 0;
  let e = 0;
  for (; e < 2047; e++) {
    const m = load<f64>(mass + (<usize>e << 3));
    if (dropped + m > maxDropped) break;
    dropped += m;
  }
  // count what that keeps; raise the threshold while it keeps too many
  let kept: u32 = 0;
  for (let k = e; k < 2047; k++) kept += load<u32>(counts + (<usize>k << 2));
  while (kept > <u32>maxKeep && e < 2046) {
    kept -= load<u32>(counts + (<usize>e << 2));
    e++;
  }
  return e == 0 ? 0 : reinterpret<f64>(<u64>e << 52);
}

/**
 * Compresses the entries of P (n x m) that are >= tau into CSR (rowPtr n + 1, cols, vals).
 * Returns nnz, or -1 when more than `capacity` entries qualify. O(n m).
 */
export function sns_sparsify_f64(P: usize, n: i32, m: i32, tau: f64, rowPtr: usize, cols: usize, vals: usize, capacity: i32): i32 {
  let nnz = 0;
  store<i32>(rowPtr, 0);
  for (let i = 0; i < n; i++) {
    const prow = P + ((<usize>i * <usize>m) << 3);
    for (let j = 0; j < m; j++) {
      const p = load<f64>(prow + (<usize>j << 3));
      if (p >= tau) {
        if (nnz >= capacity) return -1;
        store<i32>(cols + (<usize>nnz << 2), j);
        put(vals, nnz, p);
        nnz++;
      }
    }
    store<i32>(rowPtr + (<usize>(i + 1) << 2), nnz);
  }
  return nnz;
}

/** out = H_s z + ridge z, H_s = (1/eps) [[diag(r), Ps], [Ps^T, diag(c)]] (z, out: n + m). */
function hessianTimes(rowPtr: usize, cols: usize, vals: usize, n: i32, m: i32, r: usize, c: usize, inv: f64, ridge: f64, z: usize, out: usize): void {
  const zy = z + (<usize>n << 3), oy = out + (<usize>n << 3);
  for (let j = 0; j < m; j++) put(oy, j, (at(c, j) * inv + ridge) * at(zy, j));
  for (let i = 0; i < n; i++) {
    const zi = at(z, i);
    let s: f64 = 0;
    const k1 = load<i32>(rowPtr + (<usize>(i + 1) << 2));
    for (let k = load<i32>(rowPtr + (<usize>i << 2)); k < k1; k++) {
      const j = load<i32>(cols + (<usize>k << 2));
      const v = at(vals, k) * inv;
      s += v * at(zy, j);
      put(oy, j, at(oy, j) + v * zi);
    }
    put(out, i, (at(r, i) * inv + ridge) * zi + s);
  }
}

/** z = M^-1 res: the spanning-tree factor (tree != 0), or M = diag(r, c)/eps + ridge (Jacobi). */
function applyPreconditioner(res: usize, z: usize, n: i32, m: i32, r: usize, c: usize, inv: f64, ridge: f64, tree: usize): void {
  if (tree != 0) {
    applyTree(tree, n + m, res, z);
    return;
  }
  for (let i = 0; i < n; i++) put(z, i, at(res, i) / (at(r, i) * inv + ridge));
  const ry = res + (<usize>n << 3), zy = z + (<usize>n << 3);
  for (let j = 0; j < m; j++) put(zy, j, at(ry, j) / (at(c, j) * inv + ridge));
}

/**
 * Solves (H_s + ridge I) x = rhs by preconditioned conjugate gradients, from x = 0, until
 * ||residual|| <= relTol ||rhs|| or maxIter. Preconditioner: the spanning-tree factor of
 * sns_tree_f64 when tree != 0, else Jacobi, diag(r, c)/eps + ridge.
 * work: 4 (n + m) float64. Returns the iterations done. O(nnz + n + m) per iteration.
 */
export function sns_cg_f64(
  rowPtr: usize, cols: usize, vals: usize, n: i32, m: i32, r: usize, c: usize, eps: f64, ridge: f64,
  rhs: usize, x: usize, work: usize, maxIter: i32, relTol: f64, tree: usize,
): i32 {
  const N = n + m, inv = 1.0 / eps;
  const res = work, z = work + (<usize>N << 3), p = z + (<usize>N << 3), q = p + (<usize>N << 3);
  memory.fill(x, 0, <usize>N << 3);
  memory.copy(res, rhs, <usize>N << 3);
  applyPreconditioner(res, z, n, m, r, c, inv, ridge, tree);
  memory.copy(p, z, <usize>N << 3);
  let rz = dot_f64(res, z, N);
  const stop = relTol * sqrt<f64>(dot_f64(rhs, rhs, N));
  let it = 0;
  for (; it < maxIter; it++) {
    if (sqrt<f64>(dot_f64(res, res, N)) <= stop) break;
    hessianTimes(rowPtr, cols, vals, n, m, r, c, inv, ridge, p, q);
    const pq = dot_f64(p, q, N);
    if (!(pq > 0)) break;
    const alpha = rz / pq;
    axpy_f64(alpha, p, x, N);
    axpy_f64(-alpha, q, res, N);
    applyPreconditioner(res, z, n, m, r, c, inv, ridge, tree);
    const rzNew = dot_f64(res, z, N);
    const beta = rzNew / rz;
    rz = rzNew;
    for (let k = 0; k < N; k++) put(p, k, at(z, k) + beta * at(p, k));
  }
  return it;
}
