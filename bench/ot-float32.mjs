// precision 'float32' against float64, for simdnum and for POT (ot.sinkhorn on float32 arrays:
// numpy then runs the whole solve in float32), on the point clouds of bench/ot.mjs at a tolerance
// float32 can reach (1e-5). simdnum runs method 'auto' in float64 (the scaling method at these
// epsilons) and 'scaling' in float32 ('auto' never picks float32: precision is the caller's
// choice); a second table compares the log method's precisions. Totals include the cost matrix.
// Usage: node bench/run.mjs ot-float32

import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { init, sinkhornPoints } from 'simdnum';
import { table } from './lib/markdown.mjs';
import { ms } from './lib/measure.mjs';
import { unitCostClouds } from './lib/ot-clouds.mjs';
import { pythonHas, runPython } from './lib/python.mjs';
import { timeCall } from './lib/timing.mjs';

const PEER = join(fileURLToPath(new URL('.', import.meta.url)), 'peers/ot_peer.py');
const TOL = 1e-5;
const MAX_ITER = 20_000;

const x_ = (a, b) => (a && b ? `${(a / b).toFixed(1)}x` : 'n/a');
const solved = (r, t) => `${r.method ? `${r.method}, ` : ''}${r.iterations} it, ${ms(t)}${r.converged ? '' : ' (not conv.)'}`;

function pot(files, n, d, eps, dtype) {
  const r = runPython(PEER, { ...files, n, d, eps, method: 'sinkhorn', maxIter: MAX_ITER, tol: TOL, dtype });
  if (!r) return { text: 'n/a', ms: null };
  const ms_ = r.total * 1000;
  const note = !r.finite ? ' (NaN)' : r.converged ? '' : ' (not conv.)';
  return { text: `${r.iterations} it, ${ms(ms_)}${note}`, ms: r.finite && r.converged ? ms_ : null };
}

export async function run() {
  await init();
  const havePot = pythonHas('ot', 'numpy');
  if (!havePot) console.log('POT (python3-pot) is not installed for /usr/bin/python3: POT columns are skipped');
  const opts = { tol: TOL, returnPlan: false, maxIter: MAX_ITER };
  const rows = [], logRows = [];
  for (const n of [1000, 2000]) for (const d of [2, 10]) for (const eps of [0.05, 0.01]) {
    const { X, Y, files } = unitCostClouds(n, d);
    const f64 = await timeCall('f64', () => sinkhornPoints(X, Y, { ...opts, epsilon: eps }));
    const f32 = await timeCall('f32', () => sinkhornPoints(X, Y, { ...opts, epsilon: eps, method: 'scaling', precision: 'float32' }));
    const p64 = havePot ? pot(files, n, d, eps, 'float64') : { text: 'n/a' };
    const p32 = havePot ? pot(files, n, d, eps, 'float32') : { text: 'n/a' };
    rows.push([`${n}, ${d}, ${eps}`, solved(f64.result, f64.ms), solved(f32.result, f32.ms), x_(f64.ms, f32.ms),
      p64.text, p32.text, x_(p32.ms, f32.ms)]);
    console.log(rows.at(-1).join(' | '));
  }
  const { X, Y } = unitCostClouds(1000, 2);
  for (const eps of [0.05, 0.01]) {
    const f64 = await timeCall('log f64', () => sinkhornPoints(X, Y, { ...opts, epsilon: eps, method: 'log' }));
    const f32 = await timeCall('log f32', () => sinkhornPoints(X, Y, { ...opts, epsilon: eps, method: 'log', precision: 'float32' }));
    logRows.push([`1000, 2, ${eps}`, solved(f64.result, f64.ms), solved(f32.result, f32.ms), x_(f64.ms, f32.ms)]);
    console.log(logRows.at(-1).join(' | '));
  }
  return [
    '## Optimal transport in float32', '',
    `The clouds of the section above (max C = 1), tol ${TOL} (float32 rounding, about 6e-8 |C|/eps in the exponents, puts 1e-6 out of reach at eps 0.01). simdnum: 'auto' in float64, 'scaling' in float32 (costs and kernel in float32, scalings and sums in float64). POT: ot.sinkhorn through /usr/bin/python3 on float64 arrays and on float32 arrays (the whole solve in float32; its stopping rule as above; "(NaN)": the float32 kernel underflowed). Medians as above.`, '',
    table(['n, d, eps', 'simdnum float64', 'simdnum float32', 'float64 / float32', 'POT float64', 'POT float32', 'POT float32 / simdnum float32'], rows), '',
    'The log method (one exp per entry and iteration: float32 runs four lanes):', '',
    table(['n, d, eps', 'log float64', 'log float32', 'float64 / float32'], logRows), '',
  ].join('\n');
}
