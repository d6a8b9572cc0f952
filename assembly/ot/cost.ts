// Cost rows for the online (matrix-free) Sinkhorn: C_ij computed from the point sets when the
// n x m matrix is not stored, with the row kernel of core/distances.ts, so online and stored
// costs are bit-identical.

import { distanceRowBlock, METRIC_CITYBLOCK, METRIC_EUCLIDEAN } from '../core/distances';
import { convert_f32_f64, convert_f64_f32 } from '../core/convert';

/** out[j] = cost(x_i, y_j) for j < m (the row of pairwise_f64, same arithmetic). */
export function costRow(x: usize, i: i32, yT: usize, m: i32, d: i32, metric: i32, out: usize): void {
  distanceRowBlock(x, i, yT, m, d, metric, out, 0, m);
}

/** One cost entry C_ij from the points (same arithmetic as costRow). */
export function costEntry(x: usize, i: i32, yT: usize, j: i32, m: i32, d: i32, metric: i32): f64 {
  let s: f64 = 0;
  for (let k = 0; k < d; k++) {
    const t = load<f64>(x + ((<usize>i * <usize>d + <usize>k) << 3)) - load<f64>(yT + ((<usize>k * <usize>m + <usize>j) << 3));
    s += metric == METRIC_CITYBLOCK ? abs(t) : t * t;
  }
  return metric == METRIC_EUCLIDEAN ? sqrt<f64>(s) : s;
}

// The cost source of the running kernel: a stored row-major matrix (float64, or float32 in the
// float32 mode: costC32 != 0) or the point sets. Module globals (wasm globals), set at kernel
// entry: kernels never allocate.
let costC: usize = 0;
let costC32: usize = 0;
let costX: usize = 0;
let costYT: usize = 0;
let costD: i32 = 0;
let costMetric: i32 = 0;
let costM: i32 = 0;
/** Costs computed from points are rounded to float32 (the float32 mode's values). */
let costRound32: bool = false;

/** Use the stored n x m row-major matrix C. */
export function useCostMatrix(C: usize, m: i32): void {
  costC = C;
  costC32 = 0;
  costM = m;
}

/** Use the stored n x m row-major float32 matrix C32 (rows are widened to float64 on demand). */
export function useCostMatrix32(C32: usize, m: i32): void {
  costC = 0;
  costC32 = C32;
  costM = m;
}

/** Compute costs from x (n x d) and yT (d x m) with the given metric. */
export function useCostPoints(x: usize, yT: usize, m: i32, d: i32, metric: i32, round32: bool): void {
  costRound32 = round32;
  costC = 0;
  costC32 = 0;
  costX = x;
  costYT = yT;
  costM = m;
  costD = d;
  costMetric = metric;
}

/** Address of row i of C: the stored row, or `buf` (m float64) filled from the points. */
export function costRowAt(i: i32, buf: usize): usize {
  if (costC != 0) return costC + ((<usize>i * <usize>costM) << 3);
  if (costC32 != 0) {
    convert_f32_f64(costC32 + ((<usize>i * <usize>costM) << 2), buf, costM);
    return buf;
  }
  costRow(costX, i, costYT, costM, costD, costMetric, buf);
  if (costRound32) for (let j = 0; j < costM; j++) store<f64>(buf + (<usize>j << 3), <f64><f32>load<f64>(buf + (<usize>j << 3)));
  return buf;
}

/**
 * Address of row i of C in float32: the stored float32 row, or `buf` (m float32) filled from
 * the points (computed in float64 like costRow, then rounded: the same values a stored float32
 * matrix holds). buf64: m float64 of scratch.
 */
export function costRow32At(i: i32, buf: usize, buf64: usize): usize {
  if (costC32 != 0) return costC32 + ((<usize>i * <usize>costM) << 2);
  // points: one rounding of the float64 row (rounding twice, through costRowAt's float32
  // values, gives the same numbers and cost two scalar passes per row, more than the exps)
  let row = buf64;
  if (costC != 0) row = costC + ((<usize>i * <usize>costM) << 3);
  else costRow(costX, i, costYT, costM, costD, costMetric, buf64);
  convert_f64_f32(row, buf, costM);
  return buf;
}

/** C_ij. */
export function costAt(i: i32, j: i32): f64 {
  if (costC != 0) return load<f64>(costC + ((<usize>i * <usize>costM + <usize>j) << 3));
  if (costC32 != 0) return <f64>load<f32>(costC32 + ((<usize>i * <usize>costM + <usize>j) << 2));
  const v = costEntry(costX, i, costYT, j, costM, costD, costMetric);
  return costRound32 ? <f64><f32>v : v;
}
