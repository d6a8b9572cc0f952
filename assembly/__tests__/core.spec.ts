// Kernel-level specs for assembly/core, run on the SIMD and the scalar build. They check the
// inline helpers the TypeScript suites cannot reach directly: each SIMD lane helper equals its
// scalar twin bit for bit, and exp/log stay within 2 ULP of AssemblyScript's NativeMath (a musl
// port, itself within 1 ULP) over a sweep of every binade.

import { expF64, expF32 } from '../core/exp';
import { logF64, logF32 } from '../core/log';
import { sum_f64, dot_f64, dot_f32, axpy_f64, axpy_f32, dot2_f64, dot4_f64, axpy4_f64, dot2_f32, axpy4_f32 } from '../core/vector';
import { convert_f32_f64 } from '../core/convert';
import { qr_f64, qr_apply_qt_f64 } from '../core/qr';
import { trsv_f64, cholesky_f64 } from '../core/triangular';
import { argsort_f64, argsort_scratch_bytes } from '../core/sort';
import { expF64x2, expF32x4, expFlushF64, expFlushF64x2, expInRangeF64x2, expSumInRangeF64, expSumInRangeF64x2, IN_RANGE_MAX, IN_RANGE_MIN, expFlushF32, expFlushF32x4, expInRangeF32x4, IN_RANGE_MAX_F, IN_RANGE_MIN_F } from '../core/exp';
import { logF64x2, logF32x4 } from '../core/log';

function ulpDistance(a: f64, b: f64): f64 {
  if (a == b) return 0;
  const ia = reinterpret<i64>(a), ib = reinterpret<i64>(b);
  if ((ia ^ ib) < 0) return <f64>i64.MAX_VALUE; // different signs
  return <f64>abs(ia - ib);
}

function ulpDistance32(a: f32, b: f32): f64 {
  if (a == b) return 0;
  const ia = reinterpret<i32>(a), ib = reinterpret<i32>(b);
  if ((ia ^ ib) < 0) return <f64>i32.MAX_VALUE;
  return <f64>abs(ia - ib);
}

describe('exp and log', () => {
  it('float64 exp within 2 ULP of NativeMath.exp over [-745, 709.7]', () => {
    let worst: f64 = 0;
    for (let i = 0; i <= 200000; i++) {
      const x = -745.0 + (709.7 + 745.0) * (<f64>i / 200000.0);
      worst = max(worst, ulpDistance(expF64(x), Math.exp(x)));
    }
    expect(worst).toBeLessThanOrEqual(2.0);
  });

  it('float64 log within 2 ULP of NativeMath.log over every binade', () => {
    let worst: f64 = 0;
    for (let i = 0; i <= 200000; i++) {
      const x = Math.pow(2.0, -1074.0 + 2097.0 * (<f64>i / 200000.0));
      if (x == 0 || x == Infinity) continue;
      worst = max(worst, ulpDistance(logF64(x), Math.log(x)));
    }
    expect(worst).toBeLessThanOrEqual(2.0);
  });

  it('float32 exp and log within 2 ULP of NativeMathf', () => {
    let worst: f64 = 0;
    for (let i = 0; i <= 100000; i++) {
      const x = <f32>(-103.0 + 191.5 * (<f64>i / 100000.0));
      worst = max(worst, ulpDistance32(expF32(x), Mathf.exp(x)));
      const y = <f32>Math.pow(2.0, -149.0 + 276.0 * (<f64>i / 100000.0));
      if (y > 0 && y < Infinity) worst = max(worst, ulpDistance32(logF32(y), Mathf.log(y)));
    }
    expect(worst).toBeLessThanOrEqual(2.0);
  });

  it('flush-to-zero and in-range exp equal exp bit for bit on [-575, 709]; flush is 0 below', () => {
    // the hot loops' variant skips the two-factor scaling (exact in the normal range)
    let mismatches = 0;
    for (let i = 0; i <= 100000; i++) {
      const x = -575.0 + 1284.0 * (<f64>i / 100000.0);
      if (reinterpret<i64>(expFlushF64(x)) != reinterpret<i64>(expF64(x))) mismatches++;
      if (ASC_FEATURE_SIMD && reinterpret<i64>(f64x2.extract_lane(expFlushF64x2(f64x2.splat(x)), 0)) != reinterpret<i64>(expF64(x))) mismatches++;
      // the unclamped variant, for callers that bound x within [IN_RANGE_MIN, IN_RANGE_MAX]
      if (ASC_FEATURE_SIMD && x >= IN_RANGE_MIN && x <= IN_RANGE_MAX && reinterpret<i64>(f64x2.extract_lane(expInRangeF64x2(f64x2.splat(x)), 0)) != reinterpret<i64>(expF64(x))) mismatches++;
    }
    expect(mismatches).toBe(0);
    expect(expFlushF64(-575.5)).toBe(0.0);
    expect(expFlushF64(-Infinity)).toBe(0.0);
    expect(isNaN(expFlushF64(NaN))).toBe(true);
  });

  it('summation exp within 1.6e-15 relative of NativeMath.exp on [IN_RANGE_MIN, 0]; SIMD lanes equal the scalar twin', () => {
    // truncation r^5/120 <= 1.22e-15, plus the final rounding (<= 1.1e-16) and the reference's
    // own error (<= 1 ULP, 2.2e-16): 1.6e-15 bounds it; the next shorter polynomial is at 2.2e-12
    let worst: f64 = 0, mismatches = 0;
    for (let i = 0; i <= 200000; i++) {
      const x = <f64>IN_RANGE_MIN * (<f64>i / 200000.0);
      const e = expSumInRangeF64(x), want = Math.exp(x);
      worst = max(worst, abs(e - want) / want);
      if (ASC_FEATURE_SIMD) {
        // two different arguments, so each lane's table lookup is checked
        const x1 = x * 0.37;
        const v = expSumInRangeF64x2(f64x2.replace_lane(f64x2.splat(x), 1, x1));
        if (reinterpret<i64>(f64x2.extract_lane(v, 0)) != reinterpret<i64>(e)) mismatches++;
        if (reinterpret<i64>(f64x2.extract_lane(v, 1)) != reinterpret<i64>(expSumInRangeF64(x1))) mismatches++;
      }
    }
    expect(worst).toBeLessThanOrEqual(1.6e-15);
    expect(worst).toBeGreaterThan(0.0);
    expect(mismatches).toBe(0);
  });

  it('float32: in-range exp equals the flush variant bit for bit on its range', () => {
    let mismatches = 0;
    for (let i = 0; i <= 100000; i++) {
      const x = <f32>(<f64>IN_RANGE_MIN_F + (<f64>IN_RANGE_MAX_F - <f64>IN_RANGE_MIN_F) * (<f64>i / 100000.0));
      const want = reinterpret<i32>(expFlushF32(x));
      if (ASC_FEATURE_SIMD && reinterpret<i32>(f32x4.extract_lane(expFlushF32x4(f32x4.splat(x)), 0)) != want) mismatches++;
      if (ASC_FEATURE_SIMD && reinterpret<i32>(f32x4.extract_lane(expInRangeF32x4(f32x4.splat(x)), 0)) != want) mismatches++;
    }
    expect(mismatches).toBe(0);
  });

  it('SIMD lanes equal their scalar twins bit for bit', () => {
    if (ASC_FEATURE_SIMD) {
      let mismatches = 0;
      for (let i = 0; i <= 50000; i++) {
        const x = -750.0 + 1465.0 * (<f64>i / 50000.0);
        const e = expF64x2(f64x2.splat(x));
        if (reinterpret<i64>(f64x2.extract_lane(e, 1)) != reinterpret<i64>(expF64(x))) mismatches++;
        const y = Math.pow(2.0, -1080.0 + 2110.0 * (<f64>i / 50000.0));
        const l = logF64x2(f64x2.splat(y));
        if (reinterpret<i64>(f64x2.extract_lane(l, 0)) != reinterpret<i64>(logF64(y))) mismatches++;
        const x32 = <f32>(x / 8.0);
        const e32 = expF32x4(f32x4.splat(x32));
        if (reinterpret<i32>(f32x4.extract_lane(e32, 2)) != reinterpret<i32>(expF32(x32))) mismatches++;
        const y32 = <f32>Math.pow(2.0, -150.0 + 280.0 * (<f64>i / 50000.0));
        const l32 = logF32x4(f32x4.splat(y32));
        if (reinterpret<i32>(f32x4.extract_lane(l32, 3)) != reinterpret<i32>(logF32(y32))) mismatches++;
      }
      expect(mismatches).toBe(0);
    }
  });
});

describe('reductions', () => {
  it('sum and dot of 1..n are exact for every tail length', () => {
    const buf = memory.data(8 * 64);
    for (let n = 0; n < 64; n++) {
      for (let i = 0; i < n; i++) store<f64>(buf + (<usize>i << 3), <f64>(i + 1));
      expect(sum_f64(buf, n)).toBe(<f64>(n * (n + 1) / 2));
      expect(dot_f64(buf, buf, n)).toBe(<f64>(n * (n + 1) * (2 * n + 1) / 6));
    }
  });

  it('multi-row dots and axpys equal the one-row kernels bit for bit, for every tail length', () => {
    // the OT row passes rely on it: results must not depend on how rows are grouped
    const rows = memory.data(8 * 4 * 40, 16), y = memory.data(8 * 40, 16), out = memory.data(32, 16);
    const z1 = memory.data(8 * 40, 16), z2 = memory.data(8 * 40, 16), r32 = memory.data(4 * 4 * 40, 16);
    for (let k = 0; k < 4 * 40; k++) store<f64>(rows + (<usize>k << 3), Math.sin(<f64>k * 1.7) * 1e3 + 1 / <f64>(k + 1));
    for (let n = 0; n <= 40; n++) {
      const stride = <usize>n << 3;
      for (let j = 0; j < n; j++) store<f64>(y + (<usize>j << 3), Math.cos(<f64>j) + 0.1);
      dot4_f64(rows, stride, y, n, out);
      for (let r = 0; r < 4; r++) expect(load<f64>(out + (<usize>r << 3))).toBe(dot_f64(rows + <usize>r * stride, y, n));
      dot2_f64(rows + 3 * stride, rows, y, n, out);
      expect(load<f64>(out)).toBe(dot_f64(rows + 3 * stride, y, n));
      expect(load<f64>(out, 8)).toBe(dot_f64(rows, y, n));
      for (let j = 0; j < n; j++) {
        store<f64>(z1 + (<usize>j << 3), <f64>j);
        store<f64>(z2 + (<usize>j << 3), <f64>j);
      }
      axpy4_f64(0.5, -2, 3, 1e-3, rows, rows + 2 * stride, rows + stride, rows + 3 * stride, z1, n);
      axpy_f64(0.5, rows, z2, n);
      axpy_f64(-2, rows + 2 * stride, z2, n);
      axpy_f64(3, rows + stride, z2, n);
      axpy_f64(1e-3, rows + 3 * stride, z2, n);
      for (let j = 0; j < n; j++) expect(load<f64>(z1 + (<usize>j << 3))).toBe(load<f64>(z2 + (<usize>j << 3)));
      // float32: rows narrowed from the same values
      const s32 = <usize>n << 2;
      for (let k = 0; k < 4 * n; k++) store<f32>(r32 + (<usize>k << 2), <f32>load<f64>(rows + (<usize>k << 3)));
      for (let j = 0; j < n; j++) store<f32>(y + (<usize>j << 2), <f32>(Math.cos(<f64>j) + 0.1));
      dot2_f32(r32 + s32, r32 + 2 * s32, y, n, out);
      expect(load<f32>(out)).toBe(dot_f32(r32 + s32, y, n));
      expect(load<f32>(out, 4)).toBe(dot_f32(r32 + 2 * s32, y, n));
      const t1 = z2, t2 = z2 + 4 * 40;
      for (let j = 0; j < n; j++) {
        store<f32>(t1 + (<usize>j << 2), <f32>j);
        store<f32>(t2 + (<usize>j << 2), <f32>j);
      }
      axpy4_f32(0.5, -2, 3, 1e-3, r32, r32 + 2 * s32, r32 + s32, r32 + 3 * s32, t1, n);
      axpy_f32(0.5, r32, t2, n);
      axpy_f32(-2, r32 + 2 * s32, t2, n);
      axpy_f32(3, r32 + s32, t2, n);
      axpy_f32(1e-3, r32 + 3 * s32, t2, n);
      for (let j = 0; j < n; j++) expect(load<f32>(t1 + (<usize>j << 2))).toBe(load<f32>(t2 + (<usize>j << 2)));
      // widening is exact
      convert_f32_f64(r32, t1, n);
      for (let j = 0; j < n; j++) expect(load<f64>(t1 + (<usize>j << 3))).toBe(<f64>load<f32>(r32 + (<usize>j << 2)));
    }
  });
});

describe('dense linear algebra', () => {
  it('QR solves a 4 x 3 consistent system', () => {
    // column-major A with x = (1, -2, 3)
    const A = memory.data<f64>([1, 2, 3, 4, 0, 1, 0, 1, 2, 0, 1, 5]);
    const b = memory.data<f64>([1 * 1 - 2 * 0 + 3 * 2, 2 * 1 - 2 * 1 + 3 * 0, 3 * 1 - 2 * 0 + 3 * 1, 4 * 1 - 2 * 1 + 3 * 5]);
    const tau = memory.data(8 * 3), perm = memory.data(4 * 3);
    qr_f64(A, 4, 3, tau, perm, 0);
    qr_apply_qt_f64(A, 4, 3, tau, b);
    expect(trsv_f64(A, 4, 3, 0, 0, b)).toBe(0);
    expect(load<f64>(b)).toBeCloseTo(1.0);
    expect(load<f64>(b, 8)).toBeCloseTo(-2.0);
    expect(load<f64>(b, 16)).toBeCloseTo(3.0);
  });

  it('Cholesky of [[4, 2], [2, 5]] is [[2, 0], [1, 2]] and rejects an indefinite matrix', () => {
    const A = memory.data<f64>([4, 2, 2, 5]);
    expect(cholesky_f64(A, 2, 2)).toBe(0);
    expect(load<f64>(A)).toBe(2.0);
    expect(load<f64>(A, 8)).toBe(1.0);
    expect(load<f64>(A, 24)).toBe(2.0);
    const B = memory.data<f64>([1, 2, 2, 1]);
    expect(cholesky_f64(B, 2, 2)).toBe(2);
  });
});

describe('argsort', () => {
  it('sorts with NaN last and stable ties', () => {
    const x = memory.data<f64>([3, NaN, -0.0, 0, -Infinity, 2, 2]);
    const idx = memory.data(4 * 7);
    const work = memory.data(8 * 7 * 2 + 4 * 7 + 6 * 2048 * 4, 16);
    expect(argsort_scratch_bytes(7)).toBe(8 * 7 * 2 + 4 * 7 + 6 * 2048 * 4);
    argsort_f64(x, 7, idx, work);
    const expected: StaticArray<i32> = [4, 2, 3, 5, 6, 0, 1];
    for (let i = 0; i < 7; i++) expect(load<i32>(idx + (<usize>i << 2))).toBe(expected[i]);
  });
});
