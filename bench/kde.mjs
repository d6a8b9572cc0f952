// Kernel density estimation: simdnum vs scipy gaussian_kde and scikit-learn KernelDensity
// (exact, through /usr/bin/python3 when installed) vs a plain-JS loop, and kdeGrid vs the npm
// package fast-kde. Exact: 1e5 samples, 1e4 queries, d = 2 and 10, standard normal data, Scott's
// rule. Peers too slow for the full query set run a prefix of the queries and are projected
// linearly (marked ~): every query costs the same work.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { density1d, density2d } from 'fast-kde';
import { init, kde, kdeGrid, randomNormal } from 'simdnum';
import { rawKernels } from './lib/raw-kernels.mjs';
import { table } from './lib/markdown.mjs';
import { alternatingMedians, medians, ms, ratio, si } from './lib/measure.mjs';
import { plainGaussianKde } from './lib/plain-kde.mjs';
import { pythonHas, runPython } from './lib/python.mjs';
import { timeCall } from './lib/timing.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const cache = join(here, '.cache');
const PEER = join(here, 'peers/kde_peer.py');
const N = 100_000, Q = 10_000;
/** scikit-learn's query prefix: 100 queries (1-2 s) moved its projection by 4x between runs on this VM. */
const SKLEARN_QUERIES = 300;

/** Max |a - b| over the first entries of both. */
const maxDiff = (a, b) => a.slice(0, b.length).reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);

/** A peer on `count` queries, its evaluation time projected to Q queries. */
function peer(args, count) {
  const r = runPython(PEER, { ...args, queries: count });
  return r && { ms: (r.evaluate * 1000 * Q) / count + r.fit * 1000, projected: count < Q, logpdf: r.logpdf };
}

const shown = (r) => (r ? `${r.projected ? '~' : ''}${ms(r.ms)}` : 'n/a');
const against = (r, base) => (r ? `${r.projected ? '~' : ''}${ratio(r.ms, base)}` : 'n/a');

async function exactRows(expRate) {
  const haveScipy = pythonHas('scipy', 'numpy'), haveSklearn = pythonHas('sklearn', 'numpy');
  if (!haveScipy) console.log('scipy is not installed for /usr/bin/python3: scipy columns are skipped');
  if (!haveSklearn) console.log('scikit-learn is not installed for /usr/bin/python3: its column is skipped');
  const rows = [], accuracy = [];
  for (const d of [2, 10]) {
    const X = randomNormal(N * d, { seed: 101 + d }), P = randomNormal(Q * d, { seed: 202 + d });
    const files = { x: join(cache, `kde-x-${d}.bin`), q: join(cache, `kde-q-${d}.bin`) };
    writeFileSync(files.x, Buffer.from(X.buffer));
    writeFileSync(files.q, Buffer.from(P.buffer));
    const samples = { data: X, rows: N, cols: d }, queries = { data: P, rows: Q, cols: d };
    const h = kde(samples).factor; // Scott's factor: H ~ h^2 I on standard normal data
    const args = { ...files, n: N, d, bandwidth: h };
    // simdnum and scipy in two rounds, keeping each side's faster one (as bench/ot.mjs): the
    // VM's slow phases last seconds and otherwise hit one side or the other
    const round = async () => ({
      f64: await timeCall('kde', () => kde(samples).logpdf(queries)),
      f32: await timeCall('kde32', () => kde(samples, { precision: 'float32' }).logpdf(queries)),
      scipyLog: haveScipy ? peer({ ...args, peer: 'scipy', call: 'logpdf' }, 1000) : null,
      scipyEval: haveScipy ? peer({ ...args, peer: 'scipy', call: 'evaluate' }, 1000) : null,
    });
    const first = await round();
    const sklearn = haveSklearn ? peer({ ...args, peer: 'sklearn' }, SKLEARN_QUERIES) : null;
    const jsCount = 100;
    const js = await timeCall('js', () => plainGaussianKde(X, N, P, jsCount, d, h));
    const second = await round();
    const faster = (key) => (!first[key] || (second[key] && second[key].ms < first[key].ms) ? second[key] : first[key]);
    const [f64, f32, scipyLog, scipyEval] = ['f64', 'f32', 'scipyLog', 'scipyEval'].map(faster);
    const jsMs = (js.ms * Q) / jsCount;
    const evals = N * Q;
    rows.push([`${d}`, ms(f64.ms), ms(f32.ms), shown(scipyLog), shown(scipyEval), shown(sklearn), `~${ms(jsMs)}`,
      against(scipyLog, f64.ms), against(scipyEval, f64.ms), against(scipyEval, f32.ms), against(sklearn, f64.ms), `~${ratio(jsMs, f64.ms)}`,
      `${si(evals / (f64.ms / 1000))}/s (${((evals / (f64.ms / 1000)) / expRate).toFixed(2)}x exp)`, `${si(evals / (f32.ms / 1000))}/s`]);
    const isotropic = kde(samples, { bandwidth: h }).logpdf({ data: P.subarray(0, 50 * d), rows: 50, cols: d });
    accuracy.push([`${d}`, scipyLog ? maxDiff(f64.result, scipyLog.logpdf).toExponential(1) : 'n/a',
      maxDiff(f32.result, f64.result).toExponential(1), sklearn ? maxDiff(isotropic, sklearn.logpdf).toExponential(1) : 'n/a',
      maxDiff(plainGaussianKde(X, N, P, 50, d, h), isotropic).toExponential(1)]);
    console.log(rows.at(-1).join(' | '));
  }
  return { rows, accuracy };
}

/** [name, fn] pairs timed in alternating rounds: [{ ms, result }] in the same order. */
async function alternating(...pairs) {
  const results = pairs.map(([, fn]) => fn());
  const times = await alternatingMedians(pairs.map(([name, fn], i) => ({ name, fn: () => (results[i] = fn()) })));
  return pairs.map(([name], i) => ({ ms: times[name], result: results[i] }));
}

/** Max error of a grid against exact values at the given grid indices, relative to the peak. */
function gridError(values, exact, indices) {
  let err = 0, peak = 0;
  indices.forEach((k, i) => {
    err = Math.max(err, Math.abs(values[k] - exact[i]));
    peak = Math.max(peak, exact[i]);
  });
  return err / peak;
}

async function gridRows() {
  const n = 1_000_000;
  const z = randomNormal(2 * n, { seed: 77 });
  // a two-component mixture in each axis
  const xs = z.subarray(0, n).map((v, i) => (i % 3 === 0 ? 4 + 0.5 * v : v));
  const ys = z.subarray(n).map((v, i) => (i % 3 === 0 ? 2 + 0.7 * v : v));
  const rows = [];
  {
    const m = 512, extent = [-5, 7.5], h = 0.1;
    const [ours, theirs] = await alternating(
      ['grid1d', () => kdeGrid(xs, { size: m, extent, bandwidth: h })],
      ['fast-kde1d', () => density1d(xs, { bins: m, extent, bandwidth: h }).grid()]);
    const idx = Array.from({ length: m }, (_, k) => k);
    const exact = kde(xs, { bandwidth: h }).pdf(ours.result.x);
    const step = (extent[1] - extent[0]) / (m - 1);
    const theirValues = theirs.result.map((v) => v / step);
    rows.push(['1-D, 512 bins', `${(h / step).toFixed(1)}`, ms(ours.ms), ms(theirs.ms), ratio(theirs.ms, ours.ms),
      gridError(ours.result.values, exact, idx).toExponential(1), gridError(theirValues, exact, idx).toExponential(1)]);
  }
  {
    const m = 256, extent = [[-5, 7.5], [-4, 6]], h = [0.2, 0.16];
    const flat = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) { flat[2 * i] = xs[i]; flat[2 * i + 1] = ys[i]; }
    const pairs = Array.from({ length: n }, (_, i) => [xs[i], ys[i]]);
    const [ours, theirs] = await alternating(
      ['grid2d', () => kdeGrid({ data: flat, rows: n, cols: 2 }, { size: [m, m], extent, bandwidth: h })],
      ['fast-kde2d', () => density2d(pairs, { bins: [m, m], extent, bandwidth: h }).grid()]);
    // exact values at 400 grid points spread over the grid (1e6 samples each)
    const idx = Array.from({ length: 400 }, (_, k) => ((k * 9973) % (m * m)));
    const g = ours.result;
    const pts = idx.flatMap((k) => [g.x[k % m], g.y[Math.floor(k / m)]]);
    const exact = kde({ data: flat, rows: n, cols: 2 }, { bandwidth: h }).pdf({ data: pts, rows: idx.length, cols: 2 });
    const cell = ((extent[0][1] - extent[0][0]) / (m - 1)) * ((extent[1][1] - extent[1][0]) / (m - 1));
    const theirValues = theirs.result.map((v) => v / cell);
    rows.push(['2-D, 256 x 256', g.bandwidthInBins.map((b) => b.toFixed(1)).join(', '), ms(ours.ms), ms(theirs.ms), ratio(theirs.ms, ours.ms),
      gridError(g.values, exact, idx).toExponential(1), gridError(theirValues, exact, idx).toExponential(1)]);
  }
  rows.forEach((r) => console.log(r.join(' | ')));
  return rows;
}

export async function run() {
  await init();
  mkdirSync(cache, { recursive: true });
  // the exp kernel's throughput on arguments like the kernel sums' (max-shifted: in [-20, 0]),
  // median of tinybench samples after warm-up (as bench/core.mjs)
  const raw = rawKernels('simd'), px = raw.allocF64(1e5), py = raw.allocF64(1e5);
  raw.f64(px, 1e5).forEach((_, i, a) => (a[i] = -20 * ((i * 0.618034) % 1)));
  const expTime = await medians([{ name: 'exp', fn: () => raw.k.exp_f64(px, py, 1e5) }]);
  const expRate = 1e5 / (expTime.exp / 1000);
  const { rows, accuracy } = await exactRows(expRate);
  const grid = await gridRows();
  return [
    '## Kernel density estimation', '',
    `Exact: ${N.toExponential(0)} standard-normal samples, ${Q.toExponential(0)} queries, Gaussian kernel, Scott's rule (scipy: full covariance; scikit-learn and plain JS: the isotropic bandwidth h = Scott's factor, the same work). Times include the fit; simdnum and scipy each run in two rounds (plain JS and scikit-learn between them), and each side's faster round is reported. scipy 1.10.1 and scikit-learn 1.2.1 (exact: rtol = atol = 0) through /usr/bin/python3 on one BLAS thread; scipy runs 1,000 queries, scikit-learn ${SKLEARN_QUERIES} and plain JS 100 (a median of repeated runs), projected linearly to ${Q} (~). scipy's \`evaluate\` returns the pdf (underflows in high dimension); its \`logpdf\` is the log-space call comparable to simdnum's. Kernel evaluations per second count all n x q pairs (block pruning skips some), against the throughput of the core \`exp\` kernel (${si(expRate)}exp/s in this run).`, '',
    table(['d', 'simdnum', "simdnum 'float32'", 'scipy logpdf', 'scipy evaluate', 'sklearn', 'plain JS', 'scipy logpdf / simdnum', 'scipy evaluate / simdnum', 'scipy evaluate / simdnum f32', 'sklearn / simdnum', 'JS / simdnum', 'simdnum kernel evals', 'float32 evals'], rows), '',
    'Accuracy on the first 50 queries (max absolute difference of log-densities):', '',
    table(['d', 'simdnum vs scipy logpdf', 'float32 vs float64', 'simdnum vs sklearn (isotropic h)', 'plain JS vs simdnum'], accuracy), '',
    '### Grids', '',
    "1e6 samples (two-component mixtures), fixed bandwidths, same extent and bins for both; both use linear binning and Deriche's recursive Gaussian. Both are timed in seven alternating tinybench rounds of 150 ms (median of each side's round medians), so the VM's slow phases hit both. Error: max |grid - exact| / peak, exact values from `kde` (1-D: every grid point; 2-D: 400 grid points). fast-kde takes [x, y] arrays, simdnum a flat matrix (each in its natural input form; conversions not timed).", '',
    table(['grid', 'bandwidth in bins', 'simdnum kdeGrid', 'fast-kde', 'fast-kde / simdnum', 'simdnum error', 'fast-kde error'], grid), '',
  ].join('\n');
}
