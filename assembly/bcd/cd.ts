// Coordinate descent kernels for the penalised least-squares models (Lasso, ElasticNet) and
// the inner problems of the logistic solver, on a column-major design in wasm memory.
//
// Least squares, in the unscaled form of scikit-learn's Cython kernel: minimise
//   1/2 |R|^2 + a sum_j pf_j |w_j| + (b/2) sum_j pf_j w_j^2,   R = y - X w,
// (a = alpha rho n, b = alpha (1 - rho) n; pf_j a per-coordinate penalty factor). The update of
// coordinate j is exact minimisation (Friedman, Hastie & Tibshirani 2010, eq. 5):
//   t = X_j . R + |X_j|^2 w_j,   w_j <- S(t, a pf_j) / (|X_j|^2 + b pf_j),
// S the soft threshold (and w_j >= 0 when positive), then R -= (w_j' - w_j) X_j: one dot and one
// axpy over the column, fused here. Columns with |X_j|^2 = 0 are skipped (never divided by).

import { dot_f64, axpy_f64, dot4_f64 } from '../core/vector';

// @ts-ignore: decorator
@inline function soft(t: f64, a: f64): f64 {
  return t > a ? t - a : t < -a ? t + a : 0.0;
}

/**
 * `count` coordinate updates of the least-squares problem above, on coordinates order[0..count)
 * (i32 column indices: a working set repeated for cyclic epochs, or random draws). X: n x p
 * column-major; norms2: |X_j|^2; pf: penalty factors; w, R updated in place. Returns the largest
 * |change| of a coefficient times its column norm (the change of the fit it caused). O(count n).
 */
export function cd_lasso_f64(X: usize, n: i32, norms2: usize, pf: usize, w: usize, R: usize,
  order: usize, count: i32, a: f64, b: f64, positive: i32): f64 {
  let biggest: f64 = 0;
  for (let c = 0; c < count; c++) {
    const j = load<i32>(order + (<usize>c << 2));
    const L = load<f64>(norms2 + (<usize>j << 3));
    if (L == 0) continue;
    const col = X + ((<usize>j * <usize>n) << 3);
    const wj = load<f64>(w + (<usize>j << 3));
    const f = load<f64>(pf + (<usize>j << 3));
    const t = dot_f64(col, R, n) + L * wj;
    let wn = soft(t, a * f) / (L + b * f);
    if (positive && wn < 0) wn = 0;
    if (wn != wj) {
      axpy_f64(wj - wn, col, R, n);
      store<f64>(w + (<usize>j << 3), wn);
      biggest = max(biggest, abs(wn - wj) * sqrt<f64>(L));
    }
  }
  return biggest;
}

/** out[j] = X_j . r for the columns listed in cols[0..m) (i32), four at a time. O(m n). */
export function xt_r_f64(X: usize, n: i32, cols: usize, m: i32, r: usize, out: usize, work: usize): void {
  let k = 0;
  const stride = <usize>n << 3;
  for (; k + 4 <= m; k += 4) {
    const j0 = load<i32>(cols + (<usize>k << 2));
    // four consecutive columns share one pass over r
    if (load<i32>(cols + (<usize>(k + 3) << 2)) == j0 + 3 && load<i32>(cols + (<usize>(k + 1) << 2)) == j0 + 1 && load<i32>(cols + (<usize>(k + 2) << 2)) == j0 + 2) {
      dot4_f64(X + <usize>j0 * stride, stride, r, n, work);
      for (let q = 0; q < 4; q++) store<f64>(out + (<usize>(j0 + q) << 3), load<f64>(work + (<usize>q << 3)));
    } else {
      for (let q = 0; q < 4; q++) {
        const j = load<i32>(cols + (<usize>(k + q) << 2));
        store<f64>(out + (<usize>j << 3), dot_f64(X + <usize>j * stride, r, n));
      }
    }
  }
  for (; k < m; k++) {
    const j = load<i32>(cols + (<usize>k << 2));
    store<f64>(out + (<usize>j << 3), dot_f64(X + <usize>j * stride, r, n));
  }
}

/** out[j] = sum_i d_i X_ij^2 for every column j < p (weighted squared norms). O(n p). */
export function weighted_norms2_f64(X: usize, n: i32, p: i32, d: usize, out: usize): void {
  for (let j = 0; j < p; j++) {
    const col = X + ((<usize>j * <usize>n) << 3);
    let i = 0;
    let s: f64 = 0;
    if (ASC_FEATURE_SIMD) {
      let acc = f64x2.splat(0);
      for (; i + 2 <= n; i += 2) {
        const o = <usize>i << 3;
        const x = v128.load(col + o);
        acc = f64x2.add(acc, f64x2.mul(v128.load(d + o), f64x2.mul(x, x)));
      }
      s = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
    } else {
      let s0: f64 = 0, s1: f64 = 0;
      for (; i + 2 <= n; i += 2) {
        const o = <usize>i << 3;
        const x0 = load<f64>(col + o), x1 = load<f64>(col + o, 8);
        s0 += load<f64>(d + o) * (x0 * x0);
        s1 += load<f64>(d + o, 8) * (x1 * x1);
      }
      s = s0 + s1;
    }
    for (; i < n; i++) {
      const x = load<f64>(col + (<usize>i << 3));
      s += load<f64>(d + (<usize>i << 3)) * (x * x);
    }
    store<f64>(out + (<usize>j << 3), s);
  }
}

/** sum_i x_i d_i e_i in two lanes (both builds). O(n). */
function dot3(x: usize, d: usize, e: usize, n: i32): f64 {
  let i = 0;
  let s: f64 = 0;
  if (ASC_FEATURE_SIMD) {
    let acc = f64x2.splat(0);
    for (; i + 2 <= n; i += 2) {
      const o = <usize>i << 3;
      acc = f64x2.add(acc, f64x2.mul(v128.load(x + o), f64x2.mul(v128.load(d + o), v128.load(e + o))));
    }
    s = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
  } else {
    let s0: f64 = 0, s1: f64 = 0;
    for (; i + 2 <= n; i += 2) {
      const o = <usize>i << 3;
      s0 += load<f64>(x + o) * (load<f64>(d + o) * load<f64>(e + o));
      s1 += load<f64>(x + o, 8) * (load<f64>(d + o, 8) * load<f64>(e + o, 8));
    }
    s = s0 + s1;
  }
  for (; i < n; i++) {
    const o = <usize>i << 3;
    s += load<f64>(x + o) * (load<f64>(d + o) * load<f64>(e + o));
  }
  return s;
}

/**
 * Coordinate descent on the quadratic model of a proximal Newton step (newGLMNET, Yuan, Ho &
 * Lin 2012): minimise over the step d
 *   g . d + 1/2 d^T X^T D X d + l1 sum pf_j |w_j + d_j| + (l2/2) sum pf_j (w_j + d_j)^2,
 * keeping Xd = X d. Coordinate j: with H = sum_i D_i X_ij^2 (hdiag) and
 * c = g_j + X_j . (D Xd) - H d_j, the exact minimiser of the model in u = w_j + d_j is
 *   u = S(H w_j - c, l1 pf_j) / (H + l2 pf_j).
 * `count` updates over order[] (i32). Returns the largest |change of d_j| sqrt(H). O(count n).
 */
export function cd_newton_f64(X: usize, n: i32, D: usize, hdiag: usize, pf: usize, g: usize, w: usize, d: usize, Xd: usize,
  order: usize, count: i32, l1: f64, l2: f64): f64 {
  let biggest: f64 = 0;
  for (let c = 0; c < count; c++) {
    const j = load<i32>(order + (<usize>c << 2));
    const H = load<f64>(hdiag + (<usize>j << 3));
    if (H == 0) continue;
    const col = X + ((<usize>j * <usize>n) << 3);
    const f = load<f64>(pf + (<usize>j << 3));
    const wj = load<f64>(w + (<usize>j << 3)), dj = load<f64>(d + (<usize>j << 3));
    const cj = load<f64>(g + (<usize>j << 3)) + dot3(col, D, Xd, n) - H * dj;
    const u = soft(H * wj - cj, l1 * f) / (H + l2 * f);
    const step = u - (wj + dj);
    if (step != 0) {
      store<f64>(d + (<usize>j << 3), dj + step);
      axpy_f64(step, col, Xd, n);
      biggest = max(biggest, abs(step) * sqrt<f64>(H));
    }
  }
  return biggest;
}

/**
 * Coordinate descent on the proximal Newton model of the multinomial loss, one block per
 * feature across the K classes (the feature's K coefficients are updated together, in turn).
 * The model uses the exact softmax Hessian: for sample i, H_i = C (diag(p_i) - p_i p_i^T), so
 * with Z = X D (n x K row-major, D the step) and s_i = p_i . Z_i, the model gradient of
 * coordinate (j, k) is G_jk + C sum_i x_ij p_ik (Z_ik - s_i), its curvature
 * h_jk = C sum_i x_ij^2 p_ik (1 - p_ik), and the exact minimiser in u = W_jk + D_jk is
 * u = S(h W_jk - c, l1 pf_j) / (h + l2 pf_j), c = model gradient - h D_jk.
 * W, Dir, G, hdiag: m x K (feature-major); P, Z: n x K row-major; s: n. `count` features from
 * order[] (i32). Returns the largest |step| sqrt(h). O(count K n).
 */
export function cd_softmax_newton_f64(X: usize, n: i32, K: i32, P: usize, C: f64, hdiag: usize, pf: usize, G: usize, W: usize,
  Dir: usize, Z: usize, s: usize, order: usize, count: i32, l1: f64, l2: f64): f64 {
  let biggest: f64 = 0;
  const rowBytes = <usize>K << 3;
  for (let c = 0; c < count; c++) {
    const j = load<i32>(order + (<usize>c << 2));
    const col = X + ((<usize>j * <usize>n) << 3);
    const f = load<f64>(pf + (<usize>j << 3));
    for (let k = 0; k < K; k++) {
      const o = ((<usize>j * <usize>K + <usize>k) << 3);
      const h = load<f64>(hdiag + o);
      if (h == 0) continue;
      const pk = P + (<usize>k << 3), zk = Z + (<usize>k << 3);
      let acc: f64 = 0;
      for (let i = 0; i < n; i++) {
        const r = <usize>i * rowBytes;
        acc += load<f64>(col + (<usize>i << 3)) * load<f64>(pk + r) * (load<f64>(zk + r) - load<f64>(s + (<usize>i << 3)));
      }
      const wjk = load<f64>(W + o), djk = load<f64>(Dir + o);
      const cjk = load<f64>(G + o) + C * acc - h * djk;
      const u = soft(h * wjk - cjk, l1 * f) / (h + l2 * f);
      const step = u - (wjk + djk);
      if (step != 0) {
        store<f64>(Dir + o, djk + step);
        for (let i = 0; i < n; i++) {
          const r = <usize>i * rowBytes;
          const v = step * load<f64>(col + (<usize>i << 3));
          store<f64>(zk + r, load<f64>(zk + r) + v);
          const si = s + (<usize>i << 3);
          store<f64>(si, load<f64>(si) + load<f64>(pk + r) * v);
        }
        biggest = max(biggest, abs(step) * sqrt<f64>(h));
      }
    }
  }
  return biggest;
}
