/**
 * Level-1 vector operations on the SIMD kernels. Float32Array inputs (all of them) run the
 * float32 kernels; anything else runs in float64. Reductions use a fixed order, so results are
 * bit-identical across runtimes and between the SIMD and the scalar build.
 */

import { withEngine } from '../engine/call.js';
import { fail } from '../engine/errors.js';
import { allFloat32, finiteNumber, toVector, type Vector } from '../engine/inputs.js';

function sameLength(a: { length: number }, b: { length: number }, names: string): void {
  if (a.length !== b.length) fail('SHAPE_MISMATCH', `${names} must have the same length, got ${a.length} and ${b.length}`);
}

/**
 * Dot product `sum_i x_i y_i`.
 *
 * Complexity O(n). IEEE semantics: NaN or infinite entries propagate.
 * @example
 * dot([1, 2, 3], [4, 5, 6]) // 32
 */
export function dot(x: Vector, y: Vector): number {
  const xs = toVector('x', x), ys = toVector('y', y);
  sameLength(xs, ys, 'x and y');
  return withEngine(({ arena, kernels }) => {
    if (allFloat32(xs, ys)) return kernels.dot_f32(arena.putF32(xs), arena.putF32(ys), xs.length);
    return kernels.dot_f64(arena.putF64(xs), arena.putF64(ys), xs.length);
  });
}

/**
 * Sum `sum_i x_i` with a fixed reduction order (four partial sums in float64).
 *
 * Complexity O(n).
 * @example
 * sum(new Float64Array([0.5, 1.5, 2])) // 4
 */
export function sum(x: Vector): number {
  const xs = toVector('x', x);
  return withEngine(({ arena, kernels }) => {
    if (allFloat32(xs)) return kernels.sum_f32(arena.putF32(xs), xs.length);
    return kernels.sum_f64(arena.putF64(xs), xs.length);
  });
}

/**
 * `y + alpha * x` as a new array (float32 when x and y are Float32Array).
 *
 * Complexity O(n).
 * @example
 * axpy(2, [1, 1], [0, 1]) // Float64Array [2, 3]
 */
export function axpy(alpha: number, x: Vector, y: Vector): Float64Array | Float32Array {
  const a = finiteNumber('alpha', alpha);
  const xs = toVector('x', x), ys = toVector('y', y);
  sameLength(xs, ys, 'x and y');
  return withEngine(({ arena, kernels }) => {
    const n = xs.length;
    if (allFloat32(xs, ys)) {
      const px = arena.putF32(xs), py = arena.putF32(ys);
      kernels.axpy_f32(a, px, py, n);
      return arena.takeF32(py, n);
    }
    const px = arena.putF64(xs), py = arena.putF64(ys);
    kernels.axpy_f64(a, px, py, n);
    return arena.takeF64(py, n);
  });
}

/**
 * `alpha * x` as a new array (float32 when x is a Float32Array).
 *
 * Complexity O(n).
 * @example
 * scale(0.5, [2, 4]) // Float64Array [1, 2]
 */
export function scale(alpha: number, x: Vector): Float64Array | Float32Array {
  const a = finiteNumber('alpha', alpha);
  const xs = toVector('x', x);
  return withEngine(({ arena, kernels }) => {
    const n = xs.length;
    if (allFloat32(xs)) {
      const px = arena.putF32(xs);
      kernels.scale_f32(a, px, n);
      return arena.takeF32(px, n);
    }
    const px = arena.putF64(xs);
    kernels.scale_f64(a, px, n);
    return arena.takeF64(px, n);
  });
}
