// Float32 mode of the stabilised scaling method (sinkhorn-scaling.ts): the kernel K and the
// costs in float32 (half the memory traffic, four lanes), scalings, potentials and marginals in
// float64. Kernel entries are flushed below 1e-30 and scalings absorbed outside [1e-3, 1e3]
// (POT's threshold), so every product stays a normal float32. Row sums of K^T u are gathered in
// float32 over 16 rows, then in float64. A scaling that leaves [1e-3, 1e3] while its row (column)
// sum is accurate is absorbed without a log-domain recomputation: below 1e-3 by multiplying the
// row (column) of K by it, above 1e3 by rebuilding it from the costs in float32; only sums out
// of range take the exact log-domain rescue. (Rebuilding every absorbed row from exps made this mode
// slower than float64: at eps = 0.05 almost every row leaves [1e-3, 1e3] in the first iterations.)

import { axpy_f32, axpy4_f32, dot_f32, dot4_f32 } from '../core/vector';
import { expFlushF32, expFlushF32x4 } from '../core/exp';
import { logF64 } from '../core/log';
import { costAt, costRowAt } from './cost';
import { expRow, resetRowRescues, rowRescues, rowShift, SAFE_HI, SAFE_LO } from './rows';
import { columnError, columnLse, selectCost } from './sinkhorn-log';
import { flushF32, scaleToF32 } from './sinkhorn-log32';
import { newScaling, relaxScaling } from './sinkhorn-scaling';
import {
  at, param, put, setStatus, status,
  P_C1_A, P_C1_B, P_EPS, P_INV_RHO_A, P_INV_RHO_B, P_OMEGA, P_TAU_A, P_TAU_B, P_TOL,
  S_ABSORPTIONS, S_CONVERGED, S_ERROR, S_ITERATIONS, S_PENDING, S_RESCUES,
} from './params';

const T: f64 = 1e3;
const INV_T: f64 = 1e-3;
const FLUSH_ROWS = 16;

let absorptions32: i32 = 0;

/** K32_i. = exp((fh_i + gh_j - C_ij)/eps) in float32; ghs: gh/eps as float32. */
function buildRow32(C32: usize, K32: usize, m: i32, i: i32, fhi: f64, ghs: usize, inv: f64): void {
  const crow = C32 + ((<usize>i * <usize>m) << 2), krow = K32 + ((<usize>i * <usize>m) << 2);
  const c = <f32>(fhi * inv), iv = <f32>inv;
  let j = 0;
  if (ASC_FEATURE_SIMD) {
    const ivv = f32x4.splat(iv), cv = f32x4.splat(c);
    for (; j + 4 <= m; j += 4) {
      const o = <usize>j << 2;
      v128.store(krow + o, expFlushF32x4(f32x4.add(f32x4.sub(v128.load(ghs + o), f32x4.mul(v128.load(crow + o), ivv)), cv)));
    }
  }
  for (; j < m; j++) {
    const o = <usize>j << 2;
    store<f32>(krow + o, expFlushF32((load<f32>(ghs + o) - load<f32>(crow + o) * iv) + c));
  }
}

/**
 * Kernel entries kept after a rescaling: the float32 flush of core/exp.ts (exp(-69) = 1.0e-30),
 * so that every stored entry stays a normal float32 (see the file comment).
 */
const KEEP_MIN: f32 = 1.0e-30;

/** K32 row <- s * row (m entries), entries below KEEP_MIN set to 0. */
function scaleRow32(krow: usize, m: i32, s: f32): void {
  let j = 0;
  if (ASC_FEATURE_SIMD) {
    const sv = f32x4.splat(s), keep = f32x4.splat(KEEP_MIN);
    for (; j + 4 <= m; j += 4) {
      const o = krow + (<usize>j << 2);
      const x = f32x4.mul(v128.load(o), sv);
      v128.store(o, v128.and(x, f32x4.ge(x, keep)));
    }
  }
  for (; j < m; j++) {
    const o = krow + (<usize>j << 2);
    const x = load<f32>(o) * s;
    store<f32>(o, x >= KEEP_MIN ? x : 0);
  }
}

/** Every row of K32 (n x m) <- row * sc elementwise (sc: m float32), flushed as scaleRow32. */
function scaleColumns32(K32: usize, n: i32, m: i32, sc: usize): void {
  for (let i = 0; i < n; i++) {
    const krow = K32 + ((<usize>i * <usize>m) << 2);
    let j = 0;
    if (ASC_FEATURE_SIMD) {
      const keep = f32x4.splat(KEEP_MIN);
      for (; j + 4 <= m; j += 4) {
        const o = <usize>j << 2;
        const x = f32x4.mul(v128.load(krow + o), v128.load(sc + o));
        v128.store(krow + o, v128.and(x, f32x4.ge(x, keep)));
      }
    }
    for (; j < m; j++) {
      const o = <usize>j << 2;
      const x = load<f32>(krow + o) * load<f32>(sc + o);
      store<f32>(krow + o, x >= KEEP_MIN ? x : 0);
    }
  }
}

/** Column j of K32 rebuilt from the costs: K_ij = exp((fh_i + gj - C_ij)/eps), flushed. */
function rebuildColumn32(K32: usize, n: i32, m: i32, j: i32, fh: usize, gj: f64, inv: f64): void {
  for (let i = 0; i < n; i++) {
    store<f32>(K32 + ((<usize>i * <usize>m + <usize>j) << 2), expFlushF32(<f32>((at(fh, i) + gj - costAt(i, j)) * inv)));
  }
}

/** Float32 twin of sinkhorn_scaling_start_f64. work: m float32. */
export function sinkhorn_scaling_start_f32(C32: usize, K32: usize, n: i32, m: i32, fh: usize, gh: usize, u: usize, v: usize, eps: f64, work: usize): void {
  const inv = 1.0 / eps;
  scaleToF32(gh, m, inv, work);
  for (let i = 0; i < n; i++) {
    buildRow32(C32, K32, m, i, at(fh, i), work, inv);
    put(u, i, 1);
  }
  for (let j = 0; j < m; j++) put(v, j, 1);
}

// Per row pass: whether gg (g = gh + eps log v, float64) and ghs (gh/eps, float32) are filled,
// and the over-relaxation's row violation (module state: kernels never allocate).
let haveG32 = false;
let haveGhs32 = false;
let rowErr32: f64 = 0;
const w4 = memory.data(16, 16);

/**
 * Updates row i from w = K_i . v (see the file comment) and returns the coefficient with which
 * the row, as stored afterwards, enters t = K^T u: u_i, or 1 when the row was absorbed.
 */
function rowUpdate32(
  C32: usize, K32: usize, m: i32, i: i32, w: f64, fh: usize, gh: usize, u: usize, v: usize, a: usize, epsLogA: usize,
  eps: f64, inv: f64, tau: f64, c1: f64, balanced: bool, omega: f64, gg: usize, e: usize, crow: usize, ghs: usize,
): f32 {
  let ui: f64 = -1;
  if (w >= SAFE_LO && w <= SAFE_HI) {
    ui = relaxScaling(omega, at(u, i), newScaling(w, at(a, i), at(epsLogA, i), at(fh, i), eps, inv, tau, c1, balanced));
  }
  if (ui >= INV_T && ui <= T) {
    put(u, i, ui);
    if (omega != 1) rowErr32 += abs(ui * w - at(a, i));
    return <f32>ui;
  }
  // the row sum is accurate and only the scaling left [1/T, T]: absorb it into fh_i. Below 1/T
  // by scaling the row of K (exp((fh_i + eps log u_i + ...)/eps) = u_i K_ij, no exps); above T
  // (and after the exact rescue below) by rebuilding it from the costs (entries flushed to 0
  // come back)
  const accurate = ui > 0 && ui < Infinity, scaled = accurate && ui < INV_T;
  let fnew: f64;
  if (accurate) {
    fnew = at(fh, i) + eps * logF64(ui);
    if (omega != 1) rowErr32 += abs(ui * w - at(a, i));
    if (scaled) scaleRow32(K32 + ((<usize>i * <usize>m) << 2), m, <f32>ui);
  } else {
    // exact row update in the log domain (float64), then absorb it and rebuild the row
    if (!haveG32) {
      for (let j = 0; j < m; j++) put(gg, j, at(gh, j) + eps * logF64(at(v, j)));
      haveG32 = true;
    }
    const fi = at(fh, i) + eps * logF64(at(u, i));
    const r = expRow(costRowAt(i, crow), gg, m, fi, inv, e);
    fnew = c1 * at(epsLogA, i) - tau * (eps * (rowShift + logF64(r)) - fi);
  }
  put(fh, i, fnew);
  put(u, i, 1);
  if (!scaled) {
    if (!haveGhs32) {
      scaleToF32(gh, m, inv, ghs);
      haveGhs32 = true;
    }
    buildRow32(C32, K32, m, i, fnew, ghs, inv);
  }
  absorptions32++;
  return 1;
}

/**
 * Float32 twin of sinkhorn_scaling_f64. t: m float64 kept between calls.
 * work: n + 3m float64 + 4m float32 (reserve n + 5m float64).
 */
export function sinkhorn_scaling_f32(
  C32: usize, K32: usize, n: i32, m: i32, fh: usize, gh: usize, u: usize, v: usize,
  a: usize, b: usize, epsLogA: usize, epsLogB: usize, params: usize, st: usize, t: usize, work: usize, maxIter: i32,
): void {
  selectCost(C32, 1, 0, 0, m, 0, 0);
  resetRowRescues();
  absorptions32 = <i32>status(st, S_ABSORPTIONS);
  const eps = param(params, P_EPS), inv = 1.0 / eps, tol = param(params, P_TOL);
  const tauA = param(params, P_TAU_A), c1A = param(params, P_C1_A);
  const balancedA = param(params, P_INV_RHO_A) == 0 && tauA == 1 && c1A == 1;
  const tauB = param(params, P_TAU_B), c1B = param(params, P_C1_B);
  const balancedB = param(params, P_INV_RHO_B) == 0 && tauB == 1 && c1B == 1;
  const omega = param(params, P_OMEGA);
  const ff = work, gg = ff + (<usize>n << 3), e = gg + (<usize>m << 3), crow = e + (<usize>m << 3);
  const v32 = crow + (<usize>m << 3), t32 = v32 + (<usize>m << 2), ghs = t32 + (<usize>m << 2);
  const colScale = ghs + (<usize>m << 2);
  let pending = status(st, S_PENDING) != 0;
  setStatus(st, S_PENDING, 0);
  setStatus(st, S_CONVERGED, 0);
  for (let k = 0; k <= maxIter; k++) {
    if (pending) {
      // column update from t (K^T u of the row-exact state), with exact log-domain rescue
      let haveF = false, rescaled = false;
      for (let j = 0; j < m; j++) {
        const tj = at(t, j);
        store<f32>(colScale + (<usize>j << 2), 1);
        if (tj >= SAFE_LO && tj <= SAFE_HI) {
          const vj = relaxScaling(omega, at(v, j), newScaling(tj, at(b, j), at(epsLogB, j), at(gh, j), eps, inv, tauB, c1B, balancedB));
          if (vj >= INV_T && vj <= T) {
            put(v, j, vj);
            continue;
          }
          if (vj > 0 && vj < Infinity) {
            // the column sum is accurate and only the scaling left [1/T, T]: absorb it into gh_j.
            // Below 1/T the column of K is scaled (below, with the others, in one row-major
            // pass); above T it is rebuilt from the costs, which brings back entries flushed
            // to 0 while they were small
            const gj = at(gh, j) + eps * logF64(vj);
            put(gh, j, gj);
            put(v, j, 1);
            if (vj < INV_T) {
              store<f32>(colScale + (<usize>j << 2), <f32>vj);
              rescaled = true;
            } else {
              rebuildColumn32(K32, n, m, j, fh, gj, inv);
            }
            absorptions32++;
            continue;
          }
        }
        if (!haveF) {
          for (let i = 0; i < n; i++) put(ff, i, at(fh, i) + eps * logF64(at(u, i)));
          haveF = true;
        }
        const gj = c1B * at(epsLogB, j) - tauB * columnLse(ff, n, j, eps);
        put(gh, j, gj);
        put(v, j, 1);
        rebuildColumn32(K32, n, m, j, fh, gj, inv);
        absorptions32++;
      }
      if (rescaled) scaleColumns32(K32, n, m, colScale);
      pending = false;
    }
    if (k == maxIter) break;
    for (let j = 0; j < m; j++) store<f32>(v32 + (<usize>j << 2), <f32>at(v, j));
    memory.fill(t, 0, <usize>m << 3);
    memory.fill(t32, 0, <usize>m << 2);
    haveG32 = false;
    haveGhs32 = false;
    rowErr32 = 0;
    // rows four at a time, i + k q for k = 0..3 (q = n/4): four memory streams (see
    // sinkhorn-scaling.ts); t32 gathers 16 rows in float32 before each flush to float64
    const stride = <usize>m << 2;
    const q = n >> 2, far = <usize>q * stride;
    for (let i = 0; i < q; i++) {
      const r0 = K32 + <usize>i * stride, r1 = r0 + far, r2 = r1 + far, r3 = r2 + far;
      dot4_f32(r0, far, v32, m, w4);
      const c0 = rowUpdate32(C32, K32, m, i, <f64>load<f32>(w4), fh, gh, u, v, a, epsLogA, eps, inv, tauA, c1A, balancedA, omega, gg, e, crow, ghs);
      const c1 = rowUpdate32(C32, K32, m, i + q, <f64>load<f32>(w4, 4), fh, gh, u, v, a, epsLogA, eps, inv, tauA, c1A, balancedA, omega, gg, e, crow, ghs);
      const c2 = rowUpdate32(C32, K32, m, i + 2 * q, <f64>load<f32>(w4, 8), fh, gh, u, v, a, epsLogA, eps, inv, tauA, c1A, balancedA, omega, gg, e, crow, ghs);
      const c3 = rowUpdate32(C32, K32, m, i + 3 * q, <f64>load<f32>(w4, 12), fh, gh, u, v, a, epsLogA, eps, inv, tauA, c1A, balancedA, omega, gg, e, crow, ghs);
      axpy4_f32(c0, c1, c2, c3, r0, r1, r2, r3, t32, m);
      if ((i + 1) % (FLUSH_ROWS / 4) == 0) flushF32(t32, t, m);
    }
    for (let i = 4 * q; i < n; i++) {
      const krow = K32 + <usize>i * stride;
      const c = rowUpdate32(C32, K32, m, i, <f64>dot_f32(krow, v32, m), fh, gh, u, v, a, epsLogA, eps, inv, tauA, c1A, balancedA, omega, gg, e, crow, ghs);
      axpy_f32(c, krow, t32, m);
    }
    flushF32(t32, t, m);
    let err: f64 = rowErr32;
    if (param(params, P_INV_RHO_B) == 0) {
      for (let j = 0; j < m; j++) err += abs(at(v, j) * at(t, j) - at(b, j));
    } else {
      for (let j = 0; j < m; j++) put(gg, j, at(gh, j) + eps * logF64(at(v, j)));
      for (let j = 0; j < m; j++) put(e, j, at(v, j) * at(t, j));
      err += columnError(e, gg, b, epsLogB, m, params);
    }
    setStatus(st, S_ITERATIONS, status(st, S_ITERATIONS) + 1);
    setStatus(st, S_ERROR, err);
    if (err <= tol) {
      setStatus(st, S_CONVERGED, 1);
      break;
    }
    pending = true;
    if (k + 1 == maxIter) {
      setStatus(st, S_PENDING, 1);
      break;
    }
  }
  setStatus(st, S_RESCUES, status(st, S_RESCUES) + <f64>rowRescues);
  setStatus(st, S_ABSORPTIONS, <f64>absorptions32);
}
