// The row primitive every log-domain Sinkhorn pass is built on:
//   e_j = exp((f_i + g_j - C_ij) / eps - shift),  returns r = sum_j e_j,
// first with shift = 0 (valid whenever the plan is near a marginal: entries are <= the mass,
// so nothing overflows), and only if that sum leaves [SAFE_LO, SAFE_HI] (underflow at a cold
// start or right after epsilon drops, overflow after a bad warm start) again with shift = the
// row's largest exponent: the max-shifted log-sum-exp, exact at any epsilon.
// The true row sum is exp(rowShift) * r. Sums use four lanes in the fixed order of vector.ts.
// Entries below exp(-575) = 1.2e-250 (relative to the shift) are flushed to 0 (core/exp.ts
// expFlushF64x2): they cannot change a marginal, and keeping them subnormal-free keeps the pass
// fast.

import { expFlushF64x2, expFlushF64, expInRangeF64x2, IN_RANGE_MAX, IN_RANGE_MIN } from '../core/exp';

export const SAFE_LO: f64 = 1e-290;
export const SAFE_HI: f64 = 1e290;

/** Shift used by the last expRow call (0 unless the max-shifted fallback ran). */
export let rowShift: f64 = 0;
/** Number of rows that needed the max-shifted fallback (for diagnostics). */
export let rowRescues: i32 = 0;

/**
 * Bounds [passLo, passHi] of (g_j - C_ij) / eps over a pass whose costs lie in [0, costMax]
 * (set by passRange, read by the caller and handed to expRow).
 */
export let passLo: f64 = -Infinity;
export let passHi: f64 = Infinity;

/** Sets passLo, passHi from the potentials g (m) of a pass (see above). O(m). */
export function passRange(g: usize, m: i32, costMax: f64, inv: f64): void {
  let lo: f64 = Infinity, hi: f64 = -Infinity;
  for (let j = 0; j < m; j++) {
    const v = load<f64>(g + (<usize>j << 3));
    lo = min(lo, v);
    hi = max(hi, v);
  }
  passLo = (lo - costMax) * inv;
  passHi = hi * inv;
}

/** Magnitude below which float64 rounding of the exponents (a few ulps) stays far below 1. */
const EXACT_ENOUGH: f64 = 1099511627776.0; // 2^40

/**
 * Whether every exponent (g_j - C_ij) * inv + fiInv of a row lies in [rangeMin, rangeMax],
 * given the pass bounds lo, hi of (g_j - C_ij) * inv (passRange): then the exp needs no clamp.
 * The magnitudes are capped (cap) so that rounding cannot eat the margin of 1 of those ranges.
 */
// @ts-ignore: decorator
@inline export function exponentsWithin(lo: f64, hi: f64, fiInv: f64, rangeMin: f64, rangeMax: f64, cap: f64): bool {
  return abs(fiInv) < cap && lo > -cap && hi < cap && lo + fiInv >= rangeMin && hi + fiInv <= rangeMax;
}

/** exponentsWithin for the float64 exp (core/exp.ts expInRangeF64x2). */
// @ts-ignore: decorator
@inline export function rowInRange(lo: f64, hi: f64, fiInv: f64): bool {
  return exponentsWithin(lo, hi, fiInv, IN_RANGE_MIN, IN_RANGE_MAX, EXACT_ENOUGH);
}

// @ts-ignore: decorator
@inline function expSum(crow: usize, g: usize, m: i32, fiInv: f64, inv: f64, shift: f64, e: usize, inRange: bool): f64 {
  let j = 0;
  let s0: f64 = 0, s1: f64 = 0, s2: f64 = 0, s3: f64 = 0;
  const c = fiInv - shift;
  if (ASC_FEATURE_SIMD) {
    const iv = f64x2.splat(inv), cv = f64x2.splat(c);
    let a0 = f64x2.splat(0), a1 = f64x2.splat(0);
    for (; j + 4 <= m; j += 4) {
      const o = <usize>j << 3;
      const x0 = f64x2.add(f64x2.mul(f64x2.sub(v128.load(g + o), v128.load(crow + o)), iv), cv);
      const x1 = f64x2.add(f64x2.mul(f64x2.sub(v128.load(g + o, 16), v128.load(crow + o, 16)), iv), cv);
      const e0 = inRange ? expInRangeF64x2(x0) : expFlushF64x2(x0), e1 = inRange ? expInRangeF64x2(x1) : expFlushF64x2(x1);
      v128.store(e + o, e0);
      v128.store(e + o, e1, 16);
      a0 = f64x2.add(a0, e0);
      a1 = f64x2.add(a1, e1);
    }
    const a = f64x2.add(a0, a1);
    s0 = f64x2.extract_lane(a, 0);
    s1 = f64x2.extract_lane(a, 1);
  } else {
    for (; j + 4 <= m; j += 4) {
      const o = <usize>j << 3;
      const e0 = expFlushF64((load<f64>(g + o) - load<f64>(crow + o)) * inv + c);
      const e1 = expFlushF64((load<f64>(g + o, 8) - load<f64>(crow + o, 8)) * inv + c);
      const e2 = expFlushF64((load<f64>(g + o, 16) - load<f64>(crow + o, 16)) * inv + c);
      const e3 = expFlushF64((load<f64>(g + o, 24) - load<f64>(crow + o, 24)) * inv + c);
      store<f64>(e + o, e0);
      store<f64>(e + o, e1, 8);
      store<f64>(e + o, e2, 16);
      store<f64>(e + o, e3, 24);
      s0 += e0; s1 += e1; s2 += e2; s3 += e3;
    }
    s0 += s2;
    s1 += s3;
  }
  let s = s0 + s1;
  for (; j < m; j++) {
    const o = <usize>j << 3;
    const ej = expFlushF64((load<f64>(g + o) - load<f64>(crow + o)) * inv + c);
    store<f64>(e + o, ej);
    s += ej;
  }
  return s;
}

/** Largest exponent (g_j - C_ij) / eps + f_i / eps of the row. */
function maxExponent(crow: usize, g: usize, m: i32, fiInv: f64, inv: f64): f64 {
  let mx: f64 = -Infinity;
  for (let j = 0; j < m; j++) {
    const o = <usize>j << 3;
    const x = (load<f64>(g + o) - load<f64>(crow + o)) * inv + fiInv;
    mx = mx < x ? x : mx;
  }
  return mx;
}

/**
 * Fills e (m) with the row's plan entries divided by exp(rowShift) and returns their sum.
 * crow: the row of C; g: column potentials; fi: this row's potential; inv = 1/eps; lo, hi:
 * bounds of (g_j - C_ij)/eps from passRange, if known: when they keep every exponent of the row
 * within the flush range, the exp runs without its clamp (the same values, 1.2x faster).
 */
export function expRow(crow: usize, g: usize, m: i32, fi: f64, inv: f64, e: usize, lo: f64 = -Infinity, hi: f64 = Infinity): f64 {
  const fiInv = fi * inv;
  rowShift = 0;
  const s = expSum(crow, g, m, fiInv, inv, 0, e, rowInRange(lo, hi, fiInv));
  if (s >= SAFE_LO && s <= SAFE_HI) return s;
  addRowRescue();
  const mx = maxExponent(crow, g, m, fiInv, inv);
  if (mx - mx != 0) {
    // every exponent is -inf (no finite cost) or something is NaN: leave the row to the caller
    return s;
  }
  rowShift = mx;
  return expSum(crow, g, m, fiInv, inv, mx, e, false);
}

/** Resets the rescue counter (call at kernel entry). */
export function resetRowRescues(): void {
  rowRescues = 0;
}

/** Counts a rescued row (for the float32 twin of expRow). */
export function addRowRescue(): void {
  rowRescues++;
}
