// Minimum, maximum and sum of all costs in one streaming pass (stored matrix or points): the
// input check (finite, non-negative) and the scale that default epsilons and the automatic
// method choice are relative to. Min and max use pmin/pmax, which skip NaN; a NaN still shows
// in the sum.

import { costRowAt } from './cost';
import { selectCost } from './sinkhorn-log';

/** out: [min, max, sum] over the n x m costs. work: m float64. O(n m). */
export function cost_stats_f64(C: usize, c32: i32, x: usize, yT: usize, d: i32, metric: i32, n: i32, m: i32, out: usize, work: usize): void {
  selectCost(C, c32, x, yT, m, d, metric);
  let lo: f64 = Infinity, hi: f64 = -Infinity, sum: f64 = 0;
  for (let i = 0; i < n; i++) {
    const row = costRowAt(i, work);
    let j = 0;
    let s0: f64 = 0, s1: f64 = 0;
    if (ASC_FEATURE_SIMD) {
      let lv = f64x2.splat(Infinity), hv = f64x2.splat(-Infinity), sv = f64x2.splat(0);
      for (; j + 2 <= m; j += 2) {
        const c = v128.load(row + (<usize>j << 3));
        lv = f64x2.pmin(lv, c);
        hv = f64x2.pmax(hv, c);
        sv = f64x2.add(sv, c);
      }
      lo = min(lo, min(f64x2.extract_lane(lv, 0), f64x2.extract_lane(lv, 1)));
      hi = max(hi, max(f64x2.extract_lane(hv, 0), f64x2.extract_lane(hv, 1)));
      s0 = f64x2.extract_lane(sv, 0);
      s1 = f64x2.extract_lane(sv, 1);
    } else {
      for (; j + 2 <= m; j += 2) {
        const c0 = load<f64>(row + (<usize>j << 3)), c1 = load<f64>(row + (<usize>j << 3), 8);
        lo = min(lo, min(c0, c1));
        hi = max(hi, max(c0, c1));
        s0 += c0;
        s1 += c1;
      }
    }
    let rs = s0 + s1;
    for (; j < m; j++) {
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
