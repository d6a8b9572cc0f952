/**
 * Kernel density estimation: exact evaluation in any dimension, in log space.
 */

import { fail } from '../engine/errors.js';
import { assertFinite, oneOf, optionKeys, optionsObject, toMatrix, toVector, type Matrix, type Vector } from '../engine/inputs.js';
import { checkLongRunOptions, LONG_RUN_KEYS, type LongRunOptions } from '../engine/progress.js';
import { normalisedWeights } from '../engine/weights.js';
import { vectorExp } from '../linalg/elementwise.js';
import { RANDOM_KEYS, seedWords } from '../linalg/random.js';
import { matrixBandwidth, scaleBandwidth, scalarBandwidth, diagonalBandwidth, type Bandwidth } from './bandwidth.js';
import { cvFactor } from './cv.js';
import { isjBandwidth } from './isj.js';
import { KERNELS, type Kernel } from './kernels.js';
import { buildModel, kernelSums, type DensityModel, type Precision } from './model.js';
import { assertEnoughForRule, ruleFactor, ruleMoments } from './rules.js';
import { sampleModel } from './sample.js';

/** Bandwidth choices (see kde). */
export type BandwidthRule = 'scott' | 'silverman' | 'isj' | 'cv';

/** Options of {@link kde}. */
export interface KdeOptions extends LongRunOptions {
  /** Default 'gaussian'. */
  kernel?: Kernel;
  /** Default 'scott'. `{ factor }`: H = factor^2 Sigma, scipy's numeric bw_method. */
  bandwidth?: number | Vector | BandwidthRule | { factor: number };
  /** Non-negative sample weights (normalised to sum 1; zero weights drop their samples). */
  weights?: Vector;
  /**
   * 'float64' (default) or 'float32': the speed mode. Samples are rounded to float32 and the
   * distances and exponentials run four lanes per SIMD step; sums stay in float64. logpdf then
   * differs from the float64 result by about 1e-6 times the spread of the exponents (in d = 2,
   * a relative pdf error near 1e-6). Bandwidth selection always runs in float64.
   */
  precision?: Precision;
}

export const KDE_KEYS = optionKeys<KdeOptions>()('kernel', 'bandwidth', 'weights', 'precision', ...LONG_RUN_KEYS);

/** A fitted kernel density estimate. */
export interface KDE {
  /** Dimension d. */
  dim: number;
  /** Number of samples (with positive weight). */
  size: number;
  kernel: Kernel;
  /** d x d row-major bandwidth matrix H: the Gaussian kernel's covariance (else its metric). */
  bandwidthMatrix: Float64Array;
  /** For 'scott', 'silverman', 'cv' and { factor }: the factor c of H = c^2 Sigma; else null. */
  factor: number | null;
  /** Density at each query point (q x d, or q values when d = 1). Underflows to 0 far out. */
  pdf(points: Vector | Matrix, options?: LongRunOptions): Float64Array;
  /** Log-density, computed in log space: finite wherever some kernel reaches the point. */
  logpdf(points: Vector | Matrix, options?: LongRunOptions): Float64Array;
  /**
   * How many samples carry the estimate at each point: exp of the entropy of the normalised
   * contributions w_i K_i / sum_j w_j K_j (1: a single sample dominates; n: all equally; 0: no
   * sample reaches the point).
   */
  effectiveSize(points: Vector | Matrix, options?: LongRunOptions): Float64Array;
  /** `count` draws from the estimate, row-major count x d; `seed` makes them reproducible. */
  sample(count: number, options?: { seed?: number }): Float64Array;
}

/** Samples as n x d row-major (a vector is n x 1), without copying typed input. */
export function samplesView(name: string, value: unknown): { data: Float64Array | Float32Array; rows: number; cols: number } {
  const isVector = value instanceof Float64Array || value instanceof Float32Array || (Array.isArray(value) && (value.length === 0 || typeof value[0] === 'number'));
  if (!isVector) return toMatrix(name, value);
  const v = toVector(name, value);
  return { data: v, rows: v.length, cols: 1 };
}

/** samplesView as a float64 copy (the model keeps it). */
function samplesMatrix(name: string, value: unknown): { data: Float64Array; rows: number; cols: number } {
  const m = samplesView(name, value);
  return { data: new Float64Array(m.data), rows: m.rows, cols: m.cols };
}

/** Query points of dimension d: q x d row-major. */
function queryPoints(value: unknown, d: number): { data: Float64Array | Float32Array; q: number } {
  const m = samplesView('points', value);
  if (m.cols !== d && !(m.rows === 0 && d > 0)) {
    fail('SHAPE_MISMATCH', `points must have dimension ${d} (the samples'), got ${m.cols}${d > 1 && m.cols === 1 ? ' (a flat array is read as 1-D points; pass an array of rows)' : ''}`);
  }
  assertFinite('points', m.data, m.cols);
  return { data: m.data, q: m.rows };
}

function resolveBandwidth(spec: unknown, X: Float64Array, n: number, d: number, w: Float64Array, kernel: Kernel, options: LongRunOptions): { bandwidth: Bandwidth; factor: number | null } {
  if (spec === undefined) spec = 'scott';
  if (typeof spec === 'number') {
    if (!(spec > 0) || !Number.isFinite(spec)) fail('INVALID_ARGUMENT', `options.bandwidth must be > 0 and finite, got ${spec}`);
    return { bandwidth: scalarBandwidth(spec, d), factor: null };
  }
  if (typeof spec === 'string') {
    const rule = oneOf('options.bandwidth', spec, ['scott', 'silverman', 'isj', 'cv'] as const, 'scott');
    if (rule === 'isj') {
      if (d !== 1) fail('INVALID_ARGUMENT', `bandwidth 'isj' is defined for 1-D samples, got dimension ${d}; use 'cv' or 'scott'`);
      assertEnoughForRule(rule, n);
      return { bandwidth: scalarBandwidth(isjBandwidth(X, w), 1), factor: null };
    }
    assertEnoughForRule(rule, n);
    const { covariance, neff } = ruleMoments(X, n, d, w);
    const base = matrixBandwidth(covariance, d, 'the weighted covariance of the samples');
    const start = ruleFactor(rule === 'silverman' ? 'silverman' : 'scott', neff, d);
    const factor = rule === 'cv' ? cvFactor(X, n, d, w, kernel, base, start, options) : start;
    return { bandwidth: scaleBandwidth(base, factor), factor };
  }
  if (spec !== null && typeof spec === 'object' && !Array.isArray(spec) && !ArrayBuffer.isView(spec)) {
    const factor = (spec as { factor?: unknown }).factor;
    if (typeof factor !== 'number' || !(factor > 0) || !Number.isFinite(factor)) {
      fail('INVALID_ARGUMENT', `options.bandwidth.factor must be a finite number > 0, got ${typeof factor === 'number' ? factor : typeof factor}`);
    }
    assertEnoughForRule('{ factor }', n);
    const { covariance } = ruleMoments(X, n, d, w);
    return { bandwidth: scaleBandwidth(matrixBandwidth(covariance, d, 'the weighted covariance of the samples'), factor), factor };
  }
  const h = toVector('options.bandwidth', spec);
  if (h.length !== d) fail('SHAPE_MISMATCH', `options.bandwidth as a vector must have one entry per dimension (${d}), got ${h.length}`);
  for (let k = 0; k < d; k++) {
    if (!(h[k] > 0) || !Number.isFinite(h[k])) fail('INVALID_ARGUMENT', `options.bandwidth[${k}] must be > 0 and finite, got ${h[k]}`);
  }
  return { bandwidth: diagonalBandwidth(Float64Array.from(h)), factor: null };
}

/**
 * Kernel density estimate of samples (n x d, or a vector of n values):
 *   f(x) = sum_i w_i K_H(x - x_i),  K_H(y) = K(|H^(-1/2) y|) / (mass(K) sqrt(det H)).
 * Kernels: gaussian, epanechnikov, tophat, exponential, linear, cosine, normalised in d
 * dimensions as scikit-learn's KernelDensity (except the cosine kernel in even d, where
 * scikit-learn's constant is wrong; see kde/kernels.ts). Bandwidth: a number h (scikit-learn:
 * H = h^2 I), a vector (H = diag(h_k^2)), 'scott' or 'silverman' (scipy.stats.gaussian_kde:
 * H = factor^2 times the weighted data covariance), 'isj' (improved Sheather-Jones, 1-D) or 'cv'
 * (leave-one-out likelihood cross-validation of that factor, any dimension: the choice to use in
 * high dimension).
 *
 * Evaluation is exact (every sample is summed, except terms below e^-50 of the running sum,
 * which together cannot change a double) and in log space, so logpdf stays finite in d = 200 where pdf
 * underflows. Complexity O(q n d) for q points at most; spatial pruning makes low-dimensional
 * queries far cheaper.
 * @example
 * const f = kde([1.2, 0.4, 2.8, 1.9], { bandwidth: 'silverman' });
 * f.pdf([0, 1, 2]); f.logpdf([[10]]); f.sample(5, { seed: 1 });
 */
export function kde(samples: Vector | Matrix, options?: KdeOptions): KDE {
  const o = optionsObject('options', options, KDE_KEYS);
  checkLongRunOptions(o);
  const kernel = oneOf('options.kernel', o.kernel, KERNELS, 'gaussian');
  const precision = oneOf('options.precision', o.precision, ['float64', 'float32'] as const, 'float64');
  const S = samplesMatrix('samples', samples);
  const d = S.cols;
  if (S.rows === 0) fail('EMPTY_INPUT', 'samples is empty; at least one sample is needed');
  if (d === 0) fail('EMPTY_INPUT', 'samples have dimension 0');
  assertFinite('samples', S.data, d);
  let w = new Float64Array(S.rows).fill(1 / S.rows);
  let X = S.data;
  if (o.weights !== undefined) {
    const normalised = normalisedWeights('options.weights', o.weights, S.rows, 'one per sample');
    const keep: number[] = [];
    for (let i = 0; i < normalised.length; i++) if (normalised[i] > 0) keep.push(i);
    X = new Float64Array(keep.length * d);
    w = new Float64Array(keep.length);
    keep.forEach((i, k) => {
      X.set(S.data.subarray(i * d, (i + 1) * d), k * d);
      w[k] = normalised[i];
    });
  }
  const n = w.length;
  const { bandwidth, factor } = resolveBandwidth(o.bandwidth, X, n, d, w, kernel, o);
  const model: DensityModel = buildModel(X, n, d, w, kernel, bandwidth, precision);
  // the evaluation methods take onProgress and signal only, copied out: kernelSums' internal
  // options (unit, scale, exclude: cross-validation's) are not reachable from here
  const logpdf = (points: Vector | Matrix, options?: LongRunOptions): Float64Array => {
    const opts = optionsObject('options', options, LONG_RUN_KEYS);
    checkLongRunOptions(opts);
    const { data, q } = queryPoints(points, d);
    const { sums } = kernelSums(model, data, q, { onProgress: opts.onProgress, signal: opts.signal });
    for (let i = 0; i < q; i++) sums[i] += model.logNorm;
    return sums;
  };
  return {
    dim: d,
    size: n,
    kernel,
    bandwidthMatrix: Float64Array.from(bandwidth.matrix),
    factor,
    logpdf,
    pdf: (points, options) => vectorExp(logpdf(points, options)) as Float64Array,
    effectiveSize(points, options) {
      const opts = optionsObject('options', options, LONG_RUN_KEYS);
      checkLongRunOptions(opts);
      const { data, q } = queryPoints(points, d);
      return kernelSums(model, data, q, { onProgress: opts.onProgress, signal: opts.signal, effectiveSize: true }).ess!;
    },
    sample(count, options) {
      const { seed } = optionsObject('options', options, RANDOM_KEYS);
      const [lo, hi] = seedWords(seed);
      return sampleModel(model, count, hi * 2 ** 32 + lo);
    },
  };
}

