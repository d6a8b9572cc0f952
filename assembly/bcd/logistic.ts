// Losses, probabilities and curvatures of the logistic models, for the proximal Newton solver.
// Scalar exp and log are the core kernels (exp.ts, log.ts), so every runtime and both builds
// give the same bits.

import { expF64 } from '../core/exp';
import { logF64 } from '../core/log';

/**
 * log(1 + z) accurate for small z (Goldberg's trick: with u = 1 + z rounded, log(u) z / (u - 1)
 * cancels the rounding of u; a few ulps). log(1 + z) directly would lose all digits of a
 * separated sample's loss, z = e^-|eta| < 1e-16.
 */
// @ts-ignore: decorator
@inline function log1p(z: f64): f64 {
  const u = 1.0 + z;
  return u == 1.0 ? z : logF64(u) * (z / (u - 1.0));
}

/** log(1 + e^x) without overflow: max(x, 0) + log1p(e^-|x|). */
// @ts-ignore: decorator
@inline function softplus(x: f64): f64 {
  return max(x, 0.0) + log1p(expF64(-abs(x)));
}

/**
 * Binary logistic loss at the linear predictor eta with labels y in {0, 1}:
 * returns C sum_i [log(1 + e^eta_i) - y_i eta_i]; when resid != 0 also fills the gradient
 * weights resid_i = p_i - y_i, p_i = sigma(eta_i), computed without cancellation (for y = 1 it
 * is -(1 - p) = -sigma(-eta) directly), and when D != 0 the Newton weights
 * D_i = C p_i (1 - p_i), floored at C 1e-12 (so that coordinates with a separated sample keep
 * a positive curvature). O(n).
 */
export function logistic_loss_f64(eta: usize, y: usize, n: i32, C: f64, resid: usize, D: usize): f64 {
  let loss: f64 = 0;
  for (let i = 0; i < n; i++) {
    const o = <usize>i << 3;
    const e = load<f64>(eta + o), yi = load<f64>(y + o);
    loss += softplus(e) - yi * e;
    if (resid != 0) {
      // p = sigma(eta) and q = 1 - p = sigma(-eta), each from the form that does not cancel
      const z = expF64(-abs(e));
      const big = 1.0 / (1.0 + z), small = z / (1.0 + z);
      const p = e >= 0 ? big : small, q = e >= 0 ? small : big;
      store<f64>(resid + o, yi > 0.5 ? -q : p);
      if (D != 0) store<f64>(D + o, C * max(p * q, 1e-12));
    }
  }
  return C * loss;
}

/**
 * Multinomial (softmax) loss at eta (n x K row-major) with labels y (i32 in [0, K)):
 * returns C sum_i [logsumexp_k eta_ik - eta_{i, y_i}]; when prob != 0 fills the softmax
 * probabilities (n x K). O(n K).
 */
export function softmax_loss_f64(eta: usize, y: usize, n: i32, K: i32, C: f64, prob: usize): f64 {
  let loss: f64 = 0;
  for (let i = 0; i < n; i++) {
    const row = eta + ((<usize>i * <usize>K) << 3);
    let m: f64 = -Infinity;
    for (let k = 0; k < K; k++) m = max(m, load<f64>(row + (<usize>k << 3)));
    let s: f64 = 0;
    for (let k = 0; k < K; k++) s += expF64(load<f64>(row + (<usize>k << 3)) - m);
    const lse = m + logF64(s);
    loss += lse - load<f64>(row + (<usize>load<i32>(y + (<usize>i << 2)) << 3));
    if (prob != 0) {
      const out = prob + ((<usize>i * <usize>K) << 3);
      for (let k = 0; k < K; k++) store<f64>(out + (<usize>k << 3), expF64(load<f64>(row + (<usize>k << 3)) - lse));
    }
  }
  return C * loss;
}
