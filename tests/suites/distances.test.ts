// Pairwise distances against a plain-TS twin that accumulates in the same coordinate order:
// bit-identical for all three metrics, in float64 and float32, across the column-block edge.
import * as assert from 'uvu/assert';
import { pairwiseDistances, type Metric } from 'simdnum';
import { forEachBackend } from '../harness/backends.js';
import { uniform } from '../harness/data.js';
import { bitsEqual, throwsCode } from '../harness/assert.js';

function reference(x: ArrayLike<number>, n: number, y: ArrayLike<number>, m: number, d: number, metric: Metric, f32: boolean): number[] {
  const r = f32 ? Math.fround : (v: number) => v;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let k = 0; k < d; k++) {
        const t = r(x[i * d + k] - y[j * d + k]);
        s = r(s + (metric === 'cityblock' ? Math.abs(t) : r(t * t)));
      }
      out.push(metric === 'euclidean' ? r(Math.sqrt(s)) : s);
    }
  }
  return out;
}

const SHAPES: [number, number, number][] = [[1, 1, 1], [3, 5, 2], [7, 3, 3], [4, 515, 2], [9, 33, 10], [2, 1030, 7]];

forEachBackend('pairwiseDistances', (test) => {
  for (const metric of ['sqeuclidean', 'euclidean', 'cityblock'] as const) {
    test(`${metric}: float64 and float32 equal the reference bit for bit`, () => {
      for (const [n, m, d] of SHAPES) {
        const x = uniform(n * d, n + d, -3, 3), y = uniform(m * d, m + 2 * d, -3, 3);
        const D = pairwiseDistances({ data: x, rows: n, cols: d }, { data: y, rows: m, cols: d }, { metric });
        assert.equal([D.rows, D.cols], [n, m]);
        bitsEqual(D.data, reference(x, n, y, m, d, metric, false), `${metric} ${n}x${m}x${d}`);
        const x32 = new Float32Array(x), y32 = new Float32Array(y);
        const D32 = pairwiseDistances({ data: x32, rows: n, cols: d }, { data: y32, rows: m, cols: d }, { metric });
        assert.ok(D32.data instanceof Float32Array);
        bitsEqual(D32.data, reference(x32, n, y32, m, d, metric, true), `${metric} f32 ${n}x${m}x${d}`);
      }
    });
  }

  test('y defaults to x: symmetric with a zero diagonal', () => {
    const x = uniform(6 * 4, 9);
    const D = pairwiseDistances({ data: x, rows: 6, cols: 4 });
    for (let i = 0; i < 6; i++) {
      assert.is(D.data[i * 6 + i], 0);
      for (let j = 0; j < 6; j++) assert.is(D.data[i * 6 + j], D.data[j * 6 + i]);
    }
  });

  test('number[][] input and empty sets', () => {
    const D = pairwiseDistances([[0, 0], [3, 4]], [[0, 0]], { metric: 'euclidean' });
    assert.equal(Array.from(D.data), [0, 5]);
    const E = pairwiseDistances({ data: new Float64Array(0), rows: 0, cols: 2 }, [[1, 2]]);
    assert.equal([E.rows, E.cols, E.data.length], [0, 1, 0]);
  });

  test('bad input', () => {
    throwsCode(() => pairwiseDistances([[1, 2]], [[1, 2, 3]]), 'SHAPE_MISMATCH', 'columns', '2', '3');
    throwsCode(() => pairwiseDistances([[1, NaN]]), 'NOT_FINITE', 'x[0][1]');
    throwsCode(() => pairwiseDistances([[1]], [[Infinity]]), 'NOT_FINITE', 'y[0][0]');
    throwsCode(() => pairwiseDistances([[1]], [[1]], { metric: 'cosine' as Metric }), 'INVALID_ARGUMENT', 'metric', 'cosine');
    throwsCode(() => pairwiseDistances({ data: new Float64Array(3), rows: 2, cols: 2 }), 'SHAPE_MISMATCH', 'x.data', '3', '4');
    throwsCode(() => pairwiseDistances([1, 2] as never), 'INVALID_ARGUMENT', 'x');
  });
});
