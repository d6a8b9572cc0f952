// Vectorised exp in float64 and float32.
//
// float64, table-driven (Tang 1989, "Table-driven implementation of the exponential function in
// IEEE floating-point arithmetic"; the layout of the musl / ARM optimized-routines exp): with
// N = 128, k = round(x N / ln 2) = N m + j (0 <= j < N) and r = x - k ln2 / N (Cody-Waite, ln 2 / N
// split so that k * LN2_HI_N is exact), |r| <= ln2 / 2N = 0.0027 and
//   exp(x) = 2^m 2^(j/N) exp(r) = s + s tmp,   s = 2^m H_j,
//   tmp = tail_j + r + r^2 (1/2 + r/6) + r^4 (1/24 + r/120),
// where 2^(j/N) = H_j (1 + tail_j) comes from the table in exp-table.ts (generated in exact
// decimal arithmetic by scripts/exp-table.py) and exp(r) - 1 from its Taylor polynomial of degree
// 5 (truncation error r^6/720 <= 5.5e-19 relative). The only rounding that matters is the last
// add (0.5 ULP); the others are scaled by |tmp| < 0.003. The bits of s are the table word plus
// k << 45, and k, m come straight from the bits of the rounded x N / ln 2 + SHIFT (no float to
// int conversion). Against the degree-11 polynomial on |r| <= ln2/2 used before, this is 23 float
// operations per vector instead of 36: 1.27x the throughput (2.27 -> 1.78 ns per exp in V8).
// expF64x2 applies 2^m as two factors, s' = 2^(m - m2) H_j and 2^m2 with m2 = m - (m >> 1), so the
// whole range from subnormal results (m >= -1077) to overflow (m = 1024) needs no branch; the
// second factor only rounds results that are subnormal (once, at their own precision). Inputs
// are clamped to [-746, 710] first, which maps -inf to 0 and +inf to +inf; NaN passes the clamp
// and propagates (its table index is some j < N, a valid address).
//
// Measured accuracy (tests/suites/exp-log.test.ts, 70,000 points against a double-double
// reference over [-745.1, 709.78]): max 0.51 ULP in float64 for normal results, 0.75 ULP for
// subnormal ones (rounded twice, the first time far below their precision);
// float32 over [-103, 88.7]: max 0.99 ULP. The tests enforce <= 1 ULP.
// The SIMD and the scalar paths perform the same operations in the same order, so both builds
// give bit-identical results.
//
// Speed notes (V8, x64): constants are read from static tables (memory operands) instead of
// v128.const, which V8 rematerialises at every use; the clamp uses pmin/pmax (single
// instructions) rather than min/max (NaN-propagating sequences); m and m >> 1 come from logical
// shifts of the bits of x N / ln 2 + SHIFT, since i64x2.shr_s has no native x64 instruction
// before AVX-512. Kernel loops process two vectors per iteration so independent chains overlap.

import { EXP_TABLE } from './exp-table';

const N_LOG2E: f64 = 184.66496523378731; // 128 / ln 2
const LN2_HI: f64 = 6.93147180369123816490e-01; // 0x3fe62e42fee00000: 32 significant bits
const LN2_LO: f64 = 1.90821492927058770002e-10;
const LN2_HI_N: f64 = LN2_HI / 128; // exact: k LN2_HI_N is exact for |k| < 2^21
const LN2_LO_N: f64 = LN2_LO / 128;
const SHIFT: f64 = 6755399441055744.0; // 1.5 * 2^52: adding it rounds to an integer k, held in the low bits
const EXP_MAX: f64 = 710.0;
const EXP_MIN: f64 = -746.0;
const C2: f64 = 0.5;
const C3: f64 = 0.16666666666666666; // 1/6
const C4: f64 = 0.041666666666666664; // 1/24
const C5: f64 = 0.008333333333333333; // 1/120
/** Bits of 1.0 (1023 << 52): the exponent bias in place. */
const ONE_BITS: i64 = 0x3ff0000000000000;

// Lane pairs of the constants above, in this order (byte offsets 0, 16, 32, ...).
const EXP_K = memory.data<f64>([
  EXP_MAX, EXP_MAX, EXP_MIN, EXP_MIN, N_LOG2E, N_LOG2E, SHIFT, SHIFT, LN2_HI_N, LN2_HI_N, LN2_LO_N, LN2_LO_N,
  C2, C2, C3, C3, C4, C4, C5, C5,
]);
const EXP_I = memory.data<i64>([127, 127, ONE_BITS, ONE_BITS]);

/** k N ln 2 + SHIFT for both lanes: the integer k in the low bits (see the file comment). */
// @ts-ignore: decorator
@inline function expRoundF64x2(x: v128): v128 {
  return f64x2.add(f64x2.mul(x, v128.load(EXP_K, 32)), v128.load(EXP_K, 48));
}

/** The table entry (tail_j, bits) of lane `lane` of kd. */
// @ts-ignore: decorator
@inline function expEntryF64x2(kd: v128, lane: u8): v128 {
  const off = i64x2.shl(v128.and(kd, v128.load(EXP_I)), 4); // 16 bytes per entry
  return v128.load(EXP_TABLE + <usize>(lane == 0 ? i32x4.extract_lane(off, 0) : i32x4.extract_lane(off, 2)));
}

/** r = x - k ln2 / N for both lanes (Cody-Waite, two steps), from kd. */
// @ts-ignore: decorator
@inline function expReducedF64x2(x: v128, kd: v128): v128 {
  const kf = f64x2.sub(kd, v128.load(EXP_K, 48));
  const r = f64x2.sub(x, f64x2.mul(kf, v128.load(EXP_K, 64)));
  return f64x2.sub(r, f64x2.mul(kf, v128.load(EXP_K, 80)));
}

/** tmp (see the file comment) for both lanes of the clamped x, from kd and its entries e0, e1. */
// @ts-ignore: decorator
@inline function expTmpF64x2(x: v128, kd: v128, e0: v128, e1: v128): v128 {
  const r = expReducedF64x2(x, kd);
  const r2 = f64x2.mul(r, r);
  const r4 = f64x2.mul(r2, r2);
  const a = f64x2.add(v128.load(EXP_K, 96), f64x2.mul(r, v128.load(EXP_K, 112)));
  const b = f64x2.add(v128.load(EXP_K, 128), f64x2.mul(r, v128.load(EXP_K, 144)));
  return f64x2.add(f64x2.add(f64x2.add(v128.shuffle<i64>(e0, e1, 0, 2), r), f64x2.mul(r2, a)), f64x2.mul(r4, b));
}

/** Bits of s = 2^m H_j for both lanes (the table word plus k << 45). */
// @ts-ignore: decorator
@inline function expScaleBitsF64x2(kd: v128, e0: v128, e1: v128): v128 {
  return i64x2.add(v128.shuffle<i64>(e0, e1, 1, 3), i64x2.shl(kd, 45));
}

/** Scalar twin of expReducedF64x2. */
// @ts-ignore: decorator
@inline function expReducedF64(x: f64, kd: f64): f64 {
  const kf = kd - SHIFT;
  const r = x - kf * LN2_HI_N;
  return r - kf * LN2_LO_N;
}

/** Scalar twin of expTmpF64x2 (e: the table entry of kd). */
// @ts-ignore: decorator
@inline function expTmpF64(x: f64, kd: f64, e: usize): f64 {
  const r = expReducedF64(x, kd);
  const r2 = r * r;
  const r4 = r2 * r2;
  const a = C2 + r * C3;
  const b = C4 + r * C5;
  return ((load<f64>(e) + r) + r2 * a) + r4 * b;
}

/** Scalar twin of expScaleBitsF64x2 (e: the table entry of kd). */
// @ts-ignore: decorator
@inline function expScaleBitsF64(kd: f64, e: usize): i64 {
  return load<i64>(e, 8) + (reinterpret<i64>(kd) << 45);
}

/** Scalar twin of expEntryF64x2. */
// @ts-ignore: decorator
@inline function expEntryF64(kd: f64): usize {
  return EXP_TABLE + (<usize>(reinterpret<i64>(kd) & 127) << 4);
}

/** exp of both lanes of an f64x2 (see the file comment for the method and accuracy). */
// @ts-ignore: decorator
@inline export function expF64x2(x: v128): v128 {
  x = f64x2.pmax(f64x2.pmin(x, v128.load(EXP_K)), v128.load(EXP_K, 16));
  const kd = expRoundF64x2(x);
  const e0 = expEntryF64x2(kd, 0), e1 = expEntryF64x2(kd, 1);
  const tmp = expTmpF64x2(x, kd, e0, e1);
  const q = i64x2.shl(i64x2.sub(i64x2.shr_u(kd, 7), i64x2.shr_u(kd, 8)), 52); // m2 << 52 (mod 2^64)
  const s = i64x2.sub(expScaleBitsF64x2(kd, e0, e1), q); // 2^(m - m2) H_j
  return f64x2.mul(f64x2.add(s, f64x2.mul(s, tmp)), i64x2.add(q, v128.load(EXP_I, 16)));
}

/** Scalar twin of expF64x2: the same operations in the same order. */
// @ts-ignore: decorator
@inline export function expF64(x: f64): f64 {
  x = EXP_MAX < x ? EXP_MAX : x;
  x = x < EXP_MIN ? EXP_MIN : x;
  const kd = x * N_LOG2E + SHIFT;
  const e = expEntryF64(kd);
  const tmp = expTmpF64(x, kd, e);
  const kb = reinterpret<i64>(kd);
  const q = ((<u64>kb >> 7) - (<u64>kb >> 8)) << 52; // m2 << 52 (mod 2^64)
  const s = reinterpret<f64>(expScaleBitsF64(kd, e) - q); // 2^(m - m2) H_j
  return (s + s * tmp) * reinterpret<f64>(q + ONE_BITS);
}

// Flush-to-zero variant for the hot loops of the solvers (transport plans, kernel sums): results
// below FLUSH_RESULT (exp(-575) = 1.2e-250) are returned as exactly 0, and arguments above
// FLUSH_MAX (709) saturate at exp(709). Everything kept is then a normal number far above the
// subnormal range, so later products with scalings up to 1e40 stay normal too: subnormal
// operands and results cost x86 cores microcode assists (measured: a log-domain Sinkhorn pass at
// epsilon = 1e-3 ran 3.4x slower on subnormal plan entries). One scale factor suffices here,
// and on [-575, 709] the result is bit for bit that of expF64x2 (scaling by 2^m2 is exact).
// Callers document where entries below 1e-250 are negligible.
const FLUSH_MIN: f64 = -575.0;
const FLUSH_MAX: f64 = 709.0;

const FLUSH_K = memory.data<f64>([FLUSH_MAX, FLUSH_MAX, FLUSH_MIN, FLUSH_MIN]);

/**
 * Callers that bound their arguments within [IN_RANGE_MIN, IN_RANGE_MAX] may use
 * expInRangeF64x2 (the flush range less a margin of 1 for the rounding of those arguments).
 */
export const IN_RANGE_MIN: f64 = FLUSH_MIN + 1;
export const IN_RANGE_MAX: f64 = FLUSH_MAX - 1;

/**
 * The flush variant below for arguments known to lie in [FLUSH_MIN, FLUSH_MAX]: without the
 * clamp and the flush, which are identities there, so the result is the same bit for bit. Three
 * of the ~13 operations per vector that compete for the float add ports fewer (measured: the
 * scaling Sinkhorn at n = m = 2000, d = 10, about 2 ms faster, 4-6% of its total).
 */
// @ts-ignore: decorator
@inline export function expInRangeF64x2(x: v128): v128 {
  const kd = expRoundF64x2(x);
  const e0 = expEntryF64x2(kd, 0), e1 = expEntryF64x2(kd, 1);
  const tmp = expTmpF64x2(x, kd, e0, e1);
  const s = expScaleBitsF64x2(kd, e0, e1);
  return f64x2.add(s, f64x2.mul(s, tmp));
}

/**
 * exp for sums of many positive terms (kernel density sums), arguments in [IN_RANGE_MIN,
 * IN_RANGE_MAX]: expInRangeF64x2 with the polynomial one degree shorter,
 *   tmp = tail_j + r + r^2 (1/2 + r/6 + r^2/24),
 * whose truncation error r^5/120 <= 1.22e-15 relative (|r| <= ln2/256; 5 to 11 ULP, by where
 * the result falls in its binade) replaces the 0.5 ULP of expF64x2. A sum of positive terms
 * then carries at most that relative error from its exponentials, below the rounding of
 * summing 1e5 terms; three float operations fewer per vector make a d = 2 density sum about
 * 7% faster.
 */
// @ts-ignore: decorator
@inline export function expSumInRangeF64x2(x: v128): v128 {
  const kd = expRoundF64x2(x);
  const e0 = expEntryF64x2(kd, 0), e1 = expEntryF64x2(kd, 1);
  const r = expReducedF64x2(x, kd);
  const r2 = f64x2.mul(r, r);
  const p = f64x2.add(f64x2.add(v128.load(EXP_K, 96), f64x2.mul(r, v128.load(EXP_K, 112))), f64x2.mul(r2, v128.load(EXP_K, 128)));
  const tmp = f64x2.add(f64x2.add(v128.shuffle<i64>(e0, e1, 0, 2), r), f64x2.mul(r2, p));
  const s = expScaleBitsF64x2(kd, e0, e1);
  return f64x2.add(s, f64x2.mul(s, tmp));
}

/** Scalar twin of expSumInRangeF64x2: the same operations in the same order. */
// @ts-ignore: decorator
@inline export function expSumInRangeF64(x: f64): f64 {
  const kd = x * N_LOG2E + SHIFT;
  const e = expEntryF64(kd);
  const r = expReducedF64(x, kd);
  const r2 = r * r;
  const p = (C2 + r * C3) + r2 * C4;
  const tmp = (load<f64>(e) + r) + r2 * p;
  const s = reinterpret<f64>(expScaleBitsF64(kd, e));
  return s + s * tmp;
}

/** exp with flush to zero below exp(-575) (see above; the same method as expF64x2): the clamped expInRangeF64x2. */
// @ts-ignore: decorator
@inline export function expFlushF64x2(x0: v128): v128 {
  const lo = v128.load(FLUSH_K, 16);
  const x = f64x2.pmax(f64x2.pmin(x0, v128.load(FLUSH_K)), lo);
  return v128.andnot(expInRangeF64x2(x), f64x2.lt(x0, lo));
}

/** Scalar twin of expFlushF64x2. */
// @ts-ignore: decorator
@inline export function expFlushF64(x0: f64): f64 {
  let x = FLUSH_MAX < x0 ? FLUSH_MAX : x0;
  x = x < FLUSH_MIN ? FLUSH_MIN : x;
  const kd = x * N_LOG2E + SHIFT;
  const e = expEntryF64(kd);
  const tmp = expTmpF64(x, kd, e);
  const s = reinterpret<f64>(expScaleBitsF64(kd, e));
  return x0 < FLUSH_MIN ? 0.0 : s + s * tmp;
}

/** out[i] = exp(x[i]) for i < n, float64 (out may equal x). O(n). */
export function exp_f64(x: usize, out: usize, n: i32): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 3;
      const a = expF64x2(v128.load(x + o));
      const b = expF64x2(v128.load(x + o, 16));
      v128.store(out + o, a);
      v128.store(out + o, b, 16);
    }
  }
  for (; i < n; i++) {
    const o = <usize>i << 3;
    store<f64>(out + o, expF64(load<f64>(x + o)));
  }
}

// Float32 flush-to-zero twin (see expFlushF64x2): results below exp(-69) = 1.0e-30 are 0,
// arguments above 88 saturate; everything kept is a normal float32 far above the subnormal range
// (1.2e-38), so products with scalings up to 1e3 stay normal.
const FLUSH_MIN_F: f32 = -69.0;
const FLUSH_MAX_F: f32 = 88.0;
const FLUSH_K_F = memory.data<f32>([FLUSH_MAX_F, FLUSH_MAX_F, FLUSH_MAX_F, FLUSH_MAX_F, FLUSH_MIN_F, FLUSH_MIN_F, FLUSH_MIN_F, FLUSH_MIN_F]);

// float32: the same method with ln 2 split for f32, exp(r) = 1 + r + r^2 q(r), q of degree 4
// (Chebyshev fit, approximation error 1.1e-8 relative = 0.09 ULP), scale as two factors.
const LOG2E_F: f32 = 1.44269504;
const LN2_HI_F: f32 = 0.693359375; // 0x3f318000: 12 significant bits
const LN2_LO_F: f32 = -2.12194440e-4;
const SHIFT_F: f32 = 12582912.0; // 1.5 * 2^23
const EXP_MAX_F: f32 = 89.0;
const EXP_MIN_F: f32 = -104.0;
const P0: f32 = 0.5;
const P1: f32 = 0.16666573;
const P2: f32 = 0.04166655;
const P3: f32 = 0.008363774;
const P4: f32 = 0.0013926927;

const EXP_K_F = memory.data<f32>([
  EXP_MAX_F, EXP_MAX_F, EXP_MAX_F, EXP_MAX_F, EXP_MIN_F, EXP_MIN_F, EXP_MIN_F, EXP_MIN_F,
  LOG2E_F, LOG2E_F, LOG2E_F, LOG2E_F, SHIFT_F, SHIFT_F, SHIFT_F, SHIFT_F,
  LN2_HI_F, LN2_HI_F, LN2_HI_F, LN2_HI_F, LN2_LO_F, LN2_LO_F, LN2_LO_F, LN2_LO_F,
  P0, P0, P0, P0, P1, P1, P1, P1, P2, P2, P2, P2, P3, P3, P3, P3, P4, P4, P4, P4, 1.0, 1.0, 1.0, 1.0,
]);

/** exp(r) = 1 + r + r^2 q(r) on the reduced range in float32 (four lanes). */
// @ts-ignore: decorator
@inline function expPolyF32x4(r: v128): v128 {
  const r2 = f32x4.mul(r, r);
  const e01 = f32x4.add(v128.load(EXP_K_F, 96), f32x4.mul(v128.load(EXP_K_F, 112), r));
  const e23 = f32x4.add(v128.load(EXP_K_F, 128), f32x4.mul(v128.load(EXP_K_F, 144), r));
  const e4 = f32x4.mul(f32x4.mul(r2, r2), v128.load(EXP_K_F, 160));
  const q = f32x4.add(f32x4.add(e01, f32x4.mul(r2, e23)), e4);
  const p = f32x4.add(f32x4.add(r, f32x4.mul(r2, q)), v128.load(EXP_K_F, 176));
  return p;
}

/** Scalar twin of expPolyF32x4. */
// @ts-ignore: decorator
@inline function expPolyF32(r: f32): f32 {
  const r2 = r * r;
  const e01 = P0 + P1 * r;
  const e23 = P2 + P3 * r;
  const e4 = (r2 * r2) * P4;
  const q = (e01 + r2 * e23) + e4;
  const p = (r + r2 * q) + <f32>1.0;
  return p;
}

/** exp of the four lanes of an f32x4 (float32 arithmetic). */
// @ts-ignore: decorator
@inline export function expF32x4(x: v128): v128 {
  x = f32x4.pmax(f32x4.pmin(x, v128.load(EXP_K_F)), v128.load(EXP_K_F, 16));
  const shift = v128.load(EXP_K_F, 48);
  const t = f32x4.add(f32x4.mul(x, v128.load(EXP_K_F, 32)), shift);
  const nf = f32x4.sub(t, shift);
  let r = f32x4.sub(x, f32x4.mul(nf, v128.load(EXP_K_F, 64)));
  r = f32x4.sub(r, f32x4.mul(nf, v128.load(EXP_K_F, 80)));
  const p = expPolyF32x4(r);
  const n = i32x4.sub(t, shift);
  const n1 = i32x4.shr_s(n, 1);
  const s1 = i32x4.shl(i32x4.add(n1, i32x4.splat(127)), 23);
  const s2 = i32x4.shl(i32x4.add(i32x4.sub(n, n1), i32x4.splat(127)), 23);
  return f32x4.mul(f32x4.mul(p, s1), s2);
}

/** Scalar twin of expF32x4. */
// @ts-ignore: decorator
@inline export function expF32(x: f32): f32 {
  x = EXP_MAX_F < x ? EXP_MAX_F : x;
  x = x < EXP_MIN_F ? EXP_MIN_F : x;
  const t = x * LOG2E_F + SHIFT_F;
  const nf = t - SHIFT_F;
  let r = x - nf * LN2_HI_F;
  r = r - nf * LN2_LO_F;
  const p = expPolyF32(r);
  const n = reinterpret<i32>(t) - reinterpret<i32>(SHIFT_F);
  const n1 = n >> 1;
  const s1 = reinterpret<f32>((n1 + 127) << 23);
  const s2 = reinterpret<f32>((n - n1 + 127) << 23);
  return (p * s1) * s2;
}

/** out[i] = exp(x[i]) for i < n, float32 (out may equal x). O(n). */
export function exp_f32(x: usize, out: usize, n: i32): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    for (; i + 8 <= n; i += 8) {
      const o = <usize>i << 2;
      const a = expF32x4(v128.load(x + o));
      const b = expF32x4(v128.load(x + o, 16));
      v128.store(out + o, a);
      v128.store(out + o, b, 16);
    }
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    store<f32>(out + o, expF32(load<f32>(x + o)));
  }
}

/** Bounds within which callers may use expInRangeF32x4 (the flush range less a margin of 1). */
export const IN_RANGE_MIN_F: f32 = FLUSH_MIN_F + 1;
export const IN_RANGE_MAX_F: f32 = FLUSH_MAX_F - 1;

/**
 * expFlushF32x4 for arguments known to lie in [FLUSH_MIN_F, FLUSH_MAX_F]: no clamp and no
 * flush (identities there: the same result bit for bit), four of ~22 operations fewer.
 */
// @ts-ignore: decorator
@inline export function expInRangeF32x4(x: v128): v128 {
  const shift = v128.load(EXP_K_F, 48);
  const t = f32x4.add(f32x4.mul(x, v128.load(EXP_K_F, 32)), shift);
  const nf = f32x4.sub(t, shift);
  let r = f32x4.sub(x, f32x4.mul(nf, v128.load(EXP_K_F, 64)));
  r = f32x4.sub(r, f32x4.mul(nf, v128.load(EXP_K_F, 80)));
  const p = expPolyF32x4(r);
  const s = i32x4.shl(i32x4.add(i32x4.sub(t, shift), i32x4.splat(127)), 23);
  return f32x4.mul(p, s);
}

/** exp in float32 with flush to zero below exp(-69) (see FLUSH_MIN_F): the clamped expInRangeF32x4. */
// @ts-ignore: decorator
@inline export function expFlushF32x4(x0: v128): v128 {
  const lo = v128.load(FLUSH_K_F, 16);
  const x = f32x4.pmax(f32x4.pmin(x0, v128.load(FLUSH_K_F)), lo);
  return v128.andnot(expInRangeF32x4(x), f32x4.lt(x0, lo));
}

/** Scalar twin of expFlushF32x4. */
// @ts-ignore: decorator
@inline export function expFlushF32(x0: f32): f32 {
  let x = FLUSH_MAX_F < x0 ? FLUSH_MAX_F : x0;
  x = x < FLUSH_MIN_F ? FLUSH_MIN_F : x;
  const t = x * LOG2E_F + SHIFT_F;
  const nf = t - SHIFT_F;
  let r = x - nf * LN2_HI_F;
  r = r - nf * LN2_LO_F;
  const p = expPolyF32(r);
  const s = reinterpret<f32>((reinterpret<i32>(t) - reinterpret<i32>(SHIFT_F) + 127) << 23);
  return x0 < FLUSH_MIN_F ? <f32>0.0 : p * s;
}
