// Test entry for Node, Deno and Bun: run everything, print a one-line JSON report last.
import './harness/preamble.js';
import { runTests } from './harness/entry-common.js';
import type { Runtime } from './harness/context.js';

const g = globalThis as { Deno?: unknown; Bun?: unknown; process?: { exitCode?: number } };
const runtime: Runtime = g.Deno ? 'deno' : g.Bun ? 'bun' : 'node';
const report = await runTests(runtime);
console.info('SIMDNUM_REPORT ' + JSON.stringify({ ...report, output: undefined }));
if (!report.ok && g.process) g.process.exitCode = 1;
