// Bad input to the OT functions: every error code, with messages naming the argument, and a
// working engine after each.
import * as assert from 'uvu/assert';
import { sinkhorn, sinkhornDivergence, sinkhornPoints, wasserstein1d } from 'simdnum';
import { forEachBackend } from '../harness/backends.js';
import { throwsCode, throwsUnknownOption } from '../harness/assert.js';

const C = [[0, 1], [1, 0]];
const a = [0.5, 0.5];

forEachBackend('OT bad input', (test) => {
  test('shapes, weights, costs, epsilon, masses', () => {
    throwsCode(() => sinkhorn([1], a, C), 'SHAPE_MISMATCH', 'a', '2');
    throwsCode(() => sinkhorn(a, a, [[0, 1, 2], [1, 0, 2]]), 'SHAPE_MISMATCH', 'b', '3');
    throwsCode(() => sinkhorn([1.5, -0.5], a, C), 'NEGATIVE_WEIGHT', 'a[1]');
    throwsCode(() => sinkhorn(a, [NaN, 1], C), 'NOT_FINITE', 'b[0]');
    throwsCode(() => sinkhorn(a, a, [[0, Infinity], [1, 0]]), 'NOT_FINITE', 'cost[0][1]');
    throwsCode(() => sinkhorn(a, a, [[0, -1], [1, 0]]), 'NEGATIVE_COST', 'cost[0][1]');
    throwsCode(() => sinkhorn(a, a, C, { epsilon: 0 }), 'INVALID_ARGUMENT', 'epsilon');
    throwsCode(() => sinkhorn(a, a, C, { epsilon: -1 }), 'INVALID_ARGUMENT', 'epsilon');
    throwsCode(() => sinkhorn([], [], []), 'EMPTY_INPUT');
    throwsCode(() => sinkhorn([0, 0], a, C), 'EMPTY_INPUT', 'a');
    const e = throwsCode(() => sinkhorn(a, [0.5, 0.6], C), 'MASS_MISMATCH', 'normalise', 'unbalanced');
    assert.is(e.info.massB, 1.1);
    // a relative mismatch of 1e-12 is accepted (the check is at 1e-10)
    assert.ok(sinkhorn(a, [0.5, 0.5 + 1e-12], C).converged);
  });

  test('options', () => {
    throwsCode(() => sinkhorn(a, a, C, { method: 'fast' as 'log' }), 'INVALID_ARGUMENT', 'method');
    throwsCode(() => sinkhorn(a, a, C, { tol: -1 }), 'INVALID_ARGUMENT', 'tol');
    throwsCode(() => sinkhorn(a, a, C, { maxIter: 0 }), 'INVALID_ARGUMENT', 'maxIter');
    throwsCode(() => sinkhorn(a, a, C, { unbalanced: { tauA: -1 } }), 'INVALID_ARGUMENT', 'tauA');
    throwsCode(() => sinkhorn(a, a, C, { precision: 'float16' as 'float32' }), 'INVALID_ARGUMENT', 'precision');
    throwsCode(() => sinkhorn(a, a, C, { epsilonScaling: 'yes' as never }), 'INVALID_ARGUMENT', 'epsilonScaling');
    throwsCode(() => sinkhorn(a, a, C, { returnPlan: 1 as never }), 'INVALID_ARGUMENT', 'returnPlan');
    throwsCode(() => sinkhorn(a, a, C, { overRelaxation: 2.5 }), 'INVALID_ARGUMENT', 'overRelaxation');
    throwsCode(() => sinkhorn(a, a, C, { onProgress: 1 as never }), 'INVALID_ARGUMENT', 'onProgress');
    throwsCode(() => sinkhorn(a, a, C, { method: 'sns', unbalanced: { tauA: 1 } }), 'INVALID_ARGUMENT', 'sns');
    throwsCode(() => sinkhornPoints([[0]], [[1]], { method: 'scaling', online: true }), 'INVALID_ARGUMENT', 'scaling');
    throwsCode(() => sinkhornDivergence([[0]], [[1]], { unbalanced: { tauA: 1 } }), 'INVALID_ARGUMENT', 'unbalanced');
    throwsCode(() => sinkhornDivergence([[0]], [[1]], { precision: 'float32' }), 'INVALID_ARGUMENT', 'precision');
    throwsCode(() => sinkhorn(a, a, C, { method: 'sns', precision: 'float32' }), 'INVALID_ARGUMENT', 'float64');
  });

  test('point clouds and 1-D samples', () => {
    throwsCode(() => sinkhornPoints([[0, 1]], [[0]]), 'SHAPE_MISMATCH', 'dimension');
    throwsCode(() => sinkhornPoints([], [[0]]), 'EMPTY_INPUT');
    throwsCode(() => sinkhornPoints([[NaN]], [[0]]), 'NOT_FINITE', 'x[0][0]');
    throwsCode(() => sinkhornPoints([[0]], [[1]], { a: [1, 2] }), 'SHAPE_MISMATCH', 'options.a');
    throwsCode(() => wasserstein1d([], [1]), 'EMPTY_INPUT');
    throwsCode(() => wasserstein1d([1], [Infinity]), 'NOT_FINITE', 'v[0]');
    throwsCode(() => wasserstein1d([1], [2], { p: 0.5 }), 'INVALID_ARGUMENT', 'p');
    throwsCode(() => wasserstein1d([1, 2], [2], { uWeights: [1, -1] }), 'NEGATIVE_WEIGHT', 'uWeights[1]');
    throwsCode(() => sinkhorn(a, a, C, { signal: { aborted: true } as AbortSignal }), 'ABORTED', 'sinkhorn');
  });

  test('wasserstein1d takes onProgress and signal (every long call does): one report with n + m, ABORTED on an aborted signal', () => {
    // they used to be refused as unknown options; the sort and merge walk are reported at the end
    const u = [0, 1, 3], v = [5, 6, 8, 9];
    const seen: { iteration: number; error: number }[] = [];
    const w = wasserstein1d(u, v, { p: 2, onProgress: (q) => seen.push(q), signal: new AbortController().signal });
    assert.is(seen.length, 1);
    assert.is(seen[0].iteration, u.length + v.length);
    assert.ok(Number.isNaN(seen[0].error), 'exact, no convergence measure: error NaN');
    assert.is(w, wasserstein1d(u, v, { p: 2 }), 'the options do not change the value');
    const controller = new AbortController();
    controller.abort();
    const err = throwsCode(() => wasserstein1d(u, v, { signal: controller.signal }), 'ABORTED', 'wasserstein1d');
    assert.is(err.info.iteration, 0);
    throwsCode(() => wasserstein1d(u, v, { onProgress: 1 as never }), 'INVALID_ARGUMENT', 'onProgress');
    throwsCode(() => wasserstein1d(u, v, { signal: null as never }), 'INVALID_ARGUMENT', 'signal');
    assert.is(wasserstein1d([0, 1, 3], [5, 6, 8], { onProgress: undefined, signal: undefined }), 5, 'the next call works');
  });

  test('epsilons the kernels cannot compute with are rejected, naming options.epsilon', () => {
    // 1/epsilon overflows below about 5.6e-309: every method returned a NaN plan
    for (const method of ['scaling', 'log', 'sns'] as const) throwsCode(() => sinkhorn(a, a, C, { epsilon: 1e-310, method }), 'INVALID_ARGUMENT', 'options.epsilon', 'below');
    // epsilon log(a) overflowed: objective and f were -Infinity
    throwsCode(() => sinkhorn(a, a, C, { epsilon: 1.7e308 }), 'INVALID_ARGUMENT', 'options.epsilon', 'above');
    // potentials of size max C divided by epsilon overflow: NaN plan with epsilon scaling
    throwsCode(() => sinkhorn(a, a, [[0, 1e100], [1e100, 0]], { epsilon: 1e-250, epsilonScaling: true }), 'INVALID_ARGUMENT', 'options.epsilon', 'max(C) / epsilon');
    // float32 forms 1/epsilon in float32: at 1e-300 it used every iteration and never converged
    throwsCode(() => sinkhorn(a, a, C, { epsilon: 1e-300, method: 'log', precision: 'float32', maxIter: 50 }), 'INVALID_ARGUMENT', 'options.epsilon', 'float32');
    throwsCode(() => sinkhorn(a, a, C, { epsilon: 0.1, epsilonScaling: [1e305, 1] }), 'INVALID_ARGUMENT', 'options.epsilonScaling[0]');
  });

  test('a default epsilon that underflows is an error, not a NaN plan', () => {
    throwsCode(() => sinkhorn(a, a, [[0, 1e-310], [1e-310, 0]]), 'INVALID_ARGUMENT', 'default epsilon', 'options.epsilon');
    // squared distances of 1e-340 underflow to 0: not the zero-cost case (the points differ)
    throwsCode(() => sinkhornPoints([[1e-170, 0], [0, 0]], [[0, 1e-170], [0, 0]]), 'INVALID_ARGUMENT', 'underflows', 'options.epsilon');
    throwsCode(() => sinkhorn(a, a, [[0, 1e-50], [1e-50, 0]], { precision: 'float32' }), 'INVALID_ARGUMENT', 'float32', 'options.epsilon');
  });

  test('masses whose sum overflows are rejected; 1-D weights near 1e308 normalise', () => {
    // the mass check compared Infinity with Infinity and passed (objective NaN)
    throwsCode(() => sinkhorn([1e308, 1e308], [1e308, 1], C, { epsilon: 0.1 }), 'INVALID_ARGUMENT', 'a sums to more');
    throwsCode(() => sinkhornDivergence([[0], [1]], [[0], [2]], { a: [1e308, 1e308], b: [1e308, 1e308], epsilon: 0.1 }), 'INVALID_ARGUMENT', 'options.a');
    // the objective contains epsilon sum(a) sum(b) = 0.1 x 4e400: it was Infinity with converged: true
    throwsCode(() => sinkhorn([1e200, 1e200], [1e200, 1e200], C, { epsilon: 0.1 }), 'INVALID_ARGUMENT', 'objective overflows', 'normalise');
    // analytic: half the mass moves 5, half moves 4; the old code summed the weights to Infinity and returned 0.
    // Dividing by the largest weight first is exact here (1e308 / 1e308 = 1)
    assert.is(wasserstein1d([0, 1], [5], { uWeights: [1e308, 1e308] }), 4.5);
  });

  test('cost errors name the entry of the matrix as given, before rows are dropped or rounded', () => {
    // the zero-weight row 0 is dropped before solving: the NaN was reported at the reduced index [1][1]
    throwsCode(() => sinkhorn([0, 0.5, 0.5], a, [[0, 1], [0, 1], [1, NaN]]), 'NOT_FINITE', 'cost[2][1]');
    // costs in zero-weight rows were not checked at all
    throwsCode(() => sinkhorn([0, 0.5, 0.5], a, [[NaN, 1], [0, 1], [1, 0]], { epsilon: 0.1 }), 'NOT_FINITE', 'cost[0][0]');
    throwsCode(() => sinkhorn(a, [0.5, 0, 0.5], [[0, -5, 1], [1, 0, 0]], { epsilon: 0.1 }), 'NEGATIVE_COST', 'cost[0][1]');
    // float32 rounds -1e-50 to -0, which passed; float64 rejects it
    throwsCode(() => sinkhorn(a, a, [[0, -1e-50], [1, 0]], { epsilon: 0.1, precision: 'float32' }), 'NEGATIVE_COST', 'cost[0][1]');
    throwsCode(() => sinkhorn(a, a, [[0, 1e39], [1, 0]], { epsilon: 0.1, precision: 'float32' }), 'INVALID_ARGUMENT', 'cost[0][1]', 'float32');
    throwsCode(() => sinkhorn(a, a, [[0, NaN], [1, 0]]), 'NOT_FINITE', 'cost[0][1]');
    // finite costs whose sum overflowed were reported as "not finite ... check the points"
    const e = throwsCode(() => sinkhorn(a, a, [[0, 1e308], [1e308, 0]]), 'INVALID_ARGUMENT', 'cost[0][1]', 'rescale the costs');
    assert.not.ok(e.message.includes('points'), e.message);
  });

  test('unbalanced penalties too weak for float64 are rejected', () => {
    // rho = 1e-300 is lost to rounding of f: the run stopped after 2 iterations with marginal error 0.88
    throwsCode(() => sinkhorn(a, [1, 1], C, { epsilon: 0.1, unbalanced: { tauA: 1e-300, tauB: 1 } }), 'INVALID_ARGUMENT', 'options.unbalanced.tauA', 'epsilon');
  });

  test('unknown option keys are refused, naming the key and the closest accepted one', () => {
    // eps used to be ignored in silence: the run used the default epsilon
    const err = throwsUnknownOption(() => sinkhorn(a, a, C, { eps: 0.01 } as never), 'eps', 'epsilon');
    assert.ok(err.message.includes('epsilon, method, tol, maxIter'), err.message);
    throwsUnknownOption(() => sinkhorn(a, a, C, { eps: undefined } as never), 'eps', 'epsilon'); // whatever the value
    throwsUnknownOption(() => sinkhorn(a, a, C, { max_iter: 10 } as never), 'max_iter', 'maxIter');
    throwsUnknownOption(() => sinkhorn(a, [1, 1], C, { unbalanced: { tau: 1 } } as never), 'unbalanced.tau', 'unbalanced.tauA');
    throwsUnknownOption(() => sinkhorn(a, a, C, { metric: 'euclidean' } as never), 'metric', undefined); // a key of sinkhornPoints only
    throwsUnknownOption(() => sinkhornPoints([[0]], [[1]], { metrics: 'euclidean' } as never), 'metrics', 'metric');
    throwsUnknownOption(() => sinkhornDivergence([[0]], [[1]], { epsilon: 0.1, onlne: true } as never), 'onlne', 'online');
    throwsUnknownOption(() => wasserstein1d([0, 1], [1, 2], { weights: [1, 1] } as never), 'weights', 'uWeights');
    throwsUnknownOption(() => wasserstein1d([0], [1], { q: 2 } as never), 'q', undefined);
    // known keys set to undefined still mean the default; the next calls work
    assert.ok(sinkhorn(a, a, C, { epsilon: 0.1, tol: undefined, unbalanced: undefined }).converged);
    assert.ok(sinkhornPoints([[0]], [[1]], { epsilon: 0.1, metric: 'euclidean', a: undefined }).converged);
    assert.is(wasserstein1d([0, 1], [1, 2], { uWeights: [1, 1], p: undefined }), 1);
  });

  test('the engine keeps working after every error', () => {
    assert.ok(sinkhorn(a, a, C, { epsilon: 0.1 }).converged);
  });
});
