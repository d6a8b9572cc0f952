// Level-1 kernels against their plain-TS twins (bit-exact: the twins follow the documented
// reduction order) and against an accurate sum (error bound), at lengths that hit every SIMD
// tail, and with inputs that start at odd offsets of a larger buffer.
import * as assert from 'uvu/assert';
import { axpy, dot, scale, sum } from 'simdnum';
import { forEachBackend } from '../harness/backends.js';
import { LENGTHS, uniform } from '../harness/data.js';
import { bitsEqual, throwsCode } from '../harness/assert.js';
import { accurateSum, dot32, dotInOrder, sum32, sumInOrder } from '../reference/vector.js';

forEachBackend('vector', (test) => {
  test('sum and dot equal the documented reduction order bit for bit (float64)', () => {
    for (const n of LENGTHS) {
      const x = uniform(n, 11 + n), y = uniform(n, 97 + n);
      assert.ok(Object.is(sum(x), sumInOrder(x)), `sum n=${n}`);
      assert.ok(Object.is(dot(x, y), dotInOrder(x, y)), `dot n=${n}`);
    }
  });

  test('sum and dot equal the documented reduction order bit for bit (float32)', () => {
    for (const n of LENGTHS) {
      const x = new Float32Array(uniform(n, 5 + n)), y = new Float32Array(uniform(n, 7 + n));
      assert.ok(Object.is(sum(x), sum32(x)), `sum32 n=${n}`);
      assert.ok(Object.is(dot(x, y), dot32(x, y)), `dot32 n=${n}`);
    }
  });

  test('sum error stays within the bound n * eps * sum|x| of the exact sum', () => {
    // Recursive summation with k partial sums has error <= (n/k + k) eps sum|x| (Higham, ASNA
    // 4.2); n eps sum|x| is a safe, order-independent bound for the kernel's four lanes.
    const n = 100_003;
    const x = uniform(n, 3, -1e6, 1e6);
    let abs = 0;
    for (const v of x) abs += Math.abs(v);
    const err = Math.abs(sum(x) - accurateSum(x));
    assert.ok(err <= n * 2 ** -53 * abs, `error ${err}`);
  });

  test('inputs that are views at odd offsets of a larger buffer', () => {
    const buf = uniform(1000, 42);
    for (const off of [1, 3, 5]) {
      const x = buf.subarray(off, off + 333), y = buf.subarray(off + 400, off + 733);
      assert.ok(Object.is(dot(x, y), dotInOrder(x, y)), `offset ${off}`);
    }
  });

  test('number[] input equals Float64Array input', () => {
    const x = uniform(37, 1), y = uniform(37, 2);
    assert.ok(Object.is(dot(Array.from(x), Array.from(y)), dot(x, y)));
  });

  test('axpy and scale match elementwise formulas exactly', () => {
    for (const n of LENGTHS) {
      const x = uniform(n, 13 + n), y = uniform(n, 17 + n);
      bitsEqual(axpy(-1.5, x, y), y.map((v, i) => v + -1.5 * x[i]), `axpy n=${n}`);
      bitsEqual(scale(0.3, x), x.map((v) => 0.3 * v), `scale n=${n}`);
      const x32 = new Float32Array(x), y32 = new Float32Array(y), f = Math.fround;
      const a = axpy(-1.5, x32, y32);
      assert.ok(a instanceof Float32Array, 'float32 in, float32 out');
      bitsEqual(a, y32.map((v, i) => f(v + f(-1.5 * x32[i]))), `axpy32 n=${n}`);
      bitsEqual(scale(0.3, x32), x32.map((v) => f(f(0.3) * v)), `scale32 n=${n}`);
    }
  });

  test('inputs are not modified', () => {
    const x = uniform(9, 1), y = uniform(9, 2), x0 = x.slice(), y0 = y.slice();
    axpy(2, x, y);
    scale(2, x);
    bitsEqual(x, x0, 'x');
    bitsEqual(y, y0, 'y');
  });

  test('bad input', () => {
    throwsCode(() => dot([1, 2], [1]), 'SHAPE_MISMATCH', 'x and y', '2', '1');
    throwsCode(() => dot('ab' as never, [1]), 'INVALID_ARGUMENT', 'x');
    throwsCode(() => sum([1, 'a' as never]), 'INVALID_ARGUMENT', 'x[1]');
    throwsCode(() => axpy(NaN, [1], [1]), 'INVALID_ARGUMENT', 'alpha');
    throwsCode(() => scale(undefined as never, [1]), 'INVALID_ARGUMENT', 'alpha');
  });
});
