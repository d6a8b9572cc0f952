/**
 * Polynomial classification (the polyreg classifier of Cheng, Khomtchouk, Matloff & Mohanty,
 * "Polynomial regression as an alternative to neural nets", 2018): the monomial features of
 * polyRegression fed to a penalised logistic regression (binary, or multinomial for more than
 * two classes) solved by the coordinate-descent family.
 */

import { fail } from '../engine/errors.js';
import { assertFinite, optionKeys, optionsObject, toMatrix, type Matrix, type Vector } from '../engine/inputs.js';
import { LOGISTIC_KEYS, logisticRegression, type ClassifierFit, type LogisticOptions } from '../bcd/logistic.js';
import { expand, powersOf } from './features.js';
import { featureScales, modelDegrees, monomialScales, regressionTerms } from './regression.js';

/** Options of {@link polyClassifier}: the polynomial model plus logisticRegression's. */
export interface PolyClassifierOptions extends LogisticOptions {
  /** Largest total degree of a term (>= 1). */
  degree: number;
  /** Largest total degree of an interaction term (as polyRegression). Default `degree`. */
  maxInteractionDegree?: number;
}

export const POLY_CLASSIFIER_KEYS = optionKeys<PolyClassifierOptions>()('degree', 'maxInteractionDegree', ...LOGISTIC_KEYS);

/** A fitted polynomial classifier: a {@link ClassifierFit} over the monomial terms. */
export interface PolyClassifier extends ClassifierFit {
  /** Exponent vector of each term (no intercept term: the classifier fits its own). */
  powers: number[][];
  /** k x terms row-major, for the raw monomials (k = 1 for two classes). */
  coef: Float64Array;
}

/**
 * Classifies with a logistic model on polynomial features: all monomials of the features up
 * to `degree` (interactions capped by maxInteractionDegree, no powers above 1 of 0/1 features),
 * each feature first divided by its largest |value| so every monomial is O(1) and the penalty
 * treats them alike. The penalty (default 'l2', C = 1, as logisticRegression) applies to the
 * coefficients of those scaled monomials; `coef` reports them for the raw monomials.
 *
 * Complexity: O(n m) to build the m features, then logisticRegression's cost on n x m.
 * @example
 * // two interleaved half-moons are not linearly separable; degree 3 separates them
 * const clf = polyClassifier(X, labels, { degree: 3, C: 10 });
 * clf.predict(Xtest);
 */
export function polyClassifier(X: Matrix, y: Vector, options: PolyClassifierOptions): PolyClassifier {
  const o = optionsObject('options', options, POLY_CLASSIFIER_KEYS);
  if (typeof o.degree === 'number' && o.degree < 1) fail('INVALID_ARGUMENT', `options.degree must be >= 1 for a classifier (degree 0 has no features), got ${o.degree}`);
  const { degree, cap } = modelDegrees(o);
  const M = toMatrix('X', X);
  const { rows: n, cols: p } = M;
  if (n === 0 || p === 0) fail('EMPTY_INPUT', `X must have at least one row and one column, got ${n} x ${p}`);
  assertFinite('X', M.data, p);
  const { scale, binary } = featureScales(M.data, n, p);
  const terms = regressionTerms(p, degree, cap, binary);
  const powers = terms.map((t) => powersOf(t, p));
  const colScale = monomialScales(powers, scale);
  const features = (Q: { data: ArrayLike<number>; rows: number }): Matrix => {
    const scaled = Float64Array.from(Q.data, (v, k) => v / scale[k % p]);
    return { data: expand(scaled, Q.rows, p, terms, false), rows: Q.rows, cols: terms.length };
  };
  const { degree: _d, maxInteractionDegree: _c, ...logistic } = o;
  const fit = logisticRegression(features(M), y, logistic);
  const m = terms.length;
  const coef = Float64Array.from(fit.coef, (c, q) => c / colScale[q % m]);
  const query = (Xq: Matrix): Matrix => {
    const Q = toMatrix('X', Xq);
    if (Q.rows === 0) return { data: new Float64Array(0), rows: 0, cols: terms.length };
    if (Q.cols !== p) fail('SHAPE_MISMATCH', `X must have ${p} columns (the training features), got ${Q.cols}`);
    assertFinite('X', Q.data, p);
    return features(Q);
  };
  return {
    classes: fit.classes, powers, coef, intercept: fit.intercept, iterations: fit.iterations, converged: fit.converged,
    predict: (Xq) => fit.predict(query(Xq)),
    predictProba: (Xq) => fit.predictProba(query(Xq)),
  };
}
