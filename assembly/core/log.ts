// Vectorised natural logarithm in float64 and float32.
//
// Method of fdlibm's e_log.c (float64) and musl's logf.c (float32): write x = 2^k (1 + f) with
// 1 + f in [sqrt(2)/2, sqrt(2)), s = f / (2 + f), and
//   log(1 + f) = f - f^2/2 + s (f^2/2 + R(s^2)),  log x = k ln2_hi + (log(1 + f) + k ln2_lo),
// where R is fdlibm's degree-7 (musl: degree-4) polynomial in s^2. Subnormal inputs are scaled by
// 2^54 (2^25) first. Special values: log(0) = -inf, log(x < 0) = NaN, log(+inf) = +inf,
// log(NaN) = NaN.
//
// Measured accuracy (tests/suites/exp-log.test.ts, 67,000 points over every binade, subnormal
// inputs included, against a double-double reference): max 0.64 ULP in float64, 0.73 ULP in
// float32. The tests enforce <= 1 ULP. SIMD and scalar paths
// perform the same operations in the same order (bit-identical builds).

const LN2_HI: f64 = 6.93147180369123816490e-01;
const LN2_LO: f64 = 1.90821492927058770002e-10;
const LG1: f64 = 6.666666666666735130e-01;
const LG2: f64 = 3.999999999940941908e-01;
const LG3: f64 = 2.857142874366239149e-01;
const LG4: f64 = 2.222219843214978396e-01;
const LG5: f64 = 1.818357216161805012e-01;
const LG6: f64 = 1.531383769920937332e-01;
const LG7: f64 = 1.479819860511658591e-01;
const TWO54: f64 = 18014398509481984.0;
const MIN_NORMAL: f64 = 2.2250738585072014e-308;
const MANT_MASK: i64 = 0x000fffffffffffff;
const ROUND_BIAS: i64 = 0x00095f6400000000; // fdlibm: 0x95f64 in the high word
const BIT52: i64 = 0x0010000000000000;
const ONE_BITS: i64 = 0x3ff0000000000000;
const DK_SHIFT: f64 = 6755399441055744.0; // 1.5 * 2^52: turns a small i64 into f64 exactly

// Lane pairs of the float64 constants (byte offsets 0, 16, ...).
const LOG_K = memory.data<f64>([
  LN2_HI, LN2_HI, LN2_LO, LN2_LO, LG1, LG1, LG2, LG2, LG3, LG3, LG4, LG4, LG5, LG5, LG6, LG6, LG7, LG7,
  0.5, 0.5, 1.0, 1.0, 2.0, 2.0, DK_SHIFT, DK_SHIFT, MIN_NORMAL, MIN_NORMAL, Infinity, Infinity, TWO54, TWO54,
]);

/** log(2^kadj * xs) for lanes where xs is a positive normal number. */
// @ts-ignore: decorator
@inline function logCoreF64x2(xs: v128, kadj: v128): v128 {
  const mant = v128.and(xs, i64x2.splat(MANT_MASK));
  const i = v128.and(i64x2.add(mant, i64x2.splat(ROUND_BIAS)), i64x2.splat(BIT52));
  const m = v128.or(mant, v128.xor(i, i64x2.splat(ONE_BITS)));
  let k = i64x2.sub(i64x2.shr_u(xs, 52), i64x2.splat(1023));
  k = i64x2.add(i64x2.add(k, i64x2.shr_u(i, 52)), kadj);
  const dkShift = v128.load(LOG_K, 192);
  const dk = f64x2.sub(i64x2.add(k, dkShift), dkShift);
  const f = f64x2.sub(m, v128.load(LOG_K, 160));
  const hfsq = f64x2.mul(f64x2.mul(v128.load(LOG_K, 144), f), f);
  const s = f64x2.div(f, f64x2.add(v128.load(LOG_K, 176), f));
  const z = f64x2.mul(s, s);
  const w = f64x2.mul(z, z);
  const t1 = f64x2.mul(w, f64x2.add(v128.load(LOG_K, 48),
    f64x2.mul(w, f64x2.add(v128.load(LOG_K, 80), f64x2.mul(w, v128.load(LOG_K, 112))))));
  const t2 = f64x2.mul(z, f64x2.add(v128.load(LOG_K, 32), f64x2.mul(w, f64x2.add(v128.load(LOG_K, 64),
    f64x2.mul(w, f64x2.add(v128.load(LOG_K, 96), f64x2.mul(w, v128.load(LOG_K, 128))))))));
  const R = f64x2.add(t2, t1);
  const inner = f64x2.add(f64x2.mul(s, f64x2.add(hfsq, R)), f64x2.mul(dk, v128.load(LOG_K, 16)));
  return f64x2.sub(f64x2.mul(dk, v128.load(LOG_K)), f64x2.sub(f64x2.sub(hfsq, inner), f));
}

/** log of both lanes of an f64x2: the fast path when both are positive normal numbers. */
// @ts-ignore: decorator
@inline export function logF64x2(x: v128): v128 {
  const normal = v128.and(f64x2.ge(x, v128.load(LOG_K, 208)), f64x2.lt(x, v128.load(LOG_K, 224)));
  if (i64x2.all_true(normal)) return logCoreF64x2(x, i64x2.splat(0));
  return logSpecialF64x2(x);
}

/** Subnormal inputs (scaled by 2^54) and special values: 0, negative, +inf, NaN. */
function logSpecialF64x2(x: v128): v128 {
  const tiny = f64x2.lt(x, v128.load(LOG_K, 208));
  const xs = v128.bitselect(f64x2.mul(x, v128.load(LOG_K, 240)), x, tiny);
  let y = logCoreF64x2(xs, v128.and(tiny, i64x2.splat(-54)));
  y = v128.bitselect(f64x2.splat(-Infinity), y, f64x2.eq(x, f64x2.splat(0)));
  y = v128.bitselect(f64x2.splat(Infinity), y, f64x2.eq(x, f64x2.splat(Infinity)));
  const bad = v128.or(f64x2.lt(x, f64x2.splat(0)), f64x2.ne(x, x));
  return v128.bitselect(f64x2.splat(NaN), y, bad);
}

/** Scalar twin of logF64x2. */
// @ts-ignore: decorator
@inline export function logF64(x: f64): f64 {
  if (x == 0) return -Infinity;
  if (!(x >= 0)) return NaN;
  if (x == Infinity) return Infinity;
  const tiny = x < MIN_NORMAL;
  const xs = tiny ? x * TWO54 : x;
  const bits = reinterpret<i64>(xs);
  const mant = bits & MANT_MASK;
  const i = (mant + ROUND_BIAS) & BIT52;
  const m = reinterpret<f64>(mant | (i ^ ONE_BITS));
  const k = <i64>(<u64>bits >> 52) - 1023 + (i >> 52) + (tiny ? -54 : 0);
  const dk = <f64>k;
  const f = m - 1.0;
  const hfsq = (0.5 * f) * f;
  const s = f / (2.0 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  const R = t2 + t1;
  const inner = s * (hfsq + R) + dk * LN2_LO;
  return dk * LN2_HI - ((hfsq - inner) - f);
}

/** out[i] = log(x[i]) for i < n, float64 (out may equal x). O(n). */
export function log_f64(x: usize, out: usize, n: i32): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 3;
      const a = logF64x2(v128.load(x + o));
      const b = logF64x2(v128.load(x + o, 16));
      v128.store(out + o, a);
      v128.store(out + o, b, 16);
    }
  }
  for (; i < n; i++) {
    const o = <usize>i << 3;
    store<f64>(out + o, logF64(load<f64>(x + o)));
  }
}

// float32 (musl logf.c): normalise with 0x3f3504f3 (sqrt(2)/2) as the split point.
const LN2_HI_F: f32 = 6.9313812256e-01;
const LN2_LO_F: f32 = 9.0580006145e-06;
const LGF1: f32 = 0.66666662693;
const LGF2: f32 = 0.40000972152;
const LGF3: f32 = 0.28498786688;
const LGF4: f32 = 0.24279078841;
const TWO25_F: f32 = 33554432.0;
const MIN_NORMAL_F: f32 = 1.17549435e-38;
const DK_SHIFT_F: f32 = 12582912.0; // 1.5 * 2^23

const LOG_K_F = memory.data<f32>([
  LN2_HI_F, LN2_HI_F, LN2_HI_F, LN2_HI_F, LN2_LO_F, LN2_LO_F, LN2_LO_F, LN2_LO_F,
  LGF1, LGF1, LGF1, LGF1, LGF2, LGF2, LGF2, LGF2, LGF3, LGF3, LGF3, LGF3, LGF4, LGF4, LGF4, LGF4,
  0.5, 0.5, 0.5, 0.5, 1.0, 1.0, 1.0, 1.0, 2.0, 2.0, 2.0, 2.0, DK_SHIFT_F, DK_SHIFT_F, DK_SHIFT_F, DK_SHIFT_F,
  MIN_NORMAL_F, MIN_NORMAL_F, MIN_NORMAL_F, MIN_NORMAL_F, Infinity, Infinity, Infinity, Infinity,
  TWO25_F, TWO25_F, TWO25_F, TWO25_F,
]);

/** log(2^kadj * xs) for lanes where xs is a positive normal float32. */
// @ts-ignore: decorator
@inline function logCoreF32x4(xs: v128, kadj: v128): v128 {
  const ix = i32x4.add(xs, i32x4.splat(0x3f800000 - 0x3f3504f3));
  const k = i32x4.add(i32x4.sub(i32x4.shr_u(ix, 23), i32x4.splat(0x7f)), kadj);
  const m = i32x4.add(v128.and(ix, i32x4.splat(0x007fffff)), i32x4.splat(0x3f3504f3));
  const dkShift = v128.load(LOG_K_F, 144);
  const dk = f32x4.sub(i32x4.add(k, dkShift), dkShift);
  const f = f32x4.sub(m, v128.load(LOG_K_F, 112));
  const s = f32x4.div(f, f32x4.add(v128.load(LOG_K_F, 128), f));
  const z = f32x4.mul(s, s);
  const w = f32x4.mul(z, z);
  const t1 = f32x4.mul(w, f32x4.add(v128.load(LOG_K_F, 48), f32x4.mul(w, v128.load(LOG_K_F, 80))));
  const t2 = f32x4.mul(z, f32x4.add(v128.load(LOG_K_F, 32), f32x4.mul(w, v128.load(LOG_K_F, 64))));
  const R = f32x4.add(t2, t1);
  const hfsq = f32x4.mul(f32x4.mul(v128.load(LOG_K_F, 96), f), f);
  const y = f32x4.add(f32x4.mul(s, f32x4.add(hfsq, R)), f32x4.mul(dk, v128.load(LOG_K_F, 16)));
  return f32x4.add(f32x4.add(f32x4.sub(y, hfsq), f), f32x4.mul(dk, v128.load(LOG_K_F)));
}

/** log of the four lanes of an f32x4 (float32 arithmetic), fast path for positive normals. */
// @ts-ignore: decorator
@inline export function logF32x4(x: v128): v128 {
  const normal = v128.and(f32x4.ge(x, v128.load(LOG_K_F, 160)), f32x4.lt(x, v128.load(LOG_K_F, 176)));
  if (i32x4.all_true(normal)) return logCoreF32x4(x, i32x4.splat(0));
  return logSpecialF32x4(x);
}

/** Subnormal inputs (scaled by 2^25) and special values. */
function logSpecialF32x4(x: v128): v128 {
  const tiny = f32x4.lt(x, v128.load(LOG_K_F, 160));
  const xs = v128.bitselect(f32x4.mul(x, v128.load(LOG_K_F, 192)), x, tiny);
  let y = logCoreF32x4(xs, v128.and(tiny, i32x4.splat(-25)));
  y = v128.bitselect(f32x4.splat(-Infinity), y, f32x4.eq(x, f32x4.splat(0)));
  y = v128.bitselect(f32x4.splat(Infinity), y, f32x4.eq(x, f32x4.splat(Infinity)));
  const bad = v128.or(f32x4.lt(x, f32x4.splat(0)), f32x4.ne(x, x));
  return v128.bitselect(f32x4.splat(NaN), y, bad);
}

/** Scalar twin of logF32x4. */
// @ts-ignore: decorator
@inline export function logF32(x: f32): f32 {
  if (x == 0) return -Infinity;
  if (!(x >= 0)) return NaN;
  if (x == Infinity) return Infinity;
  const tiny = x < MIN_NORMAL_F;
  const xs = tiny ? x * TWO25_F : x;
  const ix = reinterpret<i32>(xs) + (0x3f800000 - 0x3f3504f3);
  const k = <i32>(<u32>ix >> 23) - 0x7f + (tiny ? -25 : 0);
  const m = reinterpret<f32>((ix & 0x007fffff) + 0x3f3504f3);
  const dk = <f32>k;
  const f = m - <f32>1.0;
  const s = f / (<f32>2.0 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (LGF2 + w * LGF4);
  const t2 = z * (LGF1 + w * LGF3);
  const R = t2 + t1;
  const hfsq = (<f32>0.5 * f) * f;
  const y = s * (hfsq + R) + dk * LN2_LO_F;
  return ((y - hfsq) + f) + dk * LN2_HI_F;
}

/** out[i] = log(x[i]) for i < n, float32 (out may equal x). O(n). */
export function log_f32(x: usize, out: usize, n: i32): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    for (; i + 8 <= n; i += 8) {
      const o = <usize>i << 2;
      const a = logF32x4(v128.load(x + o));
      const b = logF32x4(v128.load(x + o, 16));
      v128.store(out + o, a);
      v128.store(out + o, b, 16);
    }
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    store<f32>(out + o, logF32(load<f32>(x + o)));
  }
}
