/**
 * Ordinary least-squares inference shared by the polynomial fits, with statsmodels OLS/WLS
 * semantics: df_resid = nobs - rank, sigma^2 = SSR / df_resid, Cov(c) = sigma^2 (X^T W X)^+,
 * R^2 centred (the models contain a constant), intervals from Student t quantiles.
 */

import { fail } from '../engine/errors.js';
import { studentTQuantile } from './student-t.js';

/**
 * Centred R^2 = 1 - SSR / TSS, TSS the weighted centred total sum of squares (kernel
 * poly_tss_f64: sum w_i^2 (y_i - ybar)^2, ybar = sum w_i^2 y_i / sum w_i^2, as statsmodels WLS
 * with weights w^2). 1 when y is constant and fitted exactly. O(1).
 */
export function rSquared(tss: number, ssr: number): number {
  return tss > 0 ? 1 - ssr / tss : ssr > 0 ? 0 : 1;
}

/** The two-sided critical value t_{1 - (1 - level)/2, df} (Infinity when df = 0). */
export function criticalValue(level: unknown, df: number): number {
  if (level === undefined) level = 0.95;
  if (typeof level !== 'number' || !(level > 0 && level < 1)) fail('INVALID_ARGUMENT', `level must be a number in (0, 1), got ${String(level)}`);
  return df > 0 ? studentTQuantile(1 - (1 - level) / 2, df) : Infinity;
}

/** x^T C x for the symmetric p x p C (row-major). O(p^2). */
export function quadraticForm(C: Float64Array, x: ArrayLike<number>, p: number): number {
  let s = 0;
  for (let a = 0; a < p; a++) {
    let t = 0;
    for (let b = 0; b < p; b++) t += C[a * p + b] * x[b];
    s += x[a] * t;
  }
  return s;
}

/** An interval mean -/+ tcrit * se for each point. */
export interface Interval {
  lower: Float64Array;
  upper: Float64Array;
}

/** lower/upper = mean -/+ tcrit sqrt(variance). O(q). */
export function intervalOf(mean: Float64Array, variance: Float64Array, tcrit: number): Interval {
  const lower = new Float64Array(mean.length), upper = new Float64Array(mean.length);
  for (let i = 0; i < mean.length; i++) {
    const h = tcrit * Math.sqrt(variance[i]);
    lower[i] = mean[i] - h;
    upper[i] = mean[i] + h;
  }
  return { lower, upper };
}

/** B C B^T for B (p x p) and symmetric C (p x p), row-major. O(p^3). */
export function congruence(B: Float64Array, C: Float64Array, p: number): Float64Array {
  const BC = new Float64Array(p * p), out = new Float64Array(p * p);
  for (let i = 0; i < p; i++) for (let k = 0; k < p; k++) {
    const b = B[i * p + k];
    if (b === 0) continue;
    for (let j = 0; j < p; j++) BC[i * p + j] += b * C[k * p + j];
  }
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) {
    let s = 0;
    for (let k = 0; k < p; k++) s += BC[i * p + k] * B[j * p + k];
    out[i * p + j] = s;
  }
  return out;
}
