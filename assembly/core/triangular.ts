// Triangular solves and Cholesky factorisation on column-major matrices (leading dimension ld).
// Column-oriented loops, so the inner work is a contiguous axpy or dot (SIMD in vector.ts order).

import { dot_f64, axpy_f64 } from './vector';

// @ts-ignore: decorator
@inline function at(T: usize, ld: i32, i: i32, j: i32): usize {
  return T + ((<usize>j * <usize>ld + <usize>i) << 3);
}

/**
 * Solves op(T) x = b in place (b becomes x) for the n x n triangle of T.
 * lower != 0: T lower triangular, else upper. trans != 0: op(T) = T^T, else T.
 * Returns 0, or k + 1 when T[k, k] is zero (b is then left partially updated). O(n^2).
 */
export function trsv_f64(T: usize, ld: i32, n: i32, lower: i32, trans: i32, b: usize): i32 {
  for (let k = 0; k < n; k++) if (load<f64>(at(T, ld, k, k)) == 0) return k + 1;
  if (!trans) {
    if (lower) {
      // forward substitution by columns: x_j = b_j / L_jj; b[j+1:] -= x_j L[j+1:, j]
      for (let j = 0; j < n; j++) {
        const xj = load<f64>(b + (<usize>j << 3)) / load<f64>(at(T, ld, j, j));
        store<f64>(b + (<usize>j << 3), xj);
        axpy_f64(-xj, at(T, ld, j + 1, j), b + (<usize>(j + 1) << 3), n - j - 1);
      }
    } else {
      for (let j = n - 1; j >= 0; j--) {
        const xj = load<f64>(b + (<usize>j << 3)) / load<f64>(at(T, ld, j, j));
        store<f64>(b + (<usize>j << 3), xj);
        axpy_f64(-xj, at(T, ld, 0, j), b, j);
      }
    }
  } else {
    if (lower) {
      // L^T x = b: backward, row i of L^T is column i of L below the diagonal
      for (let i = n - 1; i >= 0; i--) {
        const s = dot_f64(at(T, ld, i + 1, i), b + (<usize>(i + 1) << 3), n - i - 1);
        store<f64>(b + (<usize>i << 3), (load<f64>(b + (<usize>i << 3)) - s) / load<f64>(at(T, ld, i, i)));
      }
    } else {
      // U^T x = b: forward, row i of U^T is column i of U above the diagonal
      for (let i = 0; i < n; i++) {
        const s = dot_f64(at(T, ld, 0, i), b, i);
        store<f64>(b + (<usize>i << 3), (load<f64>(b + (<usize>i << 3)) - s) / load<f64>(at(T, ld, i, i)));
      }
    }
  }
  return 0;
}

/**
 * In-place Cholesky A = L L^T of a symmetric positive definite n x n matrix (lower triangle used
 * and overwritten by L; the strict upper triangle is not touched). Right-looking: after column j
 * is scaled, the trailing lower triangle gets rank-one axpy updates down each column.
 * Returns 0, or j + 1 when the pivot of column j is not positive (not positive definite). O(n^3/3).
 */
export function cholesky_f64(A: usize, ld: i32, n: i32): i32 {
  for (let j = 0; j < n; j++) {
    const d = load<f64>(at(A, ld, j, j));
    if (!(d > 0) || d == Infinity) return j + 1;
    const l = sqrt<f64>(d);
    store<f64>(at(A, ld, j, j), l);
    const inv = 1.0 / l;
    for (let i = j + 1; i < n; i++) store<f64>(at(A, ld, i, j), load<f64>(at(A, ld, i, j)) * inv);
    for (let k = j + 1; k < n; k++) {
      axpy_f64(-load<f64>(at(A, ld, k, j)), at(A, ld, k, j), at(A, ld, k, k), n - k);
    }
  }
  return 0;
}
