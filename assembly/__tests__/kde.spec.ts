// Kernel-level specs for assembly/kde/layout.ts: the k-d block order puts the same samples in
// each block as a plain recursive reference (sort instead of quickselect), also when keys tie;
// the layout is the transposed gather with exact boxes; unit coordinates apply T row by row.

import { kde_block_layout, kde_block_order, kde_unit_f64 } from '../kde/layout';

/** Distinct pseudo-random coordinates (fractional parts of a scaled sine). */
function cloud(n: i32, d: i32): Float64Array {
  const U = new Float64Array(n * d);
  for (let k = 0; k < n * d; k++) {
    const s = Math.sin(<f64>k * 12.9898 + 78.233) * 43758.5453;
    U[k] = s - Math.floor(s) - 0.5;
  }
  return U;
}

/** ids[first..end) sorted by coordinate dim of U (insertion sort). */
function sortByKey(U: Float64Array, d: i32, ids: Int32Array, first: i32, end: i32, dim: i32): void {
  for (let p = first + 1; p < end; p++) {
    const id = ids[p], key = U[id * d + dim];
    let q = p - 1;
    while (q >= first && U[ids[q] * d + dim] > key) {
      ids[q + 1] = ids[q];
      q--;
    }
    ids[q + 1] = id;
  }
}

/** The reference block order: split on the widest coordinate at first + B ceil(len / 2B). */
function referenceOrder(U: Float64Array, d: i32, ids: Int32Array, first: i32, end: i32, B: i32): void {
  if (end - first <= B) return;
  let dim = 0;
  let widest: f64 = -1;
  for (let k = 0; k < d; k++) {
    let lo: f64 = Infinity, hi: f64 = -Infinity;
    for (let p = first; p < end; p++) {
      lo = min(lo, U[ids[p] * d + k]);
      hi = max(hi, U[ids[p] * d + k]);
    }
    if (hi - lo > widest) {
      widest = hi - lo;
      dim = k;
    }
  }
  sortByKey(U, d, ids, first, end, dim);
  const half = (end - first + 2 * B - 1) / (2 * B);
  const mid = first + B * half;
  referenceOrder(U, d, ids, first, mid, B);
  referenceOrder(U, d, ids, mid, end, B);
}

function blockOrder(U: Float64Array, n: i32, d: i32, B: i32): Int32Array {
  const idx = new Int32Array(n), keys = new Float64Array(n), bounds = new Float64Array(2 * d);
  kde_block_order(U.dataStart, n, d, B, idx.dataStart, keys.dataStart, bounds.dataStart);
  return idx;
}

/** True when idx is a permutation of 0..n-1. */
function isPermutation(idx: Int32Array, n: i32): bool {
  const seen = new StaticArray<bool>(n);
  for (let p = 0; p < n; p++) {
    const i = idx[p];
    if (i < 0 || i >= n || seen[i]) return false;
    seen[i] = true;
  }
  return true;
}

/** Number of blocks whose sets of samples differ between the orders a and b. */
function differentBlocks(a: Int32Array, b: Int32Array, n: i32, B: i32): i32 {
  let bad = 0;
  const member = new StaticArray<i32>(n);
  for (let first = 0, blk = 1; first < n; first += B, blk++) {
    const end = min(first + B, n);
    for (let p = first; p < end; p++) member[a[p]] = blk;
    let same = true;
    for (let p = first; p < end; p++) same = same && member[b[p]] == blk;
    if (!same) bad++;
  }
  return bad;
}

describe('kde layout', () => {
  it('block order: the blocks of the plain recursive reference, every block but the last full', () => {
    const n = 1000, d = 3, B = 16;
    const U = cloud(n, d);
    const idx = blockOrder(U, n, d, B);
    expect(isPermutation(idx, n)).toBe(true);
    const ref = new Int32Array(n);
    for (let i = 0; i < n; i++) ref[i] = i;
    referenceOrder(U, d, ref, 0, n, B);
    expect(differentBlocks(idx, ref, n, B)).toBe(0);
    // a spatially meaningless order (the input order) differs in most blocks: the check can fail
    const identity = new Int32Array(n);
    for (let i = 0; i < n; i++) identity[i] = i;
    expect(differentBlocks(identity, ref, n, B)).toBeGreaterThan(50);
  });

  it('block order: ranges of at most B samples stay in input order; all-equal keys still split', () => {
    const small = cloud(10, 2);
    const idx = blockOrder(small, 10, 2, 16);
    for (let i = 0; i < 10; i++) expect(idx[i]).toBe(i);
    const n = 300;
    const flat = new Float64Array(n * 2); // every coordinate equal: quickselect meets only ties
    const tied = blockOrder(flat, n, 2, 16);
    expect(isPermutation(tied, n)).toBe(true);
  });

  it('layout: samples transposed in block order, boxes the exact extremes of each block', () => {
    const n = 203, d = 3, B = 32, nb = (n + B - 1) / B;
    const U = cloud(n, d);
    const idx = blockOrder(U, n, d, B);
    const ST = new Float64Array(d * n), lo = new Float64Array(nb * d), hi = new Float64Array(nb * d);
    kde_block_layout(U.dataStart, n, d, B, idx.dataStart, ST.dataStart, lo.dataStart, hi.dataStart);
    let mismatches = 0;
    for (let p = 0; p < n; p++) {
      for (let k = 0; k < d; k++) if (ST[k * n + p] != U[idx[p] * d + k]) mismatches++;
    }
    for (let b = 0; b < nb; b++) {
      for (let k = 0; k < d; k++) {
        let l: f64 = Infinity, h: f64 = -Infinity;
        for (let p = b * B; p < min(b * B + B, n); p++) {
          l = min(l, U[idx[p] * d + k]);
          h = max(h, U[idx[p] * d + k]);
        }
        if (lo[b * d + k] != l || hi[b * d + k] != h) mismatches++;
      }
    }
    expect(mismatches).toBe(0);
  });

  it('unit coordinates: each row moved to the origin and mapped by the lower-triangular T', () => {
    const n = 4, d = 3;
    const X = cloud(n, d), T = new Float64Array(d * d), out = new Float64Array(n * d), o = new Float64Array(d);
    T[0] = 2; T[3] = -1; T[4] = 0.5; T[6] = 0.25; T[7] = 3; T[8] = -4;
    o[0] = 0.75; o[1] = -1.5; o[2] = 3;
    kde_unit_f64(X.dataStart, n, d, T.dataStart, o.dataStart, out.dataStart);
    let worst: f64 = 0;
    for (let i = 0; i < n; i++) {
      const x0 = X[i * d] - o[0], x1 = X[i * d + 1] - o[1], x2 = X[i * d + 2] - o[2];
      worst = max(worst, abs(out[i * d] - 2 * x0));
      worst = max(worst, abs(out[i * d + 1] - (-x0 + 0.5 * x1)));
      worst = max(worst, abs(out[i * d + 2] - (0.25 * x0 + 3 * x1 - 4 * x2)));
    }
    // the reference forms the same products and sums in the same order: equal bit for bit
    expect(worst).toBe(0);
  });
});
