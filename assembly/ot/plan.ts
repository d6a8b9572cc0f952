// The transport plan and its totals from the potentials: P_ij = exp((f_i + g_j - C_ij)/eps).
// One pass gives what the results need: the plan itself (optional), <P, C>, sum P_ij log P_ij
// (log P_ij is the exponent, no log needed), and the row and column sums (so the returned
// marginal error is measured on the returned plan, not estimated).

import { expF64 } from '../core/exp';
import { costRowAt } from './cost';
import { expRow, rowShift } from './rows';
import { selectCost } from './sinkhorn-log';
import { at, put } from './params';

/**
 * C: stored costs (float32 when c32 != 0) or 0 for x, yT, metric.
 * plan (n x m, or 0 to skip storing it), rows (n), cols (m): outputs; totals: [<P, C>,
 * sum P log P]. work: 2m float64. O(n m) exps.
 */
export function sinkhorn_plan_f64(
  C: usize, c32: i32, x: usize, yT: usize, d: i32, metric: i32, n: i32, m: i32,
  f: usize, g: usize, eps: f64, plan: usize, rows: usize, cols: usize, totals: usize, work: usize,
): void {
  selectCost(C, c32, x, yT, m, d, metric);
  const inv = 1.0 / eps;
  const e = work, crowBuf = work + (<usize>m << 3);
  memory.fill(cols, 0, <usize>m << 3);
  let cost: f64 = 0, plogp: f64 = 0;
  for (let i = 0; i < n; i++) {
    const crow = costRowAt(i, crowBuf);
    const fi = at(f, i);
    expRow(crow, g, m, fi, inv, e);
    const scale = rowShift == 0 ? 1.0 : expF64(rowShift);
    let r: f64 = 0, rc: f64 = 0, rl: f64 = 0;
    for (let j = 0; j < m; j++) {
      const p = at(e, j) * scale;
      const c = at(crow, j);
      r += p;
      rc += p * c;
      if (p > 0) rl += p * ((fi + at(g, j) - c) * inv);
      put(cols, j, at(cols, j) + p);
      if (plan != 0) store<f64>(plan + ((<usize>i * <usize>m + <usize>j) << 3), p);
    }
    put(rows, i, r);
    cost += rc;
    plogp += rl;
  }
  put(totals, 0, cost);
  put(totals, 1, plogp);
}
