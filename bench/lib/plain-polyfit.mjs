// Plain-JS polynomial least squares, as commonly written: normal equations on raw powers of x
// (X^T X c = X^T y) solved by Gaussian elimination with partial pivoting.

export function plainPolyfit(x, y, degree) {
  const p = degree + 1, G = new Float64Array(p * p), r = new Float64Array(p), pw = new Float64Array(2 * p);
  for (let i = 0; i < x.length; i++) {
    let v = 1;
    for (let k = 0; k < 2 * p - 1; k++) {
      pw[k] = v;
      v *= x[i];
    }
    for (let a = 0; a < p; a++) {
      r[a] += pw[a] * y[i];
      for (let b = 0; b < p; b++) G[a * p + b] += pw[a + b];
    }
  }
  for (let k = 0; k < p; k++) {
    let piv = k;
    for (let i = k + 1; i < p; i++) if (Math.abs(G[i * p + k]) > Math.abs(G[piv * p + k])) piv = i;
    for (let j = 0; j < p; j++) [G[k * p + j], G[piv * p + j]] = [G[piv * p + j], G[k * p + j]];
    [r[k], r[piv]] = [r[piv], r[k]];
    for (let i = k + 1; i < p; i++) {
      const f = G[i * p + k] / G[k * p + k];
      for (let j = k; j < p; j++) G[i * p + j] -= f * G[k * p + j];
      r[i] -= f * r[k];
    }
  }
  const c = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) {
    let s = r[i];
    for (let j = i + 1; j < p; j++) s -= G[i * p + j] * c[j];
    c[i] = s / G[i * p + i];
  }
  return c;
}

/** Horner evaluation of ascending power coefficients. */
export function powerValue(c, x) {
  let v = 0;
  for (let k = c.length - 1; k >= 0; k--) v = v * x + c[k];
  return v;
}
