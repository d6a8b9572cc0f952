/** Plain-TS dense helpers for the linear-algebra tests (row-major). */

import { uniform } from '../harness/data.js';

export function matVec(A: ArrayLike<number>, m: number, n: number, x: ArrayLike<number>): Float64Array {
  const out = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += A[i * n + j] * x[j];
    out[i] = s;
  }
  return out;
}

/** [A^T A, A^T b]. */
export function normalEquations(A: ArrayLike<number>, m: number, n: number, b: ArrayLike<number>): [Float64Array, Float64Array] {
  const G = new Float64Array(n * n), r = new Float64Array(n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      r[j] += A[i * n + j] * b[i];
      for (let k = 0; k < n; k++) G[j * n + k] += A[i * n + j] * A[i * n + k];
    }
  }
  return [G, r];
}

/** Gaussian elimination with partial pivoting. */
export function gaussSolve(G: Float64Array, r: Float64Array, n: number): Float64Array {
  const A = G.slice(), b = r.slice();
  for (let k = 0; k < n; k++) {
    let p = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(A[i * n + k]) > Math.abs(A[p * n + k])) p = i;
    for (let j = 0; j < n; j++) [A[k * n + j], A[p * n + j]] = [A[p * n + j], A[k * n + j]];
    [b[k], b[p]] = [b[p], b[k]];
    for (let i = k + 1; i < n; i++) {
      const f = A[i * n + k] / A[k * n + k];
      for (let j = k; j < n; j++) A[i * n + j] -= f * A[k * n + j];
      b[i] -= f * b[k];
    }
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i];
    for (let j = i + 1; j < n; j++) s -= A[i * n + j] * x[j];
    x[i] = s / A[i * n + i];
  }
  return x;
}

/** A random symmetric positive definite n x n matrix: B B^T + n I. */
export function spd(n: number, seed: number): Float64Array {
  const B = uniform(n * n, seed);
  const A = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    let s = i === j ? n : 0;
    for (let k = 0; k < n; k++) s += B[i * n + k] * B[j * n + k];
    A[i * n + j] = s;
  }
  return A;
}
