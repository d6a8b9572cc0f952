// Sinkhorn-Knopp in scaling form, stabilised by absorption (Schmitzer 2019, "Stabilized sparse
// scaling algorithms for entropy regularized transport problems", sec. 4.1; POT
// sinkhorn_stabilized), with per-row and per-column absorption and a log-domain rescue.
//
// State: absorbed potentials fh (n), gh (m), scalings u (n), v (m) and the kernel
// K_ij = exp((fh_i + gh_j - C_ij)/eps), so that the plan is u_i K_ij v_j and the potentials are
// f = fh + eps log u, g = gh + eps log v. One fused pass per iteration reads K once from
// memory: for row i, w_i = K_i . v gives the row update u_i (balanced: a_i / w_i), and the same
// row, still in cache, is added into t = K^T u. Then the column marginals are v_j t_j (the
// stopping error for free) and the column update sets v_j (balanced: b_j / t_j). Each iteration
// is two streaming level-1 operations and no exp, which is why this method is the fastest
// whenever it is safe. In float64, when iterations follow a (re)start, the kernel itself is
// built inside the first pass, each row just before its dot, so building K and the first
// iteration read it from memory once.
//
// Safety: a row (column) whose w_i (t_j) leaves [SAFE_LO, SAFE_HI], or whose new scaling leaves
// [1/T, T], is recomputed exactly in the log domain from C (max-shifted log-sum-exp), its
// potential absorbed (fh_i = f_i, u_i = 1) and its row (column) of K rebuilt. So K stays within a
// factor T of the plan and nothing underflows into wrong zeros or overflows, at any epsilon:
// POT's sinkhorn_stabilized absorbs only globally and fails when a whole row of K underflows.

import { dot_f64, axpy_f64, dot2_f64, axpy4_f64 } from '../core/vector';
import { expF64, expFlushF64, expFlushF64x2, expSumInRangeF64, expSumInRangeF64x2 } from '../core/exp';
import { logF64 } from '../core/log';
import { useCostMatrix } from './cost';
import { LOW_EXPONENT, lowPass } from './sinkhorn-scaling-low';
import { expRow, passHi, passLo, passRange, resetRowRescues, rowInRange, rowRescues, rowShift, SAFE_HI, SAFE_LO } from './rows';
import { columnError, columnLse } from './sinkhorn-log';
import {
  at, param, put, setStatus, status,
  P_C1_A, P_C1_B, P_EPS, P_INV_RHO_A, P_INV_RHO_B, P_OMEGA, P_TAU_A, P_TAU_B, P_TOL,
  P_COST_MAX, P_LOW_SWITCH, S_ABSORPTIONS, S_BUILD, S_CONVERGED, S_ERROR, S_ITERATIONS, S_LAST32, S_LOW, S_PENDING, S_RESCUES,
} from './params';

/**
 * Scalings are absorbed into the potentials once they leave [1/T, T]. With kernel entries
 * flushed below 1e-250 (core/exp.ts), products u_i K_ij and K_ij v_j stay >= 1e-290: normal
 * numbers, so no slow subnormal arithmetic; plan entries dropped by the flush are < 1e-170.
 */
const T: f64 = 1e40;
const INV_T: f64 = 1e-40;

/**
 * K_i. = exp((fh_i + gh_j - C_ij)/eps) for one row; inRange: the caller has bounded every
 * exponent within the exp's flush range (rows.ts rowInRange): then the exp needs no clamp and
 * runs with its polynomial one degree shorter (core/exp.ts expSumInRangeF64x2, <= 1.2e-15
 * relative), below the rounding the exponent itself carries, |x| 2^-53 (2.2e-15 at x = -20,
 * the kernel's range at epsilon = max C / 20); 7% fewer float operations per entry.
 * K32 != 0: also the row rounded to float32 into K32 (the float32 phase's copy), from registers.
 */
function buildRow(C: usize, K: usize, K32: usize, m: i32, i: i32, fhi: f64, gh: usize, inv: f64, inRange: bool): void {
  const crow = C + ((<usize>i * <usize>m) << 3), krow = K + ((<usize>i * <usize>m) << 3);
  const krow32 = K32 + ((<usize>i * <usize>m) << 2);
  const c = fhi * inv;
  let j = 0;
  if (ASC_FEATURE_SIMD) {
    const iv = f64x2.splat(inv), cv = f64x2.splat(c);
    for (; j + 4 <= m; j += 4) {
      const o = <usize>j << 3;
      const x0 = f64x2.add(f64x2.mul(f64x2.sub(v128.load(gh + o), v128.load(crow + o)), iv), cv);
      const x1 = f64x2.add(f64x2.mul(f64x2.sub(v128.load(gh + o, 16), v128.load(crow + o, 16)), iv), cv);
      const k0 = inRange ? expSumInRangeF64x2(x0) : expFlushF64x2(x0), k1 = inRange ? expSumInRangeF64x2(x1) : expFlushF64x2(x1);
      v128.store(krow + o, k0);
      v128.store(krow + o, k1, 16);
      if (K32 != 0) v128.store(krow32 + (<usize>j << 2), v128.shuffle<f32>(f32x4.demote_f64x2_zero(k0), f32x4.demote_f64x2_zero(k1), 0, 1, 4, 5));
    }
  }
  for (; j < m; j++) {
    const o = <usize>j << 3;
    const x = (load<f64>(gh + o) - load<f64>(crow + o)) * inv + c;
    const k = inRange ? expSumInRangeF64(x) : expFlushF64(x);
    store<f64>(krow + o, k);
    if (K32 != 0) store<f32>(krow32 + (<usize>j << 2), <f32>k);
  }
}

/** Row i of K (buildRow), its exponents checked against the pass range [lo, hi] of passRange. */
function buildRowChecked(C: usize, K: usize, K32: usize, m: i32, i: i32, fh: usize, gh: usize, inv: f64, lo: f64, hi: f64): void {
  const fhi = at(fh, i);
  buildRow(C, K, K32, m, i, fhi, gh, inv, rowInRange(lo, hi, fhi * inv));
}

/** passRange for building K: the column potentials gh and the largest cost of the params. */
// @ts-ignore: decorator
@inline function kernelRange(gh: usize, m: i32, params: usize): void {
  passRange(gh, m, param(params, P_COST_MAX), 1.0 / param(params, P_EPS));
}

/**
 * Starts (or restarts after epsilon changed) the scaling state from potentials f, g:
 * fh = f, gh = g, u = v = 1, K = exp((fh + gh - C)/eps), O(n m) exps, with eps and the largest
 * cost (which bounds the exponents of each row) from the params (P_EPS, P_COST_MAX). With
 * defer != 0, K is built by the first row pass of the next sinkhorn_scaling_f64 call instead
 * (status S_BUILD), each row just before its dot, while it is in cache: one read of K from
 * memory fewer (at n = m = 2000, d = 10, about 1.5 ms of 38). The caller defers only when an
 * iteration follows. K32 (n x m float32, or 0): the float32 copy of K for the float32 phase
 * (sinkhorn-scaling-low.ts), written by that deferred build when P_LOW_SWITCH > 0.
 */
export function sinkhorn_scaling_start_f64(
  C: usize, K: usize, K32: usize, n: i32, m: i32, fh: usize, gh: usize, u: usize, v: usize, params: usize, st: usize, defer: i32,
): void {
  for (let i = 0; i < n; i++) put(u, i, 1);
  for (let j = 0; j < m; j++) put(v, j, 1);
  setStatus(st, S_PENDING, 0);
  setStatus(st, S_BUILD, defer != 0 ? 1 : 0);
  setStatus(st, S_LOW, K32 != 0 && defer != 0 && param(params, P_LOW_SWITCH) > 0 ? 1 : 0);
  if (defer != 0) return;
  kernelRange(gh, m, params);
  const lo = passLo, hi = passHi, inv = 1.0 / param(params, P_EPS);
  for (let i = 0; i < n; i++) buildRowChecked(C, K, 0, m, i, fh, gh, inv, lo, hi);
}

/** f = fh + eps log u, g = gh + eps log v. */
export function sinkhorn_scaling_potentials_f64(n: i32, m: i32, fh: usize, gh: usize, u: usize, v: usize, eps: f64, f: usize, g: usize): void {
  for (let i = 0; i < n; i++) put(f, i, at(fh, i) + eps * logF64(at(u, i)));
  for (let j = 0; j < m; j++) put(g, j, at(gh, j) + eps * logF64(at(v, j)));
}

/** New scaling from a row (column) sum w of K weighted by the other side's scalings. */
// @ts-ignore: decorator
@inline export function newScaling(w: f64, weight: f64, epsLogWeight: f64, absorbed: f64, eps: f64, inv: f64, tau: f64, c1: f64, balanced: bool): f64 {
  if (balanced) return weight / w;
  return expF64((c1 * epsLogWeight - tau * (eps * logF64(w) - absorbed) - absorbed) * inv);
}

let absorptions: i32 = 0;
/** Over-relaxation weight of the running call (1: plain Sinkhorn). */
let omega: f64 = 1;
/** Sum of |u_i w_i - a_i| over the rows of the current pass (0 without over-relaxation). */
let rowError: f64 = 0;

/**
 * s_old^(1 - omega) s_new^omega = s_old (s_new / s_old)^omega, the over-relaxed scaling (s_new
 * when omega = 1): one log and one exp per row or column (the ratio's rounding, 2^-53, is far
 * below what the iteration resolves).
 */
// @ts-ignore: decorator
@inline export function relaxScaling(omega: f64, old: f64, next: f64): f64 {
  return omega == 1 ? next : old * expF64(omega * logF64(next / old));
}
/** Whether gg holds g = gh + eps log v for the current pass (filled on the first rescue). */
let haveG = false;
const w4 = memory.data(32, 16);

/**
 * The new scaling of row i from w = K_i . v (balanced: a_i / w). Where w or the scaling is out
 * of range, the row is updated exactly in the log domain instead, absorbed (fh_i = f_i,
 * u_i = 1) and its row of K rebuilt. Returns u_i. gg, e: m float64 of scratch.
 */
function rowScaling(
  C: usize, K: usize, n: i32, m: i32, i: i32, w: f64, fh: usize, gh: usize, u: usize, v: usize,
  a: usize, epsLogA: usize, eps: f64, inv: f64, tau: f64, c1: f64, balanced: bool, gg: usize, e: usize,
): f64 {
  if (w >= SAFE_LO && w <= SAFE_HI) {
    const ui = relaxScaling(omega, at(u, i), newScaling(w, at(a, i), at(epsLogA, i), at(fh, i), eps, inv, tau, c1, balanced));
    if (ui >= INV_T && ui <= T) {
      put(u, i, ui);
      if (omega != 1) rowError += abs(ui * w - at(a, i));
      return ui;
    }
  }
  if (!haveG) {
    for (let j = 0; j < m; j++) put(gg, j, at(gh, j) + eps * logF64(at(v, j)));
    haveG = true;
  }
  const fi = at(fh, i) + eps * logF64(at(u, i));
  const r = expRow(C + ((<usize>i * <usize>m) << 3), gg, m, fi, inv, e);
  const fnew = c1 * at(epsLogA, i) - tau * (eps * (rowShift + logF64(r)) - fi);
  put(fh, i, fnew);
  put(u, i, 1);
  buildRow(C, K, 0, m, i, fnew, gh, inv, false);
  absorptions++;
  return 1;
}

/**
 * Column update with rescue; ff: scratch for f = fh + eps log u (filled on first need).
 * Returns whether a column was absorbed (its column of K rebuilt).
 */
function updateColumns(
  C: usize, K: usize, n: i32, m: i32, fh: usize, gh: usize, u: usize, v: usize, b: usize, epsLogB: usize,
  t: usize, ff: usize, params: usize,
): bool {
  const absorbedBefore = absorptions;
  const eps = param(params, P_EPS), inv = 1.0 / eps;
  const tau = param(params, P_TAU_B), c1 = param(params, P_C1_B);
  const balanced = param(params, P_INV_RHO_B) == 0 && tau == 1 && c1 == 1;
  let haveF = false;
  for (let j = 0; j < m; j++) {
    const tj = at(t, j);
    if (tj >= SAFE_LO && tj <= SAFE_HI) {
      const vj = relaxScaling(omega, at(v, j), newScaling(tj, at(b, j), at(epsLogB, j), at(gh, j), eps, inv, tau, c1, balanced));
      if (vj >= INV_T && vj <= T) {
        put(v, j, vj);
        continue;
      }
    }
    // exact column update in the log domain, then absorb it: gh_j = g_j, v_j = 1, rebuild K_.j
    if (!haveF) {
      for (let i = 0; i < n; i++) put(ff, i, at(fh, i) + eps * logF64(at(u, i)));
      haveF = true;
    }
    const gj = c1 * at(epsLogB, j) - tau * columnLse(ff, n, j, eps);
    put(gh, j, gj);
    put(v, j, 1);
    for (let i = 0; i < n; i++) {
      const o = (<usize>i * <usize>m + <usize>j) << 3;
      store<f64>(K + o, expFlushF64((at(fh, i) + gj - load<f64>(C + o)) * inv));
    }
    absorptions++;
  }
  return absorptions != absorbedBefore;
}

/**
 * Whether every exponent (fh_i + gh_j - C_ij)/eps of the kernel lies within
 * [-LOW_EXPONENT, LOW_EXPONENT], from the pass bounds lo, hi of (gh_j - C_ij)/eps.
 */
function kernelInLowRange(fh: usize, n: i32, inv: f64, lo: f64, hi: f64): bool {
  let fLo: f64 = Infinity, fHi: f64 = -Infinity;
  for (let i = 0; i < n; i++) {
    fLo = min(fLo, at(fh, i));
    fHi = max(fHi, at(fh, i));
  }
  return lo + fLo * inv >= -LOW_EXPONENT && hi + fHi * inv <= LOW_EXPONENT;
}

/**
 * Runs up to maxIter stabilised scaling iterations on the state (fh, gh, u, v, K) of
 * sinkhorn_scaling_start_f64. t: m float64 kept between calls (pending column sums);
 * work: n + 3m float64 (f for rescues, g for rescues, a row buffer, the float32 phase's v and
 * t). K holds no kernel while the status S_BUILD is 1 (a deferred start), until a call with
 * maxIter > 0 has run. K32: see sinkhorn_scaling_start_f64; while the status S_LOW is 1, row
 * passes after the build run on it (sinkhorn-scaling-low.ts) until the error is at most
 * P_LOW_SWITCH.
 */
export function sinkhorn_scaling_f64(
  C: usize, K: usize, K32: usize, n: i32, m: i32, fh: usize, gh: usize, u: usize, v: usize,
  a: usize, b: usize, epsLogA: usize, epsLogB: usize, params: usize, st: usize, t: usize, work: usize, maxIter: i32,
): void {
  useCostMatrix(C, m);
  resetRowRescues();
  absorptions = <i32>status(st, S_ABSORPTIONS);
  const eps = param(params, P_EPS), inv = 1.0 / eps, tol = param(params, P_TOL);
  const tau = param(params, P_TAU_A), c1 = param(params, P_C1_A);
  const balanced = param(params, P_INV_RHO_A) == 0 && tau == 1 && c1 == 1;
  const ff = work, gg = work + (<usize>n << 3), e = gg + (<usize>m << 3);
  const v32 = e + (<usize>m << 3), t32 = v32 + (<usize>m << 2);
  omega = param(params, P_OMEGA);
  let low = K32 != 0 && status(st, S_LOW) != 0;
  const lowSwitch = param(params, P_LOW_SWITCH);
  // K32 does not follow columns of K rebuilt by an absorption: one ends the float32 phase
  if (status(st, S_PENDING) != 0 && updateColumns(C, K, n, m, fh, gh, u, v, b, epsLogB, t, ff, params)) low = false;
  setStatus(st, S_PENDING, 0);
  setStatus(st, S_CONVERGED, 0);
  // K deferred by the start: the first row pass builds each row before its dot
  let build = status(st, S_BUILD) != 0 && maxIter > 0;
  let lo: f64 = 0, hi: f64 = 0;
  if (build) {
    kernelRange(gh, m, params);
    lo = passLo;
    hi = passHi;
    if (low) low = kernelInLowRange(fh, n, inv, lo, hi);
  }
  for (let k = 0; k < maxIter; k++) {
    haveG = false;
    rowError = 0;
    let lowDone = false;
    if (low && !build) {
      // the new scalings go to ff (free until a rescue needs it) and replace u only when the
      // pass completes, so a pass redone in float64 starts from the same u (with over-relaxation
      // a half-updated u would be relaxed twice)
      const r = lowPass(K32, n, m, fh, u, ff, v, a, epsLogA, eps, inv, tau, c1, balanced, omega, t, v32, t32);
      if (r >= 0) {
        rowError = r;
        lowDone = true;
      } else {
        low = false; // a value out of float32 range: this pass again in float64, and from now on
      }
    }
    if (!lowDone) {
      memory.fill(t, 0, <usize>m << 3);
      // the build pass writes the float32 copy of K with K; a row rescued in this pass is rebuilt
      // in float64 only, so a rescue ends the float32 phase
      const copy32 = build && low ? K32 : 0;
      const absorbedBefore = absorptions;
      // rows four at a time, i + k q for k = 0..3 (q = n/4): four memory streams, which read a
      // kernel larger than the caches 16-25% faster per iteration than four adjacent rows
      // (n = 500..2000, d = 10, in one process, alternating). v and t are loaded once per two /
      // four rows; each row's dot is summed as dot_f64 sums it and t adds the rows in a fixed
      // order, so both builds give the same results
      const stride = <usize>m << 3;
      const q = n >> 2, far = <usize>q * stride;
      for (let i = 0; i < q; i++) {
        const r0 = K + <usize>i * stride, r1 = r0 + far, r2 = r1 + far, r3 = r2 + far;
        if (build) for (let s = 0; s < 4; s++) buildRowChecked(C, K, copy32, m, i + s * q, fh, gh, inv, lo, hi);
        dot2_f64(r0, r1, v, m, w4);
        dot2_f64(r2, r3, v, m, w4 + 16);
        const u0 = rowScaling(C, K, n, m, i, at(w4, 0), fh, gh, u, v, a, epsLogA, eps, inv, tau, c1, balanced, gg, e);
        const u1 = rowScaling(C, K, n, m, i + q, at(w4, 1), fh, gh, u, v, a, epsLogA, eps, inv, tau, c1, balanced, gg, e);
        const u2 = rowScaling(C, K, n, m, i + 2 * q, at(w4, 2), fh, gh, u, v, a, epsLogA, eps, inv, tau, c1, balanced, gg, e);
        const u3 = rowScaling(C, K, n, m, i + 3 * q, at(w4, 3), fh, gh, u, v, a, epsLogA, eps, inv, tau, c1, balanced, gg, e);
        axpy4_f64(u0, u1, u2, u3, r0, r1, r2, r3, t, m);
      }
      for (let i = 4 * q; i < n; i++) {
        if (build) buildRowChecked(C, K, copy32, m, i, fh, gh, inv, lo, hi);
        const krow = K + <usize>i * stride;
        axpy_f64(rowScaling(C, K, n, m, i, dot_f64(krow, v, m), fh, gh, u, v, a, epsLogA, eps, inv, tau, c1, balanced, gg, e), krow, t, m);
      }
      if (build) {
        build = false;
        setStatus(st, S_BUILD, 0);
      }
      if (absorptions != absorbedBefore) low = false;
    }
    // column marginals v_j t_j of the row-exact state, and the error against the targets
    let err: f64 = rowError;
    const invRho = param(params, P_INV_RHO_B);
    if (invRho == 0) {
      for (let j = 0; j < m; j++) err += abs(at(v, j) * at(t, j) - at(b, j));
    } else {
      for (let j = 0; j < m; j++) put(gg, j, at(gh, j) + eps * logF64(at(v, j)));
      for (let j = 0; j < m; j++) put(e, j, at(v, j) * at(t, j));
      err += columnError(e, gg, b, epsLogB, m, params);
    }
    const previous = status(st, S_ERROR);
    setStatus(st, S_LAST32, lowDone ? 1 : 0);
    setStatus(st, S_ITERATIONS, status(st, S_ITERATIONS) + 1);
    setStatus(st, S_ERROR, err);
    // a float32 pass measures the error only to float32 rounding: it never ends the run. The
    // float64 passes take over once the error is small, or as soon as a float32 pass makes no
    // progress (rounding noise of long float32 sums, so the phase cannot stall a run)
    if (lowDone && (err <= lowSwitch || err <= tol || !(err < previous))) low = false;
    else if (err <= tol) {
      setStatus(st, S_CONVERGED, 1);
      break;
    }
    if (k + 1 >= maxIter) setStatus(st, S_PENDING, 1);
    else if (updateColumns(C, K, n, m, fh, gh, u, v, b, epsLogB, t, ff, params)) low = false;
  }
  setStatus(st, S_LOW, low ? 1 : 0);
  setStatus(st, S_RESCUES, status(st, S_RESCUES) + <f64>rowRescues);
  setStatus(st, S_ABSORPTIONS, <f64>absorptions);
}
