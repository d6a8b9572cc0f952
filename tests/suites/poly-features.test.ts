// polyFeatures against scikit-learn PolynomialFeatures (column order, powers, exact values),
// polyRegression against least squares on the polyreg design (numpy lstsq, ridge) and against
// scikit-learn's full expansion (same model space), selectDegree against closed-form
// leave-one-out errors from a plain-TS reference.
import * as assert from 'uvu/assert';
import { polyFeatures, polyRegression, selectDegree } from 'simdnum';
import { forEachBackend } from '../harness/backends.js';
import { throwsCode } from '../harness/assert.js';
import { chebyshevDesign, featuresCases, maxRel, multivariate, numpySets } from '../harness/poly-fixtures.js';
import { gaussSolve, matVec, normalEquations } from '../reference/dense.js';

/**
 * Leave-one-out mean squared error of the degree-d least-squares polynomial, from one fit:
 * e_i / (1 - h_ii) with the hat diagonal h_ii = v_i^T (V^T V)^-1 v_i (Chebyshev design in the
 * mapped t: cond(V^T V) < 50, so plain normal equations are accurate to ~1e-13).
 */
function looMse(t: number[], y: number[], d: number): number {
  const n = t.length, p = d + 1, V = chebyshevDesign(t, p);
  const [G, r] = normalEquations(V, n, p, y);
  const c = gaussSolve(G, r, p), fit = matVec(V, n, p, c);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const e = new Float64Array(p);
    for (let k = 0; k < p; k++) e[k] = V[i * p + k];
    const g = gaussSolve(G, e, p);
    let h = 0;
    for (let k = 0; k < p; k++) h += e[k] * g[k];
    total += ((y[i] - fit[i]) / (1 - h)) ** 2;
  }
  return total / n;
}

forEachBackend('polynomial features, regression and degree selection', (test) => {
  test('polyFeatures equals scikit-learn PolynomialFeatures bit for bit', () => {
    for (const c of featuresCases) {
      const opts = { degree: c.degree, interactionOnly: c.interactionOnly, includeBias: c.includeBias };
      if (c.error) {
        throwsCode(() => polyFeatures(c.X, opts), 'INVALID_ARGUMENT', 'degree');
        continue;
      }
      const r = polyFeatures(c.X, opts);
      const what = JSON.stringify(opts) + ` p=${c.p}`;
      assert.equal(r.powers, c.powers, `${what}: powers`);
      assert.is(r.rows, c.X.length);
      // products of multiples of 1/4 with up to 3 factors are exact: equality, not tolerance
      assert.equal(Array.from(r.data), c.output!.flat(), `${what}: output`);
    }
  });

  test('polyRegression: the polyreg design, least squares and ridge, as numpy', () => {
    const mv = multivariate, design = mv.polyreg.interactionTotalDegree;
    const model = polyRegression(mv.X, mv.y, { degree: 3, maxInteractionDegree: 2 });
    assert.equal(model.powers, design.powers, 'terms: no b^2, interactions of total degree <= 2');
    assert.equal(model.binary, [false, false, false, true]);
    // condDesign 13: Householder QR and numpy's SVD lstsq agree to ~cond eps |r| / |A c| ~ 1e-14
    assert.ok(maxRel(model.coefficients, design.ols.coef) <= 1e-12, `coefficients ${maxRel(model.coefficients, design.ols.coef)}`);
    assert.ok(Math.abs(model.r2 - design.ols.r2) <= 1e-12, 'r2');
    assert.ok(Math.abs(model.rss - design.ols.rss) <= 1e-12 * design.ols.rss, 'rss');
    assert.ok(maxRel(model.predict(mv.XNew), design.ols.predNew) <= 1e-12, 'predictions');
    const ridge = polyRegression(mv.X, mv.y, { degree: 3, maxInteractionDegree: 2, ridge: design.ridge.lam });
    assert.ok(maxRel(ridge.coefficients, design.ridge.coef) <= 1e-12, `ridge coefficients ${maxRel(ridge.coefficients, design.ridge.coef)}`);
    assert.ok(Math.abs(ridge.r2 - design.ridge.r2) <= 1e-12, 'ridge r2');
    assert.ok(maxRel(ridge.predict(mv.XNew), design.ridge.predNew) <= 1e-12, 'ridge predictions');
  });

  test('without a cap the model spans scikit-learn full expansion: same fit, rank 30 of 35 columns', () => {
    const mv = multivariate;
    const model = polyRegression(mv.X, mv.y, { degree: 3 });
    // the binary rule drops exactly the 5 duplicate columns (b^2, b^3, x_i b^2)
    assert.is(model.powers.length, mv.sklearnFull.rank);
    assert.is(model.rank, mv.sklearnFull.rank);
    assert.ok(Math.abs(model.r2 - mv.sklearnFull.r2) <= 1e-12, 'r2');
    assert.ok(maxRel(model.predict(mv.XNew), mv.sklearnFull.predNew) <= 1e-11, 'predictions');
  });

  test('selectDegree: leave-one-out scores equal the closed form; k-fold is seeded', () => {
    const set = numpySets.find((s) => s.id === 'unit200')!;
    const x = set.x.slice(0, 60), y = set.y.slice(0, 60);
    const degrees = [1, 2, 3, 5, 8];
    const r = selectDegree(x, y, { degrees, folds: x.length });
    const lo = Math.min(...x), hi = Math.max(...x);
    const t = x.map((v) => (2 * v - lo - hi) / (hi - lo));
    degrees.forEach((d, k) => {
      const ref = looMse(t, y, d);
      // each held-out fit is a separate QR solve: agreement to the fits' accuracy (1e-12) x (1 - h)^-2
      assert.ok(Math.abs(r.scores[k] - ref) <= 1e-9 * ref, `degree ${d}: ${r.scores[k]} vs ${ref}`);
    });
    const bestRef = degrees[degrees.map((d) => looMse(t, y, d)).reduce((b, v, k, a) => (v < a[b] ? k : b), 0)];
    assert.is(r.best, bestRef);
    const a = selectDegree(x, y, { degrees, seed: 4 }), b = selectDegree(x, y, { degrees, seed: 4 }), c = selectDegree(x, y, { degrees, seed: 5 });
    assert.equal(Array.from(a.scores), Array.from(b.scores));
    assert.not.equal(Array.from(a.scores), Array.from(c.scores));
    const mv = multivariate;
    const m = selectDegree(mv.X, mv.y, { degrees: [1, 2, 3], maxInteractionDegree: 2, seed: 1 });
    assert.is(m.best, 3, 'the generating model is cubic');
  });

  test('selectDegree and polyRegression report progress and stop on an AbortSignal; the next call works', () => {
    const set = numpySets.find((s) => s.id === 'unit200')!;
    const seen: number[] = [];
    selectDegree(set.x, set.y, { degrees: [1, 2, 3], folds: 4, onProgress: (p) => seen.push(p.iteration) });
    assert.equal(seen, Array.from({ length: 12 }, (_, k) => k + 1), 'one report per fit (3 degrees x 4 folds)');
    const controller = new AbortController();
    const err = throwsCode(() => selectDegree(set.x, set.y, { degrees: [1, 2, 3], folds: 4, signal: controller.signal, onProgress: (p) => p.iteration === 5 && controller.abort() }), 'ABORTED', 'selectDegree');
    assert.is(err.info.iteration, 5, 'stopped before the sixth fit');
    // polyRegression reports rows folded in, in chunks of about 2e7 multiply-adds: with 165
    // terms (degree 3 on 8 features) a block of 64 rows costs 64 x 165^2, a chunk is 11 blocks
    // (704 rows), so 8000 rows report 11 times before the final n
    const p = 8, n = 8000;
    const X = Array.from({ length: n }, (_, i) => Array.from({ length: p }, (_, j) => Math.sin(i * (j + 1) * 0.37)));
    const y = X.map((r) => r[0] * r[1] - r[2] ** 3);
    const rows: number[] = [];
    const full = polyRegression(X, y, { degree: 3, onProgress: (q) => rows.push(q.iteration) });
    assert.ok(rows.length === 12 && rows.at(-1) === n && rows.every((v, k) => k === 0 || v > rows[k - 1]), `progress ${rows}`);
    const stop = new AbortController();
    throwsCode(() => polyRegression(X, y, { degree: 3, signal: stop.signal, onProgress: () => stop.abort() }), 'ABORTED', 'polyRegression');
    // the next call works and fits the same model
    assert.equal(Array.from(polyRegression(X, y, { degree: 3 }).coefficients), Array.from(full.coefficients));
  });

  test('polyRegression: a signal aborted before the call gives ABORTED on small inputs; the next call works', () => {
    // a few rows fit in one chunk, so a check between chunks alone never sees the signal
    const X = [[0, 1], [1, 0], [2, 1], [3, 0], [1, 1]], y = [1, 2, 9, 10, 3];
    const controller = new AbortController();
    controller.abort();
    const err = throwsCode(() => polyRegression(X, y, { degree: 2, signal: controller.signal }), 'ABORTED', 'polyRegression');
    assert.is(err.info.iteration, 0);
    const seen: number[] = [];
    const fit = polyRegression(X, y, { degree: 1, signal: new AbortController().signal, onProgress: (p) => seen.push(p.iteration) });
    assert.equal(seen, [X.length], 'one report, at the end');
    assert.is(fit.coefficients.length, 3);
  });
});
