/**
 * Fast Gaussian density estimates on regular 1-D and 2-D grids: linear binning, then Deriche's
 * recursive Gaussian along each axis (Heer 2021, "Fast & accurate Gaussian kernel density
 * estimation", IEEE VIS; the method of fast-kde). O(n + grid) whatever the bandwidth.
 */

import { withEngine } from '../engine/call.js';
import { describe, fail } from '../engine/errors.js';
import { optionKeys, optionsObject, type Matrix, type Vector } from '../engine/inputs.js';
import { checkLongRunOptions, chunkIterations, LONG_RUN_KEYS, throwIfAborted, type LongRunOptions } from '../engine/progress.js';
import { failNotFinite } from '../engine/put-finite.js';
import { normalisedWeights } from '../engine/weights.js';
import { dericheCoefficients } from './deriche.js';
import { isjBandwidth } from './isj.js';
import { samplesView } from './kde.js';
import { ruleFactor, ruleMoments } from './rules.js';

/**
 * Options of {@link kdeGrid}: onProgress reports samples binned (error NaN) every few million
 * samples and at the end, signal aborts between them.
 */
export interface KdeGridOptions extends LongRunOptions {
  /** Grid points: m (1-D, default 512) or [nx, ny] / n (2-D, default 256 x 256). */
  size?: number | [number, number];
  /** [lo, hi] (1-D) or [[xlo, xhi], [ylo, yhi]]; default: the data range padded by 3 bandwidths. */
  extent?: [number, number] | [[number, number], [number, number]];
  /**
   * The Gaussian kernel's standard deviation: a number, [hx, hy] (2-D), 'scott' or 'silverman'
   * (scipy's factor times the weighted standard deviation of each axis; 2-D grids use a diagonal
   * bandwidth), 'isj' (1-D) or { factor }. Default 'scott'.
   */
  bandwidth?: number | [number, number] | 'scott' | 'silverman' | 'isj' | { factor: number };
  weights?: Vector;
}

export const KDE_GRID_KEYS = optionKeys<KdeGridOptions>()('size', 'extent', 'bandwidth', 'weights', ...LONG_RUN_KEYS);

/** A density on a grid. */
export interface KdeGrid {
  /** Density at the grid points: values[k] (1-D), values[iy * nx + ix] (2-D, rows along y). */
  values: Float64Array;
  /** Grid coordinates along x (and y). */
  x: Float64Array;
  y?: Float64Array;
  /** The bandwidth used along each axis (kernel standard deviations). */
  bandwidth: number[];
  /** Bandwidth in grid steps along each axis (0.5 to 2000 accepted; accuracy needs >= 3). */
  bandwidthInBins: number[];
  /** Fraction of the sample mass that fell outside the grid (lost). */
  massOutside: number;
  /** Accuracy warnings (bandwidth under 3 grid steps, mass outside the grid). */
  warnings: string[];
}

/**
 * Samples per streamed chunk: 8192 rows (128 KB in 2-D) are copied into wasm memory and binned
 * while they are still in L2 (measured on 1e6 2-D samples: 7.5 -> 6.8 ms against copying them
 * all first; 2,048 to 16,384 rows time the same), and memory does not grow with n.
 */
const CHUNK_ROWS = 8192;

/** Below this many grid steps per bandwidth the recursive filter loses accuracy quickly. */
const MIN_BINS = 3;

/**
 * Below this many grid steps per bandwidth the grid cannot hold the density: by Poisson
 * summation a Gaussian of s steps sampled on the grid sums to 1 + 2 exp(-2 pi^2 s^2) + ...,
 * 1.4% too much mass at 0.5 steps but 34% at 0.3 and 15x at 0.03 (the filter itself stays
 * accurate at the grid points). A density that integrates to 15 is wrong, so this is an error.
 */
const FLOOR_BINS = 0.5;

/**
 * Above this many grid steps per bandwidth the 4th-order recursion is wrong: its poles
 * exp(-(1.7 + i omega) / s) approach 1, and the rounding of the expanded coefficients (their
 * sum 1 + a1 + ... + a4 is 2.5e-11 at 1000 steps) shifts the response. Measured against the
 * analytic impulse response: 7e-6 to 1.4e-5 of the peak at 900 to 1000 steps, 2.5e-4 at 2000
 * (the size of the approximation error itself); against the exact estimate 2.3e-3 at 3000
 * steps, 5e-2 at 1e4, 70% at 2e4, divergence from 3e4 on (Infinity at 2^24 points). 10 steps
 * already reach the filter's accuracy, so finer grids gain nothing; up to 2000 the drift stays
 * within the filter's own approximation error, so grids of that resolution are still accepted.
 */
const MAX_BINS = 2000;

function axisBandwidths(spec: KdeGridOptions['bandwidth'], X: Float64Array | Float32Array, n: number, d: number, weights: Float64Array | null): number[] {
  if (spec === undefined) spec = 'scott';
  if (typeof spec === 'number' || Array.isArray(spec)) {
    const h = typeof spec === 'number' ? new Array(d).fill(spec) : spec;
    if (h.length !== d) fail('SHAPE_MISMATCH', `options.bandwidth must have ${d} entries, got ${h.length}`);
    h.forEach((v, k) => {
      if (typeof v !== 'number' || !(v > 0) || !Number.isFinite(v)) fail('INVALID_ARGUMENT', `options.bandwidth${d > 1 ? `[${k}]` : ''} must be > 0 and finite, got ${describe(v)}`);
    });
    return h;
  }
  if (n < 2) fail('INVALID_ARGUMENT', `a bandwidth rule needs at least 2 samples, got ${n}; pass a number`);
  if (spec === 'isj') {
    if (d !== 1) fail('INVALID_ARGUMENT', "bandwidth 'isj' is 1-D only; use 'scott', 'silverman' or numbers on a 2-D grid");
    return [isjBandwidth(X, weights)];
  }
  const { covariance, neff } = ruleMoments(X, n, d, weights);
  let factor: number;
  if (spec === 'scott' || spec === 'silverman') factor = ruleFactor(spec, neff, d);
  else if (spec !== null && typeof spec === 'object' && typeof (spec as { factor?: unknown }).factor === 'number' && (spec as { factor: number }).factor > 0 && Number.isFinite((spec as { factor: number }).factor)) factor = (spec as { factor: number }).factor;
  else return fail('INVALID_ARGUMENT', `options.bandwidth must be a number, ${d > 1 ? '[hx, hy], ' : ''}'scott', 'silverman', 'isj' or { factor } with a finite factor > 0, got ${spec !== null && typeof spec === 'object' && 'factor' in spec ? `{ factor: ${describe((spec as { factor: unknown }).factor)} }` : describe(spec)}`);
  return Array.from({ length: d }, (_, k) => {
    const sd = Math.sqrt(covariance[k * d + k]);
    if (!(sd > 0)) fail('SINGULAR_COVARIANCE', `the samples are constant along axis ${k}: a rule bandwidth would be 0; pass a numeric bandwidth`);
    const h = factor * sd;
    if (!Number.isFinite(h)) fail('INVALID_ARGUMENT', `options.bandwidth: the factor ${factor} times the standard deviation ${sd} along axis ${k} overflows float64`);
    return h;
  });
}

/** The extent along axis k: `spec` ([lo, hi]) when `given`, else the data range padded by 3 h. */
function axisExtent(given: boolean, spec: unknown, X: ArrayLike<number>, n: number, d: number, k: number, h: number, name: string): [number, number] {
  if (given) {
    const e = spec as number[];
    if (!Array.isArray(e) || e.length !== 2 || !(e[0] < e[1]) || !Number.isFinite(e[0]) || !Number.isFinite(e[1])) {
      fail('INVALID_ARGUMENT', `${name} must be [lo, hi] with finite lo < hi, got ${describe(spec)}`);
    }
    // the grid step and coordinates need hi - lo
    if (!Number.isFinite(e[1] - e[0])) fail('INVALID_ARGUMENT', `${name} is [${e[0]}, ${e[1]}]: its width overflows float64; use a narrower extent`);
    return [e[0], e[1]];
  }
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < n; i++) {
    lo = Math.min(lo, X[i * d + k]);
    hi = Math.max(hi, X[i * d + k]);
  }
  const e: [number, number] = [lo - 3 * h, hi + 3 * h];
  if (!Number.isFinite(e[1] - e[0])) {
    fail('INVALID_ARGUMENT', `the default extent along axis ${k} (the samples' range ${lo} .. ${hi} padded by 3 bandwidths of ${h}) overflows float64; pass a narrower options.extent or a smaller options.bandwidth`);
  }
  return e;
}

const linspace = (lo: number, hi: number, m: number) => Float64Array.from({ length: m }, (_, k) => (m === 1 ? lo : lo + (k * (hi - lo)) / (m - 1)));

/**
 * Gaussian density estimate of 1-D or 2-D samples on a regular grid, by linear (bilinear)
 * binning and Deriche's 4th-order recursive Gaussian along each axis. Accuracy against the
 * exact estimate, as a fraction of the peak density: about 3e-4 when the bandwidth spans >= 10
 * grid steps (the recursive filter's own approximation error), 1e-3 at 5 and 3e-3 at 3, where
 * linear binning's O((step / h)^2) error takes over (tests/suites/kde-grid.test.ts checks
 * this); from 0.5 to 3 steps a warning is returned. The bandwidth must span 0.5 to 2000 grid
 * steps along each axis, else an INVALID_ARGUMENT error names options.size and the step count:
 * under half a step the grid cannot hold the density (its mass is 1.4% off at 0.5 steps, 34%
 * at 0.3, 15x at 0.03), over 2000 the recursive filter's poles come so close to 1 that the
 * rounding of its coefficients dominates (measured: 2e-3 of the peak at 3000 steps, divergence
 * from 3e4); 10 steps already give its full accuracy. Extents, bandwidths or weights whose
 * arithmetic overflows (a width hi - lo beyond 1.8e308, a variance of samples near 1e154 or
 * more, weights with effective sample size ~1 under a rule) are errors too.
 * Samples outside the extent are lost (counted in massOutside, with a warning).
 *
 * Complexity O(n + grid size), independent of the bandwidth; wasm memory O(grid size) (the
 * samples are streamed through in chunks).
 * @example
 * const { x, values } = kdeGrid(data, { size: 512 });              // 1-D
 * const g = kdeGrid(points, { size: [256, 256], bandwidth: 'scott' }); // 2-D, values[iy*256+ix]
 */
export function kdeGrid(samples: Vector | Matrix, options?: KdeGridOptions): KdeGrid {
  const o = optionsObject('options', options, KDE_GRID_KEYS);
  checkLongRunOptions(o);
  throwIfAborted(o.signal, 'kdeGrid', 0);
  const S = samplesView('samples', samples);
  const { rows: n, cols: d } = S;
  if (n === 0) fail('EMPTY_INPUT', 'samples is empty');
  if (d !== 1 && d !== 2) fail('SHAPE_MISMATCH', `kdeGrid works on 1-D or 2-D samples, got dimension ${d}; use kde() for exact estimates in any dimension`);
  const w = o.weights === undefined ? null : normalisedWeights('options.weights', o.weights, n, 'one per sample');
  const sizeSpec = o.size ?? (d === 1 ? 512 : 256);
  const sizes = typeof sizeSpec === 'number' ? new Array(d).fill(sizeSpec) : sizeSpec;
  if (!Array.isArray(sizes) || sizes.length !== d || sizes.some((m) => !Number.isInteger(m) || m < 2 || m > 1 << 24)) {
    fail('INVALID_ARGUMENT', `options.size must be an integer >= 2${d === 2 ? ' or [nx, ny]' : ''}, got ${describe(o.size)}`);
  }
  return withEngine(({ arena, kernels }) => {
    // the samples stream through a small wasm buffer, CHUNK_ROWS at a time, so memory stays
    // O(grid) and each chunk is binned while it is still in cache
    const buf = arena.allocF64(CHUNK_ROWS * d), wbuf = w ? arena.allocF64(CHUNK_ROWS) : 0;
    const stream = (each: (rows: number, first: number) => void) => {
      for (let first = 0; first < n; first += CHUNK_ROWS) {
        const rows = Math.min(CHUNK_ROWS, n - first);
        arena.f64(buf, rows * d).set(S.data.subarray(first * d, (first + rows) * d));
        each(rows, first);
      }
    };
    const checkChunk = (rows: number, first: number) => {
      const bad = kernels.first_nonfinite_f64(buf, rows * d);
      if (bad >= 0) failNotFinite('samples', S.data, first * d + bad, d > 1 ? d : 0);
    };
    // the rules and the default extent read the samples in JS: check them first (SIMD scans)
    if (typeof o.bandwidth !== 'number' && !Array.isArray(o.bandwidth) || o.extent === undefined) stream(checkChunk);
    const h = axisBandwidths(o.bandwidth, S.data, n, d, w);
    const extentSpec = o.extent as unknown;
    const given = extentSpec !== undefined;
    // a 2-D extent is both axes or none: anything else used to fall back to the default silently
    if (d === 2 && given && !(Array.isArray(extentSpec) && extentSpec.length === 2)) {
      fail('INVALID_ARGUMENT', `options.extent must be [[xlo, xhi], [ylo, yhi]] on a 2-D grid, got ${describe(extentSpec)}`);
    }
    const extents: [number, number][] = d === 1
      ? [axisExtent(given, extentSpec, S.data, n, 1, 0, h[0], 'options.extent')]
      : [0, 1].map((k) => axisExtent(given, given ? (extentSpec as unknown[])[k] : undefined, S.data, n, 2, k, h[k], `options.extent[${k}]`));
    const steps = extents.map(([lo, hi], k) => (hi - lo) / (sizes[k] - 1));
    // the binning divides by each step and the densities by the cell: both must be representable
    if (!steps.every((s) => Number.isFinite(1 / s)) || !Number.isFinite(1 / steps.reduce((a, b) => a * b, 1))) {
      fail('INVALID_ARGUMENT', `options.extent: the grid step${d > 1 ? 's' : ''} ${steps.join(' x ')} ${d > 1 ? 'make a cell whose' : 'has a'} reciprocal that overflows float64; widen options.extent, use a smaller options.size or a larger options.bandwidth`);
    }
    const inBins = h.map((v, k) => v / steps[k]);
    const warnings: string[] = [];
    inBins.forEach((b, k) => {
      const [lo, hi] = extents[k], axis = d > 1 ? ` along axis ${k}` : '';
      if (!(b <= MAX_BINS)) {
        const most = Math.floor(MAX_BINS * ((hi - lo) / h[k])) + 1; // the largest size with <= MAX_BINS steps
        fail('INVALID_ARGUMENT', `options.size: the bandwidth${axis} spans ${b.toPrecision(4)} grid steps; the recursive Gaussian is accurate up to ${MAX_BINS} (beyond, its poles approach 1 and the rounding of its coefficients makes the values drift, then diverge). ` +
          (most >= 2 ? `Use options.size <= ${most}${axis} (10 steps per bandwidth already give its full accuracy), a wider options.extent or a smaller options.bandwidth` : `No size helps with this extent: use a wider options.extent or a smaller options.bandwidth`));
      }
      if (!(b >= FLOOR_BINS)) {
        const least = Math.ceil(FLOOR_BINS * ((hi - lo) / h[k])) + 1;
        fail('INVALID_ARGUMENT', `options.size: the bandwidth${axis} spans ${b.toPrecision(3)} grid steps; under ${FLOOR_BINS} the grid cannot hold the density (sampled on the grid, the kernel's mass is 1.4% too large at 0.5 steps, 34% at 0.3, about 1 / (steps sqrt(2 pi)) times below). ` +
          (least <= 1 << 24 ? `Use options.size >= ${least}${axis}, a narrower options.extent, a larger options.bandwidth` : `Use a narrower options.extent, a larger options.bandwidth`) + ', or kde() for exact values');
      }
      if (b < MIN_BINS) warnings.push(`the bandwidth along axis ${k} spans ${b.toFixed(2)} grid steps: the recursive Gaussian is accurate from ~3 steps (3e-3 of the peak at 3, 1e-3 at 5); use a finer grid or a narrower extent, or kde() for exact values`);
    });
    const total = sizes.reduce((a, b) => a * b, 1);
    const grid = arena.allocF64(total);
    arena.f64(grid, total).fill(0);
    let partial = 0;
    // progress and abort between groups of streamed chunks of about CHUNK_WORK cell updates (a
    // sample updates 2^d cells): 10 million samples in 1-D, 5 million in 2-D, tens of ms
    const reportRows = CHUNK_ROWS * chunkIterations(CHUNK_ROWS * 2 ** d);
    stream((rows, first) => {
      if (w) arena.f64(wbuf, rows).set(w.subarray(first, first + rows));
      const outside = d === 1
        ? kernels.kde_bin1d_f64(buf, wbuf, rows, 1 / n, extents[0][0], steps[0], sizes[0], grid)
        : kernels.kde_bin2d_f64(buf, wbuf, rows, 1 / n, extents[0][0], steps[0], sizes[0], extents[1][0], steps[1], sizes[1], grid);
      if (outside < 0) checkChunk(rows, first); // a NaN or infinite sample: name it
      partial += outside;
      const done = first + rows;
      if (done < n && done % reportRows === 0) {
        o.onProgress?.({ iteration: done, error: NaN });
        throwIfAborted(o.signal, 'kdeGrid', done);
      }
    });
    const landed = partial > 0 ? kernels.sum_f64(grid, total) : 1;
    const coefs = arena.allocF64(8), work = arena.allocF64(4 * Math.max(...sizes));
    // rows (along x), then columns (along y); four sequences at a time in SIMD builds
    arena.f64(coefs, 8).set(dericheCoefficients(inBins[0]));
    kernels.deriche_f64(grid, sizes[0], 1, d === 1 ? 1 : sizes[1], sizes[0], coefs, work);
    if (d === 2) {
      arena.f64(coefs, 8).set(dericheCoefficients(inBins[1]));
      kernels.deriche_f64(grid, sizes[1], sizes[0], sizes[0], 1, coefs, work);
    }
    kernels.scale_f64(1 / steps.reduce((a, b) => a * b, 1), grid, total); // mass per cell -> density
    const values = arena.takeF64(grid, total);
    const massOutside = partial > 0 ? Math.max(0, 1 - landed) : 0;
    if (massOutside > 1e-12) warnings.push(`${(100 * massOutside).toPrecision(3)}% of the sample mass lies outside the grid extent and is not counted`);
    o.onProgress?.({ iteration: n, error: NaN });
    return {
      values,
      x: linspace(extents[0][0], extents[0][1], sizes[0]),
      ...(d === 2 ? { y: linspace(extents[1][0], extents[1][1], sizes[1]) } : {}),
      bandwidth: h,
      bandwidthInBins: inBins,
      massOutside,
      warnings,
    };
  });
}
