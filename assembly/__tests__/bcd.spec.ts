// Kernel-level specs for assembly/bcd: the column-major design copy, the Gram forms against
// their residual-form twins, and the weighted Gram against a plain triple loop.

import { column_major_f64 } from '../bcd/design';
import { cd_lasso_f64 } from '../bcd/cd';
import { gram_f64, cd_gram_f64, weighted_gram_f64 } from '../bcd/gram';
import { dot_f64 } from '../core/vector';

/** A deterministic, irregular n x p row-major matrix (odd sizes exercise the tails). */
function matrix(n: i32, p: i32): Float64Array {
  const a = new Float64Array(n * p);
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) a[i * p + j] = Math.sin(<f64>(i * 7 + j * 13 + 1)) + <f64>j * 0.25;
  return a;
}

describe('bcd kernels', () => {
  it('column_major_f64 transposes, centres and returns means and squared norms', () => {
    const n = 37, p = 35;
    const src = matrix(n, p), dst = new Float64Array(n * p), means = new Float64Array(p), norms2 = new Float64Array(p);
    column_major_f64(src.dataStart, n, p, 1, dst.dataStart, means.dataStart, norms2.dataStart);
    let worst: f64 = 0;
    for (let j = 0; j < p; j++) {
      let m: f64 = 0;
      for (let i = 0; i < n; i++) m += src[i * p + j];
      m /= <f64>n;
      worst = max(worst, abs(means[j] - m));
      let s: f64 = 0;
      for (let i = 0; i < n; i++) {
        const v = src[i * p + j] - m;
        worst = max(worst, abs(dst[j * n + i] - v));
        s += v * v;
      }
      worst = max(worst, abs(norms2[j] - s) / s);
    }
    // sums of 37 terms of size ~10 in another order: a few ulps
    expect(worst).toBeLessThan(1e-13);
  });

  it('an epoch in Gram form equals an epoch in residual form', () => {
    const n = 41, p = 9;
    const src = matrix(n, p), X = new Float64Array(n * p), means = new Float64Array(p), norms2 = new Float64Array(p);
    column_major_f64(src.dataStart, n, p, 1, X.dataStart, means.dataStart, norms2.dataStart);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) y[i] = Math.cos(<f64>i) * 3.0;
    const pf = new Float64Array(p), order = new Int32Array(p), work = new Float64Array(4);
    for (let j = 0; j < p; j++) {
      pf[j] = 1;
      order[j] = j;
    }
    // residual form from w = 0: R = y
    const w1 = new Float64Array(p), R = new Float64Array(n);
    for (let i = 0; i < n; i++) R[i] = y[i];
    // Gram form: Q, q = X^T y, H = Q w = 0
    const Q = new Float64Array(p * p), q = new Float64Array(p), H = new Float64Array(p), w2 = new Float64Array(p);
    gram_f64(X.dataStart, n, p, Q.dataStart, work.dataStart);
    for (let j = 0; j < p; j++) q[j] = dot_f64(X.dataStart + (<usize>(j * n) << 3), y.dataStart, n);
    for (let epoch = 0; epoch < 5; epoch++) {
      cd_lasso_f64(X.dataStart, n, norms2.dataStart, pf.dataStart, w1.dataStart, R.dataStart, order.dataStart, p, 0.5, 0.1, 0);
      cd_gram_f64(Q.dataStart, p, q.dataStart, pf.dataStart, w2.dataStart, H.dataStart, order.dataStart, p, 0.5, 0.1, 0);
    }
    let worst: f64 = 0, top: f64 = 0;
    for (let j = 0; j < p; j++) {
      worst = max(worst, abs(w1[j] - w2[j]));
      top = max(top, abs(w1[j]));
    }
    expect(top).toBeGreaterThan(0.0);
    // same updates, gradients from different sums: rounding only
    expect(worst / top).toBeLessThan(1e-11);
  });

  it('weighted_gram_f64 equals X^T diag(d) X with signed weights', () => {
    const n = 23, m = 7;
    const X = matrix(n, m), d = new Float64Array(n), out = new Float64Array(m * m), tmp = new Float64Array(n), work = new Float64Array(4);
    for (let i = 0; i < n; i++) d[i] = <f64>(i % 5) - 1.5;
    weighted_gram_f64(X.dataStart, n, m, d.dataStart, out.dataStart, tmp.dataStart, work.dataStart);
    let worst: f64 = 0;
    for (let j = 0; j < m; j++) for (let k = 0; k < m; k++) {
      let s: f64 = 0;
      for (let i = 0; i < n; i++) s += X[j * n + i] * d[i] * X[k * n + i];
      worst = max(worst, abs(out[j * m + k] - s));
    }
    expect(worst).toBeLessThan(1e-12);
  });
});
