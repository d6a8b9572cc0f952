/**
 * Runs one API call on the engine: every arena reservation made inside is released when the
 * call returns or throws, and a trap inside a kernel (a bug) becomes a SimdnumError INTERNAL
 * instead of a bare RuntimeError. The engine stays usable either way.
 */

import { fail, SimdnumError } from './errors.js';
import type { Engine } from './instance.js';
import { engine } from './state.js';

export function withEngine<T>(body: (e: Engine) => T): T {
  const e = engine();
  const mark = e.arena.mark();
  try {
    return body(e);
  } catch (err) {
    if (err instanceof SimdnumError || !(err instanceof WebAssembly.RuntimeError)) throw err;
    fail('INTERNAL', `a simdnum kernel trapped (${err.message}); this is a bug, please report it`);
  } finally {
    e.arena.release(mark);
  }
}
