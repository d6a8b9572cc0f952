// Vectorised exp in float64 and float32.
//
// exp(x) = 2^n * exp(r), n = round(x / ln 2), r = x - n ln 2 (Cody-Waite, ln 2 split so that
// n * LN2_HI is exact), |r| <= ln(2)/2. exp(r) = 1 + r + r^2 q(r), q a degree-9 near-minimax
// polynomial (Chebyshev fit of (e^r - 1 - r)/r^2 on [-ln2/2, ln2/2]; approximation error 1.7e-17
// relative), evaluated by Estrin's scheme (short dependency chains). The scale 2^n is applied as
// two factors 2^(n>>1) and 2^(n - (n>>1)), so the whole range from subnormal results
// (n >= -1075) to overflow (n = 1024) needs no branch. Inputs are clamped to [-746, 710] first,
// which maps -inf to 0 and +inf to +inf; NaN passes the clamp and propagates.
//
// Measured accuracy (tests/suites/exp-log.test.ts, 70,000 points against a double-double
// reference over [-745.1, 709.78], subnormal results included): max 0.97 ULP in float64;
// float32 over [-103, 88.7]: max 0.99 ULP. The tests enforce <= 1 ULP.
// The SIMD and the scalar paths perform the same operations in the same order, so both builds
// give bit-identical results.
//
// Speed notes (V8, x64): constants are read from a static table (memory operands) instead of
// v128.const, which V8 rematerialises at every use; the clamp uses pmin/pmax (single
// instructions) rather than min/max (NaN-propagating sequences); 2^(n>>1) is formed with a
// logical shift of n + 2048, since i64x2.shr_s has no native x64 instruction before AVX-512.
// Kernel loops process two vectors per iteration so independent chains overlap.

const LOG2E: f64 = 1.4426950408889634;
const LN2_HI: f64 = 6.93147180369123816490e-01; // 0x3fe62e42fee00000: 32 significant bits
const LN2_LO: f64 = 1.90821492927058770002e-10;
const SHIFT: f64 = 6755399441055744.0; // 1.5 * 2^52: adding it rounds to an integer
const EXP_MAX: f64 = 710.0;
const EXP_MIN: f64 = -746.0;
const Q0: f64 = 0.5000000000000001;
const Q1: f64 = 0.16666666666666669;
const Q2: f64 = 0.04166666666662413;
const Q3: f64 = 0.008333333333330062;
const Q4: f64 = 0.0013888888917213717;
const Q5: f64 = 0.00019841269863053618;
const Q6: f64 = 2.4801521295954376e-05;
const Q7: f64 = 2.7557268459997064e-06;
const Q8: f64 = 2.7620088445409746e-07;
const Q9: f64 = 2.510038549551032e-08;

// Lane pairs of the constants above, in this order (byte offsets 0, 16, 32, ...).
const EXP_K = memory.data<f64>([
  EXP_MAX, EXP_MAX, EXP_MIN, EXP_MIN, LOG2E, LOG2E, SHIFT, SHIFT, LN2_HI, LN2_HI, LN2_LO, LN2_LO,
  Q0, Q0, Q1, Q1, Q2, Q2, Q3, Q3, Q4, Q4, Q5, Q5, Q6, Q6, Q7, Q7, Q8, Q8, Q9, Q9, 1.0, 1.0,
]);

/** exp(r) = 1 + r + r^2 q(r) on the reduced range, Estrin's scheme (both lanes). */
// @ts-ignore: decorator
@inline function expPolyF64x2(r: v128): v128 {
  const r2 = f64x2.mul(r, r);
  const r4 = f64x2.mul(r2, r2);
  const e01 = f64x2.add(v128.load(EXP_K, 96), f64x2.mul(v128.load(EXP_K, 112), r));
  const e23 = f64x2.add(v128.load(EXP_K, 128), f64x2.mul(v128.load(EXP_K, 144), r));
  const e45 = f64x2.add(v128.load(EXP_K, 160), f64x2.mul(v128.load(EXP_K, 176), r));
  const e67 = f64x2.add(v128.load(EXP_K, 192), f64x2.mul(v128.load(EXP_K, 208), r));
  const e89 = f64x2.add(v128.load(EXP_K, 224), f64x2.mul(v128.load(EXP_K, 240), r));
  const e03 = f64x2.add(e01, f64x2.mul(r2, e23));
  const e47 = f64x2.add(e45, f64x2.mul(r2, e67));
  const e49 = f64x2.add(e47, f64x2.mul(r4, e89));
  const q = f64x2.add(e03, f64x2.mul(r4, e49));
  const p = f64x2.add(f64x2.add(r, f64x2.mul(r2, q)), v128.load(EXP_K, 256));
  return p;
}

/** Scalar twin of expPolyF64x2. */
// @ts-ignore: decorator
@inline function expPolyF64(r: f64): f64 {
  const r2 = r * r;
  const r4 = r2 * r2;
  const e01 = Q0 + Q1 * r;
  const e23 = Q2 + Q3 * r;
  const e45 = Q4 + Q5 * r;
  const e67 = Q6 + Q7 * r;
  const e89 = Q8 + Q9 * r;
  const e03 = e01 + r2 * e23;
  const e47 = e45 + r2 * e67;
  const e49 = e47 + r4 * e89;
  const q = e03 + r4 * e49;
  const p = (r + r2 * q) + 1.0;
  return p;
}

/** exp of both lanes of an f64x2 (see the file comment for the method and accuracy). */
// @ts-ignore: decorator
@inline export function expF64x2(x: v128): v128 {
  x = f64x2.pmax(f64x2.pmin(x, v128.load(EXP_K)), v128.load(EXP_K, 16));
  const shift = v128.load(EXP_K, 48);
  const t = f64x2.add(f64x2.mul(x, v128.load(EXP_K, 32)), shift);
  const nf = f64x2.sub(t, shift);
  let r = f64x2.sub(x, f64x2.mul(nf, v128.load(EXP_K, 64)));
  r = f64x2.sub(r, f64x2.mul(nf, v128.load(EXP_K, 80)));
  const p = expPolyF64x2(r);
  const n = i64x2.sub(t, shift);
  const u = i64x2.shr_u(i64x2.add(n, i64x2.splat(2048)), 1); // (n >> 1) + 1024
  const s1 = i64x2.shl(i64x2.sub(u, i64x2.splat(1)), 52); // 2^(n >> 1)
  const s2 = i64x2.shl(i64x2.add(i64x2.sub(n, u), i64x2.splat(2047)), 52); // 2^(n - (n >> 1))
  return f64x2.mul(f64x2.mul(p, s1), s2);
}

/** Scalar twin of expF64x2: the same operations in the same order. */
// @ts-ignore: decorator
@inline export function expF64(x: f64): f64 {
  x = EXP_MAX < x ? EXP_MAX : x;
  x = x < EXP_MIN ? EXP_MIN : x;
  const t = x * LOG2E + SHIFT;
  const nf = t - SHIFT;
  let r = x - nf * LN2_HI;
  r = r - nf * LN2_LO;
  const p = expPolyF64(r);
  const n = reinterpret<i64>(t) - reinterpret<i64>(SHIFT);
  const n1 = n >> 1;
  const s1 = reinterpret<f64>((n1 + 1023) << 52);
  const s2 = reinterpret<f64>((n - n1 + 1023) << 52);
  return (p * s1) * s2;
}

// Flush-to-zero variant for the hot loops of the solvers (transport plans, kernel sums): results
// below FLUSH_RESULT (exp(-575) = 1.2e-250) are returned as exactly 0, and arguments above
// FLUSH_MAX (709) saturate at exp(709). Everything kept is then a normal number far above the
// subnormal range, so later products with scalings up to 1e40 stay normal too: subnormal
// operands and results cost x86 cores microcode assists (measured: a log-domain Sinkhorn pass at
// epsilon = 1e-3 ran 3.4x slower on subnormal plan entries). One scale factor suffices here.
// Callers document where entries below 1e-250 are negligible.
const FLUSH_MIN: f64 = -575.0;
const FLUSH_MAX: f64 = 709.0;

const FLUSH_K = memory.data<f64>([FLUSH_MAX, FLUSH_MAX, FLUSH_MIN, FLUSH_MIN]);

/** exp with flush to zero below exp(-575) (see above); same polynomial as expF64x2. */
// @ts-ignore: decorator
@inline export function expFlushF64x2(x0: v128): v128 {
  const lo = v128.load(FLUSH_K, 16);
  const x = f64x2.pmax(f64x2.pmin(x0, v128.load(FLUSH_K)), lo);
  const shift = v128.load(EXP_K, 48);
  const t = f64x2.add(f64x2.mul(x, v128.load(EXP_K, 32)), shift);
  const nf = f64x2.sub(t, shift);
  let r = f64x2.sub(x, f64x2.mul(nf, v128.load(EXP_K, 64)));
  r = f64x2.sub(r, f64x2.mul(nf, v128.load(EXP_K, 80)));
  const p = expPolyF64x2(r);
  const s = i64x2.shl(i64x2.add(i64x2.sub(t, shift), i64x2.splat(1023)), 52);
  return v128.andnot(f64x2.mul(p, s), f64x2.lt(x0, lo));
}

/** Scalar twin of expFlushF64x2. */
// @ts-ignore: decorator
@inline export function expFlushF64(x0: f64): f64 {
  let x = FLUSH_MAX < x0 ? FLUSH_MAX : x0;
  x = x < FLUSH_MIN ? FLUSH_MIN : x;
  const t = x * LOG2E + SHIFT;
  const nf = t - SHIFT;
  let r = x - nf * LN2_HI;
  r = r - nf * LN2_LO;
  const p = expPolyF64(r);
  const s = reinterpret<f64>((reinterpret<i64>(t) - reinterpret<i64>(SHIFT) + 1023) << 52);
  return x0 < FLUSH_MIN ? 0.0 : p * s;
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

/** exp in float32 with flush to zero below exp(-69) (see FLUSH_MIN_F). */
// @ts-ignore: decorator
@inline export function expFlushF32x4(x0: v128): v128 {
  const lo = v128.load(FLUSH_K_F, 16);
  const x = f32x4.pmax(f32x4.pmin(x0, v128.load(FLUSH_K_F)), lo);
  const shift = v128.load(EXP_K_F, 48);
  const t = f32x4.add(f32x4.mul(x, v128.load(EXP_K_F, 32)), shift);
  const nf = f32x4.sub(t, shift);
  let r = f32x4.sub(x, f32x4.mul(nf, v128.load(EXP_K_F, 64)));
  r = f32x4.sub(r, f32x4.mul(nf, v128.load(EXP_K_F, 80)));
  const p = expPolyF32x4(r);
  const s = i32x4.shl(i32x4.add(i32x4.sub(t, shift), i32x4.splat(127)), 23);
  return v128.andnot(f32x4.mul(p, s), f32x4.lt(x0, lo));
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
