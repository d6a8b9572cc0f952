// Test entry for a Chromium page (main thread): the report lands on a global the runner reads.
import './harness/preamble.js';
import { runTests } from './harness/entry-common.js';

const g = globalThis as Record<string, unknown>;
runTests('chromium').then(
  (report) => { g.__SIMDNUM_REPORT__ = report; },
  (err) => { g.__SIMDNUM_REPORT__ = { ok: false, output: String(err?.stack ?? err) }; },
);
