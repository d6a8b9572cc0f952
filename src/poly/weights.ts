/** Validation of observation weights for the regression fits. */

import { fail } from '../engine/errors.js';
import { assertFinite, toVector, type Vector } from '../engine/inputs.js';

/** Finite, non-negative weights of length n with some positive entry, as float64. O(n). */
export function checkWeights(name: string, value: Vector, n: number): Float64Array {
  const w = toVector(name, value);
  if (w.length !== n) fail('SHAPE_MISMATCH', `${name} must have one entry per point (${n}), got ${w.length}`);
  assertFinite(name, w);
  let any = false;
  for (let i = 0; i < n; i++) {
    if (w[i] < 0) fail('NEGATIVE_WEIGHT', `${name}[${i}] is ${w[i]}; weights must be >= 0`);
    if (w[i] > 0) any = true;
  }
  if (!any) fail('EMPTY_INPUT', `${name} are all 0: no point carries weight`);
  return Float64Array.from(w);
}
