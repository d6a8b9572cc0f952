// The transport plan and its totals from the potentials: P_ij = exp((f_i + g_j - C_ij)/eps).
// One pass gives what the results need: the plan itself (optional), <P, C>, sum P_ij log P_ij
// (log P_ij is the exponent, no log needed), and the row and column sums (so the returned
// marginal error is measured on the returned plan, not estimated). Row totals use two lanes
// (even and odd j) in both builds.

import { expF64 } from '../core/exp';
import { costRowAt } from './cost';
import { expRow, rowShift } from './rows';
import { selectCost } from './sinkhorn-log';
import { at, put } from './params';

// Row totals of the last accumulateRow call (AssemblyScript functions return one value).
let rowMass: f64 = 0;
let rowCost: f64 = 0;
let rowPlogp: f64 = 0;

/**
 * For one row of plan entries p_j = e_j * scale: adds p into cols, stores the row into prow
 * (when plan != 0), and sets rowMass = sum p, rowCost = sum p C_ij, rowPlogp = sum p log p with
 * log p = (f_i + g_j - C_ij) / eps. Two lanes (even and odd j) in both builds.
 */
function accumulateRow(e: usize, scale: f64, crow: usize, g: usize, fi: f64, inv: f64, m: i32, cols: usize, plan: usize, prow: usize): void {
  let j = 0;
  let r0: f64 = 0, r1: f64 = 0, c0: f64 = 0, c1: f64 = 0, l0: f64 = 0, l1: f64 = 0;
  if (ASC_FEATURE_SIMD) {
    const sv = f64x2.splat(scale), iv = f64x2.splat(inv), fv = f64x2.splat(fi);
    let rv = f64x2.splat(0), cv = f64x2.splat(0), lv = f64x2.splat(0);
    for (; j + 2 <= m; j += 2) {
      const o = <usize>j << 3;
      const p = f64x2.mul(v128.load(e + o), sv);
      const c = v128.load(crow + o);
      rv = f64x2.add(rv, p);
      cv = f64x2.add(cv, f64x2.mul(p, c));
      lv = f64x2.add(lv, f64x2.mul(p, f64x2.mul(f64x2.sub(f64x2.add(fv, v128.load(g + o)), c), iv)));
      v128.store(cols + o, f64x2.add(v128.load(cols + o), p));
      if (plan != 0) v128.store(prow + o, p);
    }
    r0 = f64x2.extract_lane(rv, 0); r1 = f64x2.extract_lane(rv, 1);
    c0 = f64x2.extract_lane(cv, 0); c1 = f64x2.extract_lane(cv, 1);
    l0 = f64x2.extract_lane(lv, 0); l1 = f64x2.extract_lane(lv, 1);
  } else {
    for (; j + 2 <= m; j += 2) {
      const o = <usize>j << 3;
      const p0 = load<f64>(e + o) * scale, p1 = load<f64>(e + o, 8) * scale;
      const k0 = load<f64>(crow + o), k1 = load<f64>(crow + o, 8);
      r0 += p0; r1 += p1;
      c0 += p0 * k0; c1 += p1 * k1;
      l0 += p0 * (((fi + load<f64>(g + o)) - k0) * inv);
      l1 += p1 * (((fi + load<f64>(g + o, 8)) - k1) * inv);
      store<f64>(cols + o, load<f64>(cols + o) + p0);
      store<f64>(cols + o, load<f64>(cols + o, 8) + p1, 8);
      if (plan != 0) {
        store<f64>(prow + o, p0);
        store<f64>(prow + o, p1, 8);
      }
    }
  }
  let r = r0 + r1, rc = c0 + c1, rl = l0 + l1;
  for (; j < m; j++) {
    const o = <usize>j << 3;
    const p = load<f64>(e + o) * scale, k = load<f64>(crow + o);
    r += p;
    rc += p * k;
    rl += p * (((fi + load<f64>(g + o)) - k) * inv);
    store<f64>(cols + o, load<f64>(cols + o) + p);
    if (plan != 0) store<f64>(prow + o, p);
  }
  rowMass = r;
  rowCost = rc;
  rowPlogp = rl;
}

/**
 * C: stored costs (float32 when c32 != 0) or 0 for x, yT, metric.
 * plan (n x m, or 0 to skip storing it), rows (n), cols (m): outputs; totals: [<P, C>,
 * sum P log P]. work: 2m float64. O(n m) exps.
 */
export function sinkhorn_plan_f64(
  C: usize, c32: i32, x: usize, yT: usize, d: i32, metric: i32, n: i32, m: i32,
  f: usize, g: usize, eps: f64, plan: usize, rows: usize, cols: usize, totals: usize, work: usize,
): void {
  selectCost(C, c32, x, yT, m, d, metric);
  const inv = 1.0 / eps;
  const e = work, crowBuf = work + (<usize>m << 3);
  memory.fill(cols, 0, <usize>m << 3);
  let cost: f64 = 0, plogp: f64 = 0;
  for (let i = 0; i < n; i++) {
    const crow = costRowAt(i, crowBuf);
    const fi = at(f, i);
    expRow(crow, g, m, fi, inv, e);
    accumulateRow(e, rowShift == 0 ? 1.0 : expF64(rowShift), crow, g, fi, inv, m, cols, plan, plan + ((<usize>i * <usize>m) << 3));
    put(rows, i, rowMass);
    cost += rowCost;
    plogp += rowPlogp;
  }
  put(totals, 0, cost);
  put(totals, 1, plogp);
}

/**
 * The same outputs from the scaling method's state (stored float64 costs): P_ij =
 * u_i K_ij v_j, no exp. f, g: the potentials fh + eps log u, gh + eps log v. work: m float64.
 */
export function sinkhorn_plan_scaling_f64(
  C: usize, K: usize, n: i32, m: i32, u: usize, v: usize,
  f: usize, g: usize, eps: f64, plan: usize, rows: usize, cols: usize, totals: usize, work: usize,
): void {
  const inv = 1.0 / eps;
  memory.fill(cols, 0, <usize>m << 3);
  let cost: f64 = 0, plogp: f64 = 0;
  for (let i = 0; i < n; i++) {
    const row = <usize>i * <usize>m << 3;
    const ui = at(u, i);
    let j = 0;
    if (ASC_FEATURE_SIMD) {
      const uv = f64x2.splat(ui);
      for (; j + 2 <= m; j += 2) {
        const o = <usize>j << 3;
        v128.store(work + o, f64x2.mul(f64x2.mul(uv, v128.load(K + row + o)), v128.load(v + o)));
      }
    }
    for (; j < m; j++) put(work, j, (ui * load<f64>(K + row + (<usize>j << 3))) * at(v, j));
    accumulateRow(work, 1.0, C + row, g, at(f, i), inv, m, cols, plan, plan + row);
    put(rows, i, rowMass);
    cost += rowCost;
    plogp += rowPlogp;
  }
  put(totals, 0, cost);
  put(totals, 1, plogp);
}
