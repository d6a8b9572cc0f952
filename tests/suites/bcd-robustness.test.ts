// Hard cases for the sparse linear models (from a review of the first version): wide groups,
// certificates after long runs, tiny and huge scales, pure ridge, near-duplicate columns
// under L1 logistic, and empty predictions.
import * as assert from 'uvu/assert';
import { elasticNet, groupLasso, lasso, logisticRegression } from 'simdnum';
import { forEachBackend } from '../harness/backends.js';
import { throwsCode } from '../harness/assert.js';
import { lcg, uniform } from '../harness/data.js';
import { gaussSolve } from '../reference/dense.js';

/** Row-major n x p from a flat array. */
const rows = (flat: ArrayLike<number>, n: number, p: number) => Array.from({ length: n }, (_, i) => Array.from({ length: p }, (_, j) => flat[i * p + j]));
/** Standard normals by Box-Muller from the harness LCG. */
function normals(n: number, seed: number): Float64Array {
  const u = lcg(seed);
  return Float64Array.from({ length: n }, () => Math.sqrt(-2 * Math.log(u() + 1e-300)) * Math.cos(2 * Math.PI * u()));
}

forEachBackend('sparse linear models: hard cases', (test) => {
  test('wide groups whose all-ones vector is an eigenvector, or that sum to zero', () => {
    // Walsh columns: mutually orthogonal, so the all-ones start of a naive power iteration
    // is an eigenvector of the wrong eigenvalue
    const parity = (v: number) => [...v.toString(2)].filter((b) => b === '1').length % 2;
    const X = Array.from({ length: 16 }, (_, i) => Array.from({ length: 9 }, (_, k) => (parity(i & (k + 1)) ? -1 : 1)));
    const y = X.map((r, i) => 3 * r[0] - 2 * r[1] + 0.1 * Math.sin(i));
    const grad = groupLasso(X, y, { groups: new Array(9).fill(0), alpha: 0.01, tol: 1e-12, maxIter: 100_000 });
    const exact = groupLasso(X, y, { groups: new Array(9).fill(0), alpha: 0.01, tol: 1e-12, update: 'newton' });
    assert.ok(grad.converged && exact.converged);
    // both within a 1e-12 gap of the same (strongly convex: orthogonal columns) problem
    assert.ok(Math.max(...grad.coef.map((v, j) => Math.abs(v - exact.coef[j]))) <= 1e-6);
    assert.ok(Math.abs(grad.coef[0] - 3) < 0.1);
    // five pairs (x, -x): the group's columns sum to zero
    const z = normals(40 * 5, 3);
    const Xp = Array.from({ length: 40 }, (_, i) => [0, 1, 2, 3, 4].flatMap((k) => [z[i * 5 + k], -z[i * 5 + k]]));
    const yp = Xp.map((r) => 2 * r[0] + r[2]);
    const pairs = groupLasso(Xp, yp, { groups: new Array(10).fill(0), alpha: 0.01, tol: 1e-10 });
    assert.ok(pairs.converged && Math.abs(pairs.coef[0] - pairs.coef[1]) > 0.5, 'the group is not stuck at 0');
  });

  test('the reported gap is the gap of the returned coefficients after a long run', () => {
    // n = 400, p = 100, column means 1 (correlated), no intercept: ~900 epochs with extrapolation
    const n = 400, p = 100, z = normals(n * p, 5);
    const X = rows(Float64Array.from(z, (v) => v + 1), n, p), w = normals(p, 6);
    const y = X.map((r, i) => r.reduce((s, v, j) => s + v * (j % 5 === 0 ? w[j] : 0), 0) + z[i]);
    const fit = lasso(X, y, { alpha: 0.002, fitIntercept: false, tol: 1e-12, maxIter: 100_000 });
    assert.ok(fit.converged);
    // a restart from the result recomputes the residual and the gap from scratch
    const again = lasso(X, y, { alpha: 0.002, fitIntercept: false, tol: 1e-12, warmStart: fit.coef });
    assert.is(again.iterations, 0, `restart gap ${again.dualGap} vs reported ${fit.dualGap}`);
  });

  test('any scale of the columns; overflow is an error, not zeros', () => {
    const X = [[1, 0.3], [2, -1], [3, 0.5], [4, 2], [5, -0.7]], y = [1.1, 1.9, 3.2, 3.9, 5.1];
    const ref = lasso(X, y, { alpha: 0.01, tol: 1e-12 });
    for (const t of [1e-15, 1e-100, 1e100]) {
      // (t X, alpha t) has the solution w / t
      const fit = lasso(X.map((r) => r.map((v) => v * t)), y, { alpha: 0.01 * t, tol: 1e-12 });
      // the solve is scale-free up to rounding
      assert.ok(Math.max(...ref.coef.map((v, j) => Math.abs(v / t - fit.coef[j]) / Math.abs(v / t))) <= 1e-9, `scale ${t}`);
    }
    throwsCode(() => lasso(X.map((r) => r.map((v) => v * 1e200)), y), 'NOT_FINITE', 'rescale');
    throwsCode(() => lasso(X, y.map((v) => v * 1e160)), 'NOT_FINITE', 'rescale');
    throwsCode(() => elasticNet(X, y, { alpha: 1e308 }), 'INVALID_ARGUMENT', 'alpha');
    throwsCode(() => logisticRegression(X, [0, 1, 0, 1, 1], { C: 1e306 }), 'INVALID_ARGUMENT', 'C');
  });

  test('pure ridge (l1Ratio 0) converges to the closed form', () => {
    const n = 30, p = 4, X = rows(uniform(n * p, 21), n, p), y = Array.from(uniform(n, 22));
    const alpha = 0.3, fit = elasticNet(X, y, { alpha, l1Ratio: 0, fitIntercept: false, tol: 1e-12 });
    assert.ok(fit.converged, `gap ${fit.dualGap}`);
    // (X^T X + n alpha I) w = X^T y
    const G = new Float64Array(p * p), r = new Float64Array(p);
    for (let a = 0; a < p; a++) {
      for (let b = 0; b < p; b++) G[a * p + b] = X.reduce((s, row) => s + row[a] * row[b], 0) + (a === b ? n * alpha : 0);
      r[a] = X.reduce((s, row, i) => s + row[a] * y[i], 0);
    }
    const w = gaussSolve(G, r, p);
    // the gap 1e-12 |y|^2 bounds |w - w*|^2 <= 2 gap / (n alpha)
    assert.ok(Math.max(...w.map((v, j) => Math.abs(v - fit.coef[j]))) <= 1e-6);
  });

  test('L1 logistic regression with a near-duplicate column converges', () => {
    const n = 50, p = 60, z = normals(n * p, 9), e = normals(n, 10);
    const X = rows(z, n, p);
    for (let i = 0; i < n; i++) X[i][1] = X[i][0] + 1e-3 * e[i];
    const y = X.map((r, i) => (3 * r[0] - 2 * r[1] + 1.5 * r[2] + r[3] - r[4] + 0.5 * e[(i * 7) % n] > 0 ? 1 : 0));
    const fit = logisticRegression(X, y, { penalty: 'l1', C: 1, fitIntercept: false, tol: 1e-10, maxIter: 300 });
    assert.ok(fit.converged, `${fit.iterations} steps`);
  });

  test('empty predictions; unpenalised groups are refused', () => {
    const X = [[1, 2], [2, 1], [3, 5]], y = [1, 2, 4];
    assert.is(lasso(X, y).predict([]).length, 0);
    assert.is(logisticRegression(X, [0, 1, 1]).predictProba([]).length, 0);
    throwsCode(() => groupLasso(X, y, { groups: [0, 1], groupWeights: [0, 1] }), 'INVALID_ARGUMENT', 'groupWeights[0]');
  });
});
