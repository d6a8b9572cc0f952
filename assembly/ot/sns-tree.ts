// Spanning-tree preconditioner for the sparse Newton systems of SNS (assembly/ot/sns.ts).
//
// At small epsilon the plan is close to a sparse assignment: its support graph (rows and
// columns as nodes, kept plan entries as edges) falls into tightly coupled clusters joined by
// a few entries many orders of magnitude lighter. H_s then has near-null directions, one
// potential offset per cluster, that the Jacobi preconditioner cannot see; CG stalls at its
// iteration cap and Newton stops making progress (measured: d = 10, epsilon = 1e-3).
// Preconditioning by the exact diagonal plus a maximum-weight spanning forest of the graph
// (Vaidya's support-tree preconditioner; Spielman & Teng, "Nearly-linear time algorithms for
// preconditioning and solving symmetric, diagonally dominant linear systems", 2014, sec. 1.1)
// keeps the light links that join the clusters, so those directions are resolved exactly, and
// a system on a forest is solved by elimination from the leaves in O(n + m). Kruskal's order
// only needs the entries' binary exponents (a counting sort into 2048 buckets): the forest is
// then maximal to within a factor 2 per edge, which is all a preconditioner needs.
//
// M = (1/eps) [[diag(r), T], [T^T, diag(c)]] + ridge I, T the forest's plan entries. M is the
// sign-flipped image of a weighted Laplacian plus a nonnegative diagonal, so its pivots in
// leaves-first order stay positive.

import { at, put } from './params';

// @ts-ignore: decorator
@inline function align16(x: usize): usize {
  return (x + 15) & ~(<usize>15);
}

// @ts-ignore: decorator
@inline function geti(p: usize, k: i32): i32 {
  return load<i32>(p + (<usize>k << 2));
}

// @ts-ignore: decorator
@inline function seti(p: usize, k: i32, v: i32): void {
  store<i32>(p + (<usize>k << 2), v);
}

/** Bytes of the factor sns_tree_f64 writes (order, parent: i32; multipliers, pivots: f64). */
export function sns_tree_bytes(n: i32, m: i32): i32 {
  const N = n + m;
  return <i32>(align16(<usize>N << 2) * 2 + align16(<usize>N << 3) * 2);
}

/** Bytes of scratch sns_tree_f64 needs for up to `capacity` kept entries. */
export function sns_tree_work_bytes(n: i32, m: i32, capacity: i32): i32 {
  const N = <usize>(n + m), K = <usize>capacity;
  return <i32>(align16(K << 2) * 2 + align16(BUCKETS << 2) + align16(N << 2) * 5 + align16((N + 1) << 2) + align16(N << 3) * 4 + 16);
}

/** Kruskal's buckets: one per binary exponent of a float64. */
const BUCKETS: usize = 2048;

/** The factor's arrays inside `tree` (see sns_tree_bytes). */
// @ts-ignore: decorator
@inline function orderOf(tree: usize): usize { return tree; }
// @ts-ignore: decorator
@inline function parentOf(tree: usize, N: i32): usize { return tree + align16(<usize>N << 2); }
// @ts-ignore: decorator
@inline function multOf(tree: usize, N: i32): usize { return tree + align16(<usize>N << 2) * 2; }
// @ts-ignore: decorator
@inline function pivotOf(tree: usize, N: i32): usize { return multOf(tree, N) + align16(<usize>N << 3); }

/** Bucket of a plan entry (> 0): 0 for the largest binary exponents, increasing downwards. */
// @ts-ignore: decorator
@inline function exponentRank(v: f64): i32 {
  return 2047 - <i32>((reinterpret<u64>(v) >> 52) & 2047);
}

/** Root of u's set, halving the path on the way (union-find). */
function find(uf: usize, u: i32): i32 {
  while (geti(uf, u) != u) {
    const up = geti(uf, geti(uf, u));
    seti(uf, u, up);
    u = up;
  }
  return u;
}

/**
 * Builds and factors M (file comment) for the CSR entries (rowPtr, cols, vals; nnz of them)
 * of the sparse plan: Kruskal's maximum spanning forest (entries sorted by decreasing mass),
 * breadth-first orders from the roots, then elimination from the leaves. r, c: full row and
 * column sums of the plan. tree: sns_tree_bytes; work: sns_tree_work_bytes.
 * O(nnz + (n + m)) after the O(nnz) radix sort.
 */
export function sns_tree_f64(
  rowPtr: usize, cols: usize, vals: usize, nnz: i32, n: i32, m: i32, r: usize, c: usize, eps: f64, ridge: f64,
  tree: usize, work: usize,
): void {
  const N = n + m, inv = 1.0 / eps;
  const K = <usize>max(nnz, 1);
  const idx = align16(work);
  const rowOf = idx + align16(K << 2);
  const bucket = rowOf + align16(K << 2);
  const uf = bucket + align16(BUCKETS << 2);
  const eu = uf + align16(<usize>N << 2), ev = eu + align16(<usize>N << 2);
  const cursor = ev + align16(<usize>N << 2), queueFlag = cursor + align16(<usize>N << 2);
  const adjPtr = queueFlag + align16(<usize>N << 2);
  const ew = adjPtr + align16(<usize>(N + 1) << 2);
  const adj = ew + align16(<usize>N << 3); // 2 N i32
  const adjW = adj + align16(<usize>N << 3);
  const order = orderOf(tree), parent = parentOf(tree, N), mult = multOf(tree, N), pivot = pivotOf(tree, N);

  // maximum spanning forest (Kruskal): entries by decreasing binary exponent (counting sort)
  memory.fill(bucket, 0, BUCKETS << 2);
  for (let i = 0; i < n; i++) {
    for (let k = geti(rowPtr, i), k1 = geti(rowPtr, i + 1); k < k1; k++) {
      seti(rowOf, k, i);
      const b = exponentRank(at(vals, k));
      seti(bucket, b, geti(bucket, b) + 1);
    }
  }
  let start = 0;
  for (let b = 0; b < <i32>BUCKETS; b++) {
    const count = geti(bucket, b);
    seti(bucket, b, start);
    start += count;
  }
  for (let k = 0; k < nnz; k++) {
    const b = exponentRank(at(vals, k));
    const slot = geti(bucket, b);
    seti(idx, slot, k);
    seti(bucket, b, slot + 1);
  }
  for (let u = 0; u < N; u++) seti(uf, u, u);
  let edges = 0;
  for (let t = 0; t < nnz; t++) {
    const k = geti(idx, t);
    const u = geti(rowOf, k), v = n + geti(cols, k);
    const ru = find(uf, u), rv = find(uf, v);
    if (ru == rv) continue;
    seti(uf, ru, rv);
    seti(eu, edges, u);
    seti(ev, edges, v);
    put(ew, edges, at(vals, k) * inv);
    edges++;
  }

  // forest adjacency (both directions), then breadth-first order from each root
  memory.fill(adjPtr, 0, <usize>(N + 1) << 2);
  for (let e = 0; e < edges; e++) {
    seti(adjPtr, geti(eu, e) + 1, geti(adjPtr, geti(eu, e) + 1) + 1);
    seti(adjPtr, geti(ev, e) + 1, geti(adjPtr, geti(ev, e) + 1) + 1);
  }
  for (let u = 0; u < N; u++) seti(adjPtr, u + 1, geti(adjPtr, u + 1) + geti(adjPtr, u));
  for (let u = 0; u < N; u++) seti(cursor, u, geti(adjPtr, u));
  for (let e = 0; e < edges; e++) {
    const u = geti(eu, e), v = geti(ev, e), w = at(ew, e);
    const cu = geti(cursor, u), cv = geti(cursor, v);
    seti(adj, cu, v);
    put(adjW, cu, w);
    seti(adj, cv, u);
    put(adjW, cv, w);
    seti(cursor, u, cu + 1);
    seti(cursor, v, cv + 1);
  }
  memory.fill(queueFlag, 0, <usize>N << 2);
  let tail = 0;
  for (let s = 0; s < N; s++) {
    if (geti(queueFlag, s) != 0) continue;
    seti(queueFlag, s, 1);
    seti(parent, s, -1);
    put(mult, s, 0);
    let head = tail;
    seti(order, tail++, s);
    while (head < tail) {
      const u = geti(order, head++);
      for (let k = geti(adjPtr, u), k1 = geti(adjPtr, u + 1); k < k1; k++) {
        const v = geti(adj, k);
        if (geti(queueFlag, v) != 0) continue;
        seti(queueFlag, v, 1);
        seti(parent, v, u);
        put(mult, v, at(adjW, k)); // the edge weight until the elimination below
        seti(order, tail++, v);
      }
    }
  }

  // elimination from the leaves: pivot_p -= w^2 / pivot_v; mult_v = w / pivot_v
  for (let i = 0; i < n; i++) put(pivot, i, at(r, i) * inv + ridge);
  for (let j = 0; j < m; j++) put(pivot, n + j, at(c, j) * inv + ridge);
  for (let t = N - 1; t >= 0; t--) {
    const v = geti(order, t), p = geti(parent, v);
    if (p < 0) continue;
    const w = at(mult, v), l = w / at(pivot, v);
    put(pivot, p, at(pivot, p) - l * w);
    put(mult, v, l);
  }
}

/** z = M^-1 res with the factor of sns_tree_f64 (forward from the leaves, back from the roots). O(n + m). */
export function applyTree(tree: usize, N: i32, res: usize, z: usize): void {
  const order = orderOf(tree), parent = parentOf(tree, N), mult = multOf(tree, N), pivot = pivotOf(tree, N);
  memory.copy(z, res, <usize>N << 3);
  for (let t = N - 1; t >= 0; t--) {
    const v = geti(order, t), p = geti(parent, v);
    if (p >= 0) put(z, p, at(z, p) - at(mult, v) * at(z, v));
  }
  for (let t = 0; t < N; t++) {
    const v = geti(order, t), p = geti(parent, v);
    put(z, v, at(z, v) / at(pivot, v) - (p >= 0 ? at(mult, v) * at(z, p) : 0));
  }
}
