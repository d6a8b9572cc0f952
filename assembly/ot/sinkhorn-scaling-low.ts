// The float32 phase of the float64 scaling method (sinkhorn-scaling.ts): while the marginal
// error is still large, a row pass reads a float32 copy K32 of the kernel instead of K, with
// float32 dots and column sums (four lanes per SIMD operation and half the bytes). At
// n = m = 2000, d = 10 such a pass takes 0.9 ms against 1.6 ms in float64 (kernel timed alone,
// the clouds of bench/ot.mjs); writing K32 adds 0.7 ms to the 8.6 ms build pass. Sinkhorn's
// fixed point is that of the float64 K: the float32 passes only bring the scalings close to it
// (their sums carry ~1e-7 to 1e-6 relative rounding, so the phase ends at an error of
// P_LOW_SWITCH, 1e-6 of the mass, or earlier if a float32 pass does not reduce the error), and
// the float64 passes that follow converge from there to tol; a float32 pass never declares
// convergence.
//
// Range: every float32 product and sum must stay a normal number. The phase runs only when the
// exponents of K lie within [-LOW_EXPONENT, LOW_EXPONENT] (K in [4e-18, 2.4e17], checked when K is
// built) and while every scaling lies within [LOW_MIN, LOW_MAX]: products u_i K_ij and K_ij v_j
// then lie in [4e-30, 2.4e29], far inside float32's normal range, and sums of up to 1e8 of them
// stay finite. A pass that meets a scaling or a row sum out of range stops (lowPass returns -1,
// u unchanged) and the caller redoes it in float64, which ends the phase; so do absorptions,
// which rebuild parts of K that K32 does not follow.

import { axpy_f32, axpy4_f32, dot_f32, dot4_f32 } from '../core/vector';
import { SAFE_HI, SAFE_LO } from './rows';
import { flushF32 } from './sinkhorn-log32';
import { newScaling, relaxScaling } from './sinkhorn-scaling';
import { at, put } from './params';

/** Exponent bound of K for the float32 phase (see the file comment). */
export const LOW_EXPONENT: f64 = 40;
const LOW_MIN: f64 = 1e-12;
const LOW_MAX: f64 = 1e12;
/**
 * Rows whose column sums are gathered in float32 before they are added in float64: 32 positive
 * terms carry at most 32 x 2^-24 = 1.9e-6 relative rounding, typically sqrt(32) x 2^-24 = 3e-7
 * and of random sign across the n / 32 partial sums, below the phase's 1e-6 switch; a pass that
 * stalls ends the phase anyway. Flushing every 16 rows, as the float32 mode does, cost 0.2 ms
 * of a 1 ms pass at m = 2000.
 */
const FLUSH_ROWS = 32;

const w4 = memory.data(16, 16);
/** Sum of |u_i w_i - a_i| over the rows of the last lowPass (over-relaxed rows are not exact). */
let lowRowError: f64 = 0;

/**
 * The new scaling of row i from its float32 row sum w (as newScaling and relaxScaling in
 * float64, from the current u_i), stored into uNew; or -1 when w or it is out of range for the
 * float32 phase.
 */
function lowRowScaling(i: i32, w: f64, u: usize, uNew: usize, a: usize, epsLogA: usize, fh: usize, eps: f64, inv: f64, tau: f64, c1: f64, balanced: bool, omega: f64): f64 {
  if (!(w >= SAFE_LO && w <= SAFE_HI)) return -1;
  const ui = relaxScaling(omega, at(u, i), newScaling(w, at(a, i), at(epsLogA, i), at(fh, i), eps, inv, tau, c1, balanced));
  if (!(ui >= LOW_MIN && ui <= LOW_MAX)) return -1;
  put(uNew, i, ui);
  if (omega != 1) lowRowError += abs(ui * w - at(a, i));
  return ui;
}

/**
 * One row pass on K32 (n x m float32): u_i from the row sums of K32 v, t = K32^T u (float64,
 * gathered in float32 over FLUSH_ROWS rows). Rows four at a time, i + k n/4, as the float64
 * pass. The new scalings are built in uNew (n float64) and copied to u when the pass completes.
 * Returns the rows' violation sum (0 without over-relaxation), or -1 when the pass stopped on a
 * value out of range (u is then unchanged, t partial). v32, t32: m float32 of scratch each.
 */
export function lowPass(
  K32: usize, n: i32, m: i32, fh: usize, u: usize, uNew: usize, v: usize, a: usize, epsLogA: usize,
  eps: f64, inv: f64, tau: f64, c1: f64, balanced: bool, omega: f64, t: usize, v32: usize, t32: usize,
): f64 {
  for (let j = 0; j < m; j++) {
    const vj = at(v, j);
    if (!(vj >= LOW_MIN && vj <= LOW_MAX)) return -1;
    store<f32>(v32 + (<usize>j << 2), <f32>vj);
  }
  memory.fill(t, 0, <usize>m << 3);
  memory.fill(t32, 0, <usize>m << 2);
  lowRowError = 0;
  const stride = <usize>m << 2;
  const q = n >> 2, far = <usize>q * stride;
  for (let i = 0; i < q; i++) {
    const r0 = K32 + <usize>i * stride; // and r0 + k far, k = 1..3
    dot4_f32(r0, far, v32, m, w4);
    const u0 = lowRowScaling(i, <f64>load<f32>(w4), u, uNew, a, epsLogA, fh, eps, inv, tau, c1, balanced, omega);
    const u1 = lowRowScaling(i + q, <f64>load<f32>(w4, 4), u, uNew, a, epsLogA, fh, eps, inv, tau, c1, balanced, omega);
    const u2 = lowRowScaling(i + 2 * q, <f64>load<f32>(w4, 8), u, uNew, a, epsLogA, fh, eps, inv, tau, c1, balanced, omega);
    const u3 = lowRowScaling(i + 3 * q, <f64>load<f32>(w4, 12), u, uNew, a, epsLogA, fh, eps, inv, tau, c1, balanced, omega);
    if (u0 < 0 || u1 < 0 || u2 < 0 || u3 < 0) return -1;
    axpy4_f32(<f32>u0, <f32>u1, <f32>u2, <f32>u3, r0, r0 + far, r0 + 2 * far, r0 + 3 * far, t32, m);
    if ((i + 1) % (FLUSH_ROWS / 4) == 0) flushF32(t32, t, m);
  }
  for (let i = 4 * q; i < n; i++) {
    const krow = K32 + <usize>i * stride;
    const ui = lowRowScaling(i, <f64>dot_f32(krow, v32, m), u, uNew, a, epsLogA, fh, eps, inv, tau, c1, balanced, omega);
    if (ui < 0) return -1;
    axpy_f32(<f32>ui, krow, t32, m);
  }
  flushF32(t32, t, m);
  memory.copy(u, uNew, <usize>n << 3);
  return lowRowError;
}
