/**
 * Log-sum-exp, `log(sum_k exp(v_k))`, computed as `m + log(sum_k exp(v_k - m))` with m the
 * maximum, so it neither overflows nor underflows to -inf while any term is finite.
 */

import { withEngine } from '../engine/call.js';
import { fail } from '../engine/errors.js';
import { optionKeys, optionsObject, toMatrix, toVector, type Matrix, type Vector } from '../engine/inputs.js';

/** Options of {@link logSumExp}. */
export interface LogSumExpOptions {
  /** For a matrix: 1 reduces each row (default), 0 reduces each column. */
  axis?: 0 | 1;
}

export const LOG_SUM_EXP_KEYS = optionKeys<LogSumExpOptions>()('axis');

/**
 * Log-sum-exp of a vector (a number), or of each row (axis 1) or column (axis 0) of a matrix.
 * Rows of -inf give -inf; NaN propagates. Float32 input runs in float32 (rows only; columns of
 * float32 input are computed in float64).
 *
 * Complexity O(size).
 * @example
 * logSumExp([1000, 1000])                  // 1000.6931471805599
 * logSumExp([[0, 0], [1, 1]], { axis: 1 }) // Float64Array [0.693…, 1.693…]
 */
export function logSumExp(x: Vector): number;
export function logSumExp(x: Matrix, options?: LogSumExpOptions): Float64Array | Float32Array;
export function logSumExp(x: Vector | Matrix, options?: LogSumExpOptions): number | Float64Array | Float32Array {
  const { axis = 1 } = optionsObject('options', options, LOG_SUM_EXP_KEYS);
  if (axis !== 0 && axis !== 1) fail('INVALID_ARGUMENT', `options.axis must be 0 or 1, got ${String(axis)}`);
  const isVector = x instanceof Float64Array || x instanceof Float32Array || (Array.isArray(x) && (x.length === 0 || typeof x[0] === 'number'));
  if (isVector) {
    const v = toVector('x', x);
    const out = reduceRows({ data: v, rows: 1, cols: v.length });
    return out[0];
  }
  const m = toMatrix('x', x);
  return axis === 1 ? reduceRows(m) : reduceCols(m);
}

function reduceRows(m: { data: Float64Array | Float32Array; rows: number; cols: number }): Float64Array | Float32Array {
  return withEngine(({ arena, kernels }) => {
    if (m.data instanceof Float32Array) {
      const p = arena.putF32(m.data), out = arena.allocF32(m.rows);
      kernels.logsumexp_rows_f32(p, m.rows, m.cols, out);
      return arena.takeF32(out, m.rows);
    }
    const p = arena.putF64(m.data), out = arena.allocF64(m.rows);
    kernels.logsumexp_rows_f64(p, m.rows, m.cols, out);
    return arena.takeF64(out, m.rows);
  });
}

function reduceCols(m: { data: Float64Array | Float32Array; rows: number; cols: number }): Float64Array {
  return withEngine(({ arena, kernels }) => {
    const p = arena.putF64(m.data), out = arena.allocF64(m.cols), work = arena.allocF64(m.cols);
    kernels.logsumexp_cols_f64(p, m.rows, m.cols, out, work);
    return arena.takeF64(out, m.cols);
  });
}
