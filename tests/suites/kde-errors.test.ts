// Bad input to kde and kdeGrid: every error code, with messages naming the argument, and a
// working engine after each.
import * as assert from 'uvu/assert';
import { kde, kdeGrid } from 'simdnum';
import { forEachBackend } from '../harness/backends.js';
import { throwsCode, throwsUnknownOption } from '../harness/assert.js';
import { logSumExpRef } from '../reference/kde.js';

const X = [[0, 1], [1, 0.5], [2, 2], [0.3, 0.1]];

forEachBackend('KDE bad input', (test) => {
  test('samples, queries, weights', () => {
    throwsCode(() => kde([[0, NaN], [1, 1]]), 'NOT_FINITE', 'samples');
    throwsCode(() => kde([1, Infinity]), 'NOT_FINITE', 'samples');
    throwsCode(() => kde(X).pdf([[0, Infinity]]), 'NOT_FINITE', 'points');
    throwsCode(() => kde(X).logpdf([[0, 1, 2]]), 'SHAPE_MISMATCH', 'points', '2');
    throwsCode(() => kde(X).logpdf([0, 1]), 'SHAPE_MISMATCH', 'rows');
    throwsCode(() => kde([]), 'EMPTY_INPUT', 'samples');
    throwsCode(() => kde(X, { weights: [1, -1, 1, 1] }), 'NEGATIVE_WEIGHT', 'weights[1]');
    throwsCode(() => kde(X, { weights: [0, 0, 0, 0] }), 'EMPTY_INPUT', 'weights');
    throwsCode(() => kde(X, { weights: [1, 1] }), 'SHAPE_MISMATCH', 'weights');
    throwsCode(() => kde(X, { weights: [1, NaN, 1, 1] }), 'NOT_FINITE', 'weights');
  });

  test('bandwidths and rules', () => {
    throwsCode(() => kde(X, { bandwidth: 0 }), 'INVALID_ARGUMENT', 'bandwidth');
    throwsCode(() => kde(X, { bandwidth: -1 }), 'INVALID_ARGUMENT', 'bandwidth');
    throwsCode(() => kde(X, { bandwidth: [1, 0] }), 'INVALID_ARGUMENT', 'bandwidth[1]');
    throwsCode(() => kde(X, { bandwidth: [1, 1, 1] }), 'SHAPE_MISMATCH', 'bandwidth');
    throwsCode(() => kde(X, { bandwidth: { factor: 0 } }), 'INVALID_ARGUMENT', 'factor');
    throwsCode(() => kde(X, { bandwidth: 'wide' as 'scott' }), 'INVALID_ARGUMENT', 'bandwidth');
    throwsCode(() => kde(X, { bandwidth: 'isj' }), 'INVALID_ARGUMENT', 'isj', '1-D');
    throwsCode(() => kde([1], { bandwidth: 'scott' }), 'INVALID_ARGUMENT', '2 samples');
    throwsCode(() => kde([[1, 2]], { bandwidth: 'cv' }), 'INVALID_ARGUMENT', '2 samples');
    // points on a line: the covariance is singular; the message says what to do instead
    throwsCode(() => kde([[0, 0], [1, 1], [2, 2]], { bandwidth: 'scott' }), 'SINGULAR_COVARIANCE', 'bandwidth');
    throwsCode(() => kde([3, 3, 3], { bandwidth: 'silverman' }), 'SINGULAR_COVARIANCE');
    // rules on a covariance that is not the data's: squares of 1e155 overflow, and one weight of
    // 1e300 against 1s leaves 1 - sum w^2 = 0 (both were reported as the internal 'A[0][0] is Infinity')
    for (const rule of ['scott', 'cv', { factor: 0.5 }] as const) {
      throwsCode(() => kde([1e155, -1e155, 3e154], { bandwidth: rule }), 'NOT_FINITE', 'samples are too large', 'variance along axis 0');
      throwsCode(() => kde([[1, 1e155], [2, -1e155], [0, 3e154]], { bandwidth: rule }), 'NOT_FINITE', 'variance along axis 1');
      throwsCode(() => kde([1, 2, 3, 4], { bandwidth: rule, weights: [1e300, 1, 1, 1] }), 'INVALID_ARGUMENT', 'options.weights', 'effective sample size');
    }
    // unit coordinates (offsets from the samples' midrange in bandwidths) that cannot be stored:
    // they were kept as infinities and every density, even at a sample, came out -Infinity
    const far = [[1e308, 0], [1.5e308, 1], [1.2e308, -1]];
    throwsCode(() => kde(far, { bandwidth: 1, precision: 'float32' }), 'INVALID_ARGUMENT', "'float32'", 'float32 range');
    throwsCode(() => kde([-1e308, 1e308], { bandwidth: 1e-10 }), 'INVALID_ARGUMENT', 'options.bandwidth', 'overflow');
    // a query and the samples' midrange on opposite sides of +-9e307: their difference
    // overflows float64, the offset in bandwidths does not. Reference: the Gaussian log-density
    // in scaled coordinates (q/h - x/h never overflows here), a single dominant term.
    const h = 1e270, Q = [[-1.7e308, 0], [-1.7e308, -1.7e308], [1.2e308, -1]];
    const reference = Q.map((q) => logSumExpRef(far.map((x) => -0.5 * ((q[0] / h - x[0] / h) ** 2 + (q[1] / h - x[1] / h) ** 2)))
      - Math.log(far.length) - Math.log(2 * Math.PI) - 2 * Math.log(h));
    for (const precision of ['float64', 'float32'] as const) {
      const f = kde(far, { bandwidth: h, precision });
      const logp = f.logpdf(Q), ess = f.effectiveSize(Q);
      for (let i = 0; i < Q.length; i++) {
        if (precision === 'float32' && reference[i] * -2 > 3.4028234663852886e38) {
          // the squared unit distance (7e76) exceeds the float32 range: the density underflows
          // to 0 and no sample reaches the query, never NaN
          assert.equal([logp[i], ess[i]], [-Infinity, 0], `${precision} query ${i}`);
          continue;
        }
        // relative 1e-6: float32 rounds unit coordinates to 6e-8 relative (and ~1e-12 at the
        // sample, the log-terms of -1246 with the unit map's rounding); float64 is far tighter
        assert.ok(Math.abs(logp[i] - reference[i]) <= 1e-6 * Math.abs(reference[i]), `${precision} query ${i}: ${logp[i]} vs ${reference[i]}`);
        assert.is(ess[i], 1, `${precision} query ${i}: one sample dominates`);
      }
    }
    // a query that overflows in bandwidths too is infinitely far: density 0, never NaN
    const single = kde([1.7e308], { bandwidth: 1e-300 });
    assert.equal([single.logpdf([-1.7e308])[0], single.effectiveSize([-1.7e308])[0]], [-Infinity, 0]);
    // a single sample with a numeric bandwidth is fine
    assert.ok(kde([1], { bandwidth: 1 }).pdf([1])[0] > 0);
  });

  test('options', () => {
    throwsCode(() => kde(X, { kernel: 'box' as 'tophat' }), 'INVALID_ARGUMENT', 'kernel');
    throwsCode(() => kde(X, { precision: 'half' as 'float32' }), 'INVALID_ARGUMENT', 'precision');
    throwsCode(() => kde(X, 5 as never), 'INVALID_ARGUMENT', 'options');
    throwsCode(() => kde(X).sample(-1), 'INVALID_ARGUMENT', 'count');
    throwsCode(() => kde(X).sample(1e12), 'INVALID_ARGUMENT', 'count'); // beyond one typed array: was a bare RangeError
    throwsCode(() => kde(X).logpdf(X, { onProgress: 3 as never }), 'INVALID_ARGUMENT', 'onProgress');
  });

  test('kdeGrid', () => {
    throwsCode(() => kdeGrid([[0, 0, 0]], { bandwidth: 1 }), 'SHAPE_MISMATCH', 'dimension 3');
    throwsCode(() => kdeGrid([], {}), 'EMPTY_INPUT', 'samples');
    throwsCode(() => kdeGrid([1, 2], { size: 1 }), 'INVALID_ARGUMENT', 'size');
    throwsCode(() => kdeGrid([1, 2], { extent: [2, 1] }), 'INVALID_ARGUMENT', 'extent');
    throwsCode(() => kdeGrid([1, 2], { bandwidth: -2 }), 'INVALID_ARGUMENT', 'bandwidth');
    throwsCode(() => kdeGrid([[1, 2], [2, 3]], { bandwidth: [1] as never }), 'SHAPE_MISMATCH', 'bandwidth');
    throwsCode(() => kdeGrid([1, NaN]), 'NOT_FINITE', 'samples');
    // with a numeric bandwidth and an extent the binning kernel itself detects the bad sample
    throwsCode(() => kdeGrid(new Float64Array([1, 2, Infinity]), { bandwidth: 1, extent: [0, 3] }), 'NOT_FINITE', 'samples[2]');
    throwsCode(() => kdeGrid([[1, 2], [NaN, 1]], { bandwidth: [1, 1], extent: [[0, 3], [0, 3]] }), 'NOT_FINITE', 'samples[1][0]');
    throwsCode(() => kdeGrid([1, 2], { weights: [1, -1] }), 'NEGATIVE_WEIGHT', 'weights[1]');
    throwsCode(() => kdeGrid([[1, 5], [2, 5]], {}), 'SINGULAR_COVARIANCE', 'axis 1');
    throwsCode(() => kdeGrid([1], {}), 'INVALID_ARGUMENT', '2 samples');
  });

  test('unknown option keys are refused, naming the key and the closest accepted one', () => {
    // bw used to be ignored in silence: the estimate used Scott's rule
    throwsUnknownOption(() => kde(X, { bw: 0.3 } as never), 'bw', 'bandwidth');
    throwsUnknownOption(() => kde(X, { Kernel: 'tophat' } as never), 'Kernel', 'kernel');
    const f = kde(X, { bandwidth: 0.5, weights: undefined });
    throwsUnknownOption(() => f.logpdf(X, { signl: new AbortController().signal } as never), 'signl', 'signal');
    throwsUnknownOption(() => f.pdf(X, { onprogress: () => {} } as never), 'onprogress', 'onProgress');
    // the model's internal evaluation options (cross-validation's) are not reachable
    throwsUnknownOption(() => f.logpdf(X, { unit: true } as never), 'unit', undefined);
    throwsUnknownOption(() => f.effectiveSize(X, { exclude: new Int32Array(4) } as never), 'exclude', undefined);
    throwsUnknownOption(() => f.sample(3, { sed: 1 } as never), 'sed', 'seed');
    throwsUnknownOption(() => kdeGrid([1, 2, 3], { bins: 64 } as never), 'bins', 'size');
    throwsUnknownOption(() => kdeGrid([1, 2, 3], { size: 64, extents: [0, 4] } as never), 'extents', 'extent');
    assert.is(f.logpdf(X, { signal: undefined }).length, 4);
    assert.is(f.sample(3, { seed: 1 }).length, 6);
    assert.is(kdeGrid([1, 2, 3], { size: 8, extent: undefined }).values.length, 8);
  });

  test('the engine keeps working after every error', () => {
    assert.is(kde(X).logpdf(X).length, 4);
    assert.is(kdeGrid([1, 2, 3], { size: 8 }).values.length, 8);
  });
});
