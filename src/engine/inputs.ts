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

/**
 * The accepted keys of an options interface, written once next to it:
 * `export const FOO_KEYS = optionKeys<FooOptions>()('a', 'b')`. tsc checks the list is exactly
 * the interface's keys: a listed key it lacks is an error here, a key of it left out makes the
 * constant unusable as a key list (its type names the missing keys), so the runtime check below
 * and the types cannot drift apart.
 */
export const optionKeys = <T extends object>() =>
  <const K extends readonly (keyof T & string)[]>(...keys: K): [Exclude<keyof T & string, K[number]>] extends [never] ? K : { missingKeys: Exclude<keyof T & string, K[number]> } =>
    keys as never;

/**
 * What users of peer libraries (scikit-learn, scipy, numpy, POT, fast-kde, glmnet) write for an
 * option, mapped to ours; a suggestion is made only when the target is accepted at that call.
 */
const ALIASES = new Map<string, readonly string[]>(Object.entries({
  eps: ['epsilon'], reg: ['epsilon', 'ridge'], regm: ['unbalanced'], lambda: ['alpha', 'ridge'], bw: ['bandwidth'], bwmethod: ['bandwidth'],
  numitermax: ['maxIter'], stopthr: ['tol'], tolerance: ['tol'], w: ['weights'], sampleweight: ['weights'], randomstate: ['seed'],
  deg: ['degree', 'degrees'], bins: ['size'], cv: ['folds'], trans: ['transpose'],
}));

/** Lower case without '_' and '-': max_iter, maxiter and MaxIter all read as maxiter. */
const folded = (key: string) => key.toLowerCase().replace(/[_-]/g, '');

/** Optimal string alignment distance (edits plus adjacent transpositions). O(|a| |b|). */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/**
 * The accepted key an unknown one most likely meant: a known alias (eps -> epsilon), the same
 * key up to case and '_' (max_iter -> maxIter, c -> C), else the nearest within 2 edits that is
 * not a wholesale replacement (q is not taken for p).
 */
function closestKey(key: string, known: readonly string[]): string | undefined {
  const f = folded(key);
  const alias = ALIASES.get(f)?.find((k) => known.includes(k));
  if (alias) return alias;
  const same = known.find((k) => folded(k) === f);
  if (same) return same;
  let best: string | undefined, bestDistance = 3;
  for (const k of known) {
    const dist = editDistance(f, folded(k));
    if (dist < bestDistance && dist < Math.min(f.length, k.length)) [best, bestDistance] = [k, dist];
  }
  return best;
}

/**
 * Checks an options argument is an object (or undefined) whose own keys are all in `known`,
 * and returns it. An unknown key is refused whatever its value (a misspelt option would
 * otherwise be ignored and its default used in silence), naming the closest accepted key;
 * known keys may be undefined (the default). `known` comes from {@link optionKeys}.
 */
export function optionsObject<T extends object>(name: string, value: T | undefined, known: readonly string[]): Partial<T> {
  if (value === undefined) return {};
  if (value === null || typeof value !== 'object') fail('INVALID_ARGUMENT', `${name} must be an object, got ${describe(value)}`);
  for (const key of Object.keys(value)) {
    if (known.includes(key)) continue;
    const suggestion = closestKey(key, known);
    fail('INVALID_ARGUMENT', `${name}.${key} is not a known option${suggestion ? ` (did you mean ${name}.${suggestion}?)` : ''}; the accepted keys are ${known.join(', ')}`, { key, suggestion, accepted: known });
  }
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
