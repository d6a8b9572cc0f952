// The arena: no growth over 10,000 calls, OUT_OF_MEMORY with the bytes needed (default limit
// and a user limit), and a working engine after every error.
import * as assert from 'uvu/assert';
import { cholesky, dot, engineInfo, init, logSumExp, pairwiseDistances, vectorExp, type SimdnumError } from 'simdnum';
import { forEachBackend } from '../harness/backends.js';
import { uniform } from '../harness/data.js';
import { throwsCode } from '../harness/assert.js';

forEachBackend('memory', (test) => {
  test('10,000 consecutive calls do not grow memory', () => {
    const x = uniform(4096, 1), m = { data: uniform(64 * 64, 2), rows: 64, cols: 64 };
    dot(x, x); vectorExp(x); logSumExp(m); pairwiseDistances(m);
    const before = engineInfo().memoryBytes;
    for (let i = 0; i < 2500; i++) {
      dot(x, x);
      vectorExp(x);
      logSumExp(m);
      pairwiseDistances(m);
    }
    assert.is(engineInfo().memoryBytes, before);
  });

  test('OUT_OF_MEMORY names the bytes needed and the next call works', () => {
    const big = { data: new Float64Array(20_000), rows: 20_000, cols: 1 };
    const err: SimdnumError = throwsCode(() => pairwiseDistances(big, big), 'OUT_OF_MEMORY', 'memoryLimit');
    assert.ok((err.info.bytesNeeded as number) > 20_000 * 20_000 * 8);
    assert.is(dot([1, 2], [3, 4]), 11);
  });

  test('a user memory limit is enforced and can be raised again', async () => {
    const limit = engineInfo().memoryLimit;
    await init({ memoryLimit: 4 * 1024 * 1024 });
    try {
      const x = { data: uniform(1000, 3), rows: 1000, cols: 1 };
      throwsCode(() => pairwiseDistances(x, x), 'OUT_OF_MEMORY', '4.0 MiB');
      assert.is(pairwiseDistances({ data: x.data.subarray(0, 100), rows: 100, cols: 1 }).data.length, 10_000);
    } finally {
      await init({ memoryLimit: limit });
    }
    assert.is(pairwiseDistances({ data: uniform(1000, 3), rows: 1000, cols: 1 }).data.length, 1_000_000);
  });

  test('errors thrown during a call release its memory', () => {
    const before = engineInfo().memoryBytes;
    for (let i = 0; i < 100; i++) throwsCode(() => cholesky([[1, 2], [2, 1]]), 'NOT_POSITIVE_DEFINITE');
    assert.is(engineInfo().memoryBytes, before);
  });
});
