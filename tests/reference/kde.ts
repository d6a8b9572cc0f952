/**
 * Plain-TypeScript kernel density references: straightforward double loops in log space (no
 * pruning, no blocking, no wasm), used as the independent oracle where no peer fixture exists
 * (d = 200 far queries, effective sizes, float32 mode, grids, cross-validation).
 */

/** Lower-triangular Cholesky factor of the d x d row-major SPD matrix H (plain loops). */
export function choleskyRef(H: ArrayLike<number>, d: number): Float64Array {
  const L = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = H[i * d + j];
      for (let k = 0; k < j; k++) s -= L[i * d + k] * L[j * d + k];
      L[i * d + j] = i === j ? Math.sqrt(s) : s / L[j * d + j];
    }
  }
  return L;
}

/** log sum_i exp(a_i), max-shifted (-Infinity when every term is). */
export function logSumExpRef(a: ArrayLike<number>): number {
  let m = -Infinity;
  for (let i = 0; i < a.length; i++) m = Math.max(m, a[i]);
  if (m === -Infinity) return -Infinity;
  let s = 0;
  for (let i = 0; i < a.length; i++) s += Math.exp(a[i] - m);
  return m + Math.log(s);
}

/** Rows of P (m x d) mapped by L^-1 (forward substitution): whitened coordinates. */
export function whitenRef(L: Float64Array, d: number, P: ArrayLike<number>, m: number): Float64Array {
  const Z = new Float64Array(m * d);
  for (let r = 0; r < m; r++) {
    for (let i = 0; i < d; i++) {
      let t = P[r * d + i];
      for (let k = 0; k < i; k++) t -= L[i * d + k] * Z[r * d + k];
      Z[r * d + i] = t / L[i * d + i];
    }
  }
  return Z;
}

/**
 * Gaussian KDE log-density with bandwidth (covariance) matrix H = L L^T:
 *   log f(q) = logsumexp_i (log w_i - |L^-1 (q - x_i)|^2 / 2) - (d/2) log(2 pi) - sum log L_kk.
 * X: n x d row-major samples; w: weights summing to 1 (null: uniform); skip(i, j) leaves sample
 * j out for query i (leave-one-out). O((n + q) d^2 + q n d).
 */
export function gaussianLogpdfRef(X: ArrayLike<number>, n: number, d: number, w: ArrayLike<number> | null, H: ArrayLike<number>,
  Q: ArrayLike<number>, q: number, skip?: (query: number, sample: number) => boolean): Float64Array {
  const L = choleskyRef(H, d);
  let logDet = 0;
  for (let k = 0; k < d; k++) logDet += Math.log(L[k * d + k]);
  const ZX = whitenRef(L, d, X, n), ZQ = whitenRef(L, d, Q, q);
  const out = new Float64Array(q), terms = new Float64Array(n);
  for (let i = 0; i < q; i++) {
    for (let j = 0; j < n; j++) {
      let r2 = 0;
      for (let k = 0; k < d; k++) r2 += (ZQ[i * d + k] - ZX[j * d + k]) ** 2;
      terms[j] = skip?.(i, j) ? -Infinity : Math.log(w ? w[j] : 1 / n) - r2 / 2;
    }
    out[i] = logSumExpRef(terms) - (d / 2) * Math.log(2 * Math.PI) - logDet;
  }
  return out;
}

/**
 * Effective size exp(-sum p_i log p_i), p_i = w_i K(|q - x_i| / h) / sum_j w_j K(...), for an
 * isotropic bandwidth h and a radial profile given in log form (logK(r2) of the squared scaled
 * distance, -Infinity outside the support); 0 where no sample reaches the query.
 */
export function effectiveSizeRef(X: ArrayLike<number>, n: number, d: number, h: number, Q: ArrayLike<number>, q: number,
  logK: (r2: number) => number): Float64Array {
  const out = new Float64Array(q), a = new Float64Array(n);
  for (let i = 0; i < q; i++) {
    for (let j = 0; j < n; j++) {
      let r2 = 0;
      for (let k = 0; k < d; k++) r2 += ((Q[i * d + k] - X[j * d + k]) / h) ** 2;
      a[j] = logK(r2) - Math.log(n);
    }
    const lse = logSumExpRef(a);
    if (lse === -Infinity) continue; // no sample in reach: 0
    let entropy = 0;
    for (let j = 0; j < n; j++) {
      if (a[j] === -Infinity) continue;
      const lp = a[j] - lse;
      entropy -= Math.exp(lp) * lp;
    }
    out[i] = Math.exp(entropy);
  }
  return out;
}

/**
 * erf by Abramowitz & Stegun 7.1.26 (absolute error < 1.5e-7), enough for KS statistics whose
 * critical values are ~1e-2.
 */
export function erfRef(x: number): number {
  const s = Math.sign(x), t = 1 / (1 + 0.3275911 * Math.abs(x));
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return s * y;
}

/** CDF of the 1-D Gaussian mixture sum_i w_i N(x_i, h^2) at t. */
export function gaussianMixtureCdfRef(x: ArrayLike<number>, w: ArrayLike<number> | null, h: number, t: number): number {
  let c = 0;
  for (let i = 0; i < x.length; i++) c += (w ? w[i] : 1 / x.length) * 0.5 * (1 + erfRef((t - x[i]) / (h * Math.SQRT2)));
  return c;
}

/** Kolmogorov-Smirnov statistic sup |F_n - F| of draws against the CDF F. */
export function ksStatistic(draws: ArrayLike<number>, cdf: (t: number) => number): number {
  const sorted = Float64Array.from(draws).sort();
  const m = sorted.length;
  let D = 0;
  for (let i = 0; i < m; i++) {
    const F = cdf(sorted[i]);
    D = Math.max(D, Math.abs(F - i / m), Math.abs((i + 1) / m - F));
  }
  return D;
}
