/**
 * Plain-TS optimality checks for the penalised models, independent of the solvers: objectives
 * and the largest violation of the KKT conditions, from the data rows.
 */

/** r = y - X w - b. O(n p). */
export function residual(X: number[][], y: number[], w: ArrayLike<number>, b: number): Float64Array {
  return Float64Array.from(y, (yi, i) => {
    let s = yi - b;
    for (let j = 0; j < w.length; j++) s -= X[i][j] * w[j];
    return s;
  });
}

/** scikit-learn's elastic-net objective (1/(2n))|r|^2 + alpha rho |w|_1 + alpha (1 - rho)/2 |w|^2. */
export function enetObjective(X: number[][], y: number[], w: ArrayLike<number>, b: number, alpha: number, rho: number): number {
  const r = residual(X, y, w, b);
  let r2 = 0, l1 = 0, l2 = 0;
  for (const v of r) r2 += v * v;
  for (let j = 0; j < w.length; j++) {
    l1 += Math.abs(w[j]);
    l2 += w[j] * w[j];
  }
  return r2 / (2 * y.length) + alpha * rho * l1 + 0.5 * alpha * (1 - rho) * l2;
}

/**
 * Per-coordinate KKT violation of the elastic net (public scaling) with the smooth gradient
 * g_j = -(1/n) X_j . r + alpha (1 - rho) w_j: |g_j + alpha rho sign w_j| where w_j != 0,
 * max(|g_j| - alpha rho, 0) (positive: max(-g_j - alpha rho, 0)) where w_j = 0; also the
 * curvature L_j = |X_j - mean|^2 / n + alpha (1 - rho) of each coordinate (centred when an
 * intercept is fitted). With an intercept, |mean r| is returned as `interceptViolation`.
 */
export function enetKkt(X: number[][], y: number[], w: ArrayLike<number>, b: number, alpha: number, rho: number, positive: boolean, fitIntercept: boolean) {
  const n = y.length, p = w.length, r = residual(X, y, w, b);
  const violation = new Float64Array(p), curvature = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    let xr = 0, mean = 0;
    for (let i = 0; i < n; i++) {
      xr += X[i][j] * r[i];
      mean += X[i][j] / n;
    }
    let c = 0;
    for (let i = 0; i < n; i++) c += (X[i][j] - (fitIntercept ? mean : 0)) ** 2;
    curvature[j] = c / n + alpha * (1 - rho);
    const g = -xr / n + alpha * (1 - rho) * w[j], a = alpha * rho;
    violation[j] = w[j] !== 0 ? Math.abs(g + a * Math.sign(w[j])) : Math.max(positive ? -g - a : Math.abs(g) - a, 0);
  }
  const interceptViolation = fitIntercept ? Math.abs(r.reduce((s, v) => s + v, 0)) / n : 0;
  return { violation, curvature, interceptViolation };
}

/** Linear predictors of a k-row coefficient matrix (k x p row-major) plus intercepts. */
function predictors(X: number[][], coef: ArrayLike<number>, intercept: ArrayLike<number>, k: number): Float64Array[] {
  const p = X[0].length;
  return X.map((row) => Float64Array.from({ length: k }, (_, c) => {
    let s = intercept[c];
    for (let j = 0; j < p; j++) s += row[j] * coef[c * p + j];
    return s;
  }));
}

/**
 * scikit-learn's LogisticRegression objective C sum_i loss_i + pen(coef) and the gradient of
 * the loss part (k x p, plus the intercepts), from labels given as class indices.
 */
export function logisticObjective(X: number[][], label: number[], K: number, coef: ArrayLike<number>, intercept: ArrayLike<number>, C: number, rho: number) {
  const p = X[0].length, k = K === 2 ? 1 : K, eta = predictors(X, coef, intercept, k);
  let loss = 0;
  const grad = new Float64Array(k * p), gradB = new Float64Array(k);
  eta.forEach((e, i) => {
    const resid = new Float64Array(k);
    if (k === 1) {
      const t = e[0], yi = label[i];
      loss += Math.max(t, 0) + Math.log1p(Math.exp(-Math.abs(t))) - yi * t;
      resid[0] = 1 / (1 + Math.exp(-t)) - yi;
    } else {
      const top = Math.max(...e);
      let s = 0;
      for (const v of e) s += Math.exp(v - top);
      loss += top + Math.log(s) - e[label[i]];
      for (let c = 0; c < k; c++) resid[c] = Math.exp(e[c] - top) / s - (label[i] === c ? 1 : 0);
    }
    for (let c = 0; c < k; c++) {
      gradB[c] += C * resid[c];
      for (let j = 0; j < p; j++) grad[c * p + j] += C * resid[c] * X[i][j];
    }
  });
  let l1 = 0, l2 = 0;
  for (let q = 0; q < coef.length; q++) {
    l1 += Math.abs(coef[q]);
    l2 += coef[q] * coef[q];
  }
  return { objective: C * loss + rho * l1 + 0.5 * (1 - rho) * l2, grad, gradB };
}

/** Largest KKT violation of C loss + rho |w|_1 + (1 - rho)/2 |w|^2 given the loss gradient. */
export function logisticKkt(grad: ArrayLike<number>, coef: ArrayLike<number>, rho: number): number {
  let worst = 0;
  for (let q = 0; q < coef.length; q++) {
    const g = grad[q] + (1 - rho) * coef[q], w = coef[q];
    worst = Math.max(worst, w !== 0 ? Math.abs(g + rho * Math.sign(w)) : Math.max(Math.abs(g) - rho, 0));
  }
  return worst;
}
