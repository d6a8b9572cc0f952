/**
 * Spatial blocking of the samples for pruned kernel sums (assembly/kde/eval.ts): k-d splits
 * (the widest coordinate at a median rounded to a multiple of the block size) until ranges
 * hold at most B samples, so every block is compact and has a tight bounding box. O(n log n).
 */

/** Block size: small enough for tight boxes in low dimension, large enough to amortise bounds. */
export const BLOCK = 128;

/** Moves the k-th smallest (by key) of idx[lo, hi) to position k, smaller ones before it. */
function select(idx: Int32Array, key: (i: number) => number, lo: number, hi: number, k: number): void {
  let l = lo, r = hi - 1;
  while (r > l) {
    // median of three as pivot (deterministic)
    const mid = (l + r) >> 1;
    const a = key(idx[l]), b = key(idx[mid]), c = key(idx[r]);
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = l, j = r;
    while (i <= j) {
      while (key(idx[i]) < pivot) i++;
      while (key(idx[j]) > pivot) j--;
      if (i <= j) {
        const t = idx[i];
        idx[i] = idx[j];
        idx[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) r = j;
    else if (k >= i) l = i;
    else return;
  }
}

/** The block order of n points U (n x d row-major): a permutation of 0..n-1. */
export function blockOrder(U: Float64Array, n: number, d: number, B = BLOCK): Int32Array {
  const idx = Int32Array.from({ length: n }, (_, i) => i);
  const stack: [number, number][] = [[0, n]];
  while (stack.length > 0) {
    const [lo, hi] = stack.pop()!;
    if (hi - lo <= B) continue;
    let dim = 0, widest = -1;
    for (let k = 0; k < d; k++) {
      let mn = Infinity, mx = -Infinity;
      for (let p = lo; p < hi; p++) {
        const v = U[idx[p] * d + k];
        if (v < mn) mn = v;
        if (v > mx) mx = v;
      }
      if (mx - mn > widest) {
        widest = mx - mn;
        dim = k;
      }
    }
    const mid = lo + B * Math.ceil((hi - lo) / 2 / B);
    select(idx, (i) => U[i * d + dim], lo, hi, mid);
    stack.push([mid, hi], [lo, mid]);
  }
  return idx;
}
