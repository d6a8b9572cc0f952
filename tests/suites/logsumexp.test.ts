// Log-sum-exp against a plain-TS max-shifted reference with Math.exp/Math.log.
import * as assert from 'uvu/assert';
import { logSumExp } from 'simdnum';
import { forEachBackend } from '../harness/backends.js';
import { uniform } from '../harness/data.js';
import { close, throwsCode } from '../harness/assert.js';

function reference(v: ArrayLike<number>): number {
  let m = -Infinity;
  for (let i = 0; i < v.length; i++) m = Math.max(m, v[i]);
  if (!Number.isFinite(m)) return m;
  let s = 0;
  for (let i = 0; i < v.length; i++) s += Math.exp(v[i] - m);
  return m + Math.log(s);
}

// Kernel and reference differ in exp/log (each <= 1 ULP, Math.* too) and in summation order
// (terms in (0, 1], at least one equal to 1): relative error of the sum <= n eps, so of the
// result <= n eps / |result| in absolute terms; 1e-13 relative covers n <= 1000 here.
const RTOL = 1e-13;

forEachBackend('logSumExp', (test) => {
  test('vectors of every tail length, including huge and tiny values', () => {
    for (const n of [1, 2, 3, 5, 8, 17, 100, 1001]) {
      for (const [lo, hi] of [[-1, 1], [-800, 800], [990, 1010], [-1e5, -1e5 + 3]]) {
        const v = uniform(n, n * 7 + lo, lo, hi);
        close([logSumExp(v)], [reference(v)], RTOL, 1e-300, `n=${n} range=[${lo}, ${hi}]`);
      }
    }
  });

  test('rows and columns of a matrix', () => {
    for (const [rows, cols] of [[1, 1], [3, 5], [7, 2], [33, 17], [2, 1000]]) {
      const data = uniform(rows * cols, rows + cols, -50, 50);
      const byRows = logSumExp({ data, rows, cols }, { axis: 1 });
      const byCols = logSumExp({ data, rows, cols }, { axis: 0 });
      const expRows = Array.from({ length: rows }, (_, i) => reference(data.subarray(i * cols, (i + 1) * cols)));
      const expCols = Array.from({ length: cols }, (_, j) => reference(Array.from({ length: rows }, (_, i) => data[i * cols + j])));
      close(byRows, expRows, RTOL, 0, `rows ${rows}x${cols}`);
      close(byCols, expCols, RTOL, 0, `cols ${rows}x${cols}`);
    }
  });

  test('float32 rows', () => {
    const data = new Float32Array(uniform(5 * 37, 3, -20, 20));
    const out = logSumExp({ data, rows: 5, cols: 37 });
    assert.ok(out instanceof Float32Array);
    // float32 arithmetic: about 37 terms at 2^-24 each, plus exp/log ULPs: 1e-5 relative
    close(out, Array.from({ length: 5 }, (_, i) => reference(data.subarray(i * 37, (i + 1) * 37))), 1e-5, 0, 'f32');
  });

  test('special values: all -inf, +inf, NaN, empty', () => {
    assert.is(logSumExp([-Infinity, -Infinity]), -Infinity);
    assert.is(logSumExp([-Infinity, 0]), 0);
    assert.is(logSumExp([1, Infinity]), Infinity);
    assert.ok(Number.isNaN(logSumExp([1, NaN, 2])));
    assert.ok(Number.isNaN(logSumExp([NaN])));
    assert.is(logSumExp([]), -Infinity);
    const cols = logSumExp([[-Infinity, 1, NaN], [-Infinity, Infinity, 0]], { axis: 0 });
    assert.is(cols[0], -Infinity);
    assert.is(cols[1], Infinity);
    assert.ok(Number.isNaN(cols[2]));
  });

  test('bad input', () => {
    throwsCode(() => logSumExp([[1, 2], [3]]), 'SHAPE_MISMATCH', 'rectangular');
    throwsCode(() => logSumExp([[1]], { axis: 2 as 0 }), 'INVALID_ARGUMENT', 'axis');
  });
});
