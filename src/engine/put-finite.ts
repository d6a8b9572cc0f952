/**
 * Copying inputs into wasm memory with the finiteness check done there: one SIMD scan
 * (first_nonfinite_f64) instead of a JS loop, which matters for million-entry designs.
 */

import type { Arena } from './arena.js';
import { fail } from './errors.js';
import type { Kernels } from './kernels.js';

/**
 * Copies v into wasm memory and throws NOT_FINITE naming the first bad entry (as name[i], or
 * name[i][j] for a row-major matrix with `cols` columns). O(n).
 */
export function putFinite(arena: Arena, kernels: Kernels, name: string, v: ArrayLike<number>, cols = 0): number {
  const ptr = arena.putF64(v);
  const bad = kernels.first_nonfinite_f64(ptr, v.length);
  if (bad >= 0) failNotFinite(name, v, bad, cols);
  return ptr;
}

/** Throws NOT_FINITE for entry `bad` of v (named name[i], or name[i][j] with `cols` columns). */
export function failNotFinite(name: string, v: ArrayLike<number>, bad: number, cols = 0): never {
  const where = cols > 0 ? `[${Math.floor(bad / cols)}][${bad % cols}]` : `[${bad}]`;
  return fail('NOT_FINITE', `${name}${where} is ${v[bad]}; all values must be finite`);
}
