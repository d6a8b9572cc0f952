// Streaming Householder QR: fold a block of B new rows into an existing triangular factor.
//
// Least squares over many rows without storing them (the "sequential" or TSQR-style
// Householder update, Golub & Van Loan 5.2 / Bjorck 1996 2.4.6): keep R (p x p upper) and
// z = Q^T y (p). For a block A (B x p) with right-hand side b (B), the stacked matrix
// [R; A] is upper triangular except for A, so column j's Householder vector is
// v = [e_j (R part); A[:, j]], and applying H_j = I - tau v v^T touches only row j of R, entry
// z[j], and the B rows of the block. After the p columns the block part of the transformed
// right-hand side holds residual components: their squares add to the residual sum.
// Backward stable like any Householder QR; never forms A^T A. 2 B p^2 flops per block.
//
// Storage: R row-major p x (p + 1) with z as its last column (R[j][k] at R + 8 (j (p + 1) + k));
// A column-major B x (p + 1) with b as its last column (column k at A + 8 k B), so the
// right-hand side is transformed with the other columns, four at a time (dot4 order: the SIMD
// and scalar builds give identical results). v is kept unnormalised (v[0] = alpha - beta) and
// tau scaled accordingly, and each column's squared norm is accumulated while it is updated,
// so a column costs two passes over the block (its dot with v, then the update).

import { dot_f64, dot4_f64 } from './vector';

/**
 * cols[r] -= s[r] v for the four columns at cols (stride bytes apart); norms[r] receives the
 * squared norm of the updated column r.
 */
function updateCols4(s: usize, v: usize, cols: usize, stride: usize, n: i32, norms: usize): void {
  const s0 = -load<f64>(s), s1 = -load<f64>(s, 8), s2 = -load<f64>(s, 16), s3 = -load<f64>(s, 24);
  const c0 = cols, c1 = c0 + stride, c2 = c1 + stride, c3 = c2 + stride;
  let i = 0;
  let q0: f64 = 0, q1: f64 = 0, q2: f64 = 0, q3: f64 = 0;
  if (ASC_FEATURE_SIMD) {
    const a0 = f64x2.splat(s0), a1 = f64x2.splat(s1), a2 = f64x2.splat(s2), a3 = f64x2.splat(s3);
    let n0 = f64x2.splat(0), n1 = n0, n2 = n0, n3 = n0;
    for (; i + 2 <= n; i += 2) {
      const o = <usize>i << 3;
      const x = v128.load(v + o);
      const u0 = f64x2.add(v128.load(c0 + o), f64x2.mul(a0, x));
      const u1 = f64x2.add(v128.load(c1 + o), f64x2.mul(a1, x));
      const u2 = f64x2.add(v128.load(c2 + o), f64x2.mul(a2, x));
      const u3 = f64x2.add(v128.load(c3 + o), f64x2.mul(a3, x));
      v128.store(c0 + o, u0);
      v128.store(c1 + o, u1);
      v128.store(c2 + o, u2);
      v128.store(c3 + o, u3);
      n0 = f64x2.add(n0, f64x2.mul(u0, u0));
      n1 = f64x2.add(n1, f64x2.mul(u1, u1));
      n2 = f64x2.add(n2, f64x2.mul(u2, u2));
      n3 = f64x2.add(n3, f64x2.mul(u3, u3));
    }
    q0 = f64x2.extract_lane(n0, 0) + f64x2.extract_lane(n0, 1);
    q1 = f64x2.extract_lane(n1, 0) + f64x2.extract_lane(n1, 1);
    q2 = f64x2.extract_lane(n2, 0) + f64x2.extract_lane(n2, 1);
    q3 = f64x2.extract_lane(n3, 0) + f64x2.extract_lane(n3, 1);
  } else {
    // two interleaved partial sums per column, as the two SIMD lanes
    let e0: f64 = 0, e1: f64 = 0, e2: f64 = 0, e3: f64 = 0, f0: f64 = 0, f1: f64 = 0, f2: f64 = 0, f3: f64 = 0;
    for (; i + 2 <= n; i += 2) {
      const o = <usize>i << 3;
      const x = load<f64>(v + o), y = load<f64>(v + o, 8);
      const u0 = load<f64>(c0 + o) + s0 * x, w0 = load<f64>(c0 + o, 8) + s0 * y;
      const u1 = load<f64>(c1 + o) + s1 * x, w1 = load<f64>(c1 + o, 8) + s1 * y;
      const u2 = load<f64>(c2 + o) + s2 * x, w2 = load<f64>(c2 + o, 8) + s2 * y;
      const u3 = load<f64>(c3 + o) + s3 * x, w3 = load<f64>(c3 + o, 8) + s3 * y;
      store<f64>(c0 + o, u0); store<f64>(c0 + o, w0, 8);
      store<f64>(c1 + o, u1); store<f64>(c1 + o, w1, 8);
      store<f64>(c2 + o, u2); store<f64>(c2 + o, w2, 8);
      store<f64>(c3 + o, u3); store<f64>(c3 + o, w3, 8);
      e0 += u0 * u0; f0 += w0 * w0;
      e1 += u1 * u1; f1 += w1 * w1;
      e2 += u2 * u2; f2 += w2 * w2;
      e3 += u3 * u3; f3 += w3 * w3;
    }
    q0 = e0 + f0;
    q1 = e1 + f1;
    q2 = e2 + f2;
    q3 = e3 + f3;
  }
  for (; i < n; i++) {
    const o = <usize>i << 3;
    const x = load<f64>(v + o);
    const u0 = load<f64>(c0 + o) + s0 * x, u1 = load<f64>(c1 + o) + s1 * x;
    const u2 = load<f64>(c2 + o) + s2 * x, u3 = load<f64>(c3 + o) + s3 * x;
    store<f64>(c0 + o, u0);
    store<f64>(c1 + o, u1);
    store<f64>(c2 + o, u2);
    store<f64>(c3 + o, u3);
    q0 += u0 * u0;
    q1 += u1 * u1;
    q2 += u2 * u2;
    q3 += u3 * u3;
  }
  store<f64>(norms, q0);
  store<f64>(norms, q1, 8);
  store<f64>(norms, q2, 16);
  store<f64>(norms, q3, 24);
}

/** The same for one column (the tail when fewer than four remain); same lane order. */
function updateCol(s: f64, v: usize, col: usize, n: i32): f64 {
  let i = 0;
  let q: f64 = 0;
  if (ASC_FEATURE_SIMD) {
    const a = f64x2.splat(-s);
    let acc = f64x2.splat(0);
    for (; i + 2 <= n; i += 2) {
      const o = <usize>i << 3;
      const u = f64x2.add(v128.load(col + o), f64x2.mul(a, v128.load(v + o)));
      v128.store(col + o, u);
      acc = f64x2.add(acc, f64x2.mul(u, u));
    }
    q = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
  } else {
    let e: f64 = 0, f: f64 = 0;
    for (; i + 2 <= n; i += 2) {
      const o = <usize>i << 3;
      const u = load<f64>(col + o) + -s * load<f64>(v + o), w = load<f64>(col + o, 8) + -s * load<f64>(v + o, 8);
      store<f64>(col + o, u);
      store<f64>(col + o, w, 8);
      e += u * u;
      f += w * w;
    }
    q = e + f;
  }
  for (; i < n; i++) {
    const o = <usize>i << 3;
    const u = load<f64>(col + o) + -s * load<f64>(v + o);
    store<f64>(col + o, u);
    q += u * u;
  }
  return q;
}

/**
 * Folds the block A (B x (p + 1), column-major, right-hand side in the last column) into R
 * (p x (p + 1) row-major, z in the last column): afterwards R^T R and R^T z gain A^T A and
 * A^T b. A is overwritten (its last column by the residual part). work: p + 9 float64.
 * Returns the block's residual sum of squares. O(B p^2).
 */
export function qr_update_f64(R: usize, p: i32, A: usize, B: i32, work: usize): f64 {
  const stride = <usize>B << 3;
  const ld = p + 1;
  const sq = work + 64; // squared column norms of the block, p + 1 entries
  for (let k = 0; k <= p; k++) {
    const c = A + <usize>k * stride;
    store<f64>(sq + (<usize>k << 3), dot_f64(c, c, B));
  }
  for (let j = 0; j < p; j++) {
    const v = A + <usize>j * stride;
    const sigma = load<f64>(sq + (<usize>j << 3));
    if (sigma == 0) continue; // the block has nothing in this column below R: H_j = I
    const rjj = R + ((<usize>j * <usize>ld + <usize>j) << 3);
    const alpha = load<f64>(rjj);
    const norm = sqrt<f64>(alpha * alpha + sigma);
    const beta = alpha > 0 ? -norm : norm; // -sign(alpha) |(alpha, A_j)|: no cancellation in alpha - beta
    const v0 = alpha - beta;
    // H = I - tau u u^T with u = [v0; A_j] (unnormalised): tau = 2 / |u|^2 = -1 / (beta v0)
    const tau = -1.0 / (beta * v0);
    store<f64>(rjj, beta);
    // columns k > j (and the right-hand side, column p): s_k = tau (v0 R[j][k] + u . A_k)
    let k = j + 1;
    for (; k + 4 <= ld; k += 4) {
      const cols = A + <usize>k * stride;
      dot4_f64(cols, stride, v, B, work);
      for (let r = 0; r < 4; r++) {
        const rjk = R + ((<usize>j * <usize>ld + <usize>(k + r)) << 3);
        const s = tau * (v0 * load<f64>(rjk) + load<f64>(work + (<usize>r << 3)));
        store<f64>(rjk, load<f64>(rjk) - s * v0);
        store<f64>(work + (<usize>r << 3), s);
      }
      updateCols4(work, v, cols, stride, B, sq + (<usize>k << 3));
    }
    for (; k < ld; k++) {
      const col = A + <usize>k * stride;
      const rjk = R + ((<usize>j * <usize>ld + <usize>k) << 3);
      const s = tau * (v0 * load<f64>(rjk) + dot_f64(v, col, B));
      store<f64>(rjk, load<f64>(rjk) - s * v0);
      store<f64>(sq + (<usize>k << 3), updateCol(s, v, col, B));
    }
  }
  return load<f64>(sq + (<usize>p << 3));
}
