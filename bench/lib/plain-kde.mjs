// Plain-JS Gaussian KDE: what a careful JS developer writes without wasm (isotropic bandwidth,
// direct sum of Math.exp per sample, log at the end).

/** log f(q) for each query row of Q (q x d) from samples X (n x d), kernel N(0, h^2 I). */
export function plainGaussianKde(X, n, Q, q, d, h) {
  const out = new Float64Array(q);
  const c = -0.5 / (h * h);
  const logNorm = -Math.log(n) - d * Math.log(h) - (d / 2) * Math.log(2 * Math.PI);
  for (let i = 0; i < q; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) {
      let r2 = 0;
      for (let k = 0; k < d; k++) {
        const t = Q[i * d + k] - X[j * d + k];
        r2 += t * t;
      }
      s += Math.exp(c * r2);
    }
    out[i] = Math.log(s) + logNorm;
  }
  return out;
}
