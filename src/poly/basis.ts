/**
 * Changes of polynomial basis: Chebyshev series in t to power series in t, and power series in
 * t = off + scl x to power series in x. Both are linear maps; their composition gives the
 * monomial coefficients that polyfit reports and, applied to the covariance, their standard
 * errors. Converting is ill-conditioned far from [-1, 1] (years 2000..2023: x^k grows like
 * 2023^k), which is why fits are kept and evaluated in the Chebyshev form.
 */

/**
 * Power coefficients (ascending) of T_0..T_{p-1}: row k holds T_k, from T_{k+1} = 2 t T_k -
 * T_{k-1}. All entries are integers below 2^53 for p <= 40, hence exact. O(p^2).
 */
export function chebyshevPowerTable(p: number): Float64Array[] {
  const rows: Float64Array[] = [];
  for (let k = 0; k < p; k++) {
    const r = new Float64Array(p);
    if (k === 0) r[0] = 1;
    else if (k === 1) r[1] = 1;
    else {
      const a = rows[k - 1], b = rows[k - 2];
      for (let j = 0; j < p; j++) r[j] = (j > 0 ? 2 * a[j - 1] : 0) - b[j];
    }
    rows.push(r);
  }
  return rows;
}

/** Power coefficients in t of the Chebyshev series c (sum_k c_k T_k(t)). O(p^2). */
export function chebyshevToPower(c: ArrayLike<number>): Float64Array {
  const p = c.length, table = chebyshevPowerTable(p), out = new Float64Array(p);
  for (let k = 0; k < p; k++) for (let j = 0; j <= k; j++) out[j] += c[k] * table[k][j];
  return out;
}

/**
 * Power coefficients in x of sum_k a_k (off + scl x)^k, by Horner's rule on polynomials (as
 * numpy's Polynomial.convert composes the series with the map). O(p^2).
 */
export function composeAffine(a: ArrayLike<number>, off: number, scl: number): Float64Array {
  const p = a.length;
  let acc = new Float64Array(p);
  for (let k = p - 1; k >= 0; k--) {
    // acc <- acc * (off + scl x) + a_k
    const next = new Float64Array(p);
    for (let j = 0; j < p; j++) {
      if (acc[j] === 0) continue;
      next[j] += acc[j] * off;
      if (j + 1 < p) next[j + 1] += acc[j] * scl;
    }
    next[0] += a[k];
    acc = next;
  }
  return acc;
}

/**
 * The p x p matrix (row-major) taking Chebyshev coefficients in t = off + scl x to power
 * coefficients in x: column k is the power form of T_k(off + scl x). O(p^3).
 */
export function chebyshevToMonomialMatrix(p: number, off: number, scl: number): Float64Array {
  const table = chebyshevPowerTable(p), M = new Float64Array(p * p);
  for (let k = 0; k < p; k++) {
    const col = composeAffine(table[k], off, scl);
    for (let j = 0; j < p; j++) M[j * p + k] = col[j];
  }
  return M;
}
