// Minimum, maximum and sum of all costs in one streaming pass (stored matrix or points): the
// input check (finite, non-negative) and the scale that default epsilons and the automatic
// method choice are relative to. Min and max use pmin/pmax, which skip NaN; a NaN still shows
// in the sum.

import { distanceRowBlock, DISTANCE_BLOCK } from '../core/distances';
import { costRowAt } from './cost';
import { selectCost } from './sinkhorn-log';

// running statistics (module globals: kernels never allocate)
let statLo: f64 = Infinity;
let statHi: f64 = -Infinity;
let statSum: f64 = 0;

function resetStats(): void {
  statLo = Infinity;
  statHi = -Infinity;
  statSum = 0;
}

/** Adds row[0..len) to the running statistics; the sum in two lanes (even, odd) in both builds. */
function addRowStats(row: usize, len: i32): void {
  let lo = statLo, hi = statHi;
  let j = 0;
  let s0: f64 = 0, s1: f64 = 0;
  if (ASC_FEATURE_SIMD) {
    let lv = f64x2.splat(Infinity), hv = f64x2.splat(-Infinity), sv = f64x2.splat(0);
    for (; j + 2 <= len; j += 2) {
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
    for (; j + 2 <= len; j += 2) {
      const c0 = load<f64>(row + (<usize>j << 3)), c1 = load<f64>(row + (<usize>j << 3), 8);
      lo = min(lo, min(c0, c1));
      hi = max(hi, max(c0, c1));
      s0 += c0;
      s1 += c1;
    }
  }
  let rs = s0 + s1;
  for (; j < len; j++) {
    const c = load<f64>(row + (<usize>j << 3));
    lo = min(lo, c);
    hi = max(hi, c);
    rs += c;
  }
  statLo = lo;
  statHi = hi;
  statSum += rs;
}

function putStats(out: usize): void {
  store<f64>(out, statLo);
  store<f64>(out, statHi, 8);
  store<f64>(out, statSum, 16);
}

/** out: [min, max, sum] over the n x m costs. work: m float64. O(n m). */
export function cost_stats_f64(C: usize, c32: i32, x: usize, yT: usize, d: i32, metric: i32, n: i32, m: i32, out: usize, work: usize): void {
  selectCost(C, c32, x, yT, m, d, metric);
  resetStats();
  for (let i = 0; i < n; i++) addRowStats(costRowAt(i, work), m);
  putStats(out);
}

/**
 * The float64 costs C = pairwise_f64(x, yT) and their [min, max, sum] in out, each block of a
 * row scanned while it is still in cache: one pass over C instead of two (at n = m = 2000 the
 * separate scan re-read 32 MB, 1.6 ms). O(n m d).
 */
export function pairwise_cost_stats_f64(x: usize, n: i32, yT: usize, m: i32, d: i32, metric: i32, C: usize, out: usize): void {
  resetStats();
  for (let j0 = 0; j0 < m; j0 += DISTANCE_BLOCK) {
    const j1 = min(j0 + DISTANCE_BLOCK, m);
    for (let i = 0; i < n; i++) {
      const row = C + ((<usize>i * <usize>m) << 3);
      distanceRowBlock(x, i, yT, m, d, metric, row, j0, j1);
      addRowStats(row + (<usize>j0 << 3), j1 - j0);
    }
  }
  putStats(out);
}
