// Minimum, maximum and sum of all costs in one streaming pass (stored matrix or points): the
// input check (finite, non-negative) and the scale that default epsilons and the automatic
// method choice are relative to.

import { costRowAt } from './cost';
import { selectCost } from './sinkhorn-log';

/** out: [min, max, sum] over the n x m costs (NaN propagates to all three). work: m float64. */
export function cost_stats_f64(C: usize, c32: i32, x: usize, yT: usize, d: i32, metric: i32, n: i32, m: i32, out: usize, work: usize): void {
  selectCost(C, c32, x, yT, m, d, metric);
  let lo: f64 = Infinity, hi: f64 = -Infinity, sum: f64 = 0;
  for (let i = 0; i < n; i++) {
    const row = costRowAt(i, work);
    let rs: f64 = 0;
    for (let j = 0; j < m; j++) {
      const c = load<f64>(row + (<usize>j << 3));
      lo = min(lo, c);
      hi = max(hi, c);
      rs += c;
    }
    sum += rs;
  }
  store<f64>(out, lo);
  store<f64>(out, hi, 8);
  store<f64>(out, sum, 16);
}
