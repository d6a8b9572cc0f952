// Log-domain Sinkhorn in one fused pass per iteration (one exp per plan entry).
//
// Iteration (f first, then g): for each row i, e_ij = exp((f_i + g_j - C_ij)/eps) with the
// current f_i gives the row sum r_i (rows.ts, max-shifted where needed); the row update
//   f_i <- c1 eps log a_i - tau_a (eps log r_i - f_i)
// makes that row exact, and the same e_ij, scaled by exp((f_i,new - f_i)/eps), are added to the
// column sums s_j. So after the pass s = P^T 1 for the state (f_new, g): the stopping error
//   ||s - target||_1  (target = b for balanced problems; b exp(-(g - c2 eps log b)/rho_b) else)
// comes for free, and the column update g_j <- c1 eps log b_j - tau_b (eps log s_j - g_j)
// finishes the iteration. Where s_j under- or overflows, that column is recomputed with an exact
// max-shifted log-sum-exp over i. Nothing here can produce NaN or inf from finite inputs.
// (Cuturi 2013; log-domain form as POT sinkhorn_log / OTT lse_mode; unbalanced updates:
// Chizat, Peyre, Schmitzer & Vialard 2018, with the conventions of params.ts.)

import { axpy_f64 } from '../core/vector';
import { expF64 } from '../core/exp';
import { logF64 } from '../core/log';
import { costAt, costRowAt, useCostMatrix, useCostMatrix32, useCostPoints } from './cost';
import { expRow, passHi, passLo, passRange, resetRowRescues, rowRescues, rowShift, SAFE_HI, SAFE_LO } from './rows';
import {
  at, param, put, setStatus, status,
  P_C1_A, P_C1_B, P_C2_B, P_COST_MAX, P_EPS, P_INV_RHO_B, P_OMEGA, P_TAU_A, P_TAU_B, P_TOL,
  S_CONVERGED, S_ERROR, S_ITERATIONS, S_PENDING, S_RESCUES,
} from './params';

/**
 * Selects the cost source: the stored matrix when C != 0 (float32 when c32 != 0), else the
 * point sets (their costs rounded to float32 when c32 != 0).
 */
export function selectCost(C: usize, c32: i32, x: usize, yT: usize, m: i32, d: i32, metric: i32): void {
  if (C != 0) {
    if (c32 != 0) useCostMatrix32(C, m);
    else useCostMatrix(C, m);
  } else useCostPoints(x, yT, m, d, metric, c32 != 0);
}

/** ||s - target||_1 over the columns (see file comment). */
export function columnError(s: usize, g: usize, b: usize, epsLogB: usize, m: i32, params: usize): f64 {
  const invRho = param(params, P_INV_RHO_B), c2 = param(params, P_C2_B);
  let err: f64 = 0;
  for (let j = 0; j < m; j++) {
    let target = at(b, j);
    if (invRho != 0) target *= expF64(-(at(g, j) - c2 * at(epsLogB, j)) * invRho);
    err += abs(at(s, j) - target);
  }
  return err;
}

/** eps * LSE_i((f_i - C_ij) / eps) for one column, exactly (max-shifted). */
export function columnLse(f: usize, n: i32, j: i32, eps: f64): f64 {
  const inv = 1.0 / eps;
  let mx: f64 = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = (at(f, i) - costAt(i, j)) * inv;
    mx = mx < x ? x : mx;
  }
  if (mx - mx != 0) return mx * eps;
  let s: f64 = 0;
  for (let i = 0; i < n; i++) s += expF64((at(f, i) - costAt(i, j)) * inv - mx);
  return eps * (mx + logF64(s));
}

/**
 * g_j <- c1 eps log b_j - tau_b (eps log s_j - g_j), exact LSE where s_j is not safe;
 * over-relaxed: g_j + omega (that - g_j).
 */
export function updateColumns(s: usize, f: usize, g: usize, epsLogB: usize, n: i32, m: i32, params: usize): i32 {
  const eps = param(params, P_EPS), tau = param(params, P_TAU_B), c1 = param(params, P_C1_B);
  const omega = param(params, P_OMEGA);
  let rescues = 0;
  for (let j = 0; j < m; j++) {
    const sj = at(s, j);
    let lse: f64; // eps log s_j - g_j = eps LSE_i((f_i - C_ij)/eps)
    if (sj >= SAFE_LO && sj <= SAFE_HI) lse = eps * logF64(sj) - at(g, j);
    else {
      lse = columnLse(f, n, j, eps);
      rescues++;
    }
    const gj = at(g, j);
    put(g, j, gj + omega * (c1 * at(epsLogB, j) - tau * lse - gj));
  }
  return rescues;
}

/**
 * One fused row pass: updates every f_i and accumulates the column sums of the updated plan
 * into s (m). work: 2m float64 (row of e, and a cost row when computing from points).
 * Returns the rows' own violation sum |r_i - a_i| (balanced, over-relaxed; else 0: rows exact).
 */
export function rowPass(f: usize, g: usize, epsLogA: usize, n: i32, m: i32, params: usize, s: usize, work: usize, a: usize): f64 {
  const eps = param(params, P_EPS), inv = 1.0 / eps;
  const tau = param(params, P_TAU_A), c1 = param(params, P_C1_A), omega = param(params, P_OMEGA);
  let rowErr: f64 = 0;
  const e = work, crowBuf = work + (<usize>m << 3);
  memory.fill(s, 0, <usize>m << 3);
  passRange(g, m, param(params, P_COST_MAX), inv);
  const lo = passLo, hi = passHi;
  for (let i = 0; i < n; i++) {
    const crow = costRowAt(i, crowBuf);
    const fi = at(f, i);
    const r = expRow(crow, g, m, fi, inv, e, lo, hi);
    if (!(r > 0) || r == Infinity) continue; // no finite cost in this row: leave f_i (see expRow)
    const logr = rowShift + logF64(r);
    const fnew = fi + omega * (c1 * at(epsLogA, i) - tau * (eps * logr - fi) - fi);
    put(f, i, fnew);
    axpy_f64(expF64(rowShift + (fnew - fi) * inv), e, s, m);
    if (omega != 1) rowErr += abs(expF64(logr + (fnew - fi) * inv) - at(a, i));
  }
  return rowErr;
}

/** A fused row pass (float64 rowPass, or the float32 one of sinkhorn-log32.ts). */
export type RowPass = (f: usize, g: usize, epsLogA: usize, n: i32, m: i32, params: usize, s: usize, work: usize, a: usize) => f64;

/**
 * Runs up to maxIter log-domain iterations with the given row pass (see the file comment),
 * stopping when the column error of the row-exact state (plus the rows' error when
 * over-relaxed) is <= tol. State in f (n), g (m); s: m float64 kept between calls (the column
 * sums of a pending update).
 */
export function logIterations(
  pass: RowPass, n: i32, m: i32, f: usize, g: usize, a: usize, b: usize, epsLogA: usize, epsLogB: usize,
  params: usize, st: usize, s: usize, work: usize, maxIter: i32,
): void {
  resetRowRescues();
  const tol = param(params, P_TOL);
  let rescues = <i32>status(st, S_RESCUES);
  if (status(st, S_PENDING) != 0) rescues += updateColumns(s, f, g, epsLogB, n, m, params);
  setStatus(st, S_PENDING, 0);
  setStatus(st, S_CONVERGED, 0);
  for (let k = 0; k < maxIter; k++) {
    const rowErr = pass(f, g, epsLogA, n, m, params, s, work, a);
    const err = rowErr + columnError(s, g, b, epsLogB, m, params);
    setStatus(st, S_ITERATIONS, status(st, S_ITERATIONS) + 1);
    setStatus(st, S_ERROR, err);
    if (err <= tol) {
      setStatus(st, S_CONVERGED, 1);
      break;
    }
    if (k + 1 < maxIter) rescues += updateColumns(s, f, g, epsLogB, n, m, params);
    else setStatus(st, S_PENDING, 1);
  }
  setStatus(st, S_RESCUES, <f64>(rescues + rowRescues));
}

/**
 * Log-domain Sinkhorn in float64. C: the stored cost or 0 with x (n x d), yT (d x m), metric
 * for costs computed on the fly. work: 2m float64.
 */
export function sinkhorn_log_f64(
  C: usize, x: usize, yT: usize, d: i32, metric: i32, n: i32, m: i32,
  f: usize, g: usize, a: usize, b: usize, epsLogA: usize, epsLogB: usize,
  params: usize, st: usize, s: usize, work: usize, maxIter: i32,
): void {
  selectCost(C, 0, x, yT, m, d, metric);
  logIterations(rowPass, n, m, f, g, a, b, epsLogA, epsLogB, params, st, s, work, maxIter);
}

/**
 * Symmetric Sinkhorn for the self-transport problems of the Sinkhorn divergence (Feydy et al.
 * 2019, sec. 3; GeomLoss, OTT symmetric_sinkhorn): one potential p with
 *   p_i <- (p_i + eps log a_i - eps LSE_k((p_k - C_ik)/eps)) / 2,
 * the averaging removing the period-2 oscillation of the plain update. Stops when the marginal
 * error sum_i |r_i - a_i| of the current p is <= tol (p is then left unchanged).
 * a, epsLogA: n; pnew, work: n and 2n float64 of scratch.
 */
export function sinkhorn_symmetric_f64(
  C: usize, x: usize, yT: usize, d: i32, metric: i32, n: i32,
  p: usize, a: usize, epsLogA: usize, params: usize, st: usize, pnew: usize, work: usize, maxIter: i32,
): void {
  selectCost(C, 0, x, yT, n, d, metric);
  resetRowRescues();
  const eps = param(params, P_EPS), inv = 1.0 / eps, tol = param(params, P_TOL);
  const e = work, crowBuf = work + (<usize>n << 3);
  setStatus(st, S_CONVERGED, 0);
  for (let k = 0; k < maxIter; k++) {
    let err: f64 = 0;
    passRange(p, n, param(params, P_COST_MAX), inv);
    const lo = passLo, hi = passHi;
    for (let i = 0; i < n; i++) {
      const crow = costRowAt(i, crowBuf);
      const pi = at(p, i);
      const r = expRow(crow, p, n, pi, inv, e, lo, hi);
      const logr = rowShift + logF64(r);
      err += abs(expF64(logr) - at(a, i));
      put(pnew, i, pi + 0.5 * (at(epsLogA, i) - eps * logr));
    }
    setStatus(st, S_ITERATIONS, status(st, S_ITERATIONS) + 1);
    setStatus(st, S_ERROR, err);
    if (err <= tol) {
      setStatus(st, S_CONVERGED, 1);
      break;
    }
    memory.copy(p, pnew, <usize>n << 3);
  }
  setStatus(st, S_RESCUES, status(st, S_RESCUES) + <f64>rowRescues);
}
