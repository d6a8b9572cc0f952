/**
 * The six density kernels and their normalising constants in d dimensions, following
 * scikit-learn's KernelDensity (sklearn/neighbors/_binary_tree.pxi, kernel_norm): with unit
 * bandwidth and r = |x|,
 *   gaussian exp(-r^2/2); tophat 1; epanechnikov 1 - r^2; exponential exp(-r);
 *   linear 1 - r; cosine cos(pi r / 2)   (compact kernels: 0 for r >= 1),
 * each divided by its integral over R^d. One deliberate difference: scikit-learn's cosine
 * constant drops a boundary term for even d (its 2-D density integrates to 0.363, d = 4 gives
 * NaN; tests/fixtures/kde/make_fixtures.py); simdnum uses the exact integral, which equals
 * scikit-learn's for odd d.
 */

import { detLog, lgamma } from '../engine/math.js';

export type Kernel = 'gaussian' | 'epanechnikov' | 'tophat' | 'exponential' | 'linear' | 'cosine';

export const KERNELS: readonly Kernel[] = ['gaussian', 'epanechnikov', 'tophat', 'exponential', 'linear', 'cosine'];

/** Kernel codes of assembly/kde/kernels.ts. */
export const KERNEL_CODE: Record<Kernel, number> = { gaussian: 0, tophat: 1, epanechnikov: 2, exponential: 3, linear: 4, cosine: 5 };

const LOG_PI = 1.1447298858494002;
const LOG_2PI = 1.8378770664093453;

/** log volume of the unit ball in R^d. */
const logBallVolume = (d: number) => (d / 2) * LOG_PI - lgamma(d / 2 + 1);
/** log surface area of the unit sphere in R^d (S_{d-1} = 2 pi^(d/2) / Gamma(d/2)). */
const logSphereArea = (d: number) => detLog(2) + (d / 2) * LOG_PI - lgamma(d / 2);

/**
 * int_0^1 r^(d-1) cos(pi r / 2) dr = sum_k (-1)^k a^(2k) / ((2k)! (d + 2k)), a = pi/2: an
 * alternating series whose terms fall factorially (no cancellation beyond one digit, for any
 * d; the integration-by-parts recurrence is unstable for large d). Plain arithmetic only.
 */
function cosineRadialIntegral(d: number): number {
  const a2 = (Math.PI / 2) ** 2;
  let term = 1; // a^(2k) / (2k)!
  let sum = 0;
  for (let k = 0; k < 40; k++) {
    sum += (k % 2 === 0 ? term : -term) / (d + 2 * k);
    term *= a2 / ((2 * k + 1) * (2 * k + 2));
  }
  return sum;
}

/** log of the integral over R^d of the unit-bandwidth kernel profile. */
export function logKernelMass(kernel: Kernel, d: number): number {
  switch (kernel) {
    case 'gaussian': return (d / 2) * LOG_2PI;
    case 'tophat': return logBallVolume(d);
    case 'epanechnikov': return logBallVolume(d) + detLog(2 / (d + 2));
    case 'exponential': return logSphereArea(d) + lgamma(d);
    case 'linear': return logBallVolume(d) - detLog(d + 1);
    case 'cosine': return logSphereArea(d) + detLog(cosineRadialIntegral(d));
  }
}
