// Minimum, maximum and sum of all costs in one streaming pass (stored matrix or points): the
// input check (finite, non-negative) and the scale that default epsilons and the automatic
// method choice are relative to. Min and max use pmin/pmax, which skip NaN; a NaN still shows
// in the sum.

import { distanceBlock, distanceRowBlock } from '../core/distances';
import { costRowAt } from './cost';
import { selectCost } from './sinkhorn-log';

// running minimum and maximum (module globals: kernels never allocate)
let statLo: f64 = Infinity;
let statHi: f64 = -Infinity;

/**
 * Adds the costs row[0..len) (len a multiple of 8 unless the block ends the row) to the running
 * minimum and maximum and to the row's eight sum lanes at lanes (entry j goes to lane j mod 8;
 * the last pairs of a row whose length is not a multiple of 8 go to lanes 0 and 1), carried
 * across the blocks of a row, so a row is summed in the same order whether it comes in one block
 * or several. Eight lanes (four vectors in SIMD builds) because one accumulator waits on the add
 * latency: at n = m = 2000 (d = 2) the stats cost 1.5 ms on top of the 2.0 ms of distances with
 * one vector, 0.4 ms with four.
 */
function addBlockStats(row: usize, len: i32, lanes: usize): void {
  let lo = statLo, hi = statHi;
  let j = 0;
  if (ASC_FEATURE_SIMD) {
    let l0 = f64x2.splat(Infinity), l1 = l0, h0 = f64x2.splat(-Infinity), h1 = h0;
    let s0 = v128.load(lanes), s1 = v128.load(lanes, 16), s2 = v128.load(lanes, 32), s3 = v128.load(lanes, 48);
    for (; j + 8 <= len; j += 8) {
      const p = row + (<usize>j << 3);
      const c0 = v128.load(p), c1 = v128.load(p, 16), c2 = v128.load(p, 32), c3 = v128.load(p, 48);
      l0 = f64x2.pmin(l0, f64x2.pmin(c0, c1));
      l1 = f64x2.pmin(l1, f64x2.pmin(c2, c3));
      h0 = f64x2.pmax(h0, f64x2.pmax(c0, c1));
      h1 = f64x2.pmax(h1, f64x2.pmax(c2, c3));
      s0 = f64x2.add(s0, c0);
      s1 = f64x2.add(s1, c1);
      s2 = f64x2.add(s2, c2);
      s3 = f64x2.add(s3, c3);
    }
    for (; j + 2 <= len; j += 2) {
      const c = v128.load(row + (<usize>j << 3));
      l0 = f64x2.pmin(l0, c);
      h0 = f64x2.pmax(h0, c);
      s0 = f64x2.add(s0, c);
    }
    l0 = f64x2.pmin(l0, l1);
    h0 = f64x2.pmax(h0, h1);
    lo = min(lo, min(f64x2.extract_lane(l0, 0), f64x2.extract_lane(l0, 1)));
    hi = max(hi, max(f64x2.extract_lane(h0, 0), f64x2.extract_lane(h0, 1)));
    v128.store(lanes, s0);
    v128.store(lanes, s1, 16);
    v128.store(lanes, s2, 32);
    v128.store(lanes, s3, 48);
  } else {
    let s0 = load<f64>(lanes), s1 = load<f64>(lanes, 8), s2 = load<f64>(lanes, 16), s3 = load<f64>(lanes, 24);
    let s4 = load<f64>(lanes, 32), s5 = load<f64>(lanes, 40), s6 = load<f64>(lanes, 48), s7 = load<f64>(lanes, 56);
    for (; j + 8 <= len; j += 8) {
      const p = row + (<usize>j << 3);
      const c0 = load<f64>(p), c1 = load<f64>(p, 8), c2 = load<f64>(p, 16), c3 = load<f64>(p, 24);
      const c4 = load<f64>(p, 32), c5 = load<f64>(p, 40), c6 = load<f64>(p, 48), c7 = load<f64>(p, 56);
      lo = min(lo, min(min(min(c0, c1), min(c2, c3)), min(min(c4, c5), min(c6, c7))));
      hi = max(hi, max(max(max(c0, c1), max(c2, c3)), max(max(c4, c5), max(c6, c7))));
      s0 += c0; s1 += c1; s2 += c2; s3 += c3; s4 += c4; s5 += c5; s6 += c6; s7 += c7;
    }
    for (; j + 2 <= len; j += 2) {
      const c0 = load<f64>(row + (<usize>j << 3)), c1 = load<f64>(row + (<usize>j << 3), 8);
      lo = min(lo, min(c0, c1));
      hi = max(hi, max(c0, c1));
      s0 += c0;
      s1 += c1;
    }
    store<f64>(lanes, s0); store<f64>(lanes, s1, 8); store<f64>(lanes, s2, 16); store<f64>(lanes, s3, 24);
    store<f64>(lanes, s4, 32); store<f64>(lanes, s5, 40); store<f64>(lanes, s6, 48); store<f64>(lanes, s7, 56);
  }
  if (j < len) {
    const c = load<f64>(row + (<usize>j << 3));
    lo = min(lo, c);
    hi = max(hi, c);
  }
  statLo = lo;
  statHi = hi;
}

/** Row sum from its eight lanes (combined as the SIMD vectors are) + the last entry when m is odd. */
// @ts-ignore: decorator
@inline function rowSum(lanes: usize, row: usize, m: i32): f64 {
  const e = (load<f64>(lanes) + load<f64>(lanes, 16)) + (load<f64>(lanes, 32) + load<f64>(lanes, 48));
  const o = (load<f64>(lanes, 8) + load<f64>(lanes, 24)) + (load<f64>(lanes, 40) + load<f64>(lanes, 56));
  let rs = e + o;
  if (m & 1) rs += load<f64>(row + (<usize>(m - 1) << 3));
  return rs;
}

/** out: [min, max, sum] over the n x m costs. work: m + 8 float64. O(n m). */
export function cost_stats_f64(C: usize, c32: i32, x: usize, yT: usize, d: i32, metric: i32, n: i32, m: i32, out: usize, work: usize): void {
  selectCost(C, c32, x, yT, m, d, metric);
  statLo = Infinity;
  statHi = -Infinity;
  const lanes = work + (<usize>m << 3);
  let sum: f64 = 0;
  for (let i = 0; i < n; i++) {
    const row = costRowAt(i, work);
    memory.fill(lanes, 0, 64);
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
 * stored costs or on costs recomputed from the points. lanes: 8n float64. O(n m d).
 */
export function pairwise_cost_stats_f64(x: usize, n: i32, yT: usize, m: i32, d: i32, metric: i32, C: usize, out: usize, lanes: usize): void {
  statLo = Infinity;
  statHi = -Infinity;
  memory.fill(lanes, 0, <usize>n << 6);
  const block = distanceBlock(d);
  for (let j0 = 0; j0 < m; j0 += block) {
    const j1 = min(j0 + block, m);
    for (let i = 0; i < n; i++) {
      const row = C + ((<usize>i * <usize>m) << 3);
      distanceRowBlock(x, i, yT, m, d, metric, row, j0, j1);
      addBlockStats(row + (<usize>j0 << 3), j1 - j0, lanes + (<usize>i << 6));
    }
  }
  let sum: f64 = 0;
  for (let i = 0; i < n; i++) sum += rowSum(lanes + (<usize>i << 6), C + ((<usize>i * <usize>m) << 3), m);
  store<f64>(out, statLo);
  store<f64>(out, statHi, 8);
  store<f64>(out, sum, 16);
}
