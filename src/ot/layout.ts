/**
 * Offsets of the parameter and status blocks shared with the Sinkhorn kernels: the twin of
 * assembly/ot/params.ts (see there for the meaning of each slot).
 */

export const P = {
  EPS: 0, TAU_A: 1, TAU_B: 2, C1_A: 3, C1_B: 4, INV_RHO_A: 5, INV_RHO_B: 6, C2_A: 7, C2_B: 8, TOL: 9, OMEGA: 10, COST_MAX: 11, LOW_SWITCH: 12,
} as const;
export const PARAMS_LENGTH = 13;

export const S = {
  ITERATIONS: 0, ERROR: 1, CONVERGED: 2, PENDING: 3, RESCUES: 4, ABSORPTIONS: 5, BUILD: 6, LOW: 7, LAST32: 8,
} as const;
export const STATUS_LENGTH = 9;
