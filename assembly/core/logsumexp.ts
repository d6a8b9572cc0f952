// Log-sum-exp over the rows or the columns of a row-major matrix, float64 and float32.
//
// LSE(v) = m + log(sum_k exp(v_k - m)), m = max_k v_k (the max shift keeps every exponent <= 0,
// so nothing overflows and at least one term is 1). Rows of -inf give -inf, a +inf entry gives
// +inf, NaN propagates. Partial sums follow the fixed order of vector.ts (four float64 lanes,
// eight float32 lanes; columns: sequential in the row index), so both builds agree bit for bit.

import { expF64x2, expF64, expF32x4, expF32 } from './exp';
import { logF64, logF32 } from './log';

// The maxima use pmax (a single instruction; it may skip a NaN), so a NaN input is caught by
// the sum instead: exp(NaN - shift) makes s NaN. A non-finite m (+-inf, no finite terms) is
// the result itself.
// @ts-ignore: decorator
@inline function finishF64(m: f64, s: f64): f64 {
  if (s != s) return s;
  return m - m == 0 ? m + logF64(s) : m;
}

// @ts-ignore: decorator
@inline function finishF32(m: f32, s: f32): f32 {
  if (s != s) return s;
  return m - m == 0 ? m + logF32(s) : m;
}

/** Maximum of x[0..n) ignoring NaN (-inf for n = 0). */
// @ts-ignore: decorator
@inline function maxF64(x: usize, n: i32): f64 {
  let i = 0;
  let m: f64 = -Infinity;
  if (ASC_FEATURE_SIMD) {
    let a = f64x2.splat(-Infinity);
    for (; i + 2 <= n; i += 2) a = f64x2.pmax(a, v128.load(x + (<usize>i << 3)));
    const m0 = f64x2.extract_lane(a, 0), m1 = f64x2.extract_lane(a, 1);
    m = m0 < m1 ? m1 : m0;
  }
  for (; i < n; i++) {
    const v = load<f64>(x + (<usize>i << 3));
    m = m < v ? v : m;
  }
  return m;
}

/** sum_k exp(x_k - shift) over x[0..n) in the fixed four-lane order. */
// @ts-ignore: decorator
@inline function sumExpShiftedF64(x: usize, n: i32, shift: f64): f64 {
  let i = 0;
  let s0: f64 = 0, s1: f64 = 0, s2: f64 = 0, s3: f64 = 0;
  if (ASC_FEATURE_SIMD) {
    const sv = f64x2.splat(shift);
    let a0 = f64x2.splat(0), a1 = f64x2.splat(0);
    for (; i + 4 <= n; i += 4) {
      const p = x + (<usize>i << 3);
      a0 = f64x2.add(a0, expF64x2(f64x2.sub(v128.load(p), sv)));
      a1 = f64x2.add(a1, expF64x2(f64x2.sub(v128.load(p, 16), sv)));
    }
    const a = f64x2.add(a0, a1);
    s0 = f64x2.extract_lane(a, 0);
    s1 = f64x2.extract_lane(a, 1);
  } else {
    for (; i + 4 <= n; i += 4) {
      const p = x + (<usize>i << 3);
      s0 += expF64(load<f64>(p) - shift);
      s1 += expF64(load<f64>(p, 8) - shift);
      s2 += expF64(load<f64>(p, 16) - shift);
      s3 += expF64(load<f64>(p, 24) - shift);
    }
    s0 += s2;
    s1 += s3;
  }
  let s = s0 + s1;
  for (; i < n; i++) s += expF64(load<f64>(x + (<usize>i << 3)) - shift);
  return s;
}

/** out[i] = LSE_j M[i, j] for a rows x cols row-major float64 matrix. O(rows cols). */
export function logsumexp_rows_f64(M: usize, rows: i32, cols: i32, out: usize): void {
  for (let i = 0; i < rows; i++) {
    const row = M + (<usize>i * <usize>cols << 3);
    const m = maxF64(row, cols);
    const shift = m - m == 0 ? m : 0.0;
    store<f64>(out + (<usize>i << 3), finishF64(m, sumExpShiftedF64(row, cols, shift)));
  }
}

/**
 * out[j] = LSE_i M[i, j] for a rows x cols row-major float64 matrix, streaming rows (no
 * transpose). work: cols float64 of scratch. O(rows cols).
 */
export function logsumexp_cols_f64(M: usize, rows: i32, cols: i32, out: usize, work: usize): void {
  for (let j = 0; j < cols; j++) {
    store<f64>(out + (<usize>j << 3), -Infinity);
    store<f64>(work + (<usize>j << 3), 0);
  }
  for (let i = 0; i < rows; i++) {
    const row = M + (<usize>i * <usize>cols << 3);
    let j = 0;
    if (ASC_FEATURE_SIMD) {
      for (; j + 2 <= cols; j += 2) {
        const o = <usize>j << 3;
        v128.store(out + o, f64x2.pmax(v128.load(out + o), v128.load(row + o)));
      }
    }
    for (; j < cols; j++) {
      const o = <usize>j << 3;
      const a = load<f64>(out + o), v = load<f64>(row + o);
      store<f64>(out + o, a < v ? v : a);
    }
  }
  // pass 2: work[j] = sum_i exp(M[i, j] - shift_j), shift_j = max_j where finite, else 0
  for (let i = 0; i < rows; i++) {
    const row = M + (<usize>i * <usize>cols << 3);
    let j = 0;
    if (ASC_FEATURE_SIMD) {
      for (; j + 2 <= cols; j += 2) {
        const o = <usize>j << 3;
        const m = v128.load(out + o);
        const shift = v128.and(m, f64x2.eq(f64x2.sub(m, m), f64x2.splat(0)));
        const e = expF64x2(f64x2.sub(v128.load(row + o), shift));
        v128.store(work + o, f64x2.add(v128.load(work + o), e));
      }
    }
    for (; j < cols; j++) {
      const o = <usize>j << 3;
      const m = load<f64>(out + o);
      const shift = m - m == 0 ? m : 0.0;
      store<f64>(work + o, load<f64>(work + o) + expF64(load<f64>(row + o) - shift));
    }
  }
  for (let j = 0; j < cols; j++) {
    const o = <usize>j << 3;
    store<f64>(out + o, finishF64(load<f64>(out + o), load<f64>(work + o)));
  }
}

/** Maximum of x[0..n) ignoring NaN, float32. */
// @ts-ignore: decorator
@inline function maxF32(x: usize, n: i32): f32 {
  let i = 0;
  let m: f32 = -Infinity;
  if (ASC_FEATURE_SIMD) {
    let a = f32x4.splat(-Infinity);
    for (; i + 4 <= n; i += 4) a = f32x4.pmax(a, v128.load(x + (<usize>i << 2)));
    const a0 = f32x4.extract_lane(a, 0), a1 = f32x4.extract_lane(a, 1);
    const a2 = f32x4.extract_lane(a, 2), a3 = f32x4.extract_lane(a, 3);
    const b0 = a0 < a1 ? a1 : a0, b1 = a2 < a3 ? a3 : a2;
    m = b0 < b1 ? b1 : b0;
  }
  for (; i < n; i++) {
    const v = load<f32>(x + (<usize>i << 2));
    m = m < v ? v : m;
  }
  return m;
}

/** sum_k exp(x_k - shift) in float32 with eight partial sums (order of vector.ts). */
// @ts-ignore: decorator
@inline function sumExpShiftedF32(x: usize, n: i32, shift: f32): f32 {
  let i = 0;
  let s: f32 = 0;
  if (ASC_FEATURE_SIMD) {
    const sv = f32x4.splat(shift);
    let a0 = f32x4.splat(0), a1 = f32x4.splat(0);
    for (; i + 8 <= n; i += 8) {
      const p = x + (<usize>i << 2);
      a0 = f32x4.add(a0, expF32x4(f32x4.sub(v128.load(p), sv)));
      a1 = f32x4.add(a1, expF32x4(f32x4.sub(v128.load(p, 16), sv)));
    }
    const a = f32x4.add(a0, a1);
    const b = f32x4.add(a, v128.shuffle<f32>(a, a, 2, 3, 0, 1));
    s = f32x4.extract_lane(b, 0) + f32x4.extract_lane(b, 1);
  } else {
    let s0: f32 = 0, s1: f32 = 0, s2: f32 = 0, s3: f32 = 0;
    let s4: f32 = 0, s5: f32 = 0, s6: f32 = 0, s7: f32 = 0;
    for (; i + 8 <= n; i += 8) {
      const p = x + (<usize>i << 2);
      s0 += expF32(load<f32>(p) - shift); s1 += expF32(load<f32>(p, 4) - shift);
      s2 += expF32(load<f32>(p, 8) - shift); s3 += expF32(load<f32>(p, 12) - shift);
      s4 += expF32(load<f32>(p, 16) - shift); s5 += expF32(load<f32>(p, 20) - shift);
      s6 += expF32(load<f32>(p, 24) - shift); s7 += expF32(load<f32>(p, 28) - shift);
    }
    s = ((s0 + s4) + (s2 + s6)) + ((s1 + s5) + (s3 + s7));
  }
  for (; i < n; i++) s += expF32(load<f32>(x + (<usize>i << 2)) - shift);
  return s;
}

/** out[i] = LSE_j M[i, j], float32 matrix and arithmetic. O(rows cols). */
export function logsumexp_rows_f32(M: usize, rows: i32, cols: i32, out: usize): void {
  for (let i = 0; i < rows; i++) {
    const row = M + (<usize>i * <usize>cols << 2);
    const m = maxF32(row, cols);
    const shift: f32 = m - m == 0 ? m : 0;
    store<f32>(out + (<usize>i << 2), finishF32(m, sumExpShiftedF32(row, cols, shift)));
  }
}
