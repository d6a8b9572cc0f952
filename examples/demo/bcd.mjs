// Sparse linear models: the Lasso path on the diabetes data (Efron et al. 2004), showing which
// of the ten features enter first as the penalty shrinks, and an L1-penalised logistic
// regression on the breast-cancer data, showing how few of its 30 features it keeps.

import { readFileSync } from 'node:fs';
import { lasso, lassoPath, logisticRegression } from 'simdnum';
import { fmt, time } from './timing.mjs';

const load = (name) => JSON.parse(readFileSync(new URL(`../data/${name}.json`, import.meta.url), 'utf8'));

/** Columns scaled to mean 0 and standard deviation 1 (as scikit-learn's StandardScaler). */
function standardise(rows) {
  const p = rows[0].length, n = rows.length;
  const mean = Array.from({ length: p }, (_, j) => rows.reduce((s, r) => s + r[j], 0) / n);
  const sd = mean.map((m, j) => Math.sqrt(rows.reduce((s, r) => s + (r[j] - m) ** 2, 0) / n) || 1);
  return rows.map((r) => r.map((v, j) => (v - mean[j]) / sd[j]));
}

export function demoBcd() {
  console.log('\n## Sparse linear models (block coordinate descent)');
  const diabetes = load('diabetes');
  const { data: X, target: y, features } = diabetes, p = features.length;
  const t = time(() => lassoPath(X, y, { nAlphas: 100, eps: 1e-3, tol: 1e-8 }));
  const path = t.result;
  const entered = features.map((_, j) => {
    let k = 0;
    while (k < path.alphas.length && path.coefs[k * p + j] === 0) k++;
    return { name: features[j], k };
  }).sort((a, b) => a.k - b.k);
  console.log(`Lasso path on diabetes (${X.length} x ${p}), 100 alphas from ${path.alphas[0].toFixed(2)} down to ${path.alphas[99].toFixed(4)}: ${fmt(t.ms)}`);
  console.log(`  order of entry: ${entered.map((e) => `${e.name} (alpha ${e.k < 100 ? path.alphas[e.k].toPrecision(3) : 'never'})`).join(', ')}`);
  const one = time(() => lasso(X, y, { alpha: 0.1, tol: 1e-10 }));
  const fit = one.result;
  console.log(`  lasso at alpha 0.1: ${fmt(one.ms)}, ${fit.coef.filter((v) => v !== 0).length} nonzero: ${features.map((f, j) => (fit.coef[j] ? `${f} ${fit.coef[j].toFixed(1)}` : '')).filter(Boolean).join(', ')}; dual gap ${fit.dualGap.toExponential(1)}`);

  const cancer = load('breast_cancer');
  const Xc = standardise(cancer.data), yc = cancer.target;
  for (const C of [0.05, 1]) {
    const r = time(() => logisticRegression(Xc, yc, { penalty: 'l1', C, tol: 1e-8 }));
    const clf = r.result;
    const pred = clf.predict(Xc);
    const accuracy = pred.reduce((s, v, i) => s + (v === yc[i] ? 1 : 0), 0) / yc.length;
    const kept = Array.from(clf.coef, (v, j) => [v, cancer.features[j]]).filter(([v]) => v !== 0).sort((a, b) => Math.abs(b[0]) - Math.abs(a[0]));
    console.log(`L1 logistic regression on breast cancer (${Xc.length} x 30), C = ${C}: ${fmt(r.ms)}, ${clf.iterations} Newton steps, ${kept.length} of 30 features kept, training accuracy ${(100 * accuracy).toFixed(1)}%`);
    console.log(`  strongest: ${kept.slice(0, 4).map(([v, f]) => `${f} ${v.toFixed(2)}`).join(', ')}`);
  }
}
