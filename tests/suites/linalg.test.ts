// Least squares, Cholesky and triangular solves, checked by their defining equations and
// against plain-TS references.
import * as assert from 'uvu/assert';
import { cholesky, logSumExp, lstsq, pairwiseDistances, randomNormal, randomUniform, solveTriangular } from 'simdnum';
import { forEachBackend } from '../harness/backends.js';
import { uniform } from '../harness/data.js';
import { close, throwsCode, throwsUnknownOption } from '../harness/assert.js';
import { gaussSolve, matVec, normalEquations, spd } from '../reference/dense.js';

forEachBackend('linalg', (test) => {
  test('lstsq recovers an exact solution of a consistent system', () => {
    for (const [m, n] of [[1, 1], [5, 3], [40, 7], [200, 13]]) {
      const A = uniform(m * n, m + n);
      const x = uniform(n, 3 * n);
      const b = matVec(A, m, n, x);
      const r = lstsq({ data: A, rows: m, cols: n }, b);
      assert.is(r.rank, n);
      // random A is well conditioned (estimate printed on failure): backward-stable QR gives
      // forward error ~ cond * eps ~ 1e-14 here; 1e-10 leaves room without hiding a real bug.
      close(r.x, x, 1e-10, 1e-12, `x ${m}x${n} cond~${r.conditionEstimate.toFixed(1)}`);
      assert.ok(r.residualNorm < 1e-12 * (1 + Math.hypot(...b)), `residual ${r.residualNorm}`);
    }
  });

  test('lstsq equals the normal-equations solution on well-conditioned noisy systems', () => {
    const m = 60, n = 5;
    const A = uniform(m * n, 77), b = uniform(m, 78);
    const r = lstsq({ data: A, rows: m, cols: n }, b);
    const ref = gaussSolve(...normalEquations(A, m, n, b), n);
    // normal equations lose cond(A)^2 eps ~ 1e-14 for this random A: 1e-9 relative is safe
    close(r.x, ref, 1e-9, 1e-12, 'x');
    const res = matVec(A, m, n, r.x).map((v, i) => v - b[i]);
    close([r.residualNorm], [Math.hypot(...res)], 1e-12, 0, 'residual norm');
  });

  test('lstsq on a rank-deficient matrix reports the rank and a basic solution', () => {
    const m = 20;
    const A = new Float64Array(m * 3);
    const c = uniform(2 * m, 5);
    for (let i = 0; i < m; i++) {
      A[i * 3] = c[i];
      A[i * 3 + 1] = c[m + i];
      A[i * 3 + 2] = 2 * c[i]; // column 2 = 2 * column 0
    }
    const b = matVec(A, m, 3, [1, 2, 0]);
    const r = lstsq({ data: A, rows: m, cols: 3 }, b);
    assert.is(r.rank, 2);
    assert.ok(r.x.some((v) => v === 0), 'one entry set to zero');
    close(matVec(A, m, 3, r.x), b, 1e-12, 1e-12, 'fits b');
  });

  test('cholesky: L L^T = A and L lower triangular with a positive diagonal', () => {
    for (const n of [1, 2, 3, 8, 31]) {
      const A = spd(n, n + 1);
      const L = cholesky({ data: A, rows: n, cols: n }).data;
      const LLt = new Float64Array(n * n);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += L[i * n + k] * L[j * n + k];
        LLt[i * n + j] = s;
      }
      // backward error of Cholesky ~ n eps |A| (Higham 10.1); entries of A are O(n)
      close(LLt, A, 1e-13, 1e-13 * n, `n=${n}`);
      for (let i = 0; i < n; i++) {
        assert.ok(L[i * n + i] > 0);
        for (let j = i + 1; j < n; j++) assert.is(L[i * n + j], 0);
      }
    }
  });

  test('solveTriangular: all four variants satisfy their equations', () => {
    const n = 9;
    const L = cholesky({ data: spd(n, 4), rows: n, cols: n }).data;
    const U = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) U[i * n + j] = L[j * n + i];
    const b = uniform(n, 8);
    const cases: [Float64Array, boolean, boolean, Float64Array][] = [
      [L, true, false, L], [L, true, true, U], [U, false, false, U], [U, false, true, L],
    ];
    for (const [T, lower, transpose, effective] of cases) {
      const x = solveTriangular({ data: T, rows: n, cols: n }, b, { lower, transpose });
      // triangular solves are backward stable; residual relative to |T||x| ~ n eps
      close(matVec(effective, n, n, x), b, 1e-12, 1e-12, `lower=${lower} transpose=${transpose}`);
    }
  });

  test('bad input', () => {
    throwsCode(() => cholesky([[1, 2], [2, 1]]), 'NOT_POSITIVE_DEFINITE', 'column 1');
    throwsCode(() => cholesky([[1, 2, 3]]), 'SHAPE_MISMATCH', 'square');
    throwsCode(() => cholesky([]), 'EMPTY_INPUT', 'A');
    throwsCode(() => solveTriangular([[1, 0], [1, 0]], [1, 1]), 'SINGULAR_MATRIX', 'T[1][1]');
    throwsCode(() => solveTriangular([[1]], [1, 2]), 'SHAPE_MISMATCH', 'b');
    throwsCode(() => lstsq([[1], [2]], [1, 2, 3]), 'SHAPE_MISMATCH', 'b', '2', '3');
    throwsCode(() => lstsq([[1], [NaN]], [1, 2]), 'NOT_FINITE', 'A[1][0]');
    throwsCode(() => lstsq([[1]], [1], { rcond: -1 }), 'INVALID_ARGUMENT', 'rcond');
  });

  test('unknown option keys are refused, naming the key and the closest accepted one', () => {
    throwsUnknownOption(() => pairwiseDistances([[0]], [[1]], { metrics: 'euclidean' } as never), 'metrics', 'metric');
    throwsUnknownOption(() => lstsq([[1]], [1], { cond: 1e-3 } as never), 'cond', 'rcond');
    throwsUnknownOption(() => solveTriangular([[1]], [1], { trans: true } as never), 'trans', 'transpose');
    throwsUnknownOption(() => solveTriangular([[1]], [1], { upper: true } as never), 'upper', undefined);
    throwsUnknownOption(() => logSumExp([[0, 0]], { axes: 0 } as never), 'axes', 'axis');
    throwsUnknownOption(() => randomUniform(2, { random_state: 1 } as never), 'random_state', 'seed');
    throwsUnknownOption(() => randomNormal(2, { sed: 1 } as never), 'sed', 'seed');
    assert.is(pairwiseDistances([[0]], [[3]], { metric: 'euclidean' }).data[0], 3);
    assert.is(solveTriangular([[2, 1], [0, 1]], [3, 1], { lower: false, transpose: undefined })[0], 1);
    assert.is(randomUniform(2, { seed: 1 }).length, 2);
  });
});
