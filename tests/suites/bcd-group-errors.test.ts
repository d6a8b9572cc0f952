// groupLasso by its optimality conditions (and singleton groups = the Lasso), and bad input
// to every coordinate-descent function: each error code, with a working engine afterwards.
import * as assert from 'uvu/assert';
import { elasticNet, groupLasso, lasso, lassoPath, logisticRegression } from 'simdnum';
import { forEachBackend } from '../harness/backends.js';
import { throwsCode, throwsUnknownOption } from '../harness/assert.js';
import { diabetes } from '../harness/bcd-fixtures.js';
import { residual } from '../reference/bcd.js';

const TOL = 1e-12;

forEachBackend('groupLasso', (test) => {
  test('singleton groups with weight 1 are the Lasso', () => {
    const fit = groupLasso(diabetes.X, diabetes.y, { groups: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], groupWeights: new Array(10).fill(1), alpha: 0.1, tol: TOL, maxIter: 100_000 });
    const ref = lasso(diabetes.X, diabetes.y, { alpha: 0.1, tol: TOL });
    // both within a 1e-12 relative gap of the same strongly convex (on the support) problem
    assert.ok(Math.max(...ref.coef.map((v, j) => Math.abs(v - fit.coef[j]))) <= 1e-6 * Math.max(...ref.coef.map(Math.abs)));
  });

  test('block KKT conditions hold for every selection rule and block update', () => {
    const groups = [0, 0, 1, 1, 1, 2, 2, 2, 3, 3], n = diabetes.y.length;
    const rules = [['cyclic', 'gradient'], ['cyclic', 'newton'], ['random', 'gradient'], ['greedy', 'newton']] as const;
    for (const [alpha, [selection, update]] of [0.5, 0.05, 5, 0.05].map((a, k) => [a, rules[k]] as const)) {
      const fit = groupLasso(diabetes.X, diabetes.y, { groups, alpha, tol: TOL, maxIter: 100_000, selection, update, seed: 4 });
      assert.ok(fit.converged, `alpha ${alpha} ${selection}/${update}: not converged`);
      const r = residual(diabetes.X, diabetes.y, fit.coef, fit.intercept);
      const grad = Array.from({ length: 10 }, (_, j) => -diabetes.X.reduce((s, row, i) => s + row[j] * r[i], 0) / n);
      for (const g of [0, 1, 2, 3]) {
        const cols = groups.flatMap((id, j) => (id === g ? [j] : []));
        const w = Math.hypot(...cols.map((j) => fit.coef[j])), weight = alpha * Math.sqrt(cols.length);
        // curvature of a block <= |X_g|_F^2 / n; a violation v of the block condition would let
        // one block step lower the objective by v^2 / (2 L), which the gap bounds
        const L = cols.reduce((s, j) => s + diabetes.X.reduce((t, row) => t + row[j] ** 2, 0), 0) / n;
        const bound = Math.sqrt(2 * L * fit.dualGap) + 1e-10 * weight;
        const v = w > 0
          ? Math.hypot(...cols.map((j) => grad[j] + (weight * fit.coef[j]) / w))
          : Math.max(Math.hypot(...cols.map((j) => grad[j])) - weight, 0);
        assert.ok(v <= bound, `alpha ${alpha} group ${g}: violation ${v} > ${bound}`);
      }
      assert.ok(Math.abs(r.reduce((s, v) => s + v, 0)) / n <= 1e-10, 'mean residual');
    }
  });
});

forEachBackend('coordinate descent bad input', (test) => {
  const X = [[1, 2], [3, 4], [5, 7]], y = [1, 2, 4];
  test('linear models and the path', () => {
    throwsCode(() => lasso(X, [1, 2]), 'SHAPE_MISMATCH', 'y');
    throwsCode(() => lasso([[1, NaN], [3, 4]], [1, 2]), 'NOT_FINITE', 'X');
    throwsCode(() => lasso(X, [1, Infinity, 3]), 'NOT_FINITE', 'y');
    throwsCode(() => lasso([], []), 'EMPTY_INPUT', 'X');
    throwsCode(() => lasso(X, y, { alpha: -1 }), 'INVALID_ARGUMENT', 'alpha');
    throwsCode(() => lasso(X, y, { alpha: NaN }), 'INVALID_ARGUMENT', 'alpha');
    throwsCode(() => elasticNet(X, y, { l1Ratio: 1.5 }), 'INVALID_ARGUMENT', 'l1Ratio');
    throwsCode(() => elasticNet(X, y, { l1Ratio: -0.1 }), 'INVALID_ARGUMENT', 'l1Ratio');
    throwsCode(() => lasso(X, y, { selection: 'best' as 'cyclic' }), 'INVALID_ARGUMENT', 'selection');
    throwsCode(() => lasso(X, y, { warmStart: [1] }), 'SHAPE_MISMATCH', 'warmStart');
    throwsCode(() => lasso(X, y, { tol: -1 }), 'INVALID_ARGUMENT', 'tol');
    throwsCode(() => lasso(X, y, { maxIter: 0 }), 'INVALID_ARGUMENT', 'maxIter');
    throwsCode(() => lasso(X, y).predict([[1]]), 'SHAPE_MISMATCH', 'columns');
    throwsCode(() => lassoPath(X, y, { l1Ratio: 0 }), 'INVALID_ARGUMENT', 'alphas');
    throwsCode(() => lassoPath(X, y, { alphas: [1, -1] }), 'INVALID_ARGUMENT', 'alphas[1]');
    throwsCode(() => lassoPath(X, y, { eps: 0 }), 'INVALID_ARGUMENT', 'eps');
    const controller = new AbortController();
    controller.abort();
    throwsCode(() => lasso(diabetes.X, diabetes.y, { alpha: 0.001, signal: controller.signal }), 'ABORTED', 'lasso');
    throwsCode(() => lassoPath(diabetes.X, diabetes.y, { signal: controller.signal }), 'ABORTED', 'lassoPath');
  });

  test('groups and the classifier', () => {
    throwsCode(() => groupLasso(X, y, { groups: [0] }), 'SHAPE_MISMATCH', 'groups');
    throwsCode(() => groupLasso(X, y, {} as { groups: number[] }), 'INVALID_ARGUMENT', 'groups');
    throwsCode(() => groupLasso(X, y, { groups: [0, NaN] }), 'NOT_FINITE', 'groups');
    throwsCode(() => groupLasso(X, y, { groups: [0, 1], groupWeights: [1] }), 'SHAPE_MISMATCH', 'groupWeights');
    throwsCode(() => groupLasso(X, y, { groups: [0, 1], groupWeights: [1, -2] }), 'INVALID_ARGUMENT', 'groupWeights[1]');
    throwsCode(() => groupLasso(X, y, { groups: [0, 1], update: 'exact' as 'newton' }), 'INVALID_ARGUMENT', 'update');
    throwsCode(() => groupLasso(X, y, { groups: [0, 1], selection: 'best' as 'greedy' }), 'INVALID_ARGUMENT', 'selection');
    throwsCode(() => logisticRegression(X, [1, 1, 1]), 'INVALID_ARGUMENT', 'two classes');
    throwsCode(() => logisticRegression(X, [0, 1]), 'SHAPE_MISMATCH', 'y');
    throwsCode(() => logisticRegression(X, [0, 1, 1], { C: 0 }), 'INVALID_ARGUMENT', 'C');
    throwsCode(() => logisticRegression(X, [0, 1, 1], { penalty: 'l0' as 'l1' }), 'INVALID_ARGUMENT', 'penalty');
    throwsCode(() => logisticRegression(X, [0, 1, 1], { penalty: 'elasticnet', l1Ratio: 2 }), 'INVALID_ARGUMENT', 'l1Ratio');
    throwsCode(() => logisticRegression(X, [0, NaN, 1]), 'NOT_FINITE', 'y');
    throwsCode(() => logisticRegression(X, [0, 1, 1]).predictProba([[1, 2, 3]]), 'SHAPE_MISMATCH', 'columns');
  });

  test('unknown option keys are refused, naming the key and the closest accepted one', () => {
    // lambda (glmnet's name) used to be ignored in silence: the fit used alpha = 1
    throwsUnknownOption(() => lasso(X, y, { lambda: 0.1 } as never), 'lambda', 'alpha');
    throwsUnknownOption(() => lasso(X, y, { fit_intercept: false } as never), 'fit_intercept', 'fitIntercept');
    throwsCode(() => lasso(X, y, { l1Ratio: 0.5 } as never), 'INVALID_ARGUMENT', 'options.l1Ratio', 'elasticNet');
    throwsCode(() => lasso(X, y, { l1Ratio: 1 } as never), 'INVALID_ARGUMENT', 'options.l1Ratio', 'elasticNet');
    // a key set to undefined means the default (optionsObject's rule): lasso's l1Ratio is 1
    assert.equal(Array.from(lasso(X, y, { alpha: 0.1, l1Ratio: undefined } as never).coef), Array.from(lasso(X, y, { alpha: 0.1 }).coef));
    throwsUnknownOption(() => elasticNet(X, y, { l1_ratio: 0.5 } as never), 'l1_ratio', 'l1Ratio');
    throwsUnknownOption(() => lassoPath(X, y, { alpha: 0.1 } as never), 'alpha', 'alphas');
    throwsUnknownOption(() => groupLasso(X, y, { groups: [0, 1], positive: true } as never), 'positive', undefined);
    throwsUnknownOption(() => groupLasso(X, y, { group: [0, 1] } as never), 'group', 'groups');
    throwsUnknownOption(() => logisticRegression(X, [0, 1, 1], { c: 10 } as never), 'c', 'C');
    throwsUnknownOption(() => logisticRegression(X, [0, 1, 1], { maxiter: 10 } as never), 'maxiter', 'maxIter');
    assert.ok(lasso(X, y, { alpha: 0.1, warmStart: undefined }).coef.length === 2);
    assert.is(logisticRegression(X, [0, 1, 1], { C: 10, penalty: undefined }).classes.length, 2);
  });

  test('a signal aborted before the call gives ABORTED even when the start already meets tol; the next call works', () => {
    const controller = new AbortController();
    controller.abort();
    const signal = controller.signal;
    // alpha above alpha_max: w = 0 is the solution with gap 0, so the solvers returned
    // converged at their first gap check, before they looked at the signal
    throwsCode(() => lasso(X, y, { alpha: 1e6, signal }), 'ABORTED', 'lasso');
    throwsCode(() => elasticNet(X, y, { alpha: 1e6, signal }), 'ABORTED', 'elasticNet');
    throwsCode(() => groupLasso(X, y, { groups: [0, 1], alpha: 1e6, signal }), 'ABORTED', 'groupLasso');
    // tol 1: the first KKT check passes (violation <= 1 x the first violation), binary and multinomial
    throwsCode(() => logisticRegression(X, [0, 1, 1], { tol: 1, signal }), 'ABORTED', 'logisticRegression');
    throwsCode(() => logisticRegression(X, [0, 1, 2], { tol: 1, signal }), 'ABORTED', 'logisticRegression');
    const fit = lasso(X, y, { alpha: 1e6 });
    assert.ok(fit.converged && fit.coef.every((v) => v === 0));
    assert.ok(elasticNet(X, y, { alpha: 1e6 }).converged);
    assert.ok(groupLasso(X, y, { groups: [0, 1], alpha: 1e6 }).converged);
    assert.is(logisticRegression(X, [0, 1, 2], { tol: 1 }).classes.length, 3);
  });

  test('the engine keeps working after every error', () => {
    const fit = lasso(diabetes.X, diabetes.y, { alpha: 1, tol: 1e-10 });
    assert.ok(fit.converged && fit.coef.filter((v) => v !== 0).length === 3);
  });
});
