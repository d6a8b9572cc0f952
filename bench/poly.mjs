// Polynomial regression: simdnum polyfit / polyRegression vs numpy (np.polyfit,
// Polynomial.fit, Chebyshev.fit) and scikit-learn PolynomialFeatures + LinearRegression (through
// /usr/bin/python3 when installed), the npm packages ml-regression-polynomial and regression, and
// a plain-JS normal-equations fit, on the same data. Accuracy: the excess residual sum of squares
// over numpy Chebyshev.fit's (the stable reference), (RSS - RSS_ref) / RSS_ref.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PolynomialRegression } from 'ml-regression-polynomial';
import regression from 'regression';
import { init, polyfit, polyRegression, randomNormal, randomUniform } from 'simdnum';
import { table } from './lib/markdown.mjs';
import { ms, ratio } from './lib/measure.mjs';
import { plainPolyfit, powerValue } from './lib/plain-polyfit.mjs';
import { pythonHas, runPython } from './lib/python.mjs';
import { timeCall } from './lib/timing.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const cache = join(here, '.cache');
const PEER = join(here, 'peers/poly_peer.py');

const rssOf = (y, fit) => y.reduce((s, v, i) => s + (v - fit[i]) ** 2, 0);
const excess = (rss, ref) => (ref ? ((rss - ref) / ref).toExponential(1) : 'n/a');

function writeData(name, X, y) {
  const files = { x: join(cache, `poly-${name}-x.bin`), y: join(cache, `poly-${name}-y.bin`) };
  writeFileSync(files.x, Buffer.from(X.buffer, X.byteOffset, X.byteLength));
  writeFileSync(files.y, Buffer.from(y.buffer, y.byteOffset, y.byteLength));
  return files;
}

async function oneD(label, x, y, degree, havePy) {
  const n = x.length;
  const files = writeData(`${n}-${degree}-${label.replace(/\W/g, '')}`, x, y);
  const peer = (name) => (havePy ? runPython(PEER, { ...files, n, d: 1, degree, peer: name }) : null);
  const ref = peer('Chebyshev.fit'), np = peer('polyfit'), npP = peer('Polynomial.fit');
  const ours = await timeCall('polyfit', () => polyfit(x, y, degree));
  const oursRss = rssOf(y, ours.result.predict(x));
  const js = await timeCall('plain', () => plainPolyfit(x, y, degree));
  const jsRss = rssOf(y, Array.from(x, (v) => powerValue(js.result, v)));
  const xa = Array.from(x), ya = Array.from(y);
  const ml = await timeCall('ml', () => new PolynomialRegression(xa, ya, degree));
  const mlRss = rssOf(y, ml.result.predict(xa));
  const pairs = xa.map((v, i) => [v, ya[i]]);
  const rg = await timeCall('regression', () => regression.polynomial(pairs, { order: degree, precision: 17 }));
  const rgRss = rssOf(y, xa.map((v) => rg.result.predict(v)[1]));
  const r = ref?.rss;
  return [`${label}, n = ${n.toExponential(0)}, degree ${degree}`, ms(ours.ms), np ? ms(np.seconds * 1000) : 'n/a', npP ? ms(npP.seconds * 1000) : 'n/a',
    ms(ml.ms), ms(rg.ms), ms(js.ms),
    np ? ratio(np.seconds * 1000, ours.ms) : 'n/a', ratio(Math.min(ml.ms, rg.ms), ours.ms), ratio(js.ms, ours.ms),
    excess(oursRss, r), np ? excess(np.rss, r) : 'n/a', excess(mlRss, r), excess(rgRss, r), excess(jsRss, r)];
}

async function multi(havePy) {
  const n = 100_000, d = 10, degree = 3;
  const X = randomNormal(n * d, { seed: 31 }), noise = randomNormal(n, { seed: 32 });
  const y = Float64Array.from({ length: n }, (_, i) => {
    const r = X.subarray(i * d, (i + 1) * d);
    return 1 + r[0] - 0.5 * r[1] * r[2] + 0.2 * r[3] ** 3 + 0.3 * r[4] * r[5] * r[6] + 0.1 * noise[i];
  });
  const files = writeData('multi', X, y);
  const sk = havePy && pythonHas('sklearn') ? runPython(PEER, { ...files, n, d, degree, peer: 'sklearn' }) : null;
  const M = { data: X, rows: n, cols: d };
  const ours = await timeCall('polyRegression', () => polyRegression(M, y, { degree }));
  const oursRss = rssOf(y, ours.result.predict(M));
  return [`n = 1e5, 10 features, degree 3 (${ours.result.powers.length} terms)`, ms(ours.ms), sk ? ms(sk.seconds * 1000) : 'n/a',
    sk ? ratio(sk.seconds * 1000, ours.ms) : 'n/a', sk ? excess(oursRss, sk.rss) : 'n/a'];
}

export async function run() {
  await init();
  mkdirSync(cache, { recursive: true });
  const havePy = pythonHas('numpy');
  if (!havePy) console.log('numpy is not installed for /usr/bin/python3: numpy and scikit-learn columns are skipped');
  // warm-up
  polyfit(randomUniform(1000, { seed: 1 }), randomUniform(1000, { seed: 2 }), 5);
  const rows = [];
  const n = 1_000_000;
  const x = randomUniform(n, { seed: 11 }).map((v) => 10 * v), noise = randomNormal(n, { seed: 12 });
  const y = x.map((v, i) => Math.sin(v) + 0.1 * noise[i]);
  for (const degree of [3, 10]) {
    rows.push(await oneD('x in [0, 10)', x, y, degree, havePy));
    console.log(rows.at(-1).join(' | '));
  }
  const years = randomUniform(100_000, { seed: 13 }).map((v) => 2000 + 24 * v);
  const yy = years.map((v, i) => Math.sin((v - 2000) / 4) + 0.1 * noise[i]);
  rows.push(await oneD('x in [2000, 2024)', years, yy, 5, havePy));
  console.log(rows.at(-1).join(' | '));
  const multiRow = await multi(havePy);
  console.log(multiRow.join(' | '));
  return [
    '## Polynomial regression', '',
    'Fit time (simdnum `polyfit`: map to [-1, 1], streaming Householder QR on the Chebyshev design in wasm; numpy 1.24 `np.polyfit` and `Polynomial.fit` through /usr/bin/python3 on one BLAS thread, best of 3; the npm packages `ml-regression-polynomial` 4.0.0 and `regression` 2.0.1 (precision 17); a plain-JS normal-equations fit on raw powers). Accuracy: excess residual sum of squares over numpy `Chebyshev.fit` ((RSS - RSS_ref) / RSS_ref: 0 is as good as the stable reference, negative values are rounding).', '',
    table(['data', 'simdnum', 'np.polyfit', 'Polynomial.fit', 'ml-regression-polynomial', 'regression', 'plain JS', 'np.polyfit / simdnum', 'best JS package / simdnum', 'plain JS / simdnum',
      'excess RSS simdnum', 'np.polyfit', 'ml-regression-polynomial', 'regression', 'plain JS'], rows), '',
    'Multivariate (simdnum `polyRegression`: all terms up to degree 3, features scaled, streaming QR; scikit-learn 1.2.1 `PolynomialFeatures` + `LinearRegression(fit_intercept=False)` on the same terms):', '',
    table(['data', 'simdnum', 'scikit-learn', 'scikit-learn / simdnum', 'excess RSS vs scikit-learn'], [multiRow]), '',
  ].join('\n');
}
