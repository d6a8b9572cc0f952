// polyfit against numpy (Polynomial.fit / Chebyshev.fit, degrees 1..30, x offsets up to 1e6),
// exact 320-bit least-squares references, weighted fits (numpy w = statsmodels WLS w^2) and
// statsmodels OLS inference. Fixtures: tests/fixtures/poly (make_fixtures.py).
import * as assert from 'uvu/assert';
import { polyfit } from 'simdnum';
import { forEachBackend } from '../harness/backends.js';
import { chebyshevDesign, chebyshevValue, maxRel, numpySets, statsmodelsCases, studentTQuantiles, weightedCases } from '../harness/poly-fixtures.js';
import { gaussSolve, normalEquations } from '../reference/dense.js';

/**
 * Normwise relative error bound of predictions and Chebyshev coefficients against the exact
 * least-squares solution. Householder QR is backward stable: the forward error is about
 * cond(A) eps (1 + cond(A) |r| / (|A| |c|)) with cond(A) <= 7 for Chebyshev designs on
 * [-1, 1] (fixture condCheb), i.e. ~1e-14; 1e-12 leaves room for the n-term sums (n <= 1000).
 * The offset set x in [1e6, 1e6 + 1] maps x to t with absolute rounding ~1e-10, identical in
 * numpy and here (same formula), so it needs no extra allowance: the fit is on those t.
 */
const TOL_FIT = 1e-12;

forEachBackend('polyfit vs numpy and statsmodels', (test) => {
  test('predictions and Chebyshev coefficients equal the exact fit at every degree and offset', () => {
    for (const set of numpySets) {
      for (const f of set.fits) {
        const fit = polyfit(set.x, set.y, f.degree);
        const what = `${set.id} degree ${f.degree}`;
        assert.equal(fit.chebyshev.domain, set.domain, `${what}: domain`);
        const exact = set.queriesT.map((t) => chebyshevValue(f.chebCoefHP, t));
        const pred = fit.predict(set.queries);
        assert.ok(maxRel(pred, exact) <= TOL_FIT, `${what}: prediction error ${maxRel(pred, exact)}`);
        // numpy's own predictions are within f.chebPredRelErr of exact: the sum bounds the distance
        assert.ok(maxRel(pred, f.chebPred) <= TOL_FIT + f.chebPredRelErr, `${what}: vs numpy ${maxRel(pred, f.chebPred)}`);
        assert.ok(maxRel(fit.chebyshev.coefficients, f.chebCoefHP) <= TOL_FIT, `${what}: coefficients`);
        // RSS: the residual norm is well conditioned (relative error ~ eps cond^2) plus n-term sums
        assert.ok(Math.abs(fit.rss - f.rssHP) <= 1e-12 * f.rssHP, `${what}: rss ${fit.rss} vs ${f.rssHP}`);
        assert.is(fit.rank, f.degree + 1);
        // singular values of R equal the design's: Jacobi SVD of a matrix with cond <= 7, ~p eps
        assert.ok(Math.abs(fit.condition - f.condCheb) <= 1e-12 * f.condCheb, `${what}: condition ${fit.condition} vs ${f.condCheb}`);
        if (f.convertStored) {
          // monomial coefficients in x: the conversion multiplies errors by the size of the
          // change of basis; the fixture stores conversions that evaluate to 1e-9 relative
          assert.ok(maxRel(fit.coefficients, f.convertCoefHP!) <= 1e-9, `${what}: monomial coefficients ${maxRel(fit.coefficients, f.convertCoefHP!)}`);
        }
      }
    }
  });

  test('weighted fits equal numpy w and statsmodels WLS (weights w^2)', () => {
    for (const c of weightedCases) {
      const fit = polyfit(c.x, c.y, c.degree, { weights: c.wNumpy });
      // numpy and statsmodels agree to 1.5e-14 on these fits (fixture checks); same bound as above
      assert.ok(maxRel(fit.predict(c.queries), c.predCheb) <= TOL_FIT, `${c.id}: predictions`);
      assert.ok(maxRel(fit.chebyshev.coefficients, c.chebCoef) <= TOL_FIT, `${c.id}: coefficients`);
      assert.ok(Math.abs(fit.rss - c.smSsr) <= 1e-12 * c.smSsr, `${c.id}: weighted rss ${fit.rss} vs ${c.smSsr}`);
      assert.ok(Math.abs(fit.residualStdError ** 2 - c.smScale) <= 1e-12 * c.smScale, `${c.id}: scale`);
    }
  });

  test('inference equals statsmodels OLS: R^2, scale, condition, standard errors, intervals', () => {
    for (const c of statsmodelsCases) {
      for (const f of c.fits) {
        const fit = polyfit(c.x, c.y, f.degree);
        const what = `${c.id} degree ${f.degree}`;
        // the bound for inference: 1e-8 relative (t quantiles, sqrt, pinv vs SVD of R)
        const rel = (a: number, b: number) => Math.abs(a - b) <= 1e-8 * Math.abs(b);
        assert.ok(maxRel(fit.chebyshev.coefficients, f.params) <= TOL_FIT, `${what}: params`);
        assert.ok(rel(fit.r2, f.rsquared), `${what}: r2 ${fit.r2} vs ${f.rsquared}`);
        assert.ok(rel(fit.rss, f.ssr), `${what}: ssr`);
        assert.ok(rel(fit.residualStdError ** 2, f.scale), `${what}: scale`);
        assert.is(fit.dfResid, f.df_resid);
        assert.ok(rel(fit.condition, f.condition_number), `${what}: condition ${fit.condition} vs ${f.condition_number}`);
        if (f.monomial) {
          for (let k = 0; k <= f.degree; k++) {
            assert.ok(rel(fit.coefficients[k], f.monomial.params[k]), `${what}: monomial params[${k}] ${fit.coefficients[k]} vs ${f.monomial.params[k]}`);
            assert.ok(rel(fit.stdErrors[k], f.monomial.bse[k]), `${what}: bse[${k}] ${fit.stdErrors[k]} vs ${f.monomial.bse[k]}`);
          }
        }
        for (const key of ['alpha0.05', 'alpha0.10'] as const) {
          const cols = f.prediction[key];
          const level = 1 - cols.alpha;
          const ci = fit.confidenceInterval(c.xNew, level), pi = fit.predictionInterval(c.xNew, level);
          // intervals: relative to the largest |value| (the fixture's convention), 1e-8
          assert.ok(maxRel(ci.lower, cols.mean_ci_lower) <= 1e-8 && maxRel(ci.upper, cols.mean_ci_upper) <= 1e-8, `${what} ${key}: confidence interval`);
          assert.ok(maxRel(pi.lower, cols.obs_ci_lower) <= 1e-8 && maxRel(pi.upper, cols.obs_ci_upper) <= 1e-8, `${what} ${key}: prediction interval`);
        }
      }
    }
  });

  test('in-house t quantiles (read off degree-0 intervals) equal 320-bit references', () => {
    // a constant fit to n points has CI half-width t_{1-(1-level)/2, n-1} s / sqrt(n)
    for (const c of studentTQuantiles) {
      if (!(c.p > 0.5 && c.p < 0.9999) || !Number.isInteger(c.df) || c.df > 1000) continue;
      const n = c.df + 1, y = Array.from({ length: n }, (_, i) => (i % 2 ? 1 : -1) * (1 + i / n));
      const fit = polyfit(y.map((_, i) => i), y, 0);
      const ci = fit.confidenceInterval([0], 2 * c.p - 1);
      const t = ((ci.upper[0] - ci.lower[0]) / 2) * Math.sqrt(n) / fit.residualStdError;
      // quantile to ~3e-15 (helper-measured against mpmath), times a few roundings of the read-back
      assert.ok(Math.abs(t - c.quantileRef) <= 1e-13 * c.quantileRef, `p ${c.p} df ${c.df}: ${t} vs ${c.quantileRef}`);
    }
  });

  test('ridge: the augmented least-squares solution (plain normal equations in the Chebyshev basis)', () => {
    const set = numpySets.find((s) => s.id === 'sym500')!;
    const degree = 8, lambda = 3, p = degree + 1;
    const fit = polyfit(set.x, set.y, degree, { ridge: lambda });
    // reference: (V^T V + lambda diag(0, 1, ..., 1)) c = V^T y with V = chebvander(t): cond(V^T V) < 50,
    // so Gaussian elimination in plain TS is accurate to ~1e-14
    const V = chebyshevDesign(set.x.map((x) => set.mapOff + set.mapScl * x), p);
    const [G, rhs] = normalEquations(V, set.n, p, set.y);
    for (let k = 1; k < p; k++) G[k * p + k] += lambda;
    const c = gaussSolve(G, rhs, p);
    assert.ok(maxRel(fit.chebyshev.coefficients, c) <= 1e-12, `ridge coefficients ${maxRel(fit.chebyshev.coefficients, c)}`);
    const plain = polyfit(set.x, set.y, degree);
    const norm = (v: ArrayLike<number>) => Array.from(v).slice(1).reduce((s, x) => s + x * x, 0);
    assert.ok(norm(fit.chebyshev.coefficients) < norm(plain.chebyshev.coefficients), 'the penalty shrinks');
    assert.ok(fit.rss > plain.rss, 'and costs residual');
  });

  test('fewer distinct x than coefficients: rank reported, minimum-norm fit interpolates', () => {
    const x = [0, 0, 1, 1, 2, 2], y = [1, 1.2, 2, 2.2, 5, 5.2];
    const fit = polyfit(x, y, 4);
    assert.is(fit.rank, 3);
    // three distinct x: any fit of rank 3 passes through the group means
    const at = fit.predict([0, 1, 2]);
    [1.1, 2.1, 5.1].forEach((v, i) => assert.ok(Math.abs(at[i] - v) <= 1e-12, `mean at ${i}: ${at[i]}`));
    assert.ok(fit.coefficients.every(Number.isFinite) && fit.stdErrors.every(Number.isFinite));
    const one = polyfit([3, 3, 3], [1, 2, 3], 2);
    assert.is(one.rank, 1);
    assert.ok(Math.abs(one.predict([3])[0] - 2) < 1e-14);
  });
});
