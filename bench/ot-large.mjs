// sinkhornPoints at n = m = 50,000 inside a 128 MiB memory limit: the 2.5e9 costs (20 GB in
// float64) are never stored; every pass recomputes cost rows from the points, so memory stays
// O((n + m) d). Runs two iterations per precision (plus the result pass) and reports time per
// pass and the wasm memory actually used.
// Usage: node bench/run.mjs ot-large   (or: node bench/ot-large.mjs [n] [iterations])

import { engineInfo, init, randomUniform, sinkhornPoints } from 'simdnum';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { table } from './lib/markdown.mjs';
import { ms } from './lib/measure.mjs';

/**
 * The suite, in a fresh Node process: the 128 MiB limit it sets must not leak into the suites
 * run after it, and its memory column must not include what earlier suites grew.
 */
export async function run(n = 50_000, iterations = 2) {
  return execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--measure', String(n), String(iterations)], { encoding: 'utf8' }).trim();
}

async function measure(n, iterations) {
  const limit = 128 * 2 ** 20;
  await init({ memoryLimit: limit });
  const x = { data: randomUniform(2 * n, { seed: 1 }), rows: n, cols: 2 };
  const y = { data: randomUniform(2 * n, { seed: 2 }), rows: n, cols: 2 };
  const rows = [];
  for (const precision of ['float32', 'float64']) {
    const t0 = performance.now();
    const r = sinkhornPoints(x, y, { epsilon: 0.05, maxIter: iterations, returnPlan: false, precision });
    const total = performance.now() - t0;
    // the iterations are followed by one result pass (cost and objective): total / (its + 1)
    rows.push([precision, r.method, String(r.iterations), ms(total), ms(total / (r.iterations + 1)),
      `${((n * n) / (total / (r.iterations + 1) / 1000) / 1e6).toFixed(0)} M`, (engineInfo().memoryBytes / 2 ** 20).toFixed(1)]);
    console.error(rows.at(-1).join(' | ')); // progress on stderr: stdout is the table
  }
  return ['## Optimal transport at scale', '',
    `\`sinkhornPoints\` with n = m = ${n.toLocaleString('en-US')} points in the unit square (d = 2), epsilon 0.05, ${iterations} iterations, within init({ memoryLimit: 128 MiB }). The ${(n * n / 1e9).toFixed(1)}e9 costs (${(8 * n * n / 1e9).toFixed(0)} GB in float64) are never stored: each pass recomputes cost rows from the points (memory O((n + m) d)).`, '',
    table(['precision', 'method', 'iterations', 'total', 'per pass', 'entries/s', 'wasm memory (MiB)'], rows), ''].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const measuring = process.argv[2] === '--measure';
  const [n, iterations] = process.argv.slice(measuring ? 3 : 2).map(Number);
  console.log(await (measuring ? measure : run)(n || 50_000, iterations || 2));
}
