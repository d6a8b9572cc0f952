// Core kernels: simdnum SIMD vs scalar vs plain JS for dot, exp and pairwise distances on
// 1e3..1e7 elements (kernel-only, and through the public API with its copies), init() cold
// start in fresh processes, and the gzipped size of every shipped file.

import { execFileSync } from 'node:child_process';
import { dot, init, pairwiseDistances, vectorExp } from 'simdnum';
import { gzippedSizes } from '../tests/run/size-budget.mjs';
import { table } from './lib/markdown.mjs';
import { medians, ms, ratio, si } from './lib/measure.mjs';
import { dotJS, expJS, sqeuclideanJS } from './lib/plain-js.mjs';
import { rawKernels } from './lib/raw-kernels.mjs';

const SIZES = [1e3, 1e4, 1e5, 1e6, 1e7];

function randomArray(n, lo, hi) {
  const a = new Float64Array(n);
  for (let i = 0; i < n; i++) a[i] = lo + (hi - lo) * Math.random();
  return a;
}

/** One kernel across sizes: rows of times, rate and ratios. */
async function sweep({ name, rate, setup }) {
  const rows = [];
  for (const size of SIZES) {
    const simd = rawKernels('simd'), scalar = rawKernels('scalar');
    const t = setup(size, simd, scalar);
    const time = await medians([
      { name: 'simd', fn: t.simd },
      { name: 'scalar', fn: t.scalar },
      { name: 'api', fn: t.api, before: () => init({ simd: true }) },
      { name: 'js', fn: t.js },
    ], { time: size >= 1e7 ? 1500 : 400, iterations: size >= 1e7 ? 3 : 5 });
    rows.push([
      size.toExponential(0), ms(time.simd), ms(time.scalar), ms(time.api), ms(time.js),
      rate(size, time.simd), ratio(time.js, time.simd), ratio(time.scalar, time.simd), ratio(time.js, time.api),
    ]);
    console.log(name, rows.at(-1).join('  '));
  }
  return table(['n', 'SIMD kernel', 'scalar kernel', 'SIMD via API', 'plain JS', 'SIMD rate', 'SIMD vs JS', 'SIMD vs scalar', 'API vs JS'], rows);
}

const DOT = {
  name: 'dot',
  rate: (n, t) => `${si((16 * n) / (t / 1000))}B/s`,
  setup(n, simd, scalar) {
    const x = randomArray(n, -1, 1), y = randomArray(n, -1, 1);
    const put = (r) => {
      const px = r.allocF64(n), py = r.allocF64(n);
      r.f64(px, n).set(x);
      r.f64(py, n).set(y);
      return () => r.k.dot_f64(px, py, n);
    };
    return { simd: put(simd), scalar: put(scalar), api: () => dot(x, y), js: () => dotJS(x, y) };
  },
};

const EXP = {
  name: 'exp',
  rate: (n, t) => `${si(n / (t / 1000))}exp/s`,
  setup(n, simd, scalar) {
    const x = randomArray(n, -50, 50), out = new Float64Array(n);
    const put = (r) => {
      const px = r.allocF64(n), po = r.allocF64(n);
      r.f64(px, n).set(x);
      return () => r.k.exp_f64(px, po, n);
    };
    return { simd: put(simd), scalar: put(scalar), api: () => vectorExp(x), js: () => expJS(x, out) };
  },
};

const DISTANCES = {
  name: 'pairwise sqeuclidean (d = 3)',
  rate: (n, t) => `${si(n / (t / 1000))}dist/s`,
  setup(size, simd, scalar) {
    const n = Math.round(Math.sqrt(size)), d = 3;
    const x = randomArray(n * d, 0, 1), y = randomArray(n * d, 0, 1), out = new Float64Array(n * n);
    const put = (r) => {
      const px = r.allocF64(n * d), py = r.allocF64(n * d), pt = r.allocF64(n * d), po = r.allocF64(n * n);
      r.f64(px, n * d).set(x);
      r.f64(py, n * d).set(y);
      return () => {
        r.k.transpose_f64(py, n, d, pt);
        r.k.pairwise_f64(px, n, pt, n, d, 0, po);
      };
    };
    const X = { data: x, rows: n, cols: d }, Y = { data: y, rows: n, cols: d };
    return { simd: put(simd), scalar: put(scalar), api: () => pairwiseDistances(X, Y), js: () => sqeuclideanJS(x, n, y, n, d, out) };
  },
};

/** import + init() in a fresh Node process, median of `runs`. */
function coldStart(simd, runs = 9) {
  const code = `const t0 = performance.now(); const m = await import('simdnum'); const t1 = performance.now();
    await m.init({ simd: ${simd} }); const t2 = performance.now(); console.log(JSON.stringify([t1 - t0, t2 - t1]));`;
  const samples = [];
  for (let i = 0; i < runs; i++) samples.push(JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' })));
  const med = (k) => samples.map((s) => s[k]).sort((a, b) => a - b)[Math.floor(runs / 2)];
  return [med(0), med(1)];
}

export async function run() {
  const parts = ['## Core kernels', '',
    'Kernel columns call the release binaries directly on data already in wasm memory; "via API" is the public function (input copies, validation, output copy) on the SIMD build; plain JS is a straightforward loop (Math.exp for exp). Medians of tinybench samples after warm-up.', ''];
  for (const k of [DOT, EXP, DISTANCES]) {
    parts.push(`### ${k.name}`, '', await sweep(k), '');
  }
  const [impSimd, initSimd] = coldStart(true), [impScalar, initScalar] = coldStart(false);
  parts.push('### Cold start (fresh Node process, median of 9)', '', table(['build', 'import', 'init()', 'total'], [
    ['SIMD', ms(impSimd), ms(initSimd), ms(impSimd + initSimd)],
    ['scalar', ms(impScalar), ms(initScalar), ms(impScalar + initScalar)],
  ]), '');
  const sizes = gzippedSizes();
  parts.push('### Package size', '', table(['file', 'bytes', 'gzipped'], Object.entries(sizes).map(([f, s]) => [f, String(s.raw), String(s.gzip)])), '');
  return parts.join('\n');
}
