/**
 * Registers a suite once per build: every numeric test runs on the SIMD and on the scalar
 * binary, switched with init({ simd }) before the suite's tests.
 */

import { suite, type Test } from 'uvu';
import { init, type Backend } from 'simdnum';

export const BACKENDS: readonly Backend[] = ['simd', 'scalar'];

export function forEachBackend(name: string, register: (test: Test, backend: Backend) => void): void {
  for (const backend of BACKENDS) {
    const test = suite(`${name} [${backend}]`);
    test.before(async () => {
      await init({ simd: backend === 'simd' });
    });
    register(test, backend);
    test.run();
  }
}
