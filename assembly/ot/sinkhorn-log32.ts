// Float32 mode of the log-domain Sinkhorn (sinkhorn-log.ts): costs, exponents and exps in float32
// (four lanes, half the memory), potentials, updates and marginals in float64. Column sums are
// gathered in float32 over 16 rows at a time and then added into float64, so their error does
// not grow with n. The float32 exponent (g_j - C_ij)/eps + f_i/eps carries a relative error of
// about 6e-8 |C|/eps, which sets the attainable marginal error (~1e-6 for |C|/eps ~ 10): below
// that the solver stops with converged = false.

import { axpy_f32 } from '../core/vector';
import { expFlushF32x4, expFlushF32, expF64, expInRangeF32x4, IN_RANGE_MAX_F, IN_RANGE_MIN_F } from '../core/exp';
import { logF64 } from '../core/log';
import { costRow32At } from './cost';
import { logIterations, selectCost } from './sinkhorn-log';
import { addRowRescue, exponentsWithin, passHi, passLo, passRange } from './rows';
import { at, param, put, P_C1_A, P_COST_MAX, P_EPS, P_OMEGA, P_TAU_A } from './params';

const SAFE_LO_F: f64 = 1e-30;
const SAFE_HI_F: f64 = 1e30;
const FLUSH_ROWS = 16;

let shift32: f32 = 0;

// @ts-ignore: decorator
@inline function expSum32(crow: usize, gs: usize, m: i32, c: f32, inv: f32, e: usize, inRange: bool): f64 {
  let j = 0;
  let total: f64 = 0;
  if (ASC_FEATURE_SIMD) {
    const iv = f32x4.splat(inv), cv = f32x4.splat(c);
    let a0 = f32x4.splat(0), a1 = f32x4.splat(0);
    for (; j + 8 <= m; j += 8) {
      const o = <usize>j << 2;
      const x0 = f32x4.add(f32x4.sub(v128.load(gs + o), f32x4.mul(v128.load(crow + o), iv)), cv);
      const x1 = f32x4.add(f32x4.sub(v128.load(gs + o, 16), f32x4.mul(v128.load(crow + o, 16), iv)), cv);
      const e0 = inRange ? expInRangeF32x4(x0) : expFlushF32x4(x0), e1 = inRange ? expInRangeF32x4(x1) : expFlushF32x4(x1);
      v128.store(e + o, e0);
      v128.store(e + o, e1, 16);
      a0 = f32x4.add(a0, e0);
      a1 = f32x4.add(a1, e1);
    }
    const a = f32x4.add(a0, a1);
    total = (<f64>f32x4.extract_lane(a, 0) + <f64>f32x4.extract_lane(a, 2)) + (<f64>f32x4.extract_lane(a, 1) + <f64>f32x4.extract_lane(a, 3));
  } else {
    // eight partial sums, combined as the SIMD lanes are: (s_l + s_l+4), then lanes 0+2 and 1+3
    let s0: f32 = 0, s1: f32 = 0, s2: f32 = 0, s3: f32 = 0, s4: f32 = 0, s5: f32 = 0, s6: f32 = 0, s7: f32 = 0;
    for (; j + 8 <= m; j += 8) {
      const o = <usize>j << 2;
      const e0 = expFlushF32((load<f32>(gs + o) - load<f32>(crow + o) * inv) + c);
      const e1 = expFlushF32((load<f32>(gs + o, 4) - load<f32>(crow + o, 4) * inv) + c);
      const e2 = expFlushF32((load<f32>(gs + o, 8) - load<f32>(crow + o, 8) * inv) + c);
      const e3 = expFlushF32((load<f32>(gs + o, 12) - load<f32>(crow + o, 12) * inv) + c);
      const e4 = expFlushF32((load<f32>(gs + o, 16) - load<f32>(crow + o, 16) * inv) + c);
      const e5 = expFlushF32((load<f32>(gs + o, 20) - load<f32>(crow + o, 20) * inv) + c);
      const e6 = expFlushF32((load<f32>(gs + o, 24) - load<f32>(crow + o, 24) * inv) + c);
      const e7 = expFlushF32((load<f32>(gs + o, 28) - load<f32>(crow + o, 28) * inv) + c);
      store<f32>(e + o, e0); store<f32>(e + o, e1, 4); store<f32>(e + o, e2, 8); store<f32>(e + o, e3, 12);
      store<f32>(e + o, e4, 16); store<f32>(e + o, e5, 20); store<f32>(e + o, e6, 24); store<f32>(e + o, e7, 28);
      s0 += e0; s1 += e1; s2 += e2; s3 += e3; s4 += e4; s5 += e5; s6 += e6; s7 += e7;
    }
    const b0: f32 = s0 + s4, b1: f32 = s1 + s5, b2: f32 = s2 + s6, b3: f32 = s3 + s7;
    total = (<f64>b0 + <f64>b2) + (<f64>b1 + <f64>b3);
  }
  for (; j < m; j++) {
    const o = <usize>j << 2;
    const ej = expFlushF32((load<f32>(gs + o) - load<f32>(crow + o) * inv) + c);
    store<f32>(e + o, ej);
    total += <f64>ej;
  }
  return total;
}

/** Magnitude below which float32 rounding of the exponents stays far below 1 (2^16 * 2^-23 * a few). */
const EXACT_ENOUGH_F: f64 = 65536;

/**
 * Float32 twin of rows.ts expRow: e (m float32) and their sum, max-shifted where needed. lo, hi:
 * the pass's bounds of (g_j - C_ij)/eps (rows.ts passRange).
 */
function expRow32(crow: usize, gs: usize, m: i32, fiInv: f32, inv: f32, e: usize, lo: f64, hi: f64): f64 {
  shift32 = 0;
  const s = expSum32(crow, gs, m, fiInv, inv, e, exponentsWithin(lo, hi, <f64>fiInv, <f64>IN_RANGE_MIN_F, <f64>IN_RANGE_MAX_F, EXACT_ENOUGH_F));
  if (s >= SAFE_LO_F && s <= SAFE_HI_F) return s;
  addRowRescue();
  let mx: f32 = -Infinity;
  for (let j = 0; j < m; j++) {
    const x = (load<f32>(gs + (<usize>j << 2)) - load<f32>(crow + (<usize>j << 2)) * inv) + fiInv;
    mx = mx < x ? x : mx;
  }
  if (mx - mx != 0) return s;
  shift32 = mx;
  return expSum32(crow, gs, m, fiInv - mx, inv, e, false);
}

/** out32[j] = <f32>(g[j] * inv). */
export function scaleToF32(g: usize, m: i32, inv: f64, out32: usize): void {
  for (let j = 0; j < m; j++) store<f32>(out32 + (<usize>j << 2), <f32>(at(g, j) * inv));
}

/** s += s32 (float32 partial column sums), s32 = 0. */
export function flushF32(s32: usize, s: usize, m: i32): void {
  let j = 0;
  if (ASC_FEATURE_SIMD) {
    // the same exact widening and float64 adds as the scalar loop, four columns per step
    const zero = f32x4.splat(0);
    for (; j + 4 <= m; j += 4) {
      const p = s32 + (<usize>j << 2), q = s + (<usize>j << 3);
      const x = v128.load(p);
      v128.store(q, f64x2.add(v128.load(q), f64x2.promote_low_f32x4(x)));
      v128.store(q, f64x2.add(v128.load(q, 16), f64x2.promote_low_f32x4(v128.shuffle<f32>(x, x, 2, 3, 0, 1))), 16);
      v128.store(p, zero);
    }
  }
  for (; j < m; j++) {
    put(s, j, at(s, j) + <f64>load<f32>(s32 + (<usize>j << 2)));
    store<f32>(s32 + (<usize>j << 2), 0);
  }
}

/** One fused row pass in float32 (see sinkhorn-log.ts rowPass). */
function rowPass32(f: usize, g: usize, epsLogA: usize, n: i32, m: i32, params: usize, s: usize, work: usize, a: usize): f64 {
  const eps = param(params, P_EPS), inv = 1.0 / eps;
  const tau = param(params, P_TAU_A), c1 = param(params, P_C1_A), omega = param(params, P_OMEGA);
  let rowErr: f64 = 0;
  const gs = work, e = gs + (<usize>m << 2), crowBuf = e + (<usize>m << 2), s32 = crowBuf + (<usize>m << 2);
  const crow64 = s32 + (<usize>m << 2);
  scaleToF32(g, m, inv, gs);
  passRange(g, m, param(params, P_COST_MAX), inv);
  const lo = passLo, hi = passHi;
  memory.fill(s, 0, <usize>m << 3);
  memory.fill(s32, 0, <usize>m << 2);
  for (let i = 0; i < n; i++) {
    const crow = costRow32At(i, crowBuf, crow64);
    const fi = at(f, i);
    const r = expRow32(crow, gs, m, <f32>(fi * inv), <f32>inv, e, lo, hi);
    if (r > 0 && r < Infinity) {
      const logr = <f64>shift32 + logF64(r);
      const fnew = fi + omega * (c1 * at(epsLogA, i) - tau * (eps * logr - fi) - fi);
      put(f, i, fnew);
      axpy_f32(<f32>expF64(<f64>shift32 + (fnew - fi) * inv), e, s32, m);
      if (omega != 1) rowErr += abs(expF64(logr + (fnew - fi) * inv) - at(a, i));
    }
    if ((i + 1) % FLUSH_ROWS == 0) flushF32(s32, s, m);
  }
  flushF32(s32, s, m);
  return rowErr;
}

/**
 * Float32 twin of sinkhorn_log_f64. C32: stored float32 costs or 0 (points, rounded to float32).
 * work: 4m float32 + m float64 (as 6m float64 reserved).
 */
export function sinkhorn_log_f32(
  C32: usize, x: usize, yT: usize, d: i32, metric: i32, n: i32, m: i32,
  f: usize, g: usize, a: usize, b: usize, epsLogA: usize, epsLogB: usize,
  params: usize, st: usize, s: usize, work: usize, maxIter: i32,
): void {
  selectCost(C32, 1, x, yT, m, d, metric);
  logIterations(rowPass32, n, m, f, g, a, b, epsLogA, epsLogB, params, st, s, work, maxIter);
}
