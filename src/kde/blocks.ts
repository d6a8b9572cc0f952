/**
 * Spatial blocking of the samples for pruned kernel sums (assembly/kde/eval.ts): k-d splits
 * (the widest coordinate at a median rounded to a multiple of the block size) until ranges
 * hold at most B samples, so every block is compact and has a tight bounding box. O(n log n).
 */

import { selectKeyed } from '../linalg/select.js';

/** Block size: small enough for tight boxes in low dimension, large enough to amortise bounds. */
export const BLOCK = 128;

/** The block order of n points U (n x d row-major): a permutation of 0..n-1. */
export function blockOrder(U: Float64Array, n: number, d: number, B = BLOCK): Int32Array {
  const idx = Int32Array.from({ length: n }, (_, i) => i);
  const keys = new Float64Array(n), lo = new Float64Array(d), hi = new Float64Array(d);
  const stack: [number, number][] = [[0, n]];
  while (stack.length > 0) {
    const [first, end] = stack.pop()!;
    if (end - first <= B) continue;
    // the widest coordinate of the range: one pass over its rows (each read whole)
    lo.fill(Infinity);
    hi.fill(-Infinity);
    for (let p = first; p < end; p++) {
      const row = idx[p] * d;
      for (let k = 0; k < d; k++) {
        const v = U[row + k];
        if (v < lo[k]) lo[k] = v;
        if (v > hi[k]) hi[k] = v;
      }
    }
    let dim = 0, widest = -1;
    for (let k = 0; k < d; k++) {
      if (hi[k] - lo[k] > widest) {
        widest = hi[k] - lo[k];
        dim = k;
      }
    }
    for (let p = first; p < end; p++) keys[p] = U[idx[p] * d + dim];
    const mid = first + B * Math.ceil((end - first) / 2 / B);
    selectKeyed(idx, keys, first, end, mid);
    stack.push([mid, end], [first, mid]);
  }
  return idx;
}
