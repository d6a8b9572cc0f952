/**
 * Spatial blocking of the samples for pruned kernel sums (assembly/kde/eval.ts): k-d splits
 * (the widest coordinate at a median rounded to a multiple of the block size) until ranges
 * hold at most B samples, so every block is compact and has a tight bounding box. O(n log n).
 */

import { select } from '../linalg/select.js';

/** Block size: small enough for tight boxes in low dimension, large enough to amortise bounds. */
export const BLOCK = 128;

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
