// kde beyond the peers' fixtures, against plain-TS references (tests/reference/kde.ts):
// weights, float32 mode, effective sizes, cross-validation, sampling statistics, progress and
// cancellation.
import * as assert from 'uvu/assert';
import { kde, SimdnumError, type Kernel } from 'simdnum';
import { forEachBackend } from '../harness/backends.js';
import { close, throwsCode } from '../harness/assert.js';
import { lcg } from '../harness/data.js';
import { effectiveSizeRef, gaussianLogpdfRef, gaussianMixtureCdfRef, ksStatistic } from '../reference/kde.js';

/** n x d standard-normal-ish points (Box-Muller on the test LCG), a second cluster at +3. */
function cloud(n: number, d: number, seed: number): number[][] {
  const r = lcg(seed);
  const g = () => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
  return Array.from({ length: n }, (_, i) => Array.from({ length: d }, () => g() + (i % 3 === 0 ? 3 : 0)));
}

/** sum_i exp(-|x - X_i| / h), plain loops (the exponential kernel's sum without normaliser). */
function sumExpRef(X: number[][], x: number[], h: number): number {
  return X.reduce((s, p) => s + Math.exp(-Math.hypot(...p.map((v, k) => v - x[k])) / h), 0);
}

/**
 * The bound 8 (R^2 + d) 2^-24 on |logpdf float32 - logpdf float64|, R the largest distance of a
 * sample or query from the samples' midrange in bandwidths (see the float32 tests).
 */
function float32Bound(X: number[][], Q: number[][], h: number): number {
  const d = X[0].length;
  const o = Array.from({ length: d }, (_, k) => {
    const column = X.map((p) => p[k]);
    return Math.min(...column) / 2 + Math.max(...column) / 2;
  });
  let R = 0;
  for (const p of [...X, ...Q]) R = Math.max(R, Math.hypot(...p.map((v, k) => v - o[k])) / h);
  return 8 * (R * R + d) * 2 ** -24;
}

/**
 * The same bound for query q alone: the terms of q involve only u_q and the samples' u_i, so
 * with |u_q| = R_q and |u_i| <= R_X (distances from the samples' midrange in bandwidths) a term
 * moves by at most ~ ((R_q + R_X) r + r^2 + d) 2^-24 with r <= R_q + R_X, under
 * 2 ((R_q + R_X)^2 + 4 d) 2^-24; with R_q = R_X = R this is float32Bound's 8 (R^2 + d) 2^-24.
 */
function float32QueryBound(X: number[][], q: number[], h: number): number {
  const d = X[0].length;
  const o = Array.from({ length: d }, (_, k) => {
    const column = X.map((p) => p[k]);
    return Math.min(...column) / 2 + Math.max(...column) / 2;
  });
  const dist = (p: number[]) => Math.hypot(...p.map((v, k) => v - o[k])) / h;
  const A = dist(q) + Math.max(...X.map(dist));
  return 2 * (A * A + 4 * d) * 2 ** -24;
}

const mean = (v: ArrayLike<number>) => Array.from(v).reduce((s, x) => s + x, 0) / v.length;
const variance = (v: ArrayLike<number>) => {
  const m = mean(v);
  return mean(Array.from(v, (x) => (x - m) ** 2));
};

forEachBackend('kde features', (test) => {
  test('integer weights equal repeated samples; zero weights drop samples', () => {
    const X = cloud(40, 2, 1), Q = cloud(25, 2, 2);
    const w = X.map((_, i) => (i % 4) + 0);
    const repeated = X.flatMap((x, i) => Array.from({ length: w[i] }, () => x));
    for (const kernel of ['gaussian', 'epanechnikov'] as Kernel[]) {
      // the same sum of the same terms in another order: a few roundings of sums of 60 terms
      close(kde(X, { kernel, bandwidth: 0.9, weights: w }).logpdf(Q), kde(repeated, { kernel, bandwidth: 0.9 }).logpdf(Q), 1e-14, 1e-14, kernel);
    }
    const kept = X.filter((_, i) => w[i] > 0), ones = w.map((v) => (v > 0 ? 1 : 0));
    // zero weights are removed before anything else: the same model, bit for bit
    assert.equal(Array.from(kde(X, { bandwidth: 0.5, weights: ones }).logpdf(Q)), Array.from(kde(kept, { bandwidth: 0.5 }).logpdf(Q)));
    assert.is(kde(X, { weights: ones }).size, kept.length);
  });

  test('weights near the largest double normalise like small ones (their sum would overflow)', () => {
    const X = cloud(30, 2, 5), Q = cloud(10, 2, 6);
    const w = X.map((_, i) => 1 + (i % 3));
    const huge = w.map((v) => v * 5e307); // sum 3e309: Infinity if summed as given
    // weights 5e307 v and v divided by the largest before summing give the same normalised weights up to one rounding each
    close(kde(X, { bandwidth: 0.7, weights: huge }).logpdf(Q), kde(X, { bandwidth: 0.7, weights: w }).logpdf(Q), 1e-14, 1e-14, 'logpdf');
  });

  test('bandwidth as a vector is a diagonal H; pdf is exp(logpdf); 1-D samples may be flat', () => {
    const X = cloud(300, 3, 3), Q = cloud(40, 3, 4);
    const h = [0.3, 0.5, 0.8];
    const f = kde(X, { bandwidth: h });
    assert.equal(Array.from(f.bandwidthMatrix), [0.09, 0, 0, 0, 0.25, 0, 0, 0, 0.64].map((v, k) => (k % 4 === 0 ? h[k / 4] ** 2 : v)));
    const ref = gaussianLogpdfRef(X.flat(), 300, 3, null, f.bandwidthMatrix, Q.flat(), 40);
    // plain loops vs blocked, pruned wasm sums of 300 terms: n eps relative
    close(f.logpdf(Q), ref, 1e-13, 1e-13, 'diagonal H');
    close(f.pdf(Q), Array.from(ref, Math.exp), 1e-12, 0, 'pdf');
    const x1 = X.map((r) => r[0]);
    close(kde(x1, { bandwidth: 0.4 }).logpdf([0.5, 1]), kde(x1.map((v) => [v]), { bandwidth: 0.4 }).logpdf([[0.5], [1]]), 0, 0, '1-D flat vs rows');
  });

  test('terms dropped below the cutoff before their exponentials leave sums unchanged (d = 10)', () => {
    // a small bandwidth in d = 10: every block overlaps (no block is pruned) and most terms of a
    // block sit more than 50 below the running sum, so the kernel compacts the rest before exp;
    // uneven weights make the smallest log weight (the all-kept test) differ from the largest
    const n = 3000, d = 10, q = 40;
    const X = cloud(n, d, 21), Q = [...cloud(q - 2, d, 22), Array(d).fill(6), Array(d).fill(-1)];
    const raw = X.map((_, i) => 1 + (i % 7)), total = raw.reduce((s, v) => s + v, 0);
    const w = raw.map((v) => v / total);
    const f = kde(X, { bandwidth: 0.3, weights: raw });
    const ref = gaussianLogpdfRef(X.flat(), n, d, w, f.bandwidthMatrix, Q.flat(), q);
    // dropped terms add < n e^-50 = 6e-19 relative to a sum; what remains is rounding: each term
    // -r^2/2 carries ~ d eps relative from whitening and the squared sum (|logpdf| reaches 240
    // here; measured 3.8e-16 relative at most), the two sums of positive terms far less
    close(f.logpdf(Q), ref, 1e-14, 1e-14, 'logpdf');
    // the exponential kernel (terms -r/h) and the effective sizes take the same compaction; the
    // effective size sums p log p over the kept terms (a dropped p adds < 50 p, p < 2e-22)
    const h = 0.15, unweighted = kde(X, { kernel: 'exponential', bandwidth: h });
    const exp = effectiveSizeRef(X.flat(), n, d, h, Q.flat(), q, (r2) => -Math.sqrt(r2));
    const logNorm = unweighted.logpdf([Q[0]])[0] - Math.log(sumExpRef(X, Q[0], h)) + Math.log(n);
    const got = unweighted.logpdf(Q);
    // relative rounding of terms of size up to ~130 and of the logs (same order as above)
    Q.forEach((x, i) => close([got[i] - logNorm], [Math.log(sumExpRef(X, x, h) / n)], 1e-14, 1e-13, `exponential[${i}]`));
    // entropy from sums of 3000 terms, then exp: relative error ~ n eps
    close(unweighted.effectiveSize(Q), exp, 1e-11, 0, 'effective size');
  });

  test("precision 'float32' stays within its rounding bound of float64", () => {
    for (const d of [2, 10]) {
      const X = cloud(2000, d, 5 + d), Q = cloud(50, d, 6 + d);
      for (const kernel of ['gaussian', 'exponential', 'tophat'] as Kernel[]) {
        const h = kernel === 'tophat' ? 2 : 0.6;
        const a = kde(X, { kernel, bandwidth: h }).logpdf(Q), b = kde(X, { kernel, bandwidth: h, precision: 'float32' }).logpdf(Q);
        // float32 rounds unit coordinates u = (x - o) / h (|u| <= R, o the samples' midrange) and
        // the terms a = -r^2/2 relative 2^-24 each: a term moves by at most ~ (2 R r + r^2 + d)
        // 2^-24 per rounding step; with r <= 2R this is < 8 (R^2 + d) 2^-24 for every term,
        // hence for their log-sum-exp.
        const bound = float32Bound(X, Q, h);
        for (let i = 0; i < Q.length; i++) {
          if (a[i] === -Infinity) {
            assert.is(b[i], -Infinity);
            continue;
          }
          // tophat: a point within 1e-7 of the support boundary could switch sides; none is here
          assert.ok(Math.abs(a[i] - b[i]) <= bound, `d=${d} ${kernel}: ${a[i]} vs ${b[i]} (bound ${bound})`);
        }
      }
    }
  });

  test("precision 'float32' far from the origin: centred before rounding, as accurate as near it", () => {
    // samples around 1e9 (float32 spacing 64 there) with bandwidth 1: the unit coordinates are
    // taken from the samples' midrange, so float32 rounds offsets of at most ~530, not 1e9; the
    // same rounding bound as near the origin holds (uncentred, the estimate was off by ~60 nats).
    // The bound is per query, from its own distance to the midrange (samples within 10 of it):
    // 1.5e-5 to 4.8e-5 nats for the queries at the samples, 0.035 for the one at -500 (the bound
    // over all queries, 0.134, let a centring error of 0.1 nats pass at every query)
    for (const offset of [1e8, 1e9]) {
      const X = Array.from({ length: 1000 }, (_, i) => [offset + 20 + 0.02 * i]), Q = [[offset + 31], [offset + 33], [offset + 19.99], [offset - 500]];
      const a = kde(X, { bandwidth: 1 }).logpdf(Q), b = kde(X, { bandwidth: 1, precision: 'float32' }).logpdf(Q);
      for (let i = 0; i < Q.length; i++) {
        const bound = float32QueryBound(X, Q[i], 1);
        assert.ok(Math.abs(a[i] - b[i]) <= bound, `offset ${offset}, query ${i}: ${a[i]} vs ${b[i]} (bound ${bound})`);
      }
    }
    // the fuzzer's case: three samples 1 apart at 1e8, bandwidth 0.5 (float64: 0.338)
    const f64 = kde([1e8, 1e8 + 1, 1e8 + 2], { bandwidth: 0.5 }).pdf([1e8 + 1])[0];
    const f32 = kde([1e8, 1e8 + 1, 1e8 + 2], { bandwidth: 0.5, precision: 'float32' }).pdf([1e8 + 1])[0];
    // unit coordinates -2, 0, 2 are exact in float32: only the terms' rounding remains (~1e-7)
    assert.ok(Math.abs(f32 - f64) <= 1e-6 * f64, `pdf ${f32} vs ${f64}`);
  });

  test('effectiveSize is exp of the entropy of the normalised contributions', () => {
    const X = cloud(500, 2, 9), Q = [[0, 0], [3, 3], [40, 40], [1.5, 1.5]];
    const n = X.length;
    const g = kde(X, { bandwidth: 0.7 }).effectiveSize(Q);
    // entropy from sums of 500 terms, then exp: relative error ~ n eps (|log p| <= 40 here)
    close(g, effectiveSizeRef(X.flat(), n, 2, 0.7, Q.flat(), 4, (r2) => -r2 / 2), 1e-11, 0, 'gaussian');
    const e = kde(X, { kernel: 'epanechnikov', bandwidth: 1.5 }).effectiveSize(Q);
    close(e, effectiveSizeRef(X.flat(), n, 2, 1.5, Q.flat(), 4, (r2) => (r2 < 1 ? Math.log(1 - r2) : -Infinity)), 1e-11, 0, 'epanechnikov');
    assert.is(e[2], 0, 'no sample in reach');
    assert.ok(g[2] >= 1 && g[2] < 3, 'far away a few samples carry the estimate');
    assert.ok(g[0] > 50, 'in the bulk many do');
  });

  test("'cv' maximises the leave-one-out likelihood (plain-TS reference)", () => {
    const X = cloud(150, 3, 11), n = X.length;
    const f = kde(X, { bandwidth: 'cv' });
    const loo = (scale: number) => {
      const H = Array.from(f.bandwidthMatrix, (v) => v * scale * scale);
      const lp = gaussianLogpdfRef(X.flat(), n, 3, null, H, X.flat(), n, (i, j) => i === j);
      // leaving one of n equal weights out renormalises by n / (n - 1)
      return lp.reduce((s, v) => s + v, 0) / n + Math.log(n / (n - 1));
    };
    const at = loo(1);
    // the golden-section search stops within 1e-5 relative of the optimum; 3% away the
    // likelihood is lower by a clear second-order margin
    assert.ok(at > loo(1.03) && at > loo(1 / 1.03), `cv factor ${f.factor} is a local maximum`);
    assert.ok(f.factor! > 0 && Number.isFinite(f.factor!));
  });

  test('sample: reproducible, KS test in 1-D, moments of every kernel, covariance in 2-D', () => {
    const x = cloud(300, 1, 13).map((r) => r[0]);
    const h = 0.4;
    const f = kde(x, { bandwidth: h });
    assert.equal(Array.from(f.sample(10, { seed: 3 })), Array.from(f.sample(10, { seed: 3 })));
    assert.not.equal(Array.from(f.sample(10, { seed: 3 })), Array.from(f.sample(10, { seed: 4 })));
    const m = 20_000;
    const draws = f.sample(m, { seed: 7 });
    // KS at level 1e-6: critical value sqrt(ln(2 / 1e-6) / (2 m)) = 0.0190; erf error 1.5e-7
    const D = ksStatistic(draws, (t) => gaussianMixtureCdfRef(x, null, h, t));
    assert.ok(D < 0.019, `KS statistic ${D}`);
    // unit-bandwidth kernel variances in 1-D: int r^2 K / int K
    const kappa: Record<Kernel, number> = { gaussian: 1, tophat: 1 / 3, epanechnikov: 1 / 5, linear: 1 / 6, exponential: 2, cosine: 1 - 8 / Math.PI ** 2 };
    const vx = variance(x);
    for (const kernel of Object.keys(kappa) as Kernel[]) {
      const s = kde(x, { kernel, bandwidth: h }).sample(m, { seed: 11 });
      const expected = vx + h * h * kappa[kernel];
      // the sample variance has relative standard error sqrt((kurtosis - 1) / m) <= sqrt(4 / m) = 1.4%
      // for these mixtures; 5 standard errors. The mean: 5 sd / sqrt(m).
      assert.ok(Math.abs(variance(s) / expected - 1) < 0.07, `${kernel}: variance ${variance(s)} vs ${expected}`);
      assert.ok(Math.abs(mean(s) - mean(x)) < 5 * Math.sqrt(expected / m), `${kernel}: mean`);
    }
    const P = cloud(200, 2, 17);
    const g = kde(P, { bandwidth: 'scott' });
    const S = g.sample(m, { seed: 5 });
    const col = (A: ArrayLike<number>, k: number) => Array.from({ length: A.length / 2 }, (_, i) => A[2 * i + k]);
    const cov01 = (A: ArrayLike<number>) => {
      const a = col(A, 0), b = col(A, 1), ma = mean(a), mb = mean(b);
      return mean(a.map((v, i) => (v - ma) * (b[i] - mb)));
    };
    // Cov(draw) = biased data covariance + H; standard error of a covariance ~ sqrt(var0 var1 / m)
    const expected = cov01(P.flat()) + g.bandwidthMatrix[1];
    const se = Math.sqrt(variance(col(S, 0)) * variance(col(S, 1)) / m);
    assert.ok(Math.abs(cov01(S) - expected) < 5 * se, `cross-covariance ${cov01(S)} vs ${expected}`);
  });

  test('onProgress counts queries; an AbortSignal stops with ABORTED and the next call works', () => {
    const X = cloud(3000, 5, 19), Q = cloud(3000, 5, 20);
    const f = kde(X, { bandwidth: 0.5 });
    const seen: number[] = [];
    f.logpdf(Q, { onProgress: (p) => seen.push(p.iteration) });
    assert.ok(seen.length >= 2, 'reports during the call');
    assert.ok(seen.every((v, i) => i === 0 || v > seen[i - 1]), 'increasing');
    assert.is(seen[seen.length - 1], Q.length);
    const controller = new AbortController();
    const err = throwsCode(() => f.logpdf(Q, { signal: controller.signal, onProgress: () => controller.abort() }), 'ABORTED', 'kde');
    assert.ok(err instanceof SimdnumError);
    assert.is(f.logpdf([[0, 0, 0, 0, 0]]).length, 1);
  });
});
