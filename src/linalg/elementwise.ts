/**
 * Elementwise exp and log on the vectorised kernels of assembly/core (at most 1 ULP from the
 * correctly rounded result in float64 and float32, measured against a double-double reference).
 * IEEE semantics, as Math.exp and Math.log: exp(-inf) = 0, exp(NaN) = NaN, log(0) = -inf,
 * log(x < 0) = NaN. Unlike Math.*, results are bit-identical in every runtime.
 */

import { withEngine } from '../engine/call.js';
import { toVector, type Vector } from '../engine/inputs.js';
import type { Kernels } from '../engine/kernels.js';

type Unary = 'exp' | 'log';

function elementwise(op: Unary, x: Vector): Float64Array | Float32Array {
  const xs = toVector('x', x);
  return withEngine(({ arena, kernels }) => {
    const n = xs.length;
    if (xs instanceof Float32Array) {
      const p = arena.putF32(xs);
      kernels[`${op}_f32` as keyof Kernels & `${Unary}_f32`](p, p, n);
      return arena.takeF32(p, n);
    }
    const p = arena.putF64(xs);
    kernels[`${op}_f64` as keyof Kernels & `${Unary}_f64`](p, p, n);
    return arena.takeF64(p, n);
  });
}

/**
 * `exp(x_i)` for every entry, as a new array of the same precision.
 *
 * Complexity O(n).
 * @example
 * vectorExp([0, 1]) // Float64Array [1, 2.718281828459045]
 */
export function vectorExp(x: Vector): Float64Array | Float32Array {
  return elementwise('exp', x);
}

/**
 * `log(x_i)` (natural logarithm) for every entry, as a new array of the same precision.
 *
 * Complexity O(n).
 * @example
 * vectorLog([1, Math.E]) // Float64Array [0, 1]
 */
export function vectorLog(x: Vector): Float64Array | Float32Array {
  return elementwise('log', x);
}
