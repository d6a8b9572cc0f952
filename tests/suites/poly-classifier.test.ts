// polyClassifier against scikit-learn's pipeline MaxAbsScaler -> PolynomialFeatures(include_bias
// = False) -> LogisticRegression (tests/fixtures/poly/make_classifier_fixtures.py, tol 1e-12).
import * as assert from 'uvu/assert';
import { polyClassifier, polyFeatures } from 'simdnum';
import { forEachBackend } from '../harness/backends.js';
import { throwsCode } from '../harness/assert.js';
import { logisticObjective } from '../reference/bcd.js';
import classifierFile from '../fixtures/poly/classifier.json';

interface ClassifierCase {
  name: string;
  degree: number;
  C: number;
  penalty: 'l1' | 'l2';
  X: number[][];
  y: number[];
  classes: number[];
  objective: number;
  coef_scaled: number[][];
  proba: number[][];
}
const cases = classifierFile.cases as ClassifierCase[];

/** The bars for the logistic family: objective 1e-9 relative, coefficients 1e-6 relative. */
const OBJ_REL = 1e-9, COEF_REL = 1e-6;

forEachBackend('polyClassifier vs scikit-learn', (test) => {
  test('objective, coefficients and probabilities', () => {
    for (const c of cases) {
      const fit = polyClassifier(c.X, c.y, { degree: c.degree, C: c.C, penalty: c.penalty, tol: 1e-12, maxIter: 500 });
      assert.ok(fit.converged, `${c.name}: not converged`);
      assert.equal(Array.from(fit.classes), c.classes);
      // scaled monomials, independently: max-abs scaling, then scikit-learn-order features
      const p = c.X[0].length;
      const scale = Array.from({ length: p }, (_, j) => Math.max(...c.X.map((r) => Math.abs(r[j]))));
      const F = polyFeatures(c.X.map((r) => r.map((v, j) => v / scale[j])), { degree: c.degree, includeBias: false });
      const m = F.cols;
      const colScale = F.powers.map((e) => e.reduce((s, k, j) => s * scale[j] ** k, 1));
      const scaled = Array.from(fit.coef, (v, q) => v * colScale[q % m]);
      const ref = c.coef_scaled.flat(), top = Math.max(...ref.map(Math.abs));
      const err = Math.max(...ref.map((v: number, q) => Math.abs(v - scaled[q])));
      assert.ok(err <= COEF_REL * top, `${c.name}: coefficient error ${err}`);
      const rows = Array.from({ length: F.rows }, (_, i) => Array.from(F.data.subarray(i * m, (i + 1) * m)));
      const label = c.y.map((v) => c.classes.indexOf(v));
      const obj = logisticObjective(rows, label, c.classes.length, scaled, fit.intercept, c.C, c.penalty === 'l1' ? 1 : 0).objective;
      assert.ok(Math.abs(obj - c.objective) <= OBJ_REL * c.objective, `${c.name}: objective ${obj} vs ${c.objective}`);
      const proba = fit.predictProba(c.X), refP = c.proba.flat();
      assert.ok(Math.max(...refP.map((v: number, q) => Math.abs(v - proba[q]))) <= COEF_REL, `${c.name}: probabilities`);
    }
  });

  test('bad input', () => {
    const X = [[0, 1], [1, 0], [1, 1]];
    throwsCode(() => polyClassifier(X, [0, 1, 1], { degree: 0 }), 'INVALID_ARGUMENT', 'degree');
    throwsCode(() => polyClassifier(X, [1, 1, 1], { degree: 2 }), 'INVALID_ARGUMENT', 'two classes');
    throwsCode(() => polyClassifier(X, [0, 1, 1], { degree: 2 }).predict([[1]]), 'SHAPE_MISMATCH', 'columns');
    throwsCode(() => polyClassifier([[0, NaN]], [0], { degree: 2 }), 'NOT_FINITE', 'X[0][1]');
  });
});
