// Lasso, ElasticNet and lassoPath against scikit-learn 1.2.1 (tol <= 1e-12, fixtures in
// tests/fixtures/bcd, make_fixtures.py) on the diabetes data and seeded AR(1)-correlated
// designs, plus optimality (KKT) checks computed independently in tests/reference/bcd.ts.
import * as assert from 'uvu/assert';
import { elasticNet, engineInfo, lasso, lassoPath, type LinearFit } from 'simdnum';
import { forEachBackend } from '../harness/backends.js';
import { diabetes, pathData, syntheticDesigns, type EnetCase, type EnetDesign } from '../harness/bcd-fixtures.js';
import { enetKkt, enetObjective } from '../reference/bcd.js';

/** Our tol: the gap relative to |y_c|^2 / n, tight enough that both solutions are optimal to ~1e-12. */
const TOL = 1e-12;
/** The bars: objectives to 1e-9 relative, coefficients to 1e-6 relative (to the largest |coef|). */
const OBJ_REL = 1e-9, COEF_REL = 1e-6;

/** |y - mean y|^2, or |y|^2 without an intercept: what scikit-learn's tol is relative to. */
const centredNorm2 = (y: number[], fitIntercept = true) => {
  const m = fitIntercept ? y.reduce((s, v) => s + v, 0) / y.length : 0;
  return y.reduce((s, v) => s + (v - m) ** 2, 0);
};

function fitCase(d: EnetDesign, c: EnetCase, extra: object = {}): LinearFit {
  const common = { alpha: c.alpha, fitIntercept: c.fit_intercept, positive: c.positive, tol: TOL, maxIter: 100_000, ...extra };
  return c.l1_ratio === 1 ? lasso(d.X, d.y, common) : elasticNet(d.X, d.y, { ...common, l1Ratio: c.l1_ratio });
}

/**
 * KKT bound from the certificate: a coordinate whose optimality condition is violated by v
 * could lower the objective by v^2 / (2 L_j) in one exact update (L_j its curvature), and the
 * objective is within the gap of the optimum, so v <= sqrt(2 L_j gap). The allowance 1e-12 *
 * (scale) covers rounding of the gradient's n-term sums.
 */
function assertOptimal(d: EnetDesign, c: EnetCase, fit: LinearFit, what: string): void {
  const { violation, curvature, interceptViolation } = enetKkt(d.X, d.y, fit.coef, fit.intercept, c.alpha, c.l1_ratio, c.positive, c.fit_intercept);
  const scale = Math.sqrt(centredNorm2(d.y) / d.y.length) * Math.max(...curvature.map(Math.sqrt)) + c.alpha;
  violation.forEach((v, j) => {
    const bound = Math.sqrt(2 * curvature[j] * fit.dualGap) + 1e-12 * scale;
    assert.ok(v <= bound, `${what}: KKT violation of coordinate ${j} is ${v} > ${bound}`);
  });
  assert.ok(interceptViolation <= 1e-12 * (Math.abs(fit.intercept) + scale), `${what}: mean residual ${interceptViolation}`);
}

function compare(d: EnetDesign, c: EnetCase, fit: LinearFit, what: string): void {
  const n = d.y.length;
  assert.ok(fit.converged, `${what}: not converged (gap ${fit.dualGap})`);
  assert.ok(fit.dualGap <= TOL * centredNorm2(d.y, c.fit_intercept) / n, `${what}: dualGap ${fit.dualGap}`);
  const obj = enetObjective(d.X, d.y, fit.coef, fit.intercept, c.alpha, c.l1_ratio);
  assert.ok(Math.abs(obj - c.objective) <= OBJ_REL * c.objective, `${what}: objective ${obj} vs ${c.objective}`);
  const top = Math.max(...c.coef.map(Math.abs));
  const err = Math.max(...c.coef.map((v, j) => Math.abs(v - fit.coef[j])));
  assert.ok(top === 0 ? err === 0 : err <= COEF_REL * top, `${what}: coefficient error ${err} (largest ${top})`);
  assert.ok(Math.abs(fit.intercept - c.intercept) <= COEF_REL * Math.max(1, Math.abs(c.intercept)), `${what}: intercept ${fit.intercept} vs ${c.intercept}`);
  if (c.positive) assert.ok(fit.coef.every((v) => v >= 0), `${what}: negative coefficient`);
  assertOptimal(d, c, fit, what);
}

forEachBackend('lasso and elasticNet vs scikit-learn', (test) => {
  test('diabetes: Lasso, ElasticNet, positive, no intercept', () => {
    for (const c of diabetes.cases) compare(diabetes, c, fitCase(diabetes, c), c.name);
  });

  test('correlated synthetic designs, p > n and n > p', () => {
    for (const d of syntheticDesigns) for (const c of d.cases) compare(d, c, fitCase(d, c), c.name);
  });

  test('random and greedy selection reach the same solution', () => {
    const d = syntheticDesigns[0];
    for (const c of d.cases.slice(0, 2)) {
      compare(d, c, fitCase(d, c, { selection: 'random', seed: 3 }), `${c.name} random`);
      compare(d, c, fitCase(d, c, { selection: 'greedy' }), `${c.name} greedy`);
    }
  });

  test('a warm start at the solution stops before any epoch', () => {
    const c = diabetes.cases[1];
    const first = fitCase(diabetes, c);
    const again = fitCase(diabetes, c, { warmStart: first.coef });
    assert.is(again.iterations, 0);
    assert.equal(again.coef, first.coef);
  });

  test('constant and zero columns get 0 and change nothing else', () => {
    const c = diabetes.cases[1];
    const X = diabetes.X.map((row) => [...row, 7, 0]);
    const fit = lasso(X, diabetes.y, { alpha: c.alpha, tol: TOL });
    const plain = fitCase(diabetes, c);
    assert.is(fit.coef[10], 0);
    assert.is(fit.coef[11], 0);
    assert.ok(Math.max(...plain.coef.map((v, j) => Math.abs(v - fit.coef[j]))) <= COEF_REL * Math.max(...plain.coef.map(Math.abs)));
    // without an intercept a constant column is a regular feature
    const noB = lasso(X, diabetes.y, { alpha: c.alpha, tol: TOL, fitIntercept: false });
    assert.ok(noB.coef[10] > 0 && Number.isFinite(noB.intercept) && noB.coef[11] === 0);
  });

  test('predict is X w + b; progress is reported; memory does not grow', () => {
    const fit = lasso(diabetes.X, diabetes.y, { alpha: 0.1 });
    const row = diabetes.X[5];
    const expect = fit.intercept + row.reduce((s, v, j) => s + v * fit.coef[j], 0);
    assert.ok(Math.abs(fit.predict([row])[0] - expect) <= 1e-12 * Math.abs(expect));
    const seen: number[] = [];
    lasso(diabetes.X, diabetes.y, { alpha: 0.01, tol: 1e-10, onProgress: (p) => seen.push(p.error) });
    assert.ok(seen.length >= 2 && seen[seen.length - 1] < seen[0]);
    const before = engineInfo().memoryBytes;
    for (let i = 0; i < 200; i++) lasso(diabetes.X, diabetes.y, { alpha: 0.05, selection: i % 2 ? 'greedy' : 'cyclic' });
    assert.is(engineInfo().memoryBytes, before);
  });
});

forEachBackend('lassoPath vs scikit-learn lasso_path / enet_path', (test) => {
  test('default grid, objectives and coefficients at every alpha', () => {
    const { X, y } = pathData;
    for (const ref of pathData.paths) {
      const path = lassoPath(X, y, { nAlphas: ref.n_alphas, eps: ref.eps, l1Ratio: ref.l1_ratio, fitIntercept: false, tol: TOL, maxIter: 100_000 });
      // the grid: alpha_max eps^(k/(N-1)) vs numpy's logspace, equal up to a few ulps of the exponent
      ref.alphas.forEach((a, k) => assert.ok(Math.abs(path.alphas[k] - a) <= 1e-13 * a, `${ref.name}: alpha ${k}`));
      const p = X[0].length, top = Math.max(...ref.coefs.flat().map(Math.abs));
      ref.coefs.forEach((coef, k) => {
        const w = path.coefs.subarray(k * p, (k + 1) * p);
        const obj = enetObjective(X, y, w, 0, path.alphas[k], ref.l1_ratio);
        assert.ok(Math.abs(obj - ref.objectives[k]) <= OBJ_REL * ref.objectives[k], `${ref.name} alpha ${k}: objective ${obj} vs ${ref.objectives[k]}`);
        // relative to the largest coefficient on the path: near alpha_max the entering
        // coefficients are tiny and their own scale says nothing about accuracy
        const err = Math.max(...coef.map((v, j) => Math.abs(v - w[j])));
        assert.ok(err <= COEF_REL * top, `${ref.name} alpha ${k}: coefficient error ${err}`);
        assert.ok(path.converged[k] && path.dualGaps[k] <= TOL * centredNorm2(y, false) / y.length, `${ref.name} alpha ${k}: gap ${path.dualGaps[k]}`);
      });
    }
  });

  test('intercepts and explicit alphas; the path equals separate fits', () => {
    const alphas = [1, 0.1, 0.01];
    const path = lassoPath(diabetes.X, diabetes.y, { alphas, tol: TOL });
    alphas.forEach((alpha, k) => {
      const fit = lasso(diabetes.X, diabetes.y, { alpha, tol: TOL });
      const w = path.coefs.subarray(k * 10, (k + 1) * 10), top = Math.max(...fit.coef.map(Math.abs));
      assert.ok(Math.max(...fit.coef.map((v, j) => Math.abs(v - w[j]))) <= COEF_REL * top);
      assert.ok(Math.abs(path.intercepts[k] - fit.intercept) <= COEF_REL * Math.abs(fit.intercept));
    });
  });
});
