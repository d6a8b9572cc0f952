/**
 * Input checking and normalisation shared by every API function. Shapes are checked, never
 * guessed; every message names the argument, what was expected and what was given.
 */

import { describe, fail } from './errors.js';

/** A vector argument: typed arrays are used as they are, number[] is copied to Float64Array. */
export type Vector = Float64Array | Float32Array | number[];

/** A matrix argument: an array of rows, or row-major data with its shape. */
export type Matrix = number[][] | { data: Float64Array | Float32Array | number[]; rows: number; cols: number };

/** A row-major matrix with typed data, as every function returns them. */
export interface DenseMatrix<T extends Float64Array | Float32Array = Float64Array | Float32Array> {
  data: T;
  rows: number;
  cols: number;
}

/** The data as float64: itself when it already is (callers only read it), else a widened copy. */
export const asFloat64 = (data: Float64Array | Float32Array): Float64Array => (data instanceof Float64Array ? data : new Float64Array(data));

/** Checks and normalises a vector argument. */
export function toVector(name: string, value: unknown): Float64Array | Float32Array {
  if (value instanceof Float64Array || value instanceof Float32Array) return value;
  if (Array.isArray(value)) {
    const out = new Float64Array(value.length);
    for (let i = 0; i < value.length; i++) {
      const v = value[i];
      if (typeof v !== 'number') fail('INVALID_ARGUMENT', `${name}[${i}] must be a number, got ${describe(v)}`);
      out[i] = v;
    }
    return out;
  }
  return fail('INVALID_ARGUMENT', `${name} must be a Float64Array, a Float32Array or an array of numbers, got ${describe(value)}`);
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}

/** Checks and normalises a matrix argument. */
export function toMatrix(name: string, value: unknown): DenseMatrix {
  if (Array.isArray(value)) {
    const rows = value.length;
    const first = value[0];
    if (rows > 0 && !Array.isArray(first) && !ArrayBuffer.isView(first)) {
      fail('INVALID_ARGUMENT', `${name} must be an array of rows (number[][]) or { data, rows, cols }, got an array whose first element is ${describe(first)}`);
    }
    const cols = rows > 0 ? (first as ArrayLike<number>).length : 0;
    const data = new Float64Array(rows * cols);
    for (let i = 0; i < rows; i++) {
      const row = value[i] as ArrayLike<number>;
      if (!row || typeof row.length !== 'number') fail('INVALID_ARGUMENT', `${name}[${i}] must be an array of numbers, got ${describe(row)}`);
      if (row.length !== cols) fail('SHAPE_MISMATCH', `${name} must be rectangular: row 0 has ${cols} entries, row ${i} has ${row.length}`);
      for (let j = 0; j < cols; j++) {
        const v = row[j];
        if (typeof v !== 'number') fail('INVALID_ARGUMENT', `${name}[${i}][${j}] must be a number, got ${describe(v)}`);
        data[i * cols + j] = v;
      }
    }
    return { data, rows, cols };
  }
  if (value !== null && typeof value === 'object' && 'data' in value) {
    const { data, rows, cols } = value as { data: unknown; rows: unknown; cols: unknown };
    if (!isCount(rows) || !isCount(cols)) {
      fail('INVALID_ARGUMENT', `${name}.rows and ${name}.cols must be non-negative integers, got ${describe(rows)} and ${describe(cols)}`);
    }
    const typed = toVector(`${name}.data`, data);
    if (typed.length !== rows * cols) {
      fail('SHAPE_MISMATCH', `${name}.data has ${typed.length} values but rows * cols = ${rows} * ${cols} = ${rows * cols}`);
    }
    return { data: typed, rows, cols };
  }
  return fail('INVALID_ARGUMENT', `${name} must be an array of rows (number[][]) or { data, rows, cols }, got ${describe(value)}`);
}

/** Throws NOT_FINITE naming the first NaN or infinite entry. O(n). */
export function assertFinite(name: string, data: ArrayLike<number>, cols = 0): void {
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (v - v !== 0) {
      const where = cols > 0 ? `[${Math.floor(i / cols)}][${i % cols}]` : `[${i}]`;
      fail('NOT_FINITE', `${name}${where} is ${v}; all values must be finite`);
    }
  }
}

/** Throws EMPTY_INPUT when n is 0. */
export function assertNonEmpty(name: string, n: number): void {
  if (n === 0) fail('EMPTY_INPUT', `${name} is empty; at least one value is needed`);
}

/** Checks an options argument is an object (or undefined) and returns it. */
export function optionsObject<T extends object>(name: string, value: T | undefined): Partial<T> {
  if (value === undefined) return {};
  if (value === null || typeof value !== 'object') fail('INVALID_ARGUMENT', `${name} must be an object, got ${describe(value)}`);
  return value;
}

/** Checks a value is one of the allowed strings. */
export function oneOf<T extends string>(name: string, value: unknown, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!allowed.includes(value as T)) {
    fail('INVALID_ARGUMENT', `${name} must be one of ${allowed.map((a) => `'${a}'`).join(', ')}, got ${describe(value)}`);
  }
  return value as T;
}

/** Bounds and default for {@link finiteNumber}. */
export interface NumberRule {
  /** Used when the value is undefined; without it the value is required. */
  fallback?: number;
  min?: number;
  max?: number;
  /** The minimum itself is not allowed. */
  exclusiveMin?: boolean;
}

/** Checks a finite number within bounds and returns it (or the fallback when undefined). */
export function finiteNumber(name: string, value: unknown, rule: NumberRule = {}): number {
  const { fallback, min, max, exclusiveMin } = rule;
  if (value === undefined) {
    if (fallback === undefined) fail('INVALID_ARGUMENT', `${name} is required`);
    return fallback;
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) fail('INVALID_ARGUMENT', `${name} must be a finite number, got ${describe(value)}`);
  if (min !== undefined && (exclusiveMin ? value <= min : value < min)) {
    fail('INVALID_ARGUMENT', `${name} must be ${exclusiveMin ? '>' : '>='} ${min}, got ${value}`);
  }
  if (max !== undefined && value > max) fail('INVALID_ARGUMENT', `${name} must be <= ${max}, got ${value}`);
  return value;
}

/** Checks a non-negative integer and returns it, or the fallback if undefined. */
export function countOption(name: string, value: unknown, fallback: number, min = 0): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    fail('INVALID_ARGUMENT', `${name} must be an integer >= ${min}, got ${describe(value)}`);
  }
  return value;
}

/** True when every argument is a Float32Array: float32 kernels are used only then. */
export function allFloat32(...arrays: (Float64Array | Float32Array)[]): boolean {
  return arrays.every((a) => a instanceof Float32Array);
}
