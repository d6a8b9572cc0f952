// Minimum, maximum and sum of all costs in one streaming pass (stored matrix or points): the
// input check (finite, non-negative) and the scale that default epsilons and the automatic
// method choice are relative to. Min and max use pmin/pmax, which skip NaN; a NaN still shows
// in the sum.

import { distanceRowBlock, DISTANCE_BLOCK } from '../core/distances';
import { costRowAt } from './cost';
import { selectCost } from './sinkhorn-log';

// running minimum and maximum (module globals: kernels never allocate)
let statLo: f64 = Infinity;
let statHi: f64 = -Infinity;

/**
 * Adds the costs row[0..len) (len even unless the block ends the row) to the running minimum
 * and maximum and to the row's two sum lanes at lanes (even and odd j, carried across the blocks
 * of a row, so a row is summed in the same order whether it comes in one block or several).
 */
function addBlockStats(row: usize, len: i32, lanes: usize): void {
  let lo = statLo, hi = statHi;
  let j = 0;
  if (ASC_FEATURE_SIMD) {
    let lv = f64x2.splat(Infinity), hv = f64x2.splat(-Infinity), sv = v128.load(lanes);
    for (; j + 2 <= len; j += 2) {
      const c = v128.load(row + (<usize>j << 3));
      lv = f64x2.pmin(lv, c);
      hv = f64x2.pmax(hv, c);
      sv = f64x2.add(sv, c);
    }
    lo = min(lo, min(f64x2.extract_lane(lv, 0), f64x2.extract_lane(lv, 1)));
    hi = max(hi, max(f64x2.extract_lane(hv, 0), f64x2.extract_lane(hv, 1)));
    v128.store(lanes, sv);
  } else {
    let s0 = load<f64>(lanes), s1 = load<f64>(lanes, 8);
    for (; j + 2 <= len; j += 2) {
      const c0 = load<f64>(row + (<usize>j << 3)), c1 = load<f64>(row + (<usize>j << 3), 8);
      lo = min(lo, min(c0, c1));
      hi = max(hi, max(c0, c1));
      s0 += c0;
      s1 += c1;
    }
    store<f64>(lanes, s0);
    store<f64>(lanes, s1, 8);
  }
  if (j < len) {
    const c = load<f64>(row + (<usize>j << 3));
    lo = min(lo, c);
    hi = max(hi, c);
  }
  statLo = lo;
  statHi = hi;
}

/** Row sum from its lanes: (even + odd) + the last entry when m is odd. */
// @ts-ignore: decorator
@inline function rowSum(lanes: usize, row: usize, m: i32): f64 {
  let rs = load<f64>(lanes) + load<f64>(lanes, 8);
  if (m & 1) rs += load<f64>(row + (<usize>(m - 1) << 3));
  return rs;
}

/** out: [min, max, sum] over the n x m costs. work: m + 2 float64. O(n m). */
export function cost_stats_f64(C: usize, c32: i32, x: usize, yT: usize, d: i32, metric: i32, n: i32, m: i32, out: usize, work: usize): void {
  selectCost(C, c32, x, yT, m, d, metric);
  statLo = Infinity;
  statHi = -Infinity;
  const lanes = work + (<usize>m << 3);
  let sum: f64 = 0;
  for (let i = 0; i < n; i++) {
    const row = costRowAt(i, work);
    store<f64>(lanes, 0);
    store<f64>(lanes, 0, 8);
    addBlockStats(row, m, lanes);
    sum += rowSum(lanes, row, m);
  }
  store<f64>(out, statLo);
  store<f64>(out, statHi, 8);
  store<f64>(out, sum, 16);
}

/**
 * The float64 costs C = pairwise_f64(x, yT) and their [min, max, sum] in out, each block of a
 * row scanned while it is still in cache: one pass over C instead of two (at n = m = 2000 the
 * separate scan re-read 32 MB, 1.6 ms). The same sums, bit for bit, as cost_stats_f64 on the
 * stored costs or on costs recomputed from the points. lanes: 2n float64. O(n m d).
 */
export function pairwise_cost_stats_f64(x: usize, n: i32, yT: usize, m: i32, d: i32, metric: i32, C: usize, out: usize, lanes: usize): void {
  statLo = Infinity;
  statHi = -Infinity;
  memory.fill(lanes, 0, <usize>n << 4);
  for (let j0 = 0; j0 < m; j0 += DISTANCE_BLOCK) {
    const j1 = min(j0 + DISTANCE_BLOCK, m);
    for (let i = 0; i < n; i++) {
      const row = C + ((<usize>i * <usize>m) << 3);
      distanceRowBlock(x, i, yT, m, d, metric, row, j0, j1);
      addBlockStats(row + (<usize>j0 << 3), j1 - j0, lanes + (<usize>i << 4));
    }
  }
  let sum: f64 = 0;
  for (let i = 0; i < n; i++) sum += rowSum(lanes + (<usize>i << 4), C + ((<usize>i * <usize>m) << 3), m);
  store<f64>(out, statLo);
  store<f64>(out, statHi, 8);
  store<f64>(out, sum, 16);
}
