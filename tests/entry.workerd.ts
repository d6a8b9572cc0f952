// Test entry for workerd: the suites run inside the fetch handler (global scope may not use
// timers), once; the report is the response body.
import './harness/preamble.js';
import { runTests } from './harness/entry-common.js';
import type { Report } from './harness/report.js';

let pending: Promise<Report> | null = null;

export default {
  async fetch(): Promise<Response> {
    pending ??= runTests('workerd');
    const report = await pending;
    return new Response(JSON.stringify(report), { headers: { 'content-type': 'application/json' } });
  },
};
