// Polynomial regression on the Mauna Loa CO2 record (monthly means, 1958-2001): the degree
// chosen by cross-validation, the fit with its intervals, extrapolated a few years, and a large
// synthetic fit for timing. x are calendar years: raw powers of 2001 would be hopeless, the
// Chebyshev form on [-1, 1] is not.

import { readFileSync } from 'node:fs';
import { polyClassifier, polyfit, polyRegression, randomNormal, randomUniform, selectDegree } from 'simdnum';
import { fmt, time } from './timing.mjs';

const co2 = JSON.parse(readFileSync(new URL('../data/co2.json', import.meta.url), 'utf8'));
const iris = JSON.parse(readFileSync(new URL('../data/iris.json', import.meta.url), 'utf8'));

export function demoPoly() {
  console.log('\n## Polynomial regression');
  const { year, ppm } = co2;
  const cv = time(() => selectDegree(year, ppm, { degrees: [1, 2, 3, 4, 5, 6, 8], folds: 10, seed: 1 }), 1);
  const { best, scores } = cv.result;
  console.log(`Mauna Loa CO2, ${year.length} monthly means ${Math.floor(year[0])}-${Math.floor(year[year.length - 1])}: 10-fold CV picks degree ${best} (${fmt(cv.ms)})`);
  console.log(`  CV mean squared error by degree: ${[1, 2, 3, 4, 5, 6, 8].map((d, k) => `${d}: ${scores[k].toFixed(3)}`).join(', ')} ppm^2 (the rest is the seasonal cycle)`);
  const t = time(() => polyfit(year, ppm, best));
  const fit = t.result;
  console.log(`  fit in ${fmt(t.ms)} (x are calendar years: the Chebyshev design on [-1, 1] stays well conditioned): R^2 = ${fit.r2.toFixed(4)}, residual sd ${fit.residualStdError.toFixed(2)} ppm, condition ${fit.condition.toFixed(2)}`);
  const at = [1960, 1980, 2000, 2005];
  const ci = fit.confidenceInterval(at), pi = fit.predictionInterval(at), mean = fit.predict(at);
  at.forEach((x, i) => console.log(`  ${x}: ${mean[i].toFixed(1)} ppm, 95% CI [${ci.lower[i].toFixed(1)}, ${ci.upper[i].toFixed(1)}], prediction [${pi.lower[i].toFixed(1)}, ${pi.upper[i].toFixed(1)}]${x > 2001 ? ' (extrapolated)' : ''}`));
  const trend = polyfit(year, ppm, 1);
  console.log(`  linear trend: ${trend.coefficients[1].toFixed(3)} +/- ${trend.stdErrors[1].toFixed(3)} ppm per year`);

  const n = 1_000_000;
  const x = randomUniform(n, { seed: 1 }).map((v) => 10 * v), noise = randomNormal(n, { seed: 2 });
  const y = x.map((v, i) => Math.sin(v) + 0.1 * noise[i]);
  const big = time(() => polyfit(x, y, 10), 3);
  console.log(`1e6 points, degree 10: ${fmt(big.ms)} (R^2 ${big.result.r2.toFixed(4)})`);
  const m = 20_000, X = randomNormal(m * 5, { seed: 3 });
  const Y = Float64Array.from({ length: m }, (_, i) => X[5 * i] * X[5 * i + 1] - X[5 * i + 2] ** 3 + 0.1 * noise[i]);
  const mv = time(() => polyRegression({ data: X, rows: m, cols: 5 }, Y, { degree: 3 }), 1);
  console.log(`polyRegression, ${m} rows x 5 features, degree 3 (${mv.result.powers.length} terms): ${fmt(mv.ms)}, R^2 ${mv.result.r2.toFixed(4)}`);

  // polyreg's classifier on two iris measurements (versicolor and virginica overlap there, so
  // extra degrees buy little: the honest picture), multinomial L2 logistic on the monomials
  const Xi = iris.data.map((r) => r.slice(0, 2)), yi = iris.target;
  for (const degree of [1, 3]) {
    const c = time(() => polyClassifier(Xi, yi, { degree, C: 100 }), 3);
    const pred = c.result.predict(Xi);
    const acc = pred.reduce((s, v, i) => s + (v === yi[i] ? 1 : 0), 0) / yi.length;
    console.log(`polyClassifier on iris sepal length and width only, degree ${degree} (${c.result.powers.length} terms, 3 classes): ${fmt(c.ms)}, training accuracy ${(100 * acc).toFixed(1)}%`);
  }
}
