// Exact 1-D optimal transport between two weighted samples, through quantile functions:
//   W_p^p(u, v) = int_0^1 |Q_u(q) - Q_v(q)|^p dq,
// Q(q) = the smallest sample value whose cumulative (normalised) weight reaches q (POT
// ot.wasserstein_1d; at p = 1 this equals scipy's int |F_u - F_v| dz). One two-pointer walk over
// both samples in sorted order (indices from argsort): O(n + m) after sorting.

/**
 * u (n), v (m): values; uw, vw: weights or 0 for uniform; idxU, idxV: sorting permutations.
 * Weights are normalised by their sums (accumulated in index order). Returns W_p^p.
 */
export function wasserstein1d_f64(u: usize, uw: usize, n: i32, idxU: usize, v: usize, vw: usize, m: i32, idxV: usize, p: f64): f64 {
  let totalU: f64 = 0, totalV: f64 = 0;
  for (let i = 0; i < n; i++) totalU += uw != 0 ? load<f64>(uw + (<usize>i << 3)) : 1.0;
  for (let j = 0; j < m; j++) totalV += vw != 0 ? load<f64>(vw + (<usize>j << 3)) : 1.0;
  let i = 0, j = 0;
  let cu: f64 = 0, cv: f64 = 0, level: f64 = 0, acc: f64 = 0;
  // cumulative weights up to and including the current sorted element of each side
  let iu = load<i32>(idxU), iv = load<i32>(idxV);
  cu = (uw != 0 ? load<f64>(uw + (<usize>iu << 3)) : 1.0) / totalU;
  cv = (vw != 0 ? load<f64>(vw + (<usize>iv << 3)) : 1.0) / totalV;
  while (i < n && j < m) {
    const next = min(cu, cv);
    const diff = abs(load<f64>(u + (<usize>iu << 3)) - load<f64>(v + (<usize>iv << 3)));
    const cost = p == 1 ? diff : p == 2 ? diff * diff : Math.pow(diff, p);
    if (next > level) acc += cost * (next - level);
    level = max(level, next);
    const advanceU = cu <= cv, advanceV = cv <= cu;
    if (advanceU) {
      i++;
      if (i < n) {
        iu = load<i32>(idxU + (<usize>i << 2));
        cu += (uw != 0 ? load<f64>(uw + (<usize>iu << 3)) : 1.0) / totalU;
      }
    }
    if (advanceV) {
      j++;
      if (j < m) {
        iv = load<i32>(idxV + (<usize>j << 2));
        cv += (vw != 0 ? load<f64>(vw + (<usize>iv << 3)) : 1.0) / totalV;
      }
    }
  }
  return acc;
}
