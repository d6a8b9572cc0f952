// Chebyshev least squares and evaluation for polyfit.
//
// x is mapped to t = off + scl x (numpy's polyutils.mapdomain: the data range onto [-1, 1]);
// the design rows are T_0(t), ..., T_{p-1}(t) from the three-term recurrence
// T_0 = 1, T_1 = t, T_{k+1} = 2 t T_k - T_{k-1} (Chebyshev columns on [-1, 1] keep the design's
// condition number under ~10 at any degree, where raw powers reach 1e16). Rows are built B at a
// time and folded into R by the streaming Householder update, so memory is O(B p).

import { qr_update_f64 } from '../core/qr-update';
import { dot_f64 } from '../core/vector';

/**
 * Builds the weighted Chebyshev block for rows [i0, i0 + len): A[:, k] = w_i T_k(t_i)
 * (column-major, leading dimension len), k < p, and column p: w_i y_i (w = 0: all weights 1).
 */
function chebyshevBlock(x: usize, y: usize, w: usize, i0: i32, len: i32, off: f64, scl: f64, p: i32, A: usize): void {
  const stride = <usize>len << 3;
  const b = A + <usize>p * stride;
  for (let i = 0; i < len; i++) {
    const o = <usize>(i0 + i) << 3;
    const wi = w != 0 ? load<f64>(w + o) : 1.0;
    const t = off + scl * load<f64>(x + o);
    store<f64>(b + (<usize>i << 3), wi * load<f64>(y + o));
    const a = A + (<usize>i << 3);
    store<f64>(a, wi);
    if (p > 1) store<f64>(a + stride, wi * t);
  }
  // the recurrence, column by column (contiguous), two rows per SIMD step
  for (let k = 2; k < p; k++) {
    const c = A + <usize>k * stride, c1 = c - stride, c2 = c1 - stride;
    let i = 0;
    if (ASC_FEATURE_SIMD) {
      for (; i + 2 <= len; i += 2) {
        const o = <usize>i << 3;
        const t = f64x2.add(f64x2.splat(off), f64x2.mul(f64x2.splat(scl), v128.load(x + (<usize>(i0 + i) << 3))));
        const twoT = f64x2.add(t, t);
        v128.store(c + o, f64x2.sub(f64x2.mul(twoT, v128.load(c1 + o)), v128.load(c2 + o)));
      }
    }
    for (; i < len; i++) {
      const o = <usize>i << 3;
      const t = off + scl * load<f64>(x + (<usize>(i0 + i) << 3));
      store<f64>(c + o, (t + t) * load<f64>(c1 + o) - load<f64>(c2 + o));
    }
  }
}

/**
 * Weighted Chebyshev least squares: [R | z] (p x (p + 1) row-major, R upper, z = Q^T (w y)) of
 * the design w_i T_k(off + scl x_i), k < p, over n rows in blocks of B. A: B (p + 1) float64,
 * work: p + 9 float64. Returns the residual sum of squares sum (w_i (y_i - fit_i))^2 of the least
 * squares solution (the norm of the part of w y outside the column space). O(n p^2).
 */
export function poly_cheb_fit_f64(x: usize, y: usize, w: usize, n: i32, off: f64, scl: f64, p: i32,
  R: usize, A: usize, B: i32, work: usize): f64 {
  memory.fill(R, 0, (<usize>p * <usize>(p + 1)) << 3);
  let rss: f64 = 0;
  for (let i0 = 0; i0 < n; i0 += B) {
    const len = min(B, n - i0);
    chebyshevBlock(x, y, w, i0, len, off, scl, p, A);
    rss += qr_update_f64(R, p, A, len, work);
  }
  return rss;
}

/**
 * out[i] = sum_k c_k T_k(off + scl x_i) by Clenshaw's recurrence
 * b_k = c_k + 2 t b_{k+1} - b_{k+2}, f = c_0 + t b_1 - b_2 (stable for |t| <= 1 and beyond:
 * the errors stay of the order of the sum of |c_k| times the rounding), two points per SIMD
 * step. O(n p).
 */
export function poly_cheb_eval_f64(c: usize, p: i32, off: f64, scl: f64, x: usize, n: i32, out: usize): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    for (; i + 2 <= n; i += 2) {
      const o = <usize>i << 3;
      const t = f64x2.add(f64x2.splat(off), f64x2.mul(f64x2.splat(scl), v128.load(x + o)));
      const twoT = f64x2.add(t, t);
      let b1 = f64x2.splat(0), b2 = f64x2.splat(0);
      for (let k = p - 1; k >= 1; k--) {
        const bk = f64x2.sub(f64x2.add(f64x2.splat(load<f64>(c + (<usize>k << 3))), f64x2.mul(twoT, b1)), b2);
        b2 = b1;
        b1 = bk;
      }
      v128.store(out + o, f64x2.sub(f64x2.add(f64x2.splat(load<f64>(c)), f64x2.mul(t, b1)), b2));
    }
  }
  for (; i < n; i++) {
    const o = <usize>i << 3;
    const t = off + scl * load<f64>(x + o);
    const twoT = t + t;
    let b1: f64 = 0, b2: f64 = 0;
    for (let k = p - 1; k >= 1; k--) {
      const bk = (load<f64>(c + (<usize>k << 3)) + twoT * b1) - b2;
      b2 = b1;
      b1 = bk;
    }
    store<f64>(out + o, (load<f64>(c) + t * b1) - b2);
  }
}

/**
 * Weighted centred total sum of squares sum w_i^2 (y_i - ybar)^2, ybar = sum w_i^2 y_i /
 * sum w_i^2 (w = 0: unweighted), the denominator of R^2 for fits whose w multiplies residuals.
 * Two passes (the mean, then the squares) in a fixed order. O(n).
 */
export function poly_tss_f64(y: usize, w: usize, n: i32): f64 {
  return w != 0 ? tss(y, w, true, n) : tss(y, 0, false, n);
}

// @ts-ignore: decorator
@inline function tss(y: usize, w: usize, weighted: bool, n: i32): f64 {
  let sw: f64 = 0, swy: f64 = 0;
  for (let i = 0; i < n; i++) {
    const o = <usize>i << 3;
    const wi = weighted ? load<f64>(w + o) * load<f64>(w + o) : 1.0;
    sw += wi;
    swy += wi * load<f64>(y + o);
  }
  const mean = swy / sw;
  // two lanes (even and odd entries) in both builds
  let i = 0;
  let t: f64 = 0;
  if (ASC_FEATURE_SIMD) {
    const m = f64x2.splat(mean);
    let acc = f64x2.splat(0);
    for (; i + 2 <= n; i += 2) {
      const o = <usize>i << 3;
      const d = f64x2.sub(v128.load(y + o), m);
      let wd = f64x2.mul(d, d);
      if (weighted) {
        const wv = v128.load(w + o);
        wd = f64x2.mul(f64x2.mul(wv, wv), wd);
      }
      acc = f64x2.add(acc, wd);
    }
    t = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
  } else {
    let t0: f64 = 0, t1: f64 = 0;
    for (; i + 2 <= n; i += 2) {
      const o = <usize>i << 3;
      const a = load<f64>(y + o) - mean, b = load<f64>(y + o, 8) - mean;
      const wa = weighted ? load<f64>(w + o) * load<f64>(w + o) : 1.0, wb = weighted ? load<f64>(w + o, 8) * load<f64>(w + o, 8) : 1.0;
      t0 += weighted ? wa * (a * a) : a * a;
      t1 += weighted ? wb * (b * b) : b * b;
    }
    t = t0 + t1;
  }
  if (i < n) {
    const o = <usize>i << 3;
    const a = load<f64>(y + o) - mean;
    t += weighted ? load<f64>(w + o) * load<f64>(w + o) * (a * a) : a * a;
  }
  return t;
}

/**
 * Weighted Chebyshev moments for the normal equations of the Chebyshev design: with
 * v_i = w_i^2 (1 without weights), mom[m] = sum_i v_i T_m(t_i) for m < 2p - 1 and
 * rhs[k] = sum_i v_i y_i T_k(t_i) for k < p, and returns sum_i v_i y_i^2. Since T_j T_k = (T_{j+k} + T_{|j-k|}) / 2, these
 * give the whole Gram matrix A^T V A in O(n p) instead of O(n p^2). Rows are processed B at a
 * time: T: B (2p - 1) float64 scratch (column-major), v, vy: B each. Sums use dot_f64 (fixed
 * order in both builds). O(n p).
 */
export function poly_cheb_moments_f64(x: usize, y: usize, w: usize, n: i32, off: f64, scl: f64, p: i32,
  mom: usize, rhs: usize, T: usize, v: usize, vy: usize, B: i32): f64 {
  const q = 2 * p - 1;
  let yvy: f64 = 0;
  memory.fill(mom, 0, <usize>q << 3);
  memory.fill(rhs, 0, <usize>p << 3);
  for (let i0 = 0; i0 < n; i0 += B) {
    const len = min(B, n - i0);
    const stride = <usize>len << 3;
    for (let i = 0; i < len; i++) {
      const o = <usize>(i0 + i) << 3, oi = <usize>i << 3;
      const wi = w != 0 ? load<f64>(w + o) : 1.0;
      const vi = wi * wi;
      store<f64>(v + oi, vi);
      store<f64>(vy + oi, vi * load<f64>(y + o));
      store<f64>(T + oi, 1.0);
      if (q > 1) store<f64>(T + stride + oi, off + scl * load<f64>(x + o));
    }
    for (let k = 2; k < q; k++) {
      const c = T + <usize>k * stride, c1 = c - stride, c2 = c1 - stride;
      let i = 0;
      if (ASC_FEATURE_SIMD) {
        for (; i + 2 <= len; i += 2) {
          const o = <usize>i << 3;
          const t = v128.load(T + stride + o);
          v128.store(c + o, f64x2.sub(f64x2.mul(f64x2.add(t, t), v128.load(c1 + o)), v128.load(c2 + o)));
        }
      }
      for (; i < len; i++) {
        const o = <usize>i << 3;
        const t = load<f64>(T + stride + o);
        store<f64>(c + o, (t + t) * load<f64>(c1 + o) - load<f64>(c2 + o));
      }
    }
    for (let m = 0; m < q; m++) {
      const col = T + <usize>m * stride;
      store<f64>(mom + (<usize>m << 3), load<f64>(mom + (<usize>m << 3)) + dot_f64(col, v, len));
      if (m < p) store<f64>(rhs + (<usize>m << 3), load<f64>(rhs + (<usize>m << 3)) + dot_f64(col, vy, len));
    }
    yvy += dot_f64(vy, y + (<usize>i0 << 3), len);
  }
  return yvy;
}

/**
 * sum_i (w_i (y_i - f(x_i)))^2 for the Chebyshev series f (poly_cheb_eval_f64 on blocks of B
 * points into out: B float64 scratch). O(n p).
 */
export function poly_cheb_rss_f64(c: usize, p: i32, off: f64, scl: f64, x: usize, y: usize, w: usize, n: i32, out: usize, B: i32): f64 {
  let s0: f64 = 0, s1: f64 = 0;
  for (let i0 = 0; i0 < n; i0 += B) {
    const len = min(B, n - i0);
    const base = <usize>i0 << 3;
    poly_cheb_eval_f64(c, p, off, scl, x + base, len, out);
    let i = 0;
    for (; i + 2 <= len; i += 2) {
      const o = <usize>i << 3;
      const w0 = w != 0 ? load<f64>(w + base + o) : 1.0, w1 = w != 0 ? load<f64>(w + base + o, 8) : 1.0;
      const r0 = w0 * (load<f64>(y + base + o) - load<f64>(out + o)), r1 = w1 * (load<f64>(y + base + o, 8) - load<f64>(out + o, 8));
      s0 += r0 * r0;
      s1 += r1 * r1;
    }
    if (i < len) {
      const o = <usize>i << 3;
      const wi = w != 0 ? load<f64>(w + base + o) : 1.0;
      const r = wi * (load<f64>(y + base + o) - load<f64>(out + o));
      s0 += r * r;
    }
  }
  return s0 + s1;
}
