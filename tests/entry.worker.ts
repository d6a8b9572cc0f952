// Test entry for a dedicated worker in Chromium: posts the report to the page.
import './harness/preamble.js';
import { runTests } from './harness/entry-common.js';

const post = (globalThis as unknown as { postMessage: (m: unknown) => void }).postMessage;
runTests('chromium-worker').then(
  (report) => post(report),
  (err) => post({ ok: false, output: String(err?.stack ?? err) }),
);
