// Plain-JS baselines: what a careful JS developer writes without wasm.

export function dotJS(x, y) {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * y[i];
  return s;
}

export function expJS(x, out) {
  for (let i = 0; i < x.length; i++) out[i] = Math.exp(x[i]);
  return out;
}

export function sqeuclideanJS(x, n, y, m, d, out) {
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let k = 0; k < d; k++) {
        const t = x[i * d + k] - y[j * d + k];
        s += t * t;
      }
      out[i * m + j] = s;
    }
  }
  return out;
}
