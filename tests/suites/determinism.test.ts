// A checksum of several kernel outputs on fixed data. Within this run the SIMD and scalar
// builds must agree (both follow one documented operation order); the runner then requires
// the same checksum from every runtime (Node, Deno, Bun, Chromium page and worker, workerd).
import * as assert from 'uvu/assert';
import { argsort, dot, elasticNet, groupLasso, kde, lasso, lassoPath, logisticRegression, kdeGrid, polyfit, polyRegression, logSumExp, lstsq, pairwiseDistances, randomNormal, randomUniform, sinkhornDivergence, sinkhornPoints, sum, vectorExp, vectorLog, wasserstein1d, type Backend } from 'simdnum';
import { forEachBackend } from '../harness/backends.js';
import { checksums } from '../harness/context.js';
import { uniform } from '../harness/data.js';

/** FNV-1a over the bytes of every output. */
function fnv1a(parts: ArrayLike<number>[]): string {
  let h = 0x811c9dc5;
  for (const part of parts) {
    const bytes = new Uint8Array(new Float64Array(Array.from(part)).buffer);
    for (const b of bytes) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

function kernelOutputs(): ArrayLike<number>[] {
  const x = uniform(1003, 1, -700, 700), y = uniform(1003, 2);
  const pts = { data: uniform(61 * 3, 3, -5, 5), rows: 61, cols: 3 };
  return [
    [dot(x, y), sum(x), dot(new Float32Array(x), new Float32Array(y))],
    vectorExp(x), vectorLog(y.map(Math.abs)), vectorExp(new Float32Array(y.map((v) => v * 80))),
    logSumExp({ data: x, rows: 17, cols: 59 }), logSumExp({ data: x, rows: 17, cols: 59 }, { axis: 0 }),
    pairwiseDistances(pts).data, pairwiseDistances(pts, undefined, { metric: 'euclidean' }).data,
    lstsq({ data: uniform(40 * 6, 4), rows: 40, cols: 6 }, uniform(40, 5)).x,
    randomUniform(100, { seed: 7 }), randomNormal(101, { seed: 8 }), argsort(uniform(500, 9)),
    ...(['log', 'scaling', 'sns'] as const).map((method) => sinkhornPoints(pts, { data: uniform(45 * 3, 10), rows: 45, cols: 3 }, { epsilon: 0.5, method }).plan!),
    sinkhornPoints(pts, pts, { epsilon: 2, unbalanced: { tauA: 5, tauB: 5 } }).f,
    // costs <= 3 at epsilon 0.1: the scaling method's float32 phase runs (float32 dots and sums)
    sinkhornPoints({ data: uniform(45 * 3, 12, 0, 1), rows: 45, cols: 3 }, { data: uniform(30 * 3, 13, 0, 1), rows: 30, cols: 3 }, { epsilon: 0.1, method: 'scaling' }).plan!,
    kde(pts, { bandwidth: 'cv' }).logpdf(pts), kde(pts, { kernel: 'cosine', bandwidth: 4 }).effectiveSize(pts),
    kde(pts, { precision: 'float32' }).logpdf(pts), kde(y, { bandwidth: 'isj' }).sample(50, { seed: 3 }),
    kdeGrid({ data: pts.data.subarray(0, 122), rows: 61, cols: 2 }, { size: [33, 17] }).values,
    ...((f) => [f.predict(y), f.coefficients, f.stdErrors, f.predictionInterval(x.subarray(0, 9)).upper])(polyfit(x, y, 7, { weights: y.map(Math.abs) })),
    polyRegression(pts, pts.data.subarray(0, 61), { degree: 3, maxInteractionDegree: 2 }).predict(pts),
    [sinkhornDivergence(pts, { data: uniform(30 * 3, 11), rows: 30, cols: 3 }, { epsilon: 1 }).value, wasserstein1d(x, y, { p: 2 })],
    ...bcdOutputs(),
  ];
}

/** Sparse linear models on fixed data: p > n (working sets, screening), n > p (Gram path), logistic. */
function bcdOutputs(): ArrayLike<number>[] {
  const wide = { data: uniform(20 * 45, 12), rows: 20, cols: 45 }, tall = { data: uniform(80 * 6, 13), rows: 80, cols: 6 };
  const yw = uniform(20, 14), yt = uniform(80, 15);
  const labels = Array.from(uniform(80, 16), (v) => Math.floor(v * 3));
  return [
    lasso(wide, yw, { alpha: 0.01, tol: 1e-10 }).coef, elasticNet(wide, yw, { alpha: 0.02, l1Ratio: 0.3, selection: 'greedy' }).coef,
    lasso(wide, yw, { alpha: 0.01, selection: 'random', seed: 2 }).coef, lassoPath(tall, yt, { alphas: [0.1, 0.01, 0.001], tol: 1e-10 }).coefs,
    groupLasso(wide, yw, { groups: Array.from({ length: 45 }, (_, j) => j % 7), alpha: 0.01 }).coef,
    logisticRegression(tall, labels.map((v) => (v === 2 ? 1 : 0)), { penalty: 'l1', C: 5 }).coef,
    logisticRegression(tall, labels, { penalty: 'l1', C: 5 }).coef, logisticRegression(tall, labels, { C: 5 }).coef,
  ];
}

forEachBackend('determinism', (test, backend: Backend) => {
  test('kernel outputs are reproducible; the builds agree bit for bit', () => {
    const first = fnv1a(kernelOutputs());
    assert.is(fnv1a(kernelOutputs()), first, 'same call, same bits');
    checksums[backend] = first;
    const other = checksums[backend === 'simd' ? 'scalar' : 'simd'];
    if (other !== undefined) assert.is(first, other, 'SIMD and scalar builds give identical outputs');
  });
});
