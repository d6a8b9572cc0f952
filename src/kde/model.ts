/**
 * A fitted density: samples in unit-bandwidth coordinates, stored for the wasm kernel sum
 * (transposed d x n, in block order, with per-block boxes), log weights, the normaliser, and
 * the evaluation of log-densities for query points in chunks.
 */

import { withEngine } from '../engine/call.js';
import { chunkIterations, throwIfAborted, type LongRunOptions } from '../engine/progress.js';
import { sampleOrigin, unitCoordinatesIn, type Bandwidth } from './bandwidth.js';
import { BLOCK } from './blocks.js';
import { KERNEL_CODE, logKernelMass, type Kernel } from './kernels.js';
import { detLog } from '../engine/math.js';
import { fail } from '../engine/errors.js';

export interface DensityModel {
  n: number;
  d: number;
  kernel: Kernel;
  bandwidth: Bandwidth;
  /** The point the unit coordinates are centred on (sampleOrigin), for samples and queries. */
  origin: Float64Array;
  /** Samples in the original coordinates (n x d, input order) and normalised weights. */
  samples: Float64Array;
  weights: Float64Array;
  /** Transposed unit-coordinate samples (d x n, block order) and block data. */
  ST: Float64Array;
  logw: Float64Array;
  w: Float64Array;
  /** Block position of each input sample (for leave-one-out). */
  position: Int32Array;
  nb: number;
  boxLo: Float64Array;
  boxHi: Float64Array;
  blockLogw: Float64Array;
  /** The smallest log weight (with the boxes, a lower bound of every term of a block). */
  minLogw: number;
  /** log of the normalising constant: - log(kernel mass) - log sqrt(det H). */
  logNorm: number;
  /** 'float32': ST and logw are also kept rounded to float32 and summed by the f32x4 kernel. */
  precision: Precision;
  STf32: Float32Array | null;
  logwF32: Float32Array | null;
}

export type Precision = 'float64' | 'float32';

/**
 * Builds the model (weights already normalised to sum 1, zero weights removed): unit
 * coordinates, block order, transposed samples and boxes in wasm (assembly/kde/layout.ts),
 * weights in block order here. O(n d (d + log(n / B))).
 */
export function buildModel(X: Float64Array, n: number, d: number, w: Float64Array, kernel: Kernel, bandwidth: Bandwidth, precision: Precision = 'float64'): DensityModel {
  const nb = Math.ceil(n / BLOCK);
  const origin = sampleOrigin(X, n, d);
  const { order, ST, boxLo, boxHi } = withEngine((e) => {
    const { arena, kernels } = e;
    const U = unitCoordinatesIn(e, bandwidth, origin, X, n);
    checkUnitRange(arena.f64(U, n * d), precision);
    const idx = arena.alloc(4 * n), keys = arena.allocF64(n), bounds = arena.allocF64(2 * d);
    kernels.kde_block_order(U, n, d, BLOCK, idx, keys, bounds);
    const st = arena.allocF64(d * n), lo = arena.allocF64(nb * d), hi = arena.allocF64(nb * d);
    kernels.kde_block_layout(U, n, d, BLOCK, idx, st, lo, hi);
    return { order: arena.takeI32(idx, n), ST: arena.takeF64(st, d * n), boxLo: arena.takeF64(lo, nb * d), boxHi: arena.takeF64(hi, nb * d) };
  });
  const logw = new Float64Array(n), wb = new Float64Array(n), position = new Int32Array(n);
  let lastW = NaN, lastLog = NaN; // weights are often all equal: one log for a run of them
  for (let p = 0; p < n; p++) {
    const i = order[p];
    position[i] = p;
    wb[p] = w[i];
    if (w[i] !== lastW) {
      lastW = w[i];
      lastLog = detLog(lastW);
    }
    logw[p] = lastLog;
  }
  const minLogw = logw.reduce((a, b) => Math.min(a, b), Infinity);
  const blockLogw = new Float64Array(nb).fill(-Infinity);
  for (let p = 0; p < n; p++) blockLogw[(p / BLOCK) | 0] = Math.max(blockLogw[(p / BLOCK) | 0], logw[p]);
  return { n, d, kernel, bandwidth, origin, samples: X, weights: w, ST, logw, w: wb, position, nb, boxLo, boxHi, blockLogw, minLogw, logNorm: -logKernelMass(kernel, d) - bandwidth.logDetSqrt,
    precision, STf32: precision === 'float32' ? Float32Array.from(ST) : null, logwF32: precision === 'float32' ? Float32Array.from(logw) : null };
}

/** The largest float32: unit coordinates beyond it would be stored as infinities. */
const FLOAT32_MAX = 3.4028234663852886e38;

/**
 * Refuses samples whose unit coordinates (offsets from their midrange in bandwidths) cannot be
 * stored: infinite in float64 (a numeric bandwidth tiny against samples near 1e308), or beyond
 * the float32 range in float32 mode. Stored as infinities they made every density -Infinity,
 * even at the samples. O(n d).
 */
function checkUnitRange(U: Float64Array, precision: Precision): void {
  let largest = 0;
  for (let i = 0; i < U.length; i++) largest = Math.max(largest, Math.abs(U[i]));
  if (largest === Infinity || Number.isNaN(largest)) {
    fail('INVALID_ARGUMENT', 'options.bandwidth is too small for the spread of the samples: their offsets from the midrange in bandwidths overflow float64; use a larger bandwidth or rescale the samples');
  }
  if (precision === 'float32' && largest > FLOAT32_MAX) {
    fail('INVALID_ARGUMENT', `options.precision 'float32': the samples lie up to ${largest.toPrecision(3)} bandwidths from their midrange, beyond the float32 range (3.4e38); use precision 'float64', a larger bandwidth or rescaled samples`);
  }
}

export interface EvaluateOptions extends LongRunOptions {
  /** Distances are multiplied by this (cross-validation scales the bandwidth by 1/scale). */
  scale?: number;
  /** Leave-one-out: block positions of samples to exclude, one per query. */
  exclude?: Int32Array;
  /** Also return effective sample sizes. */
  effectiveSize?: boolean;
}

/**
 * log sum_i w_i K(s |T q - T x_i|) for each query row of Q (q x d, original coordinates, or
 * unit coordinates when `unit`), without the normaliser; plus effective sizes on request.
 */
export function kernelSums(model: DensityModel, Q: Float64Array | Float32Array, q: number, options: EvaluateOptions & { unit?: boolean } = {}, label = 'kde'): { sums: Float64Array; ess?: Float64Array } {
  const { n, d } = model;
  return withEngine((e) => {
    const { arena, kernels } = e;
    const ST = model.STf32 ? arena.putF32(model.STf32) : arena.putF64(model.ST), logw = arena.putF64(model.logw), w = arena.putF64(model.w);
    const boxLo = arena.putF64(model.boxLo), boxHi = arena.putF64(model.boxHi), blockLogw = arena.putF64(model.blockLogw);
    const Qp = options.unit ? arena.putF64(Q) : unitCoordinatesIn(e, model.bandwidth, model.origin, Q, q), out = arena.allocF64(q), ess = options.effectiveSize ? arena.allocF64(q) : 0;
    const exclude = options.exclude ? arena.alloc(4 * q) : 0;
    if (options.exclude) arena.i32(exclude, q).set(options.exclude);
    const logw32 = model.logwF32 ? arena.putF32(model.logwF32) : 0;
    const work = arena.allocF64(kernels.kde_work_size(BLOCK, model.nb, d));
    const chunk = Math.max(1, chunkIterations(n * d + n));
    for (let start = 0; start < q; start += chunk) {
      throwIfAborted(options.signal, label, start);
      const count = Math.min(chunk, q - start);
      const rest = [n, d, model.nb, BLOCK, boxLo, boxHi, blockLogw, model.minLogw, Qp + 8 * start * d, count,
        KERNEL_CODE[model.kernel], options.scale ?? 1, exclude ? exclude + 4 * start : 0, out + 8 * start, ess ? ess + 8 * start : 0, work] as const;
      if (model.STf32) kernels.kde_eval_f32(ST, logw, logw32, w, ...rest);
      else kernels.kde_eval_f64(ST, logw, w, ...rest);
      options.onProgress?.({ iteration: start + count, error: NaN });
    }
    return { sums: arena.takeF64(out, q), ...(ess ? { ess: arena.takeF64(ess, q) } : {}) };
  });
}
