/**
 * Choosing the degree by k-fold cross-validation: for each candidate degree, the mean squared
 * prediction error on held-out folds (1-D x through polyfit, rows of features through
 * polyRegression), folds drawn by a seeded shuffle.
 */

import { fail } from '../engine/errors.js';
import { optionKeys, optionsObject, toMatrix, toVector, type Matrix, type Vector } from '../engine/inputs.js';
import { argsort } from '../linalg/argsort.js';
import { randomUniform } from '../linalg/random.js';
import { polyfit } from './polyfit.js';
import { polyRegression } from './regression.js';
import { checkLongRunOptions, LONG_RUN_KEYS, throwIfAborted, type LongRunOptions } from '../engine/progress.js';

/** Options of {@link selectDegree}: onProgress reports fits done (error NaN), signal aborts between fits. */
export interface SelectDegreeOptions extends LongRunOptions {
  /** Candidate degrees (integers >= 0). */
  degrees: number[];
  /** Number of folds (2..n). Default 5. */
  folds?: number;
  /** Seed of the shuffle that assigns points to folds. Default 0. */
  seed?: number;
  /** For rows of features: the interaction cap of polyRegression. */
  maxInteractionDegree?: number;
}

export const SELECT_DEGREE_KEYS = optionKeys<SelectDegreeOptions>()('degrees', 'folds', 'seed', 'maxInteractionDegree', ...LONG_RUN_KEYS);

/**
 * k-fold cross-validated degree: scores[k] is the mean over folds of the mean squared error on
 * the held-out fold for degrees[k]; best is the degree with the lowest score (the smaller degree
 * on ties). A vector x fits 1-D polynomials (polyfit); a matrix fits polyRegression.
 *
 * Complexity O(folds sum_k cost(fit of degree k)).
 * @example
 * const { best, scores } = selectDegree(x, y, { degrees: [1, 2, 3, 4, 5], seed: 1 });
 */
export function selectDegree(X: Vector | Matrix, y: Vector, options: SelectDegreeOptions): { best: number; scores: Float64Array } {
  const o = optionsObject('options', options, SELECT_DEGREE_KEYS);
  checkLongRunOptions(o);
  const degrees = o.degrees;
  if (!Array.isArray(degrees) || degrees.length === 0 || degrees.some((d) => typeof d !== 'number' || !Number.isInteger(d) || d < 0)) {
    fail('INVALID_ARGUMENT', `options.degrees must be a non-empty array of integers >= 0, got ${JSON.stringify(degrees)}`);
  }
  const ys = toVector('y', y);
  const n = ys.length;
  const oneD = X instanceof Float64Array || X instanceof Float32Array || (Array.isArray(X) && (X.length === 0 || typeof X[0] === 'number'));
  const xs = oneD ? toVector('x', X) : null;
  const M = oneD ? null : toMatrix('X', X);
  const rowsX = oneD ? xs!.length : M!.rows;
  if (rowsX !== n) fail('SHAPE_MISMATCH', `X and y must have the same number of points, got ${rowsX} and ${n}`);
  const folds = o.folds ?? 5;
  if (typeof folds !== 'number' || !Number.isInteger(folds) || folds < 2 || folds > n) fail('INVALID_ARGUMENT', `options.folds must be an integer in [2, ${n}], got ${String(folds)}`);
  const order = argsort(randomUniform(n, { seed: o.seed ?? 0 }));
  const fold = new Int32Array(n);
  order.forEach((i, r) => (fold[i] = r % folds));
  const scores = new Float64Array(degrees.length);
  let fits = 0;
  degrees.forEach((degree, k) => {
    let total = 0;
    for (let f = 0; f < folds; f++, fits++) {
      throwIfAborted(o.signal, 'selectDegree', fits);
      const train: number[] = [], test: number[] = [];
      for (let i = 0; i < n; i++) (fold[i] === f ? test : train).push(i);
      const yTrain = train.map((i) => ys[i]);
      let pred: Float64Array;
      if (xs) {
        pred = polyfit(train.map((i) => xs[i]), yTrain, degree).predict(test.map((i) => xs[i]));
      } else {
        const p = M!.cols, rowsOf = (idx: number[]) => idx.map((i) => Array.from(M!.data.subarray(i * p, (i + 1) * p)));
        pred = polyRegression(rowsOf(train), yTrain, { degree, maxInteractionDegree: o.maxInteractionDegree, signal: o.signal }).predict(rowsOf(test));
      }
      let se = 0;
      test.forEach((i, t) => (se += (ys[i] - pred[t]) ** 2));
      total += se / test.length;
      o.onProgress?.({ iteration: fits + 1, error: NaN });
    }
    scores[k] = total / folds;
  });
  let best = 0;
  for (let k = 1; k < degrees.length; k++) if (scores[k] < scores[best] || (scores[k] === scores[best] && degrees[k] < degrees[best])) best = k;
  return { best: degrees[best], scores };
}
