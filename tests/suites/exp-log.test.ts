// Accuracy of the vectorised exp and log over their whole domain, in ULPs of the exact result
// (double-double reference for float64; float64 Math for float32, whose own error is 2^-29 of a
// float32 ULP), including subnormal results and inputs, overflow, and special values.
import * as assert from 'uvu/assert';
import { vectorExp, vectorLog } from 'simdnum';
import { forEachBackend } from '../harness/backends.js';
import { lcg } from '../harness/data.js';
import { expUlpError, logUlpError } from '../reference/double-double.js';
import { ulpError32 } from '../reference/float32.js';

/** The bound stated in assembly/core/exp.ts and log.ts. */
const MAX_ULP = 1;

function expInputs(): Float64Array {
  const r = lcg(2024);
  const xs: number[] = [];
  for (let i = 0; i < 60_000; i++) xs.push(-745.1 + (709.78 + 745.1) * r()); // whole finite range
  for (let i = 0; i < 5_000; i++) xs.push(-745.13 + 37 * r()); // subnormal results
  for (let i = 0; i < 5_000; i++) xs.push((r() - 0.5) * 1e-6); // near 0
  for (let k = -1074; k <= 9; k += 7) xs.push(2 ** k, -(2 ** k)); // tiny arguments
  return new Float64Array(xs);
}

function logInputs(): Float64Array {
  const r = lcg(7);
  const xs: number[] = [];
  for (let i = 0; i < 60_000; i++) xs.push(2 ** (-1074 + 2097 * r()) * (1 + r())); // every binade
  for (let i = 0; i < 5_000; i++) xs.push(1 + (r() - 0.5) * 1e-3); // near 1: tiny results
  for (let i = 0; i < 2_000; i++) xs.push(2 ** -1074 * Math.floor(1 + r() * 2 ** 52)); // subnormal
  xs.push(Number.MAX_VALUE, 2 ** -1022, 2 ** -1074, 1, 2, 0.5);
  return new Float64Array(xs.filter((v) => v > 0 && Number.isFinite(v)));
}

const expX = expInputs(), logX = logInputs();

function maxError(xs: ArrayLike<number>, ys: ArrayLike<number>, err: (x: number, y: number) => number) {
  let worst = 0, at = NaN;
  for (let i = 0; i < xs.length; i++) {
    const e = err(xs[i], ys[i]);
    if (!(e <= worst)) { worst = e; at = xs[i]; }
  }
  return { worst, at };
}

forEachBackend('exp and log', (test) => {
  test(`float64 exp is within ${MAX_ULP} ULP on [-745.1, 709.78] (subnormal results included)`, () => {
    const { worst, at } = maxError(expX, vectorExp(expX), expUlpError);
    assert.ok(worst <= MAX_ULP, `max ${worst} ULP at x = ${at}`);
  });

  test(`float64 log is within ${MAX_ULP} ULP on (0, MAX_VALUE] (subnormal inputs included)`, () => {
    const { worst, at } = maxError(logX, vectorLog(logX), logUlpError);
    assert.ok(worst <= MAX_ULP, `max ${worst} ULP at x = ${at}`);
  });

  test('float64 special values follow IEEE / Math semantics', () => {
    const xs = [0, -0, Infinity, -Infinity, NaN, 709.79, 710, 1e308, -745.2, -746, -1e308];
    assert.equal(Array.from(vectorExp(xs)), [1, 1, Infinity, 0, NaN, Infinity, Infinity, Infinity, 0, 0, 0]);
    const ls = [0, -0, -1, -Infinity, Infinity, NaN, 1, -5e-324];
    assert.equal(Array.from(vectorLog(ls)), [-Infinity, -Infinity, NaN, NaN, Infinity, NaN, 0, NaN]);
  });

  test(`float32 exp is within ${MAX_ULP} ULP on [-103, 88.7] (subnormal results included)`, () => {
    const r = lcg(99);
    const x = new Float32Array(40_000).map(() => -103 + 191.7 * r());
    const y = vectorExp(x);
    assert.ok(y instanceof Float32Array);
    const { worst, at } = maxError(x, y, (xi, yi) => ulpError32(yi, Math.exp(xi)));
    assert.ok(worst <= MAX_ULP, `max ${worst} ULP at x = ${at}`);
  });

  test(`float32 log is within ${MAX_ULP} ULP over every binade (subnormal inputs included)`, () => {
    const r = lcg(5);
    const x = new Float32Array(40_000).map(() => 2 ** (-149 + 277 * r()) * (1 + r()));
    const y = vectorLog(x);
    const { worst, at } = maxError(x, y, (xi, yi) => (xi > 0 && Number.isFinite(xi) ? ulpError32(yi, Math.log(xi)) : 0));
    assert.ok(worst <= MAX_ULP, `max ${worst} ULP at x = ${at}`);
  });

  test('float32 special values', () => {
    const y = vectorExp(new Float32Array([0, Infinity, -Infinity, NaN, 89, -104]));
    assert.equal(Array.from(y), [1, Infinity, 0, NaN, Infinity, 0]);
    const l = vectorLog(new Float32Array([0, -1, Infinity, NaN, 1]));
    assert.equal(Array.from(l), [-Infinity, NaN, Infinity, NaN, 0]);
  });

  test('every length (SIMD tails) gives the same values as one long call', () => {
    const all = vectorExp(expX.subarray(0, 64));
    for (let n = 0; n < 20; n++) {
      const part = vectorExp(expX.subarray(0, n));
      for (let i = 0; i < n; i++) assert.ok(Object.is(part[i], all[i]), `n=${n} i=${i}`);
    }
  });
});
