// Bad input to the OT functions: every error code, with messages naming the argument, and a
// working engine after each.
import * as assert from 'uvu/assert';
import { sinkhorn, sinkhornDivergence, sinkhornPoints, wasserstein1d } from 'simdnum';
import { forEachBackend } from '../harness/backends.js';
import { throwsCode } from '../harness/assert.js';

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

  test('the engine keeps working after every error', () => {
    assert.ok(sinkhorn(a, a, C, { epsilon: 0.1 }).converged);
  });
});
