// The transport plan and its totals from the potentials: P_ij = exp((f_i + g_j - C_ij)/eps).
// One pass gives what the results need: the plan itself (optional), <P, C> and the row and
// column sums (so the returned marginal error is measured on the returned plan, not estimated).
// sum P_ij log P_ij needs no pass of its own: log P_ij = (f_i + g_j - C_ij)/eps, so
// sum P log P = (sum_i f_i r_i + sum_j g_j c_j - <P, C>)/eps from the row sums r and column
// sums c (the same rounding as summing the exponents entry by entry: both form f_i + g_j - C_ij
// in float64). Row totals use two lanes (even and odd j) in both builds.

import { expF64 } from '../core/exp';
import { convert_f32_f64 } from '../core/convert';
import { costRowAt } from './cost';
import { expRow, rowShift } from './rows';
import { selectCost } from './sinkhorn-log';
import { at, put } from './params';

// Row totals of the last accumulateRow call (AssemblyScript functions return one value).
let rowMass: f64 = 0;
let rowCost: f64 = 0;

/**
 * For one row of plan entries p_j = (e_j * scale) * w_j: adds p into cols (when withCols),
 * stores the row into prow (when plan != 0), and sets rowMass = sum p, rowCost = sum p C_ij.
 * Two lanes (even and odd j) in both builds.
 */
function accumulateRow(e: usize, scale: f64, w: usize, crow: usize, m: i32, withCols: bool, cols: usize, plan: usize, prow: usize): void {
  let j = 0;
  let r0: f64 = 0, r1: f64 = 0, c0: f64 = 0, c1: f64 = 0;
  if (ASC_FEATURE_SIMD) {
    const sv = f64x2.splat(scale);
    let rv = f64x2.splat(0), cv = f64x2.splat(0);
    // four entries per step, the two vectors added in order (the same sums as two per step,
    // fewer address computations and interrupt checks in V8)
    for (; j + 4 <= m; j += 4) {
      const o = <usize>j << 3;
      const p = f64x2.mul(f64x2.mul(v128.load(e + o), sv), v128.load(w + o));
      const q = f64x2.mul(f64x2.mul(v128.load(e + o, 16), sv), v128.load(w + o, 16));
      rv = f64x2.add(f64x2.add(rv, p), q);
      cv = f64x2.add(f64x2.add(cv, f64x2.mul(p, v128.load(crow + o))), f64x2.mul(q, v128.load(crow + o, 16)));
      if (withCols) {
        v128.store(cols + o, f64x2.add(v128.load(cols + o), p));
        v128.store(cols + o, f64x2.add(v128.load(cols + o, 16), q), 16);
      }
      if (plan != 0) {
        v128.store(prow + o, p);
        v128.store(prow + o, q, 16);
      }
    }
    for (; j + 2 <= m; j += 2) {
      const o = <usize>j << 3;
      const p = f64x2.mul(f64x2.mul(v128.load(e + o), sv), v128.load(w + o));
      rv = f64x2.add(rv, p);
      cv = f64x2.add(cv, f64x2.mul(p, v128.load(crow + o)));
      if (withCols) v128.store(cols + o, f64x2.add(v128.load(cols + o), p));
      if (plan != 0) v128.store(prow + o, p);
    }
    r0 = f64x2.extract_lane(rv, 0); r1 = f64x2.extract_lane(rv, 1);
    c0 = f64x2.extract_lane(cv, 0); c1 = f64x2.extract_lane(cv, 1);
  } else {
    for (; j + 2 <= m; j += 2) {
      const o = <usize>j << 3;
      const p0 = (load<f64>(e + o) * scale) * load<f64>(w + o), p1 = (load<f64>(e + o, 8) * scale) * load<f64>(w + o, 8);
      r0 += p0; r1 += p1;
      c0 += p0 * load<f64>(crow + o); c1 += p1 * load<f64>(crow + o, 8);
      if (withCols) {
        store<f64>(cols + o, load<f64>(cols + o) + p0);
        store<f64>(cols + o, load<f64>(cols + o, 8) + p1, 8);
      }
      if (plan != 0) {
        store<f64>(prow + o, p0);
        store<f64>(prow + o, p1, 8);
      }
    }
  }
  let r = r0 + r1, rc = c0 + c1;
  for (; j < m; j++) {
    const o = <usize>j << 3;
    const p = (load<f64>(e + o) * scale) * load<f64>(w + o);
    r += p;
    rc += p * load<f64>(crow + o);
    if (withCols) store<f64>(cols + o, load<f64>(cols + o) + p);
    if (plan != 0) store<f64>(prow + o, p);
  }
  rowMass = r;
  rowCost = rc;
}

/** totals = [<P, C>, sum P log P] from <P, C>, the potentials and the marginals (see above). */
function putTotals(n: i32, m: i32, f: usize, g: usize, rows: usize, cols: usize, cost: f64, eps: f64, totals: usize): void {
  let fr: f64 = 0, gc: f64 = 0;
  for (let i = 0; i < n; i++) fr += at(f, i) * at(rows, i);
  for (let j = 0; j < m; j++) gc += at(g, j) * at(cols, j);
  put(totals, 0, cost);
  put(totals, 1, (fr + gc - cost) / eps);
}

/**
 * C: stored costs (float32 when c32 != 0) or 0 for x, yT, metric.
 * plan (n x m, or 0 to skip storing it), rows (n), cols (m): outputs; totals: [<P, C>,
 * sum P log P]. work: 3m float64. O(n m) exps.
 */
export function sinkhorn_plan_f64(
  C: usize, c32: i32, x: usize, yT: usize, d: i32, metric: i32, n: i32, m: i32,
  f: usize, g: usize, eps: f64, plan: usize, rows: usize, cols: usize, totals: usize, work: usize,
): void {
  selectCost(C, c32, x, yT, m, d, metric);
  const inv = 1.0 / eps;
  const e = work, crowBuf = work + (<usize>m << 3), ones = crowBuf + (<usize>m << 3);
  for (let j = 0; j < m; j++) put(ones, j, 1);
  memory.fill(cols, 0, <usize>m << 3);
  let cost: f64 = 0;
  for (let i = 0; i < n; i++) {
    const crow = costRowAt(i, crowBuf);
    expRow(crow, g, m, at(f, i), inv, e);
    accumulateRow(e, rowShift == 0 ? 1.0 : expF64(rowShift), ones, crow, m, true, cols, plan, plan + ((<usize>i * <usize>m) << 3));
    put(rows, i, rowMass);
    cost += rowCost;
  }
  putTotals(n, m, f, g, rows, cols, cost, eps, totals);
}

/**
 * The same outputs from the scaling method's state (stored float64 costs): P_ij =
 * (K_ij u_i) v_j, no exp. f, g: the potentials fh + eps log u, gh + eps log v. t: the column
 * sums sum_i u_i K_ij of the state's last pass (sinkhorn_scaling_f64), which ended with the row
 * update that set u and left v as it is: the column sums of this plan are v_j t_j, the same
 * products summed by columns (up to one rounding of the factor v_j), so the pass skips them.
 * Accumulating the columns here took 1.3 of 3.2 ms at n = m = 2000 (a load and a store of
 * cols per entry pair). t = 0: the last pass ran on the float32 copy of K, whose sums are not
 * this plan's; the columns are then accumulated here.
 */
export function sinkhorn_plan_scaling_f64(
  C: usize, K: usize, n: i32, m: i32, u: usize, v: usize, t: usize,
  f: usize, g: usize, eps: f64, plan: usize, rows: usize, cols: usize, totals: usize,
): void {
  const withCols = t == 0;
  if (withCols) memory.fill(cols, 0, <usize>m << 3);
  else for (let j = 0; j < m; j++) put(cols, j, at(v, j) * at(t, j));
  let cost: f64 = 0;
  for (let i = 0; i < n; i++) {
    const row = <usize>i * <usize>m << 3;
    accumulateRow(K + row, at(u, i), v, C + row, m, withCols, cols, plan, plan + row);
    put(rows, i, rowMass);
    cost += rowCost;
  }
  putTotals(n, m, f, g, rows, cols, cost, eps, totals);
}

/**
 * sinkhorn_plan_scaling_f64 for the float32 mode: the kernel K32 and the costs (selected by
 * the caller, float32) are widened to float64 row by row, then P_ij = (K_ij u_i) v_j in float64.
 * The plan is the one the iterations measured, and no exp is needed (recomputing it from the
 * potentials cost as much as building the float64 kernel). work: 2m float64.
 */
export function sinkhorn_plan_scaling_f32(
  C32: usize, K32: usize, n: i32, m: i32, u: usize, v: usize,
  f: usize, g: usize, eps: f64, plan: usize, rows: usize, cols: usize, totals: usize, work: usize,
): void {
  selectCost(C32, 1, 0, 0, m, 0, 0);
  const krow = work, crowBuf = work + (<usize>m << 3);
  memory.fill(cols, 0, <usize>m << 3);
  let cost: f64 = 0;
  for (let i = 0; i < n; i++) {
    convert_f32_f64(K32 + ((<usize>i * <usize>m) << 2), krow, m);
    accumulateRow(krow, at(u, i), v, costRowAt(i, crowBuf), m, true, cols, plan, plan + ((<usize>i * <usize>m) << 3));
    put(rows, i, rowMass);
    cost += rowCost;
  }
  putTotals(n, m, f, g, rows, cols, cost, eps, totals);
}

