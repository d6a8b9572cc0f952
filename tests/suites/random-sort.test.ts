// The generator against a BigInt reference of xoshiro256** (bit for bit), basic statistics of
// the normal draws, and argsort against a stable reference sort.
import * as assert from 'uvu/assert';
import { argsort, randomNormal, randomUniform } from 'simdnum';
import { forEachBackend } from '../harness/backends.js';
import { uniform } from '../harness/data.js';
import { bitsEqual, throwsCode } from '../harness/assert.js';
import { referenceUniforms } from '../reference/xoshiro.js';

function referenceArgsort(x: ArrayLike<number>): number[] {
  const key = (v: number) => (Number.isNaN(v) ? Infinity : v);
  const rank = (v: number) => (Number.isNaN(v) ? 1 : 0);
  return Array.from({ length: x.length }, (_, i) => i).sort(
    (a, b) => rank(x[a]) - rank(x[b]) || (key(x[a]) < key(x[b]) ? -1 : key(x[a]) > key(x[b]) ? 1 : 0) || a - b,
  );
}

forEachBackend('random and argsort', (test) => {
  test('uniforms equal the reference xoshiro256** stream (SplitMix64 seeding)', () => {
    for (const seed of [0, 1, 42, 2 ** 32 + 7, 2 ** 53 - 1]) bitsEqual(randomUniform(257, { seed }), referenceUniforms(seed, 257), `seed ${seed}`);
  });

  test('normals: same seed same stream; mean, variance and tails as N(0, 1)', () => {
    const n = 200_000;
    const z = randomNormal(n, { seed: 3 });
    bitsEqual(z, randomNormal(n, { seed: 3 }), 'reproducible');
    let s = 0, ss = 0, tail = 0;
    for (const v of z) { s += v; ss += v * v; if (Math.abs(v) > 3) tail++; }
    const mean = s / n, variance = ss / n - mean * mean;
    // 5 standard errors: sd(mean) = 1/sqrt(n), sd(var) = sqrt(2/n), sd(tail count) = sqrt(n p)
    assert.ok(Math.abs(mean) < 5 / Math.sqrt(n), `mean ${mean}`);
    assert.ok(Math.abs(variance - 1) < 5 * Math.sqrt(2 / n), `variance ${variance}`);
    const p = 0.0026997960632601866; // P(|Z| > 3)
    assert.ok(Math.abs(tail - n * p) < 5 * Math.sqrt(n * p), `tail ${tail}`);
    assert.is(randomNormal(5, { seed: 9 }).length, 5, 'odd counts');
  });

  test('unseeded calls differ', () => {
    assert.not.equal(Array.from(randomUniform(4)), Array.from(randomUniform(4)));
  });

  test('argsort equals a stable reference sort, with -0 = 0, infinities and NaN last', () => {
    for (const n of [0, 1, 2, 17, 1000, 5003]) {
      const x = uniform(n, n).map((v, i) => (i % 7 === 0 ? Math.round(v * 3) : v)); // ties
      bitsEqual(argsort(x), referenceArgsort(x), `n=${n}`);
    }
    const special = [3, NaN, -0, 0, -Infinity, Infinity, -1e-310, 1e-310, NaN, -5];
    bitsEqual(argsort(special), referenceArgsort(special), 'special values');
    assert.equal(Array.from(argsort([2, 1, 2, 1])), [1, 3, 0, 2]);
  });

  test('bad input', () => {
    throwsCode(() => randomUniform(-1), 'INVALID_ARGUMENT', 'count');
    throwsCode(() => randomUniform(2, { seed: 1.5 }), 'INVALID_ARGUMENT', 'seed');
    throwsCode(() => randomNormal(2, { seed: -1 }), 'INVALID_ARGUMENT', 'seed');
    throwsCode(() => argsort({} as never), 'INVALID_ARGUMENT', 'x');
  });
});
