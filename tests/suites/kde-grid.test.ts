// kdeGrid against exact estimates: the scipy fixture (1-D), an exact numpy product-Gaussian
// grid (2-D), and the plain-TS log-space reference, as a function of bandwidth in grid steps.
import * as assert from 'uvu/assert';
import { kde, kdeGrid } from 'simdnum';
import { forEachBackend } from '../harness/backends.js';
import { grid1d, grid2d } from '../harness/kde-fixtures.js';
import { lcg } from '../harness/data.js';
import { gaussianLogpdfRef } from '../reference/kde.js';
import { throwsCode } from '../harness/assert.js';

/** max |a - e| / max |e|: the error as a fraction of the peak density. */
function peakError(a: ArrayLike<number>, e: ArrayLike<number>): number {
  let err = 0, peak = 0;
  for (let i = 0; i < e.length; i++) {
    err = Math.max(err, Math.abs(a[i] - e[i]));
    peak = Math.max(peak, Math.abs(e[i]));
  }
  return err / peak;
}

/**
 * Error budget as a fraction of the peak density, per axis k with the bandwidth spanning s_k
 * grid steps: linear binning replaces each kernel by its linear interpolant between grid nodes,
 * whose error averages t (1 - t) step^2 / 2 |K''| over the position t of the sample in its cell,
 * i.e. step^2 / 12 |f''| <= f_peak / (12 s_k^2); plus the approximation error of Deriche's
 * 4th-order recursive Gaussian (measured 2.7e-4 to 3.0e-4 of the peak from 10 to 40 steps,
 * where binning is negligible): 4e-4.
 */
const bound = (steps: number[]) => steps.reduce((s, k) => s + 1 / (12 * k * k), 0) + 4e-4;

function gaussianCloud(n: number, seed: number): number[][] {
  const r = lcg(seed);
  const g = () => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
  return Array.from({ length: n }, (_, i) => [g() + (i % 2) * 2.5, 0.6 * g() + (i % 2) * 0.5]);
}

forEachBackend('kdeGrid', (test) => {
  test('1-D: equals scipy gaussian_kde on its grid within the recursive-filter error', () => {
    const c = grid1d;
    const g = kdeGrid(c.samples1d, { size: c.gridSize, extent: [c.gridLo, c.gridHi], bandwidth: c.h });
    assert.ok(g.bandwidthInBins[0] > 10);
    assert.is(g.warnings.length, 0);
    const err = peakError(g.values, c.density);
    assert.ok(err <= bound(g.bandwidthInBins), `error ${err}`);
  });

  test('2-D: equals the exact product-Gaussian grid; a coarse grid warns', () => {
    const c = grid2d;
    const nx = c.gridX.length, ny = c.gridY.length;
    const extent: [[number, number], [number, number]] = [[c.gridX[0], c.gridX[nx - 1]], [c.gridY[0], c.gridY[ny - 1]]];
    const coarse = kdeGrid(c.samples, { size: [nx, ny], extent, bandwidth: c.h });
    assert.ok(coarse.bandwidthInBins[1] < 3 && coarse.warnings.some((w) => w.includes('grid steps')), 'under 3 steps: warned');
    // refined 6x: the fixture's points are every 6th grid point, the bandwidth spans >= 10 steps
    const R = 6;
    const fine = kdeGrid(c.samples, { size: [R * (nx - 1) + 1, R * (ny - 1) + 1], extent, bandwidth: c.h });
    const fx = R * (nx - 1) + 1;
    assert.ok(Math.min(...fine.bandwidthInBins) >= 10, `steps ${fine.bandwidthInBins}`);
    const sub = new Float64Array(nx * ny);
    for (let iy = 0; iy < ny; iy++) for (let ix = 0; ix < nx; ix++) sub[iy * nx + ix] = fine.values[R * iy * fx + R * ix];
    const err = peakError(sub, c.density.flat());
    assert.ok(err <= bound(fine.bandwidthInBins), `error ${err}`);
    assert.is(fine.y!.length, R * (ny - 1) + 1);
  });

  test('error bound holds at 3, 5 and 10 grid steps per bandwidth (plain-TS exact reference)', () => {
    const P = gaussianCloud(600, 21);
    const nx = 61, ny = 41;
    const extent: [[number, number], [number, number]] = [[-4, 7], [-3, 3.5]];
    for (const steps of [3, 5, 10]) {
      const h: [number, number] = [steps * 11 / (nx - 1), steps * 6.5 / (ny - 1)];
      const g = kdeGrid(P, { size: [nx, ny], extent, bandwidth: h });
      const Q: number[] = [];
      for (let iy = 0; iy < ny; iy++) for (let ix = 0; ix < nx; ix++) Q.push(g.x[ix], g.y![iy]);
      const exact = gaussianLogpdfRef(P.flat(), P.length, 2, null, [h[0] ** 2, 0, 0, h[1] ** 2], Q, nx * ny).map(Math.exp);
      const err = peakError(g.values, exact);
      assert.ok(err <= bound(g.bandwidthInBins), `${steps} steps: error ${err}`);
      assert.ok(g.massOutside < 1e-12);
    }
  });

  test('weights, mass outside the extent, default extent and size', () => {
    const x = [0, 1, 2, 3];
    const g = kdeGrid(x, { bandwidth: 0.5, weights: [1, 0, 0, 1] });
    const h = kdeGrid([0, 3], { bandwidth: 0.5, extent: [g.x[0], g.x[g.x.length - 1]] });
    // same binned masses in another order: a few roundings
    for (let k = 0; k < g.values.length; k++) assert.ok(Math.abs(g.values[k] - h.values[k]) <= 1e-14, `weights at ${k}`);
    assert.is(g.x.length, 512);
    assert.is(g.x[0], -1.5, 'default extent pads by 3 bandwidths');
    const cut = kdeGrid(x, { bandwidth: 0.5, extent: [-1, 2.5] });
    assert.ok(Math.abs(cut.massOutside - 0.25) < 1e-15 && cut.warnings.some((w) => w.includes('outside')));
    assert.is(kdeGrid([[0, 0], [1, 1]], { bandwidth: 0.3 }).values.length, 256 * 256);
  });

  test('weights near the largest double normalise like small ones', () => {
    const x = [0.3, 1.1, 1.7, 2.9, 3.2];
    const small = kdeGrid(x, { bandwidth: 0.5, weights: [1, 2, 3, 2, 1] });
    const huge = kdeGrid(x, { bandwidth: 0.5, weights: [1, 2, 3, 2, 1].map((v) => v * 5e307) }); // sum 4.5e308 overflows
    // the same grid up to the rounding of the normalised weights (one division each)
    for (let k = 0; k < small.values.length; k++) assert.ok(Math.abs(small.values[k] - huge.values[k]) <= 1e-15 * Math.max(...small.values), `at ${k}`);
    assert.ok(Math.max(...huge.values) > 0.1);
  });

  test('samples streamed in chunks: the grid does not depend on where chunks split, bad samples are named', () => {
    // 20,001 samples cross two chunk boundaries (8,192 rows each). Binning does not depend on
    // the order of the samples, so a rotated copy (every sample in another chunk, at another
    // offset) must give the same grid to rounding; a sample lost or counted twice at a boundary
    // would move it by its weight, ~5e-5 of the total here
    const n = 20_001, shift = 5_000;
    const pts = gaussianCloud(n, 11);
    const r = lcg(12);
    const w = pts.map(() => 0.5 + r());
    const rotate = <T>(a: T[]) => [...a.slice(shift), ...a.slice(0, shift)];
    const opts = { size: [64, 48] as [number, number], extent: [[-2, 5], [-1.5, 2.5]] as [[number, number], [number, number]], bandwidth: [0.4, 0.3] as [number, number] };
    const all = kdeGrid(pts, { ...opts, weights: w });
    const rotated = kdeGrid(rotate(pts), { ...opts, weights: rotate(w) });
    // the same weighted sums in another order: a few roundings of the peak
    assert.ok(peakError(rotated.values, all.values) < 1e-13, `streamed grid ${peakError(rotated.values, all.values)}`);
    assert.ok(Math.abs(all.massOutside - rotated.massOutside) < 1e-13 && all.massOutside > 1e-4, `mass outside ${all.massOutside}`);
    // and the first chunk alone differs (the check can fail)
    const head = kdeGrid(pts.slice(0, 8192), { ...opts, weights: w.slice(0, 8192) });
    assert.ok(peakError(head.values, all.values) > 1e-3, 'one chunk is not the whole');
    // finite samples so far outside that their grid position overflows to infinity are lost
    // mass, not bad input (found in review: they were taken for NaN and the mass went unreported)
    const far = kdeGrid([0.5, 1e307], { bandwidth: 0.1, extent: [0, 1], size: 512 });
    assert.ok(Math.abs(far.massOutside - 0.5) < 1e-15 && far.warnings.some((m) => m.includes('outside')), `1-D: ${far.massOutside}`);
    const far2 = kdeGrid([[0.5, 0.5], [0.5, -1e307]], { bandwidth: [0.1, 0.1], extent: [[0, 1], [0, 1]], size: [64, 64] });
    assert.ok(Math.abs(far2.massOutside - 0.5) < 1e-15, `2-D: ${far2.massOutside}`);
    const flat = new Float64Array(2 * 20_001).fill(0.5);
    flat[2 * 15_000 + 1] = NaN;
    assert.throws(() => kdeGrid({ data: flat, rows: 20_001, cols: 2 }, opts), (e: Error) => e.message.includes('samples[15000][1]'));
    assert.throws(() => kdeGrid({ data: flat, rows: 20_001, cols: 2 }, { size: 32 }), (e: Error) => e.message.includes('samples[15000][1]'));
  });

  test('long grids: accurate up to 2000 grid steps per bandwidth, an error beyond (not a diverging filter)', () => {
    // found by fuzzing: 4 samples on 131,072 points peaked at 0.396 (exact 0.311) and integrated
    // to 1.94; on 2^24 points every value was Infinity. The filter's poles approach 1 as the
    // bandwidth spans more steps, and the rounding of its coefficients takes over
    const x = [1.2, 0.4, 2.8, 1.9], h = 0.5, lo = -2, hi = 5;
    const size = Math.floor((2000 * (hi - lo)) / h) + 1; // the bandwidth spans 2000 steps (to rounding)
    const g = kdeGrid(x, { size, extent: [lo, hi], bandwidth: h });
    assert.ok(g.bandwidthInBins[0] > 1999.9 && g.bandwidthInBins[0] <= 2000, `steps ${g.bandwidthInBins}`);
    const exact = gaussianLogpdfRef(x, 4, 1, null, [h * h], g.x, size).map(Math.exp);
    // bound() is a fraction of the density's peak for data whose kernels barely overlap; the
    // filter's error is linear in the binned masses, each within 4e-4 of its own kernel's peak
    // 1/(h sqrt(2 pi)), so here the bound is taken against that (2.6x the density's peak)
    let err = 0;
    for (let k = 0; k < size; k++) err = Math.max(err, Math.abs(g.values[k] - exact[k]));
    const kernelPeak = 1 / (h * Math.sqrt(2 * Math.PI));
    assert.ok(err <= bound(g.bandwidthInBins) * kernelPeak, `error ${err / kernelPeak} of the kernel peak`);
    throwsCode(() => kdeGrid(x, { size: size + 2, extent: [lo, hi], bandwidth: h }), 'INVALID_ARGUMENT', 'options.size', '2000', `<= ${size}`);
    throwsCode(() => kdeGrid(x, { size: 131072 }), 'INVALID_ARGUMENT', 'options.size', 'grid steps');
    throwsCode(() => kdeGrid(x, { size: 1 << 24 }), 'INVALID_ARGUMENT', 'options.size');
    // 2-D: the axis is named; no size helps when the bandwidth is 2000 times the extent
    throwsCode(() => kdeGrid([[0.5, 0.5]], { size: [2, 40_000], extent: [[0, 1], [0, 1]], bandwidth: [1, 0.1] }), 'INVALID_ARGUMENT', 'axis 1');
    throwsCode(() => kdeGrid(x, { size: 2, extent: [0, 1], bandwidth: 4000 }), 'INVALID_ARGUMENT', 'options.extent', 'options.bandwidth');
    assert.is(kdeGrid(x, { size: 512 }).values.length, 512, 'the next call works');
  });

  test('under half a grid step per bandwidth: an error; from 0.5 to 3 steps a warning and the mass kept', () => {
    // found by fuzzing: bandwidth 0.001 on 64 points integrated to 15.2, 1e-300 to 1.5e298
    const x = [1.2, 0.4, 2.8, 1.9];
    throwsCode(() => kdeGrid(x, { bandwidth: 0.001, size: 64 }), 'INVALID_ARGUMENT', 'options.size', 'options.bandwidth', 'grid steps');
    throwsCode(() => kdeGrid(x, { bandwidth: 1e-300, size: 64 }), 'INVALID_ARGUMENT', 'options.bandwidth');
    throwsCode(() => kdeGrid(x, { size: 3 }), 'INVALID_ARGUMENT', 'options.size'); // default extent: 2 / 6 steps at most
    for (const s of [0.5, 0.7, 1, 2]) {
      for (const at of [50, 50.3]) {
        const g = kdeGrid([at], { size: 101, extent: [0, 100], bandwidth: s }); // step 1
        let mass = 0;
        for (const v of g.values) mass += v;
        // Poisson summation: a Gaussian of s steps sampled on the grid sums to
        // 1 + 2 sum_j exp(-2 pi^2 s^2 j^2) (1.4% at 0.5 steps), plus the filter's own mass error
        // (measured 2e-4, from the 3e-4 approximation error of its impulse response): 5e-4
        const alias = 2 * Math.exp(-2 * Math.PI ** 2 * s * s) / (1 - Math.exp(-6 * Math.PI ** 2 * s * s));
        assert.ok(Math.abs(mass - 1) <= alias + 5e-4, `${s} steps at ${at}: mass ${mass}`);
        assert.ok(g.warnings.some((w) => w.includes('grid steps')), `${s} steps: warned`);
      }
    }
  });

  test('bandwidths, extents and weights that overflow are named errors, not NaN grids', () => {
    // found by fuzzing: each of these gave NaN values, NaN coordinates or an all-zero grid
    const x = [1.2, 0.4, 2.8, 1.9];
    throwsCode(() => kdeGrid(x, { bandwidth: { factor: Infinity } }), 'INVALID_ARGUMENT', 'options.bandwidth');
    throwsCode(() => kdeGrid(x, { bandwidth: { factor: 1e308 } }), 'INVALID_ARGUMENT', 'options.bandwidth');
    throwsCode(() => kdeGrid(x, { bandwidth: 1e308 }), 'INVALID_ARGUMENT', 'options.bandwidth', 'options.extent');
    throwsCode(() => kdeGrid(x, { extent: [-1e308, 1e308] }), 'INVALID_ARGUMENT', 'options.extent');
    throwsCode(() => kdeGrid(x, { extent: [-1.7e308, 1.7e308], bandwidth: 1 }), 'INVALID_ARGUMENT', 'options.extent');
    throwsCode(() => kdeGrid([1e200, -1e200, 0]), 'NOT_FINITE', 'samples', 'options.bandwidth');
    throwsCode(() => kdeGrid([[0, 1e200], [1, -1e200], [2, 0]]), 'NOT_FINITE', 'axis 1');
    throwsCode(() => kdeGrid([1e308, -1e308, 0], { bandwidth: 1 }), 'INVALID_ARGUMENT', 'options.extent');
    throwsCode(() => kdeGrid(x, { weights: [1, 1e-20, 1e-20, 1e-20] }), 'INVALID_ARGUMENT', 'options.weights');
    throwsCode(() => kdeGrid(x, { weights: [0, 1, 0, 0] }), 'INVALID_ARGUMENT', 'options.weights');
    // grid steps whose reciprocal overflows (1-D: a subnormal step; 2-D: a subnormal cell area)
    throwsCode(() => kdeGrid([0], { extent: [0, 1e-310], size: 1 << 10, bandwidth: 1e-311 }), 'INVALID_ARGUMENT', 'options.extent');
    throwsCode(() => kdeGrid([[0, 0]], { extent: [[0, 1e-160], [0, 1e-160]], size: [2, 2], bandwidth: [1e-160, 1e-160] }), 'INVALID_ARGUMENT', 'options.extent');
    // weights that leave a few samples meaningful still get scipy's rule (kde's bandwidth)
    const w = [1, 1e-4, 1e-4, 1e-4];
    const g = kdeGrid(x, { weights: w });
    const H = kde(x, { weights: w }).bandwidthMatrix[0];
    // both compute scipy's factor times the weighted standard deviation: a few roundings
    assert.ok(Math.abs(g.bandwidth[0] ** 2 - H) <= 1e-12 * H, `${g.bandwidth[0] ** 2} vs ${H}`);
    assert.is(kdeGrid(x, { size: 64 }).values.length, 64, 'the next call works');
  });

  test('2-D: an extent that is not [[xlo, xhi], [ylo, yhi]] is rejected, not replaced by the default', () => {
    const P = [[0, 0], [1, 0.5], [0.3, 2], [2, 1]];
    for (const extent of [5, {}, [[0, 1]], [[0, 1], undefined], [0, 1], [[0, 1], [0, 1], [0, 1]]]) {
      throwsCode(() => kdeGrid(P, { extent: extent as never, bandwidth: [0.5, 0.5] }), 'INVALID_ARGUMENT', 'options.extent');
    }
    assert.is(kdeGrid(P, { extent: [[-1, 3], [-1, 3]], bandwidth: [0.5, 0.5], size: 32 }).values.length, 32 * 32);
  });

  test('onProgress and signal (every long call takes them): samples binned, ABORTED on an aborted signal', () => {
    // they used to be refused as unknown options. Progress is reported per ~2e7 cell updates of
    // binning (millions of samples) and once at the end: 20,001 samples (three streamed
    // chunks) report once, with n
    const pts = gaussianCloud(20_001, 13), opts = { size: [64, 48] as [number, number], bandwidth: [0.4, 0.3] as [number, number] };
    const seen: { iteration: number; error: number }[] = [];
    const g = kdeGrid(pts, { ...opts, onProgress: (p) => seen.push(p), signal: new AbortController().signal });
    assert.is(seen.length, 1);
    assert.is(seen[0].iteration, pts.length);
    assert.ok(Number.isNaN(seen[0].error), 'no convergence measure: error NaN');
    assert.equal(Array.from(g.values), Array.from(kdeGrid(pts, opts).values), 'the options do not change the grid');
    const controller = new AbortController();
    controller.abort();
    for (const s of [[1, 2, 3], pts]) {
      const err = throwsCode(() => kdeGrid(s, { signal: controller.signal }), 'ABORTED', 'kdeGrid');
      assert.is(err.info.iteration, 0);
    }
    throwsCode(() => kdeGrid([1, 2, 3], { onProgress: 1 as never }), 'INVALID_ARGUMENT', 'onProgress');
    throwsCode(() => kdeGrid([1, 2, 3], { signal: {} as never }), 'INVALID_ARGUMENT', 'signal');
    assert.is(kdeGrid([1, 2, 3], { size: 16, onProgress: undefined, signal: undefined }).values.length, 16, 'the next call works');
  });
});
