// Bad input to the polynomial functions: every error code, with messages naming the argument,
// and a working engine after each.
import * as assert from 'uvu/assert';
import { polyClassifier, polyFeatures, polyfit, polyRegression, selectDegree } from 'simdnum';
import { forEachBackend } from '../harness/backends.js';
import { throwsCode, throwsUnknownOption } from '../harness/assert.js';

const x = [0, 1, 2, 3, 4], y = [1, 2, 5, 10, 17];

forEachBackend('polynomial bad input', (test) => {
  test('polyfit', () => {
    throwsCode(() => polyfit(x, y, -1), 'INVALID_ARGUMENT', 'degree');
    throwsCode(() => polyfit(x, y, 1.5), 'INVALID_ARGUMENT', 'degree');
    throwsCode(() => polyfit(x, y.slice(1), 2), 'SHAPE_MISMATCH', 'x and y');
    throwsCode(() => polyfit([], [], 1), 'EMPTY_INPUT', 'x');
    throwsCode(() => polyfit([0, NaN, 2], [1, 2, 3], 1), 'NOT_FINITE', 'x[1]');
    throwsCode(() => polyfit(x, [1, 2, Infinity, 4, 5], 1), 'NOT_FINITE', 'y[2]');
    throwsCode(() => polyfit(x, y, 1, { weights: [1, 1, -1, 1, 1] }), 'NEGATIVE_WEIGHT', 'weights[2]');
    throwsCode(() => polyfit(x, y, 1, { weights: [0, 0, 0, 0, 0] }), 'EMPTY_INPUT', 'weights');
    throwsCode(() => polyfit(x, y, 1, { weights: [1, 1] }), 'SHAPE_MISMATCH', 'weights');
    throwsCode(() => polyfit(x, y, 1, { ridge: -1 }), 'INVALID_ARGUMENT', 'ridge');
    throwsCode(() => polyfit(x, y, 2).predict([NaN]), 'NOT_FINITE', 'x[0]');
    throwsCode(() => polyfit(x, y, 2).confidenceInterval([1], 1.5), 'INVALID_ARGUMENT', 'level');
    // an exact interpolation leaves no degree of freedom: unbounded intervals, not NaN
    const exact = polyfit([0, 1, 2], [1, 2, 5], 2);
    assert.is(exact.residualStdError, Infinity);
    assert.is(exact.confidenceInterval([1]).upper[0], Infinity);
  });

  test('features, regression, degree selection', () => {
    throwsCode(() => polyFeatures([[1, 2]], { degree: -1 }), 'INVALID_ARGUMENT', 'degree');
    throwsCode(() => polyFeatures([[1, 2]], { degree: [3, 2] }), 'INVALID_ARGUMENT', 'degree');
    throwsCode(() => polyFeatures([[1, NaN]], { degree: 2 }), 'NOT_FINITE', 'X[0][1]');
    throwsCode(() => polyFeatures([[1, 2], [3]], { degree: 2 }), 'SHAPE_MISMATCH', 'rectangular');
    throwsCode(() => polyRegression([[1], [2]], [1], { degree: 1 }), 'SHAPE_MISMATCH', 'y');
    throwsCode(() => polyRegression([[1], [2]], [1, 2], { degree: 1, maxInteractionDegree: 0 }), 'INVALID_ARGUMENT', 'maxInteractionDegree');
    throwsCode(() => polyRegression([], [], { degree: 1 }), 'EMPTY_INPUT', 'X');
    throwsCode(() => polyRegression([[1, 2], [2, 1]], [1, 2], { degree: 1 }).predict([[1]]), 'SHAPE_MISMATCH', 'columns');
    throwsCode(() => selectDegree(x, y, { degrees: [] }), 'INVALID_ARGUMENT', 'degrees');
    throwsCode(() => selectDegree(x, y, { degrees: [1], folds: 9 }), 'INVALID_ARGUMENT', 'folds');
    throwsCode(() => selectDegree(x, y.slice(1), { degrees: [1] }), 'SHAPE_MISMATCH');
  });

  test('unknown option keys are refused, naming the key and the closest accepted one', () => {
    // weight (numpy's w) used to be ignored in silence: the fit was unweighted
    throwsUnknownOption(() => polyfit(x, y, 2, { weight: [1, 1, 1, 1, 1] } as never), 'weight', 'weights');
    throwsUnknownOption(() => polyfit(x, y, 2, { lambda: 0.1 } as never), 'lambda', 'ridge');
    throwsUnknownOption(() => polyFeatures([[1, 2]], { degree: 2, include_bias: false } as never), 'include_bias', 'includeBias');
    throwsUnknownOption(() => polyRegression([[1], [2], [3]], [1, 2, 3], { degree: 1, maxInteraction: 1 } as never), 'maxInteraction', undefined);
    throwsUnknownOption(() => selectDegree(x, y, { degrees: [1, 2], fold: 2 } as never), 'fold', 'folds');
    throwsUnknownOption(() => selectDegree(x, y, { degree: [1, 2] } as never), 'degree', 'degrees');
    throwsUnknownOption(() => polyClassifier([[0], [1], [2]], [0, 1, 1], { degree: 2, c: 10 } as never), 'c', 'C');
    assert.is(polyfit(x, y, 2, { weights: [1, 1, 1, 1, 1], ridge: undefined }).degree, 2);
    assert.is(polyFeatures([[1, 2]], { degree: 2, includeBias: false }).cols, 5);
    assert.is(selectDegree(x, y, { degrees: [1, 2], folds: 5, seed: 1 }).best, 2);
  });

  test('polyfit takes onProgress and signal (every long call does): one report with n, ABORTED on an aborted signal', () => {
    // they used to be refused as unknown options; the fit is one wasm pass, reported at the end
    const seen: { iteration: number; error: number }[] = [];
    const fit = polyfit(x, y, 2, { onProgress: (p) => seen.push(p), signal: new AbortController().signal });
    assert.is(seen.length, 1);
    assert.is(seen[0].iteration, x.length);
    assert.ok(Number.isNaN(seen[0].error), 'no convergence measure: error NaN');
    assert.equal(Array.from(fit.coefficients), Array.from(polyfit(x, y, 2).coefficients), 'the options do not change the fit');
    const controller = new AbortController();
    controller.abort();
    const err = throwsCode(() => polyfit(x, y, 2, { signal: controller.signal }), 'ABORTED', 'polyfit');
    assert.is(err.info.iteration, 0);
    throwsCode(() => polyfit(x, y, 2, { onProgress: 'yes' as never }), 'INVALID_ARGUMENT', 'onProgress');
    throwsCode(() => polyfit(x, y, 2, { signal: true as never }), 'INVALID_ARGUMENT', 'signal');
    assert.is(polyfit(x, y, 2, { onProgress: undefined, signal: undefined }).degree, 2, 'the next call works');
  });

  test('the engine keeps working after every error', () => {
    assert.ok(Math.abs(polyfit(x, y, 2).predict([5])[0] - 26) < 1e-12);
  });
});
