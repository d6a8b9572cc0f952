// `npm test`: type-check the tests, run the as-pect kernel specs on both builds, check the size
// budget, then run the one uvu suite (both builds inside) under Node, Deno, Bun, Chromium (page
// and worker) and workerd, and require the determinism checksums to agree across all of them.
// Usage: node tests/run/all.mjs [runtime ...]   (default: every runtime)

import { execFileSync } from 'node:child_process';
import { bundleTests } from './bundle.mjs';
import { cliRuntimes } from './cli-runtimes.mjs';
import { runChromium } from './chromium.mjs';
import { runWorkerd } from './workerd.mjs';
import { checkSizeBudget } from './size-budget.mjs';
import { bin, root } from './paths.mjs';

const only = process.argv.slice(2);
const want = (name) => only.length === 0 || only.includes(name);
const step = (title) => console.log(`\n== ${title}`);
let failed = false;

step('type-check tests');
execFileSync(bin('tsc'), ['-p', 'tests/tsconfig.json'], { cwd: root, stdio: 'inherit' });

if (want('aspect')) {
  for (const build of ['simd', 'scalar']) {
    step(`as-pect kernel specs (${build} build)`);
    try {
      execFileSync(bin('asp'), ['--config', 'as-pect.config.js', '--as-config', `as-pect.${build}.asconfig.json`, '--summary', '--no-logo'], {
        cwd: root,
        stdio: 'inherit',
      });
    } catch {
      failed = true;
      console.log(`as-pect specs failed on the ${build} build`);
    }
  }
}

step('size budget');
failed = !checkSizeBudget() || failed;

step('bundle test entries');
await bundleTests();

const reports = [];
for (const [name, run] of Object.entries(cliRuntimes)) {
  if (!want(name)) continue;
  step(`uvu suite on ${name}`);
  const report = await run();
  reports.push(report);
  if (!report.ok) console.log(report.output);
}
if (want('chromium')) {
  step('uvu suite on chromium (page and worker)');
  for (const report of await runChromium()) {
    reports.push(report);
    if (!report.ok) console.log(report.output);
  }
}
if (want('workerd')) {
  step('uvu suite on workerd');
  const report = await runWorkerd();
  reports.push(report);
  if (!report.ok) console.log(report.output);
}

step('summary');
const rows = reports.map((r) => [r.runtime, r.ok ? 'ok' : 'FAILED', `${r.passed}/${r.total}`, r.checksums?.simd ?? '-', r.checksums?.scalar ?? '-']);
console.table(rows.map(([runtime, status, passed, simd, scalar]) => ({ runtime, status, passed, 'checksum simd': simd, 'checksum scalar': scalar })));
for (const backend of ['simd', 'scalar']) {
  const values = new Set(reports.map((r) => r.checksums?.[backend]).filter(Boolean));
  if (values.size > 1) {
    failed = true;
    console.log(`determinism: the ${backend} build gave different checksums across runtimes: ${[...values].join(', ')}`);
  }
}
for (const r of reports) failed ||= !r.ok;
if (reports.length === 0 && only.length > 0 && !only.includes('aspect')) failed = true;
console.log(failed ? '\nFAILED' : '\nall tests passed');
process.exit(failed ? 1 : 0);
