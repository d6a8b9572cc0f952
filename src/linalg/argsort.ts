/**
 * Stable argsort by LSD radix sort in wasm: O(n), deterministic, and an order on every double
 * (-inf < ... < -0 = +0 < ... < +inf < NaN; ties keep their input order).
 */

import { withEngine } from '../engine/call.js';
import { toVector, type Vector } from '../engine/inputs.js';
import type { Engine } from '../engine/instance.js';

/** Writes the sorting permutation of the n float64 at `x` into the n int32 at `idx`. */
export function argsortInto(e: Engine, x: number, n: number, idx: number): void {
  const work = e.arena.alloc(e.kernels.argsort_scratch_bytes(n));
  e.kernels.argsort_f64(x, n, idx, work);
}

/**
 * Indices that sort x ascending, stably: `x[idx[0]] <= x[idx[1]] <= ...`.
 *
 * Complexity O(n) time, O(n) scratch.
 * @example
 * argsort([3, 1, 2]) // Int32Array [1, 2, 0]
 */
export function argsort(x: Vector): Int32Array {
  const xs = toVector('x', x);
  return withEngine((e) => {
    const n = xs.length;
    const px = e.arena.putF64(xs), idx = e.arena.allocI32(n);
    argsortInto(e, px, n, idx);
    return e.arena.takeI32(idx, n);
  });
}
