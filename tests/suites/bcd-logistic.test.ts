// logisticRegression against scikit-learn 1.2.1 LogisticRegression(solver='saga', tol=1e-12)
// on breast cancer (binary: L1, L2, elastic net, with and without intercept) and iris / wine
// (multinomial), plus KKT conditions recomputed in plain TS (tests/reference/bcd.ts).
import * as assert from 'uvu/assert';
import { logisticRegression } from 'simdnum';
import { forEachBackend } from '../harness/backends.js';
import { logregSets } from '../harness/bcd-fixtures.js';
import { logisticKkt, logisticObjective } from '../reference/bcd.js';

/** Our tol: violation <= 1e-12 of its starting value, i.e. optimal to ~1e-12 relative. */
const TOL = 1e-12;
/** The bars: objectives to 1e-9 relative, coefficients to 1e-6 relative. */
const OBJ_REL = 1e-9, COEF_REL = 1e-6;

forEachBackend('logisticRegression vs scikit-learn', (test) => {
  test('objective, coefficients, probabilities and optimality', () => {
    for (const set of logregSets) {
      const classes = [...new Set(set.y)].sort((a, b) => a - b), K = classes.length;
      const label = set.y.map((v) => classes.indexOf(v));
      for (const c of set.cases) {
        const what = `${set.name} ${c.name}`;
        const rho = c.penalty === 'l1' ? 1 : c.penalty === 'l2' ? 0 : (c.l1_ratio as number);
        const fit = logisticRegression(set.X, set.y, { penalty: c.penalty, C: c.C, l1Ratio: c.l1_ratio ?? undefined, fitIntercept: c.fit_intercept, tol: TOL, maxIter: 200 });
        assert.ok(fit.converged, `${what}: not converged`);
        assert.equal(Array.from(fit.classes), classes);
        const ref = logisticObjective(set.X, label, K, fit.coef, fit.intercept, c.C, rho);
        assert.ok(Math.abs(ref.objective - c.objective) <= OBJ_REL * c.objective, `${what}: objective ${ref.objective} vs ${c.objective}`);
        const refCoef = (c.coef as number[] | number[][]).flat();
        const top = Math.max(...refCoef.map(Math.abs));
        const err = Math.max(...refCoef.map((v, q) => Math.abs(v - fit.coef[q])));
        assert.ok(err <= COEF_REL * top, `${what}: coefficient error ${err} (largest ${top})`);
        // probabilities are invariant to the common intercept shift of multinomial models
        const proba = fit.predictProba(set.X.slice(0, 20));
        const refP = (c.predict_proba_first20 as number[] | number[][]).flat();
        const expectP = K === 2 && refP.length === 20 ? refP.flatMap((p1) => [1 - p1, p1]) : refP;
        assert.ok(Math.max(...expectP.map((v, q) => Math.abs(v - proba[q]))) <= COEF_REL, `${what}: probabilities`);
        // KKT: the solver stops at a violation <= 1e-12 of its start (<= C sum_i |x_ij|); the
        // independent recomputation adds rounding of n-term sums, ~1e-13 of the same scale
        const scale = c.C * Math.max(...set.X[0].map((_, j) => set.X.reduce((s, row) => s + Math.abs(row[j]), 0)));
        const viol = logisticKkt(ref.grad, fit.coef, rho);
        assert.ok(viol <= 1e-10 * scale, `${what}: KKT violation ${viol}`);
        if (c.fit_intercept) assert.ok(Math.max(...ref.gradB.map(Math.abs)) <= 1e-10 * scale, `${what}: intercept gradient`);
        // predict picks the most probable class
        const pred = fit.predict(set.X.slice(0, 20));
        pred.forEach((v, i) => {
          const row = Array.from(proba.subarray(i * K, (i + 1) * K));
          assert.is(v, classes[row.indexOf(Math.max(...row))]);
        });
      }
    }
  });

  test('labels of any value; a constant and a zero column', () => {
    const set = logregSets[0];
    const y = set.y.map((v) => (v === 1 ? 7 : -3));
    const X = set.X.map((row) => [...row, 2, 0]);
    const fit = logisticRegression(X, y, { penalty: 'l1', C: 1, tol: 1e-10 });
    assert.equal(Array.from(fit.classes), [-3, 7]);
    assert.is(fit.coef[30], 0);
    assert.is(fit.coef[31], 0);
    const plain = logisticRegression(set.X, set.y, { penalty: 'l1', C: 1, tol: 1e-10 });
    assert.ok(Math.max(...Array.from(plain.coef, (v, j) => Math.abs(v - fit.coef[j]))) <= COEF_REL * Math.max(...plain.coef.map(Math.abs)));
  });
});
