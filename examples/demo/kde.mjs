// Kernel density estimation on the iris data: petal length is bimodal (setosa apart from the
// other two species). Bandwidth rules compared, a density drawn as a bar chart, a 2-D grid of
// petal length x width as a character heat map, then timings on larger synthetic data.

import { readFileSync } from 'node:fs';
import { kde, kdeGrid, randomNormal } from 'simdnum';
import { fmt, time } from './timing.mjs';

const iris = JSON.parse(readFileSync(new URL('../data/iris.json', import.meta.url), 'utf8'));
const SHADES = ' .:-=+*#%@';

/** Local maxima of values on a grid. */
const modes = (x, f) => Array.from(f.keys()).filter((k) => k > 0 && k < f.length - 1 && f[k] > f[k - 1] && f[k] >= f[k + 1]).map((k) => x[k]);

export function demoKde() {
  console.log('\n## Kernel density estimation');
  const petal = iris.data.map((r) => r[2]);
  const x = Float64Array.from({ length: 61 }, (_, k) => 0.5 + k * 0.1);
  for (const bandwidth of ['scott', 'silverman', 'isj', 'cv']) {
    const t = time(() => kde(petal, { bandwidth }));
    const f = t.result;
    const pdf = f.pdf(x);
    console.log(`petal length, ${bandwidth.padEnd(9)}: h = ${Math.sqrt(f.bandwidthMatrix[0]).toFixed(3)} cm, modes at ${modes(x, pdf).map((v) => v.toFixed(1)).join(', ')} cm (fit ${fmt(t.ms)})`);
  }
  const f = kde(petal, { bandwidth: 'isj' });
  const pdf = f.pdf(x), top = Math.max(...pdf);
  console.log('density (isj), 0.5 to 6.5 cm:');
  for (let level = 4; level >= 1; level--) console.log(`  |${Array.from(pdf, (v) => (v >= (level - 0.5) * top / 4 ? '#' : ' ')).join('')}`);
  const draws = f.sample(1000, { seed: 1 });
  console.log(`1000 draws from it: mean ${(draws.reduce((s, v) => s + v, 0) / 1000).toFixed(3)} cm (data ${(petal.reduce((s, v) => s + v, 0) / petal.length).toFixed(3)})`);

  const pairs = iris.data.map((r) => [r[2], r[3]]);
  const g = time(() => kdeGrid(pairs, { size: [48, 14], extent: [[0.5, 7.5], [-0.2, 2.8]], bandwidth: [0.25, 0.12] }));
  const grid = g.result, peak = Math.max(...grid.values);
  console.log(`petal length (across) x width (up), 48 x 14 grid (${fmt(g.ms)}):`);
  for (let iy = 13; iy >= 0; iy--) {
    let line = '';
    for (let ix = 0; ix < 48; ix++) line += SHADES[Math.min(9, Math.floor((10 * grid.values[iy * 48 + ix]) / peak))];
    console.log(`  |${line}|`);
  }

  // larger data: exact sums in log space, and a fast grid
  const n = 20_000, q = 2_000;
  const X = { data: randomNormal(2 * n, { seed: 5 }), rows: n, cols: 2 }, Q = { data: randomNormal(2 * q, { seed: 6 }), rows: q, cols: 2 };
  const exact = time(() => kde(X).logpdf(Q), 3);
  const fast = time(() => kde(X, { precision: 'float32' }).logpdf(Q), 3);
  console.log(`exact logpdf, ${n} samples x ${q} queries (d = 2): ${fmt(exact.ms)} float64, ${fmt(fast.ms)} float32 (${((n * q) / exact.ms / 1e3).toFixed(0)} M kernel evaluations/s)`);
  const d = 200;
  const H = { data: randomNormal(1000 * d, { seed: 7 }), rows: 1000, cols: d };
  const far = { data: randomNormal(5 * d, { seed: 8 }).map((v) => 3 * v), rows: 5, cols: d };
  const hd = kde(H, { bandwidth: 'cv' });
  console.log(`d = 200, 1000 samples, cv factor ${hd.factor.toFixed(3)}: pdf ${Array.from(hd.pdf(far), (v) => v.toExponential(0)).join(' ')}; logpdf ${Array.from(hd.logpdf(far), (v) => v.toFixed(0)).join(' ')}`);
  const big = randomNormal(1_000_000, { seed: 9 });
  const grid1 = time(() => kdeGrid(big, { size: 512 }), 3);
  console.log(`kdeGrid, 1e6 samples onto 512 points: ${fmt(grid1.ms)} (bandwidth ${grid1.result.bandwidth[0].toFixed(4)}, ${grid1.result.bandwidthInBins[0].toFixed(1)} grid steps)`);
}
