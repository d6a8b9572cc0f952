// kde against its peers: scipy.stats.gaussian_kde (rules, weights, d = 1, 2, 5), scikit-learn
// KernelDensity (six kernels, exact sums), d = 50 and d = 200 Gaussian data (where pdf
// underflows and logpdf must stay finite), and improved Sheather-Jones against an independent
// implementation. Fixtures: tests/fixtures/kde (make_fixtures.py).
import * as assert from 'uvu/assert';
import { kde } from 'simdnum';
import { forEachBackend } from '../harness/backends.js';
import { close } from '../harness/assert.js';
import { asSamples, highdimCases, isjCases, scipyCases, scipyData, sklearnCases, sklearnData, unscale } from '../harness/kde-fixtures.js';
import { gaussianLogpdfRef } from '../reference/kde.js';

/**
 * |logpdf - ref| <= TOL_LOG max(1, |ref|): both sides sum at most 1,000 terms in double
 * precision in different orders (error <= n eps |sum| = 1e3 * 1.1e-16) and whiten by
 * different factorisations of well-conditioned covariances (cond < 20). Measured: 4e-15.
 */
const TOL_LOG = 1e-13;

function logClose(actual: ArrayLike<number>, expected: ArrayLike<number | null>, what: string, shift = 0): void {
  assert.is(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i] === null ? -Infinity : (expected[i] as number) + shift;
    const a = actual[i];
    const ok = e === -Infinity ? a === -Infinity : Math.abs(a - e) <= TOL_LOG * Math.max(1, Math.abs(e));
    if (!ok) assert.unreachable(`${what}: logpdf[${i}] = ${a}, expected ${e}`);
  }
}

forEachBackend('kde vs scipy, scikit-learn and ISJ', (test) => {
  test('scott, silverman and numeric factors match scipy gaussian_kde (weights, d = 1, 2, 5)', () => {
    for (const c of scipyCases) {
      const ds = scipyData[c.dataset];
      const f = kde(asSamples(ds), {
        bandwidth: typeof c.rule === 'number' ? { factor: c.rule } : c.rule,
        weights: c.weighted ? ds.weights : undefined,
      });
      // factor = n_eff^(-1/(d+4)), n_eff = 1 / sum w_i^2: the sum of <= 400 terms is accurate to
      // n eps = 4.4e-14 relative, shrunk 5x by the exponent, plus two pow implementations' ULPs
      assert.ok(Math.abs(f.factor! - c.factor) <= 1e-14 * c.factor, `${c.id}: factor ${f.factor} vs ${c.factor}`);
      // H = factor^2 Sigma: Sigma is a weighted sum of n products (error ~ n eps relative to |Sigma| entries)
      close(f.bandwidthMatrix, c.covariance.flat(), 1e-13, 1e-13 * Math.max(...c.covariance.flat().map(Math.abs)), `${c.id}: bandwidthMatrix`);
      logClose(f.logpdf(ds.queries), c.logpdf, c.id);
      // pdf = exp(logpdf): one more rounding, and exp's 1 ULP; relative TOL_LOG |log pdf| propagates
      close(f.pdf(ds.queries), c.pdf, 1e-12, 1e-300, `${c.id}: pdf`);
    }
  });

  test('all six kernels match scikit-learn KernelDensity exactly (rtol = atol = 0)', () => {
    for (const c of sklearnCases) {
      const ds = sklearnData[c.dataset];
      const f = kde(asSamples(ds), { kernel: c.kernel, bandwidth: c.bandwidth, weights: c.weighted ? ds.weights : undefined });
      // scikit-learn's cosine normaliser is wrong in even d (see src/kde/kernels.ts): simdnum
      // uses the exact one, so the reference shifts by the difference of the two logs
      logClose(f.logpdf(ds.queries), c.logpdf, c.id, c.logNormTrue - c.logNormSklearn);
    }
  });

  test('d = 50 and d = 200: logpdf finite where pdf underflows, equal to scikit-learn, scipy and a plain-TS reference', () => {
    for (const c of highdimCases) {
      const X = unscale(c.samplesTimesScale, c.sampleScale), Q = unscale(c.queriesTimesScale, c.sampleScale);
      const W = unscale(c.queriesWideTimesScale, c.sampleScale);
      const f = kde(X, { bandwidth: c.sklearn.bandwidth });
      const near = f.logpdf(Q), wide = f.logpdf(W);
      logClose(near, c.sklearn.logpdf, `${c.id} sklearn`);
      logClose(wide, c.sklearn.logpdfWide, `${c.id} sklearn wide`);
      const g = kde(X, { bandwidth: 'scott' });
      assert.ok(Math.abs(g.factor! - c.scipy.factor) <= 1e-14 * c.scipy.factor, `${c.id}: scott factor`); // as above
      const gw = g.logpdf(W);
      logClose(g.logpdf(Q), c.scipy.logpdf, `${c.id} scipy`);
      logClose(gw, c.scipy.logpdfWide, `${c.id} scipy wide`);
      const pw = g.pdf(W);
      for (let i = 0; i < W.length; i++) {
        assert.ok(Number.isFinite(gw[i]), `${c.id}: logpdf finite`);
        // pdf underflows to 0 exactly where exp(logpdf) does (scipy's pdf agrees: it is 0 or subnormal there)
        assert.is(pw[i] === 0, gw[i] < -745.2, `${c.id}: pdf[${i}] = ${pw[i]} with logpdf ${gw[i]}`);
      }
      if (c.d === 200) assert.ok(pw.some((v) => v === 0), 'd = 200 has an underflowing pdf');
      // the plain-TS log-space reference on the same bandwidth matrix (first 5 wide queries)
      const ref = gaussianLogpdfRef(X.flat(), c.n, c.d, null, g.bandwidthMatrix, W.slice(0, 5).flat(), 5);
      logClose(gw.subarray(0, 5), Array.from(ref), `${c.id} reference`);
    }
  });

  test("'isj' equals an independent improved Sheather-Jones implementation", () => {
    for (const c of isjCases) {
      const f = kde(c.samples1d, { bandwidth: 'isj' });
      // both solve the same fixed point t = xi gamma^[l](t) on a 1024-point DCT grid to a residual
      // < 1e-19; the bandwidth sqrt(t) range then agrees to a few roundings of the DCT sums
      const h = Math.sqrt(f.bandwidthMatrix[0]);
      assert.ok(Math.abs(h - c.bandwidth) <= 1e-12 * c.bandwidth, `${c.id}: ${h} vs ${c.bandwidth}`);
    }
  });
});
