// sinkhornPoints at n = m = 50,000 inside a 128 MiB memory limit: the 2.5e9 costs (20 GB in
// float64) are never stored; every pass recomputes cost rows from the points, so memory stays
// O((n + m) d). Runs a few iterations per precision and reports time per iteration and the
// wasm memory actually used.
// Usage: node bench/ot-large.mjs [n] [iterations]

import { engineInfo, init, randomUniform, sinkhornPoints } from 'simdnum';
import { ms } from './lib/measure.mjs';

const n = Number(process.argv[2] ?? 50_000);
const iterations = Number(process.argv[3] ?? 2);

export async function runLarge() {
  await init({ memoryLimit: 128 * 2 ** 20 });
  const x = { data: randomUniform(2 * n, { seed: 1 }), rows: n, cols: 2 };
  const y = { data: randomUniform(2 * n, { seed: 2 }), rows: n, cols: 2 };
  const rows = [];
  for (const precision of ['float32', 'float64']) {
    const t0 = performance.now();
    const r = sinkhornPoints(x, y, { epsilon: 0.05, maxIter: iterations, returnPlan: false, precision });
    const total = performance.now() - t0;
    // one result pass (plan totals) follows the iterations: time per pass ~ total / (iterations + 1)
    rows.push({ precision, method: r.method, iterations: r.iterations, total: ms(total), perPass: ms(total / (r.iterations + 1)), error: r.marginalError.toExponential(2), memoryMiB: (engineInfo().memoryBytes / 2 ** 20).toFixed(1) });
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.table(await runLarge());
}
