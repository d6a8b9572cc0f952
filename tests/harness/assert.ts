/** Assertions shared by the suites, on top of uvu/assert. */

import * as assert from 'uvu/assert';
import { SimdnumError, type ErrorCode } from 'simdnum';
import { firstBitDifference } from './data.js';

/** Asserts `fn` throws a SimdnumError with `code` whose message mentions every `mentions`. */
export function throwsCode(fn: () => unknown, code: ErrorCode, ...mentions: string[]): SimdnumError {
  try {
    fn();
  } catch (err) {
    if (!(err instanceof SimdnumError)) throw new assert.Assertion({ message: `expected SimdnumError ${code}, got ${String(err)}`, operator: 'throws', actual: err, expects: code, generated: false });
    assert.is(err.code, code, `expected code ${code}, got ${err.code}: ${err.message}`);
    for (const m of mentions) assert.ok(err.message.includes(m), `message "${err.message}" should mention "${m}"`);
    return err;
  }
  throw new assert.Assertion({ message: `expected SimdnumError ${code}, nothing was thrown`, operator: 'throws', actual: undefined, expects: code, generated: false });
}

/**
 * Asserts `fn` refuses the unknown option `key` (a path below options: 'eps', 'unbalanced.tau')
 * with INVALID_ARGUMENT, naming it and suggesting `suggestion` (a path too; none when undefined).
 */
export function throwsUnknownOption(fn: () => unknown, key: string, suggestion: string | undefined): SimdnumError {
  const err = throwsCode(fn, 'INVALID_ARGUMENT', `options.${key} is not a known option`, 'accepted keys');
  if (suggestion === undefined) assert.not.ok(err.message.includes('did you mean'), `message "${err.message}" should not suggest a key`);
  else assert.ok(err.message.includes(`(did you mean options.${suggestion}?)`), `message "${err.message}" should suggest options.${suggestion}`);
  assert.is(err.info.key, key.split('.').pop());
  assert.is(err.info.suggestion, suggestion?.split('.').pop());
  return err;
}

/** Async variant of {@link throwsCode}. */
export async function rejectsCode(fn: () => Promise<unknown>, code: ErrorCode, ...mentions: string[]): Promise<void> {
  let thrown: unknown = undefined;
  try {
    await fn();
  } catch (err) {
    thrown = err;
  }
  assert.ok(thrown instanceof SimdnumError, `expected SimdnumError ${code}, got ${String(thrown)}`);
  const err = thrown as SimdnumError;
  assert.is(err.code, code, `expected code ${code}, got ${err.code}: ${err.message}`);
  for (const m of mentions) assert.ok(err.message.includes(m), `message "${err.message}" should mention "${m}"`);
}

/** Asserts two arrays are bit-identical. */
export function bitsEqual(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string): void {
  assert.is(actual.length, expected.length, `${what}: length`);
  const i = firstBitDifference(actual, expected);
  assert.is(i, -1, `${what}: first difference at ${i}: ${actual[i]} vs ${expected[i]}`);
}

/** Asserts |a - e| <= atol + rtol |e| entrywise (tolerances justified at each call site). */
export function close(actual: ArrayLike<number>, expected: ArrayLike<number>, rtol: number, atol: number, what: string): void {
  assert.is(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i], e = expected[i];
    const ok = a === e || Math.abs(a - e) <= atol + rtol * Math.abs(e);
    if (!ok) assert.unreachable(`${what}[${i}] = ${a}, expected ${e} (rtol ${rtol}, atol ${atol})`);
  }
}
