// The plain-JS baseline: Sinkhorn-Knopp as a careful JS developer writes it (Float64Array,
// one pass per matrix-vector product, Math.exp for the kernel, cost matrix in JS), with the
// same stopping rule as simdnum (L1 column violation of the row-exact state).

export function plainSinkhorn(x, y, n, d, eps, tol, maxIter) {
  const m = n;
  const K = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let k = 0; k < d; k++) {
        const t = x[i * d + k] - y[j * d + k];
        s += t * t;
      }
      K[i * m + j] = Math.exp(-s / eps);
    }
  }
  const a = 1 / n, b = 1 / m;
  const u = new Float64Array(n).fill(1), v = new Float64Array(m).fill(1), t = new Float64Array(m);
  let it = 0, err = Infinity;
  for (; it < maxIter; ) {
    t.fill(0);
    for (let i = 0; i < n; i++) {
      let w = 0;
      const o = i * m;
      for (let j = 0; j < m; j++) w += K[o + j] * v[j];
      const ui = a / w;
      u[i] = ui;
      for (let j = 0; j < m; j++) t[j] += ui * K[o + j];
    }
    it++;
    err = 0;
    for (let j = 0; j < m; j++) err += Math.abs(v[j] * t[j] - b);
    if (!(err > tol)) break;
    for (let j = 0; j < m; j++) v[j] = b / t[j];
  }
  return { iterations: it, error: err, converged: err <= tol };
}
