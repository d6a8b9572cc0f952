// Special functions needed for normalising constants (computed in wasm so that every runtime
// gets the same bits: the hosts' Math.log and Math.exp differ in the last place).

/**
 * log Gamma(x) for x > 0: Lanczos approximation (g = 7, 9 coefficients, as in Numerical
 * Recipes 3rd ed. / Boost's lanczos approximations), relative error about 1e-15; for x < 0.5
 * the reflection log Gamma(x) = log(pi / sin(pi x)) - log Gamma(1 - x).
 */
export function lgamma_f64(x: f64): f64 {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lgamma_f64(1 - x);
  const z = x - 1;
  let a = 0.99999999999980993;
  a += 676.5203681218851 / (z + 1);
  a += -1259.1392167224028 / (z + 2);
  a += 771.32342877765313 / (z + 3);
  a += -176.61502916214059 / (z + 4);
  a += 12.507343278686905 / (z + 5);
  a += -0.13857109526572012 / (z + 6);
  a += 9.9843695780195716e-6 / (z + 7);
  a += 1.5056327351493116e-7 / (z + 8);
  const t = z + 7.5;
  return 0.9189385332046727 + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** log(x) with the compiled-in NativeMath (deterministic across runtimes). */
export function log_scalar(x: f64): f64 {
  return Math.log(x);
}

/** exp(x) with the compiled-in NativeMath. */
export function exp_scalar(x: f64): f64 {
  return Math.exp(x);
}

/** cos(x) with the compiled-in NativeMath. */
export function cos_scalar(x: f64): f64 {
  return Math.cos(x);
}

/** sin(x) with the compiled-in NativeMath. */
export function sin_scalar(x: f64): f64 {
  return Math.sin(x);
}
