// The covariance (Gram) form of coordinate descent for n >> p (Friedman, Hastie & Tibshirani,
// JSS 2010, section 2.2; scikit-learn's enet_coordinate_descent_gram): with Q = X^T X and
// q = X^T y formed once, the coordinate gradient X_j . R = q_j - (Q w)_j, so keeping H = Q w
// makes an update O(p) instead of O(n), and the duality gap needs no pass over X at all.

import { dot4_f64, dot_f64, axpy_f64 } from '../core/vector';

// @ts-ignore: decorator
@inline function soft(t: f64, a: f64): f64 {
  return t > a ? t - a : t < -a ? t + a : 0.0;
}

/** out = X^T X (p x p, symmetric, both halves) for X n x p column-major; four columns share a pass. O(n p^2 / 2). */
export function gram_f64(X: usize, n: i32, p: i32, out: usize, work: usize): void {
  const stride = <usize>n << 3;
  for (let k = 0; k < p; k++) {
    const colk = X + <usize>k * stride;
    let j = 0;
    for (; j + 4 <= k + 1; j += 4) {
      dot4_f64(X + <usize>j * stride, stride, colk, n, work);
      for (let q = 0; q < 4; q++) {
        const v = load<f64>(work + (<usize>q << 3));
        store<f64>(out + ((<usize>k * <usize>p + <usize>(j + q)) << 3), v);
        store<f64>(out + ((<usize>(j + q) * <usize>p + <usize>k) << 3), v);
      }
    }
    for (; j <= k; j++) {
      const v = dot_f64(X + <usize>j * stride, colk, n);
      store<f64>(out + ((<usize>k * <usize>p + <usize>j) << 3), v);
      store<f64>(out + ((<usize>j * <usize>p + <usize>k) << 3), v);
    }
  }
}

/**
 * `count` coordinate updates (order[], i32) of 1/2 |y - X w|^2 + a sum pf_j |w_j| +
 * (b/2) sum pf_j w_j^2 in Gram form: t = q_j - H_j + Q_jj w_j, w_j <- S(t, a pf_j) / (Q_jj + b pf_j),
 * then H += (w_j' - w_j) Q_j (a row of the symmetric Q). Coordinates with Q_jj = 0 are skipped.
 * Returns the largest |change| sqrt(Q_jj). O(count p).
 */
export function cd_gram_f64(Q: usize, p: i32, q: usize, pf: usize, w: usize, H: usize, order: usize, count: i32, a: f64, b: f64, positive: i32): f64 {
  let biggest: f64 = 0;
  for (let c = 0; c < count; c++) {
    const j = load<i32>(order + (<usize>c << 2));
    const row = Q + ((<usize>j * <usize>p) << 3);
    const L = load<f64>(row + (<usize>j << 3));
    if (L == 0) continue;
    const o = <usize>j << 3;
    const wj = load<f64>(w + o), f = load<f64>(pf + o);
    const t = load<f64>(q + o) - load<f64>(H + o) + L * wj;
    let wn = soft(t, a * f) / (L + b * f);
    if (positive && wn < 0) wn = 0;
    if (wn != wj) {
      axpy_f64(wn - wj, row, H, p);
      store<f64>(w + o, wn);
      biggest = max(biggest, abs(wn - wj) * sqrt<f64>(L));
    }
  }
  return biggest;
}

/**
 * out = X^T diag(d) X (m x m, both halves) for X n x m column-major and weights d (any sign:
 * the blocks of a softmax Hessian have negative weights); tmp: n float64 scratch, work: 4.
 * O(n m^2 / 2).
 */
export function weighted_gram_f64(X: usize, n: i32, m: i32, d: usize, out: usize, tmp: usize, work: usize): void {
  const stride = <usize>n << 3;
  for (let j = 0; j < m; j++) {
    const colj = X + <usize>j * stride;
    for (let i = 0; i < n; i++) {
      const o = <usize>i << 3;
      store<f64>(tmp + o, load<f64>(colj + o) * load<f64>(d + o));
    }
    let k = 0;
    for (; k + 4 <= j + 1; k += 4) {
      dot4_f64(X + <usize>k * stride, stride, tmp, n, work);
      for (let q = 0; q < 4; q++) {
        const v = load<f64>(work + (<usize>q << 3));
        store<f64>(out + ((<usize>j * <usize>m + <usize>(k + q)) << 3), v);
        store<f64>(out + ((<usize>(k + q) * <usize>m + <usize>j) << 3), v);
      }
    }
    for (; k <= j; k++) {
      const v = dot_f64(X + <usize>k * stride, tmp, n);
      store<f64>(out + ((<usize>j * <usize>m + <usize>k) << 3), v);
      store<f64>(out + ((<usize>k * <usize>m + <usize>j) << 3), v);
    }
  }
}
