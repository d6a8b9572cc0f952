/**
 * Sample weights of kde and kdeGrid: validated and normalised to sum 1. The weights are divided
 * by the largest one before they are summed, so totals that would overflow (weights near 1e308)
 * still normalise correctly. O(n).
 */

import { fail } from '../engine/errors.js';
import { assertFinite, toVector } from '../engine/inputs.js';

/** options.weights (n entries, finite, >= 0, not all 0) divided by their sum. */
export function normalisedWeights(value: unknown, n: number): Float64Array {
  const raw = toVector('options.weights', value);
  if (raw.length !== n) fail('SHAPE_MISMATCH', `options.weights must have one entry per sample (${n}), got ${raw.length}`);
  assertFinite('options.weights', raw);
  let largest = 0;
  for (let i = 0; i < n; i++) {
    if (raw[i] < 0) fail('NEGATIVE_WEIGHT', `options.weights[${i}] is ${raw[i]}; weights must be >= 0`);
    largest = Math.max(largest, raw[i]);
  }
  if (!(largest > 0)) fail('EMPTY_INPUT', 'options.weights are all 0: no sample carries mass');
  const w = Float64Array.from(raw, (v) => v / largest);
  let total = 0;
  for (let i = 0; i < n; i++) total += w[i];
  for (let i = 0; i < n; i++) w[i] /= total;
  return w;
}
