/**
 * Duality gap of the elastic net in the unscaled form the kernels use,
 *   P(w) = 1/2 |R|^2 + a |w|_1 + (b/2) |w|^2,   R = y - X w,
 * with the dual point theta = c R, c = min(1, a / |X^T R - b w|_inf) (scikit-learn's
 * _cd_fast.pyx, and the notes' section 3):
 *   gap = 1/2 |R|^2 (1 + c^2) + a |w|_1 - c R.y + (b/2)(1 + c^2) |w|^2.
 * Substituting y = R + X w turns this into a sum of per-coordinate optimality residuals,
 *   gap = 1/2 (1 - c)^2 (|R|^2 + b |w|^2) + sum_j (a |w_j| - c w_j v_j),   v = X^T R - b w,
 * which is what we evaluate: every term vanishes at the optimum, so the gap is accurate to
 * rounding of the terms themselves instead of cancelling O(|y|^2) quantities (the textbook
 * form stalls near 1e-13 |y|^2, above scikit-learn tol = 1e-14 targets).
 * With positive = true the dual norm is max_j v_j. Dividing by n gives scikit-learn's public
 * dual_gap_.
 *
 * With a ridge part (b > 0) a second certificate needs no rescaling: the dual of the elastic
 * net is D(theta) = theta.y - |theta|^2/2 - sum_j h*(X_j . theta) with the conjugate
 * h*(s) = (|s| - a)_+^2 / (2b) (one-sided, (s - a)_+, when positive), so theta = R gives
 *   gap' = sum_j [a |w_j| + (b/2) w_j^2 - w_j g_j + h*(g_j)],   g = X^T R,
 * a sum of Fenchel-Young terms >= 0. It is used only for a = 0 (pure ridge, l1Ratio = 0),
 * where c = 0 would leave the first gap at P(w) forever: elsewhere the first one is reported,
 * as scikit-learn does, because the stopping rule is calibrated on it (the second can be much
 * smaller while weakly penalised coefficients are still far off). The Gap Safe radius always
 * uses the first (its dual point is the one screening uses).
 */

export interface GapInputs {
  /** X_j . R for the coordinates considered. */
  xtr: ArrayLike<number>;
  w: ArrayLike<number>;
  /** Indices to include (all when null); w must be 0 outside them. */
  cols: ArrayLike<number> | null;
  /** |R|^2. */
  r2: number;
  a: number;
  b: number;
  positive: boolean;
}

/** The gap (unscaled; the ridge certificate when a = 0), the rescaled-dual gap, the primal value and the dual scaling c (theta = c R). O(p). */
export function enetGap(g: GapInputs): { gap: number; gapSafe: number; primal: number; c: number } {
  let dual = 0, l1 = 0, l2 = 0;
  const m = g.cols ? g.cols.length : g.w.length;
  for (let k = 0; k < m; k++) {
    const j = g.cols ? g.cols[k] : k;
    const wj = g.w[j], v = g.xtr[j] - g.b * wj;
    dual = Math.max(dual, g.positive ? v : Math.abs(v));
    l1 += Math.abs(wj);
    l2 += wj * wj;
  }
  const c = dual > g.a ? g.a / dual : 1;
  let gap = 0.5 * (1 - c) * (1 - c) * (g.r2 + g.b * l2);
  for (let k = 0; k < m; k++) {
    const j = g.cols ? g.cols[k] : k;
    const wj = g.w[j];
    if (wj !== 0) gap += g.a * Math.abs(wj) - c * wj * (g.xtr[j] - g.b * wj);
  }
  const gapSafe = Math.max(gap, 0);
  let best = gapSafe;
  if (g.a === 0 && g.b > 0) {
    let ridge = 0;
    for (let k = 0; k < m; k++) {
      const j = g.cols ? g.cols[k] : k;
      const wj = g.w[j], gj = g.xtr[j];
      const excess = Math.max((g.positive ? gj : Math.abs(gj)) - g.a, 0);
      ridge += g.a * Math.abs(wj) + 0.5 * g.b * wj * wj - wj * gj + (excess * excess) / (2 * g.b);
    }
    best = Math.max(ridge, 0);
  }
  return { gap: best, gapSafe, primal: 0.5 * g.r2 + g.a * l1 + 0.5 * g.b * l2, c };
}
