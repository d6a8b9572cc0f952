// Layout of the small float64 blocks the Sinkhorn kernels share with TypeScript
// (src/ot/layout.ts is the twin). Parameters are read once per kernel call; the status block
// is written at the end of every call so TypeScript can run "K more iterations" at a time.
//
// Marginal updates cover balanced and unbalanced problems with one formula per side
// (Chizat et al. 2018; notes in src/ot/sinkhorn.ts):
//   f_i <- c1 * eps log a_i - tau * (eps log r_i - f_i)        (r_i: current row sum of the plan)
//   target row sums after the update: a_i exp(-(f_i - c2 eps log a_i) / rho)
// balanced: tau = 1, c1 = 1, 1/rho = 0. KL(P | a b^T) reference: c1 = 1, c2 = 1;
// sum P (log P - 1) reference: c1 = tau, c2 = 0. tau = rho / (rho + eps).

export const P_EPS = 0;
export const P_TAU_A = 1;
export const P_TAU_B = 2;
export const P_C1_A = 3;
export const P_C1_B = 4;
export const P_INV_RHO_A = 5;
export const P_INV_RHO_B = 6;
export const P_C2_A = 7;
export const P_C2_B = 8;
export const P_TOL = 9;
/**
 * Over-relaxation weight omega (balanced problems): potentials move to (1 - omega) old +
 * omega Sinkhorn update (scalings: u^(1 - omega) (a / K v)^omega). 1 = plain Sinkhorn. For
 * omega in (1, 2) the fixed point is unchanged and the local rate improves (Thibault, Chizat,
 * Dossal & Papadakis 2021; Lehmann, von Renesse, Sambale & Uschmajew 2021); rows are then no
 * longer exact after their update and their violation is added to the stopping error.
 */
export const P_OMEGA = 10;
/** The largest cost (costs are >= 0; +inf when unknown): bounds the exponents of a pass (rows.ts passRange). */
export const P_COST_MAX = 11;
/**
 * The float32 phase of the float64 scaling method (sinkhorn-scaling-low.ts) ends once the
 * stopping error is at most this (0: no float32 phase).
 */
export const P_LOW_SWITCH = 12;
export const PARAMS_LENGTH = 13;

export const S_ITERATIONS = 0; // iterations done so far (all calls)
export const S_ERROR = 1; // L1 marginal violation of the current state
export const S_CONVERGED = 2; // 1 when S_ERROR <= tol
export const S_PENDING = 3; // 1 when a column update from the last pass is still to be applied
export const S_RESCUES = 4; // rows/columns recomputed with a max-shifted log-sum-exp
export const S_ABSORPTIONS = 5; // rows/columns whose scaling was absorbed into the potentials
export const S_BUILD = 6; // 1 when the scaling kernel K is to be built by the next row pass
export const S_LOW = 7; // 1 while the float32 copy of K is valid and the float32 phase is on
export const S_LAST32 = 8; // 1 when the last row pass ran on the float32 copy of K (its t is not K's)
export const STATUS_LENGTH = 9;

// @ts-ignore: decorator
@inline export function param(p: usize, k: i32): f64 {
  return load<f64>(p + (<usize>k << 3));
}

// @ts-ignore: decorator
@inline export function status(s: usize, k: i32): f64 {
  return load<f64>(s + (<usize>k << 3));
}

// @ts-ignore: decorator
@inline export function setStatus(s: usize, k: i32, v: f64): void {
  store<f64>(s + (<usize>k << 3), v);
}

// @ts-ignore: decorator
@inline export function at(p: usize, i: i32): f64 {
  return load<f64>(p + (<usize>i << 3));
}

// @ts-ignore: decorator
@inline export function put(p: usize, i: i32, v: f64): void {
  store<f64>(p + (<usize>i << 3), v);
}
