// Kernel profiles of the density estimators, as functions of the scaled distance r (unit
// bandwidth), with the conventions of scikit-learn's KernelDensity: compact kernels vanish
// for r >= 1 (strict r < 1 inside).

export const GAUSSIAN = 0;
export const TOPHAT = 1;
export const EPANECHNIKOV = 2;
export const EXPONENTIAL = 3;
export const LINEAR = 4;
export const COSINE = 5;

/** True for the kernels summed in log space (unbounded support). */
// @ts-ignore: decorator
@inline export function isLogKernel(kernel: i32): bool {
  return kernel == GAUSSIAN || kernel == EXPONENTIAL;
}

/** K(r) for a compact kernel, r = sqrt(r2) >= 0 (0 outside the unit ball). */
// @ts-ignore: decorator
@inline export function compactProfile(kernel: i32, r2: f64): f64 {
  if (!(r2 < 1.0)) return 0;
  if (kernel == TOPHAT) return 1;
  if (kernel == EPANECHNIKOV) return 1.0 - r2;
  const r = sqrt<f64>(r2);
  if (kernel == LINEAR) return 1.0 - r;
  return Math.cos(1.5707963267948966 * r); // cosine: cos(pi r / 2)
}
