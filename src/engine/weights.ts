/**
 * Weight vectors shared by the transport, density and regression functions. The checks are
 * the same everywhere, so the messages are too; each caller only names the argument and says
 * what the entries correspond to.
 */

import { fail } from './errors.js';
import { assertFinite, toVector } from './inputs.js';

/**
 * Checks a weight argument and returns it as a new Float64Array (never the caller's array, so
 * it may be changed in place): `length` entries (SHAPE_MISMATCH otherwise; `lengthName` says
 * what they correspond to, e.g. 'one per row of cost'), all finite (NOT_FINITE), none negative
 * (NEGATIVE_WEIGHT, naming name[i]) and at least one positive (EMPTY_INPUT). O(n).
 */
export function checkWeights(name: string, value: unknown, length: number, lengthName: string): Float64Array {
  const given = toVector(name, value);
  // toVector already copies number[] into a new Float64Array; typed arrays come back as given
  const w = given instanceof Float64Array && given !== value ? given : Float64Array.from(given);
  if (w.length !== length) fail('SHAPE_MISMATCH', `${name} must have ${length} entries (${lengthName}), got ${w.length}`);
  assertFinite(name, w);
  let largest = 0;
  for (let i = 0; i < w.length; i++) {
    if (w[i] < 0) fail('NEGATIVE_WEIGHT', `${name}[${i}] is ${w[i]}; weights must be >= 0`);
    largest = Math.max(largest, w[i]);
  }
  if (!(largest > 0)) fail('EMPTY_INPUT', `${name} has no mass: all ${w.length} weights are 0`);
  return w;
}

/**
 * Divides checked weights (finite, >= 0, some positive) by the largest one, in place, and
 * returns w. The result lies in [0, 1] with a largest entry of exactly 1, so its sum is at most
 * n: summing weights near 1e308 as given overflows to Infinity, and dividing by that sum made
 * every weight 0. O(n).
 */
export function scaledByLargest(w: Float64Array): Float64Array {
  let largest = 0;
  for (let i = 0; i < w.length; i++) largest = Math.max(largest, w[i]);
  for (let i = 0; i < w.length; i++) w[i] /= largest;
  return w;
}

/**
 * {@link checkWeights}, then the weights divided by their sum (a new Float64Array summing to 1
 * up to rounding). They are divided by the largest one first ({@link scaledByLargest}) so the
 * sum cannot overflow, then summed in index order and divided by that sum. O(n).
 */
export function normalisedWeights(name: string, value: unknown, length: number, lengthName: string): Float64Array {
  const w = scaledByLargest(checkWeights(name, value, length, lengthName));
  let total = 0;
  for (let i = 0; i < w.length; i++) total += w[i];
  for (let i = 0; i < w.length; i++) w[i] /= total;
  return w;
}
