/**
 * Polynomial feature expansion in scikit-learn's PolynomialFeatures order, and the term sets of
 * polynomial regression (polyreg's rules: interaction caps, no powers of 0/1 columns).
 *
 * Order: the bias first, then by total degree, and within a degree in
 * itertools.combinations_with_replacement order of the feature indices (combinations without
 * replacement when interaction-only): 1, a, b, a^2, ab, b^2, a^3, ...
 */

import { fail } from '../engine/errors.js';
import { assertFinite, optionKeys, optionsObject, toMatrix, type Matrix } from '../engine/inputs.js';

/** A term: the sorted multiset of feature indices (a^2 b = [0, 0, 1]). */
export type Term = number[];

/**
 * Terms of total degree lo..hi over p features in scikit-learn order (without the bias).
 * `keep` filters terms (applied to each generated term; children are generated regardless).
 */
export function termsInOrder(p: number, lo: number, hi: number, interactionOnly: boolean, keep: (t: Term) => boolean = () => true): Term[] {
  const out: Term[] = [];
  const walk = (prefix: Term, start: number, left: number) => {
    if (left === 0) {
      if (keep(prefix)) out.push(prefix.slice());
      return;
    }
    for (let j = start; j < p; j++) {
      prefix.push(j);
      walk(prefix, interactionOnly ? j + 1 : j, left - 1);
      prefix.pop();
    }
  };
  for (let d = Math.max(lo, 1); d <= hi; d++) walk([], 0, d);
  return out;
}

/** Exponent vector of a term over p features. */
export const powersOf = (t: Term, p: number): number[] => {
  const e = new Array<number>(p).fill(0);
  for (const j of t) e[j]++;
  return e;
};

/**
 * Columns of the expansion for rows X (n x p row-major), one term per column, built
 * incrementally: each term is its prefix term times one feature (a single multiply per entry).
 * Returns the n x m row-major matrix. O(n m).
 */
export function expand(X: ArrayLike<number>, n: number, p: number, terms: Term[], bias: boolean): Float64Array {
  const m = terms.length + (bias ? 1 : 0);
  const out = new Float64Array(n * m);
  const index = new Map<string, number>();
  const parents = terms.map((t, k) => {
    index.set(t.join(','), k);
    return t.length > 1 ? index.get(t.slice(0, -1).join(',')) ?? -1 : -1;
  });
  const off = bias ? 1 : 0;
  for (let i = 0; i < n; i++) {
    const row = i * m, x = i * p;
    if (bias) out[row] = 1;
    for (let k = 0; k < terms.length; k++) {
      const t = terms[k], last = X[x + t[t.length - 1]];
      if (t.length === 1) out[row + off + k] = last;
      else if (parents[k] >= 0) out[row + off + k] = out[row + off + parents[k]] * last;
      else {
        // the prefix was filtered out of the set: multiply from scratch
        let v = 1;
        for (const j of t) v *= X[x + j];
        out[row + off + k] = v;
      }
    }
  }
  return out;
}

/** Options of {@link polyFeatures}. */
export interface PolyFeaturesOptions {
  /** Largest total degree, or [min, max] (scikit-learn's tuple). */
  degree: number | [number, number];
  /** Only products of distinct features (no powers). Default false. */
  interactionOnly?: boolean;
  /** Include the constant column first. Default true. */
  includeBias?: boolean;
}

export const POLY_FEATURES_KEYS = optionKeys<PolyFeaturesOptions>()('degree', 'interactionOnly', 'includeBias');

/**
 * Polynomial features of X (n x p): every monomial of total degree min..max (and the constant),
 * in scikit-learn PolynomialFeatures column order; `powers[k]` is column k's exponent vector
 * (scikit-learn's powers_). C(p + d, d) columns for degree d with the bias.
 *
 * Complexity O(n C(p + d, d)).
 * @example
 * polyFeatures([[2, 3]], { degree: 2 }).data // [1, 2, 3, 4, 6, 9]: 1, a, b, a^2, ab, b^2
 */
export function polyFeatures(X: Matrix, options: PolyFeaturesOptions): { data: Float64Array; rows: number; cols: number; powers: number[][] } {
  const o = optionsObject('options', options, POLY_FEATURES_KEYS);
  const { lo, hi } = degreeRange(o.degree);
  const interactionOnly = o.interactionOnly ?? false, includeBias = o.includeBias ?? true;
  if (typeof interactionOnly !== 'boolean') fail('INVALID_ARGUMENT', 'options.interactionOnly must be a boolean');
  if (typeof includeBias !== 'boolean') fail('INVALID_ARGUMENT', 'options.includeBias must be a boolean');
  if (hi === 0 && !includeBias) fail('INVALID_ARGUMENT', 'degree 0 without the bias column gives no features: set includeBias or a degree >= 1');
  const M = toMatrix('X', X);
  assertFinite('X', M.data, M.cols);
  const terms = termsInOrder(M.cols, lo, hi, interactionOnly);
  const bias = includeBias;
  const data = expand(M.data, M.rows, M.cols, terms, bias);
  const powers = [...(bias ? [new Array<number>(M.cols).fill(0)] : []), ...terms.map((t) => powersOf(t, M.cols))];
  return { data, rows: M.rows, cols: powers.length, powers };
}

/** Validates a degree or [min, max] range. */
export function degreeRange(degree: unknown): { lo: number; hi: number } {
  const ok = (d: unknown): d is number => typeof d === 'number' && Number.isInteger(d) && d >= 0 && d <= 100;
  if (ok(degree)) return { lo: 0, hi: degree };
  if (Array.isArray(degree) && degree.length === 2 && ok(degree[0]) && ok(degree[1]) && degree[0] <= degree[1]) return { lo: degree[0], hi: degree[1] };
  return fail('INVALID_ARGUMENT', `options.degree must be an integer in [0, 100] or [min, max] with min <= max, got ${JSON.stringify(degree)}`);
}
