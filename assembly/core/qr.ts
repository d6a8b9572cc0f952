// Householder QR with optional column pivoting, and the products with Q that least squares needs.
//
// A is m x n, column-major (leading dimension m). On return the upper triangle holds R and the
// part below the diagonal holds the Householder vectors v_k (v_k[k] = 1 implicit), with
// H_k = I - tau_k v_k v_k^T and Q = H_0 H_1 ... H_{kmax-1} (LAPACK dgeqrf/dgeqp3 storage).
// With pivoting, column k is chosen as the remaining column of largest norm below row k
// (Businger-Golub); norms are recomputed each step rather than downdated, which costs the same
// order as the factorisation and avoids the cancellation that downdating suffers.
// Column operations are contiguous dots and axpys (SIMD in vector.ts order).

import { dot_f64, axpy_f64, scale_f64 } from './vector';

/** 2-norm of x[0..n) without overflow or underflow: direct when safe, else rescaled. */
export function norm2_f64(x: usize, n: i32): f64 {
  const ss = dot_f64(x, x, n);
  if (ss > 1e-280 && ss < 1e280) return sqrt<f64>(ss);
  let amax: f64 = 0;
  for (let i = 0; i < n; i++) amax = max(amax, abs(load<f64>(x + (<usize>i << 3))));
  if (amax == 0 || amax - amax != 0) return amax;
  let s: f64 = 0;
  for (let i = 0; i < n; i++) {
    const t = load<f64>(x + (<usize>i << 3)) / amax;
    s += t * t;
  }
  return amax * sqrt<f64>(s);
}

// @ts-ignore: decorator
@inline function col(A: usize, m: i32, j: i32): usize {
  return A + ((<usize>j * <usize>m) << 3);
}

function swapColumns(A: usize, m: i32, a: i32, b: i32): void {
  const pa = col(A, m, a), pb = col(A, m, b);
  for (let i = 0; i < m; i++) {
    const o = <usize>i << 3;
    const t = load<f64>(pa + o);
    store<f64>(pa + o, load<f64>(pb + o));
    store<f64>(pb + o, t);
  }
}

/**
 * In-place Householder QR of the column-major m x n matrix A; tau receives min(m, n) scalars,
 * perm (n i32) the column permutation (identity unless pivot != 0). O(m n^2).
 */
export function qr_f64(A: usize, m: i32, n: i32, tau: usize, perm: usize, pivot: i32): void {
  for (let j = 0; j < n; j++) store<i32>(perm + (<usize>j << 2), j);
  const kmax = min(m, n);
  for (let k = 0; k < kmax; k++) {
    if (pivot) {
      let best = k;
      let bestNorm: f64 = -1;
      for (let j = k; j < n; j++) {
        const nj = norm2_f64(col(A, m, j) + (<usize>k << 3), m - k);
        if (nj > bestNorm) { bestNorm = nj; best = j; }
      }
      if (best != k) {
        swapColumns(A, m, k, best);
        const pk = perm + (<usize>k << 2), pb = perm + (<usize>best << 2);
        const t = load<i32>(pk);
        store<i32>(pk, load<i32>(pb));
        store<i32>(pb, t);
      }
    }
    const ck = col(A, m, k);
    const akk = ck + (<usize>k << 3);
    const alpha = load<f64>(akk);
    const below = akk + 8;
    const len = m - k - 1;
    const xnorm = norm2_f64(below, len);
    if (xnorm == 0) {
      store<f64>(tau + (<usize>k << 3), 0);
      continue;
    }
    const h = norm2_pair(alpha, xnorm);
    const beta = alpha >= 0 ? -h : h;
    const t = (beta - alpha) / beta;
    store<f64>(tau + (<usize>k << 3), t);
    scale_f64(1.0 / (alpha - beta), below, len);
    store<f64>(akk, beta);
    for (let j = k + 1; j < n; j++) {
      const ajk = col(A, m, j) + (<usize>k << 3);
      const w = t * (load<f64>(ajk) + dot_f64(below, ajk + 8, len));
      store<f64>(ajk, load<f64>(ajk) - w);
      axpy_f64(-w, below, ajk + 8, len);
    }
  }
}

/** sqrt(a^2 + b^2) without overflow. */
function norm2_pair(a: f64, b: f64): f64 {
  const x = abs(a), y = abs(b);
  const big = max(x, y), small = min(x, y);
  if (big == 0) return 0;
  const r = small / big;
  return big * sqrt<f64>(1 + r * r);
}

/**
 * b <- Q^T b for the factorisation from qr_f64 (b has m entries; kmax = min(m, n) reflectors).
 * O(m n).
 */
export function qr_apply_qt_f64(A: usize, m: i32, n: i32, tau: usize, b: usize): void {
  const kmax = min(m, n);
  for (let k = 0; k < kmax; k++) {
    const t = load<f64>(tau + (<usize>k << 3));
    if (t == 0) continue;
    const v = col(A, m, k) + (<usize>k << 3);
    const bk = b + (<usize>k << 3);
    const w = t * (load<f64>(bk) + dot_f64(v + 8, bk + 8, m - k - 1));
    store<f64>(bk, load<f64>(bk) - w);
    axpy_f64(-w, v + 8, bk + 8, m - k - 1);
  }
}

/** b <- Q b (inverse of qr_apply_qt_f64). O(m n). */
export function qr_apply_q_f64(A: usize, m: i32, n: i32, tau: usize, b: usize): void {
  const kmax = min(m, n);
  for (let k = kmax - 1; k >= 0; k--) {
    const t = load<f64>(tau + (<usize>k << 3));
    if (t == 0) continue;
    const v = col(A, m, k) + (<usize>k << 3);
    const bk = b + (<usize>k << 3);
    const w = t * (load<f64>(bk) + dot_f64(v + 8, bk + 8, m - k - 1));
    store<f64>(bk, load<f64>(bk) - w);
    axpy_f64(-w, v + 8, bk + 8, m - k - 1);
  }
}
