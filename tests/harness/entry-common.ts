/**
 * The test entry body shared by every runtime: probe the pre-init behaviour, load the suites,
 * run them. The runtime-specific entries import the preamble first, then this.
 */

import { engineInfo, SimdnumError } from 'simdnum';
import { context, type Runtime } from './context.js';
import { runAll, type Report } from './report.js';
import '../suites/index.js';

/** Calls the API before any init (must come before the suites run) and records the outcome. */
function probePreInit(): string | null {
  try {
    engineInfo();
    return null;
  } catch (err) {
    return err instanceof SimdnumError ? err.code : `unexpected ${String(err)}`;
  }
}

export async function runTests(runtime: Runtime): Promise<Report> {
  context.runtime = runtime;
  context.preInitError = probePreInit();
  return runAll(runtime);
}
