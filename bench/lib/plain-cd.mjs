// Plain-JS coordinate descent: what a careful JS developer writes without wasm. Columns are
// separate Float64Arrays (column-major: CD reads one feature at a time), the residual is
// updated in place, and the elastic-net stop is sklearn's duality-gap rule (cd_fast),
// gap_raw <= tol * ||y||^2, checked after every epoch (sklearn computes the gap only once
// max|dw| / max|w| < tol; checking every epoch costs one more X^T R but never stops later).
// Scalings: a1 = n alpha l1Ratio, a2 = n alpha (1 - l1Ratio) as in cd_fast; gaps returned in
// sklearn's public scaling (gap_raw / n, sklearn's dual_gap_).

/** Row-major n x p (Float64Array) -> array of p column Float64Arrays. */
export function columns(X, n, p) {
  const cols = Array.from({ length: p }, () => new Float64Array(n));
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) cols[j][i] = X[i * p + j];
  return cols;
}

/** Centred copies of the columns and of y (what an intercept fit solves on), with the means. */
export function centre(cols, y) {
  const mean = (v) => v.reduce((s, t) => s + t, 0) / v.length;
  const xMean = cols.map(mean), yMean = mean(y);
  return { cols: cols.map((c, j) => c.map((v) => v - xMean[j])), y: y.map((v) => v - yMean), xMean, yMean };
}

const dot = (a, b) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
};

/** max_j |x_j . y| / (n l1Ratio): the smallest alpha with w = 0 (sklearn's alpha_max). */
export function alphaMax(cols, y, l1Ratio = 1) {
  return cols.reduce((m, c) => Math.max(m, Math.abs(dot(c, y))), 0) / (y.length * l1Ratio);
}

/** sklearn's grid: nAlphas values geometrically spaced from alpha_max down to eps * alpha_max. */
export function alphaGrid(cols, y, nAlphas, eps, l1Ratio = 1) {
  const top = alphaMax(cols, y, l1Ratio);
  return Float64Array.from({ length: nAlphas }, (_, k) => top * eps ** (k / (nAlphas - 1)));
}

/** cd_fast's duality gap in raw scaling, given the residual R = y - Xw. */
function gapRaw(cols, y, w, R, a1, a2) {
  let dnorm = 0, l1 = 0, w2 = 0;
  for (let j = 0; j < cols.length; j++) {
    dnorm = Math.max(dnorm, Math.abs(dot(cols[j], R) - a2 * w[j]));
    l1 += Math.abs(w[j]);
    w2 += w[j] * w[j];
  }
  const c = dnorm > a1 ? a1 / dnorm : 1;
  return 0.5 * (1 + c * c) * dot(R, R) + a1 * l1 - c * dot(R, y) + 0.5 * a2 * (1 + c * c) * w2;
}

function residual(cols, y, w) {
  const R = Float64Array.from(y);
  for (let j = 0; j < cols.length; j++) {
    const wj = w[j];
    if (wj !== 0) for (let i = 0; i < R.length; i++) R[i] -= wj * cols[j][i];
  }
  return R;
}

/**
 * The duality gap (public scaling) of coefficients w on (cols, y), residual recomputed from
 * scratch: one rule to judge every solver's answer. For an intercept fit pass centred data.
 */
export function enetGap(cols, y, w, alpha, l1Ratio = 1) {
  const n = y.length;
  return gapRaw(cols, y, w, residual(cols, y, w), n * alpha * l1Ratio, n * alpha * (1 - l1Ratio)) / n;
}

/** Cyclic CD for the elastic net (no intercept: centre first). Returns coef, gap, epochs. */
export function plainEnet(cols, y, { alpha, l1Ratio = 1, tol = 1e-4, maxIter = 1000, w0 = null, norms = null }) {
  const n = y.length, p = cols.length;
  const a1 = n * alpha * l1Ratio, a2 = n * alpha * (1 - l1Ratio);
  const sq = norms ?? cols.map((c) => dot(c, c));
  const w = w0 ? Float64Array.from(w0) : new Float64Array(p);
  const R = residual(cols, y, w);
  const threshold = tol * dot(y, y);
  let gap = Infinity, epoch = 0;
  while (epoch < maxIter) {
    for (let j = 0; j < p; j++) {
      if (sq[j] === 0) continue;
      const x = cols[j], old = w[j];
      const t = dot(x, R) + old * sq[j];
      const next = Math.abs(t) > a1 ? (Math.sign(t) * (Math.abs(t) - a1)) / (sq[j] + a2) : 0;
      if (next !== old) {
        const d = next - old;
        for (let i = 0; i < n; i++) R[i] -= d * x[i];
        w[j] = next;
      }
    }
    epoch++;
    gap = gapRaw(cols, y, w, R, a1, a2);
    if (gap <= threshold) break;
  }
  return { coef: w, dualGap: gap / n, iterations: epoch, converged: gap <= threshold };
}

/** Warm-started path over `alphas` (descending): coefs (row k = alphas[k]), gaps, total epochs. */
export function plainEnetPath(cols, y, alphas, { l1Ratio = 1, tol = 1e-4, maxIter = 1000 } = {}) {
  const p = cols.length, coefs = new Float64Array(alphas.length * p), gaps = new Float64Array(alphas.length);
  const norms = cols.map((c) => dot(c, c));
  let w = null, iterations = 0, converged = true;
  alphas.forEach((alpha, k) => {
    const fit = plainEnet(cols, y, { alpha, l1Ratio, tol, maxIter, w0: w, norms });
    w = fit.coef;
    coefs.set(w, k * p);
    gaps[k] = fit.dualGap;
    iterations += fit.iterations;
    converged &&= fit.converged;
  });
  return { alphas, coefs, dualGaps: gaps, iterations, converged };
}

// ---- L1 logistic regression: J(w, b) = C sum_i log(1 + exp(-s_i z_i)) + ||w||_1, s = 2y - 1.

const log1pexp = (t) => (t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t)));

/** J(w, b) on columns, labels y in {0, 1}. */
export function logisticObjective(cols, y, coef, intercept, C) {
  const z = new Float64Array(y.length).fill(intercept);
  coef.forEach((wj, j) => {
    for (let i = 0; i < z.length; i++) z[i] += wj * cols[j][i];
  });
  let loss = 0;
  for (let i = 0; i < z.length; i++) loss += log1pexp(y[i] ? -z[i] : z[i]);
  return C * loss + coef.reduce((s, v) => s + Math.abs(v), 0);
}

/**
 * Cyclic coordinate descent with one Newton step per coordinate and an Armijo backtracking
 * line search (CDN, Yuan et al. 2010: liblinear's L1 solver before newGLMNET). The intercept
 * is an unpenalised extra coordinate (liblinear instead penalises it). Stops when the largest
 * minimum-norm subgradient seen in a sweep is <= tol times the first sweep's.
 */
export function plainL1Logistic(cols, y, { C = 1, tol = 1e-4, maxIter = 1000, fitIntercept = true } = {}) {
  const n = y.length, p = cols.length, w = new Float64Array(p), ones = new Float64Array(n).fill(1);
  const s = Float64Array.from(y, (v) => (v ? 1 : -1));
  const z = new Float64Array(n); // z = Xw + b
  let b = 0, first = 0, epoch = 0, violation = Infinity;

  // One coordinate: column x, current value v (penalised unless l1 = 0); returns the new value.
  const step = (x, v, l1) => {
    let g = 0, h = 1e-12;
    for (let i = 0; i < n; i++) {
      const sig = 1 / (1 + Math.exp(-z[i]));
      g += (sig - (s[i] > 0 ? 1 : 0)) * x[i];
      h += sig * (1 - sig) * x[i] * x[i];
    }
    g *= C;
    h *= C;
    const viol = l1 === 0 ? Math.abs(g) : v !== 0 ? Math.abs(g + Math.sign(v)) : Math.max(Math.abs(g) - 1, 0);
    violation = Math.max(violation, viol);
    const d = l1 === 0 ? -g / h : g + 1 <= h * v ? -(g + 1) / h : g - 1 >= h * v ? -(g - 1) / h : -v;
    if (d === 0) return v;
    const delta = g * d + l1 * (Math.abs(v + d) - Math.abs(v));
    let lam = 1;
    for (let k = 0; k < 30; k++, lam /= 2) {
      let change = 0; // f(v + lam d) - f(v) over the smooth part, computed exactly
      for (let i = 0; i < n; i++) change += log1pexp(-s[i] * (z[i] + lam * d * x[i])) - log1pexp(-s[i] * z[i]);
      change = C * change + l1 * (Math.abs(v + lam * d) - Math.abs(v));
      if (change <= 0.01 * lam * delta) break;
    }
    for (let i = 0; i < n; i++) z[i] += lam * d * x[i];
    return v + lam * d;
  };

  while (epoch < maxIter) {
    violation = 0;
    for (let j = 0; j < p; j++) w[j] = step(cols[j], w[j], 1);
    if (fitIntercept) b = step(ones, b, 0);
    epoch++;
    if (epoch === 1) first = violation;
    if (violation <= tol * first) break;
  }
  return { coef: w, intercept: b, iterations: epoch, converged: violation <= tol * first, objective: logisticObjective(cols, y, w, b, C) };
}
