/**
 * Least squares from a triangular factor: given R (p x p, upper) and z = Q^T b of a design
 * A = Q R, the solution of min |A c - b| and the pieces of inference. Columns are scaled to
 * unit norm first (as numpy's polyfit and lstsq-based fits do), so the rank decision and the
 * minimum-norm choice do not depend on the units of the columns.
 */

import { svdSmall } from '../linalg/svd-small.js';

export interface TriangularSolution {
  /** The solution (minimum norm in the column-scaled coefficients when rank < p). */
  coef: Float64Array;
  /** Numerical rank: singular values of the column-scaled R above rcond times the largest. */
  rank: number;
  /** (R^T R)^+ (p x p row-major): times sigma^2, the covariance of coef. */
  inverseGram: Float64Array;
  /** |z - R coef|^2: the residual not already removed by the factorisation (0 at full rank). */
  residual: number;
}

/** Above this size a full-rank factor is solved by back substitution instead of an SVD. */
const SVD_ALWAYS = 64;

/** Column 2-norms of the upper-triangular R (1 for an all-zero column). */
function columnNorms(R: Float64Array, p: number): Float64Array {
  const s = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    let t = 0;
    for (let i = 0; i <= j; i++) t += R[i * p + j] * R[i * p + j];
    s[j] = t > 0 ? Math.sqrt(t) : 1;
  }
  return s;
}

/** Inverse of the upper-triangular U (p x p, nonzero diagonal) by columns. O(p^3 / 3). */
function upperInverse(U: Float64Array, p: number): Float64Array {
  const X = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    X[j * p + j] = 1 / U[j * p + j];
    for (let i = j - 1; i >= 0; i--) {
      let s = 0;
      for (let k = i + 1; k <= j; k++) s += U[i * p + k] * X[k * p + j];
      X[i * p + j] = -s / U[i * p + i];
    }
  }
  return X;
}

/**
 * Solves min |R c - z| with column scaling D (R~ = R D^-1): an SVD of R~ when p <= 64 or when
 * a diagonal entry of R~ falls below rcond times the largest (rank deficiency possible), else
 * back substitution. rcond: relative singular-value threshold (numpy's default for polyfit is
 * rows * eps). O(p^3).
 */
export function solveTriangular(R: Float64Array, z: Float64Array, p: number, rcond: number): TriangularSolution {
  const s = columnNorms(R, p);
  const Rs = new Float64Array(p * p);
  let dmax = 0, dmin = Infinity;
  for (let i = 0; i < p; i++) {
    for (let j = i; j < p; j++) Rs[i * p + j] = R[i * p + j] / s[j];
    dmax = Math.max(dmax, Math.abs(Rs[i * p + i]));
    dmin = Math.min(dmin, Math.abs(Rs[i * p + i]));
  }
  const coef = new Float64Array(p), inverseGram = new Float64Array(p * p);
  let rank = p;
  if (p <= SVD_ALWAYS || !(dmin > rcond * dmax)) {
    const { U, s: sv, V } = svdSmall(Rs, p);
    const cut = rcond * sv[0];
    rank = 0;
    while (rank < p && sv[rank] > cut && sv[rank] > 0) rank++;
    // c~ = sum_{i < rank} v_i (u_i . z) / sigma_i; (R~^T R~)^+ = V_r Sigma_r^-2 V_r^T
    for (let i = 0; i < rank; i++) {
      let uz = 0;
      for (let k = 0; k < p; k++) uz += U[k * p + i] * z[k];
      const f = uz / sv[i], g = 1 / (sv[i] * sv[i]);
      for (let a = 0; a < p; a++) {
        coef[a] += f * V[a * p + i];
        for (let b = 0; b < p; b++) inverseGram[a * p + b] += g * V[a * p + i] * V[b * p + i];
      }
    }
  } else {
    for (let i = p - 1; i >= 0; i--) {
      let t = z[i];
      for (let k = i + 1; k < p; k++) t -= Rs[i * p + k] * coef[k];
      coef[i] = t / Rs[i * p + i];
    }
    const X = upperInverse(Rs, p);
    for (let a = 0; a < p; a++) {
      for (let b = a; b < p; b++) {
        let t = 0;
        for (let k = b; k < p; k++) t += X[a * p + k] * X[b * p + k];
        inverseGram[a * p + b] = inverseGram[b * p + a] = t;
      }
    }
  }
  // undo the scaling: c = D^-1 c~, (R^T R)^+ = D^-1 (R~^T R~)^+ D^-1
  for (let a = 0; a < p; a++) {
    coef[a] /= s[a];
    for (let b = 0; b < p; b++) inverseGram[a * p + b] /= s[a] * s[b];
  }
  let residual = 0;
  for (let i = 0; i < p; i++) {
    let t = z[i];
    for (let k = i; k < p; k++) t -= R[i * p + k] * coef[k];
    residual += t * t;
  }
  return { coef, rank, inverseGram, residual: rank < p ? residual : 0 };
}

/** Singular values of R (descending): the design's, since A = Q R. O(p^3). */
export function singularValues(R: Float64Array, p: number): Float64Array {
  return svdSmall(Float64Array.from(R), p).s;
}

/** R (p x p) and z from the kernels' [R | z] (p x (p + 1) row-major). */
export function splitFactor(Rz: Float64Array, p: number): { R: Float64Array; z: Float64Array } {
  const R = new Float64Array(p * p), z = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < p; j++) R[i * p + j] = Rz[i * (p + 1) + j];
    z[i] = Rz[i * (p + 1) + p];
  }
  return { R, z };
}

/**
 * The ridge rows of the augmented system as a column-major (p - 1) x (p + 1) block: row k - 1
 * is sqrt(lambda) / scale(k) e_k^T (k = 1..p - 1: every coefficient but the first), right-hand
 * side 0.
 */
export function ridgeRows(p: number, lambda: number, scale: (k: number) => number): Float64Array {
  const rows = p - 1, block = new Float64Array(rows * (p + 1));
  for (let k = 1; k < p; k++) block[k * rows + (k - 1)] = Math.sqrt(lambda) / scale(k);
  return block;
}
