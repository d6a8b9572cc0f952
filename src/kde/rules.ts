/**
 * Rule-of-thumb bandwidths with scipy.stats.gaussian_kde semantics: the kernel covariance is
 * factor^2 times the weighted data covariance (full matrix), with Kish's effective sample size
 * neff = 1 / sum(w^2) for normalised weights w:
 *   scott: factor = neff^(-1/(d+4)),  silverman: factor = (neff (d + 2) / 4)^(-1/(d+4)).
 * The data covariance is numpy's np.cov(x, aweights=w): sum w_i (x_i - m)(x_i - m)^T / (1 - sum w_i^2).
 * (In 1-D, scott is sigma n^(-1/5) with sigma the ddof=1 standard deviation: not the textbook
 * 1.06 min(sigma, IQR/1.34) n^(-1/5) of R's bw.nrd or statsmodels.)
 */

import { fail } from '../engine/errors.js';
import { detPow } from '../engine/math.js';

export interface WeightedMoments {
  mean: Float64Array;
  /** d x d row-major weighted covariance (np.cov with aweights, unbiased). */
  covariance: Float64Array;
  neff: number;
}

/**
 * Weighted mean and covariance of X (n x d row-major) with weights w summing to 1, or null for
 * all equal to 1/n (no n-long weight array for the common case). Two passes (mean, then centred
 * products).
 */
export function weightedMoments(X: ArrayLike<number>, n: number, d: number, w: Float64Array | null): WeightedMoments {
  // one strided pass per mean and per covariance entry: simple loops that V8 compiles well
  // (a per-sample loop over k ran at about 10 ns per sample on 1e6 1-D samples)
  const mean = new Float64Array(d);
  const u = 1 / n;
  let sw2 = 0;
  if (w === null) sw2 = n * u * u;
  else for (let i = 0; i < n; i++) sw2 += w[i] * w[i];
  for (let k = 0; k < d; k++) {
    let s = 0;
    if (w === null) for (let i = 0; i < n; i++) s += u * X[i * d + k];
    else for (let i = 0; i < n; i++) s += w[i] * X[i * d + k];
    mean[k] = s;
  }
  const covariance = new Float64Array(d * d);
  for (let k = 0; k < d; k++) {
    for (let l = 0; l <= k; l++) {
      const mk = mean[k], ml = mean[l];
      let s = 0;
      if (w === null) for (let i = 0; i < n; i++) s += u * (X[i * d + k] - mk) * (X[i * d + l] - ml);
      else for (let i = 0; i < n; i++) s += w[i] * (X[i * d + k] - mk) * (X[i * d + l] - ml);
      covariance[k * d + l] = s;
    }
  }
  const denom = 1 - sw2;
  for (let k = 0; k < d; k++) {
    for (let l = 0; l <= k; l++) {
      const v = covariance[k * d + l] / denom;
      covariance[k * d + l] = v;
      covariance[l * d + k] = v;
    }
  }
  return { mean, covariance, neff: 1 / sw2 };
}

/**
 * weightedMoments for a rule bandwidth (kde and kdeGrid), refusing the two cases where the
 * covariance is not the data's: weights that put nearly all the mass on one sample (the
 * covariance divides by 1 - sum w^2, which rounds to 0 or to a few ulps: Infinity or an arbitrary
 * bandwidth; its rounding error is at most about n ulps, and 1024 n ulps keep the bandwidth
 * within 5e-4), and finite samples whose squared deviations overflow. O(n d^2).
 */
export function ruleMoments(X: ArrayLike<number>, n: number, d: number, w: Float64Array | null): WeightedMoments {
  const moments = weightedMoments(X, n, d, w);
  if (!(1 - 1 / moments.neff > 1024 * n * Number.EPSILON)) {
    fail('INVALID_ARGUMENT', `options.weights put nearly all the mass on one sample (effective sample size ${moments.neff}): a rule bandwidth is undefined; pass a numeric options.bandwidth`);
  }
  for (let k = 0; k < d; k++) {
    for (let l = 0; l <= k; l++) {
      // NaN: 0 * Infinity when a zero weight meets an overflowing square
      if (!Number.isFinite(moments.covariance[k * d + l])) {
        const where = k === l ? `their variance along axis ${k}` : `their covariance of axes ${l} and ${k}`;
        fail('NOT_FINITE', `the samples are too large: ${where} overflows float64; rescale the samples or pass a numeric options.bandwidth`);
      }
    }
  }
  return moments;
}

/** scipy's factor for a rule. */
export function ruleFactor(rule: 'scott' | 'silverman', neff: number, d: number): number {
  return rule === 'scott' ? detPow(neff, -1 / (d + 4)) : detPow((neff * (d + 2)) / 4, -1 / (d + 4));
}

/** Rules need at least two samples (a covariance). */
export function assertEnoughForRule(rule: string, n: number): void {
  if (n < 2) fail('INVALID_ARGUMENT', `bandwidth '${rule}' needs at least 2 samples (a covariance), got ${n}; pass a numeric bandwidth instead`);
}
