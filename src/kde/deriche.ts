/**
 * Coefficients of Deriche's 4th-order recursive approximation of a Gaussian of standard
 * deviation sigma (in samples): the impulse response is
 *   h(n) = sum_k 2 Re(alpha_k exp(-(lambda_k + i omega_k) |n| / sigma)) / (sigma sqrt(2 pi))
 * with alpha = 0.84 + 1.8675i, -0.34015 - 0.1299i and (lambda, omega) = (1.783, 0.6318),
 * (1.723, 1.997) (Deriche 1993; Getreuer, IPOL 2013, table 2). Expanding the four poles gives
 * the real causal filter b_0 + b_1 z^-1 + b_2 z^-2 + b_3 z^-3 over 1 + a_1 z^-1 + ... + a_4 z^-4
 * run by assembly/kde/grid.ts. Error against the exact Gaussian: about 2e-4 of the peak for
 * sigma >= 3 samples, growing quickly below.
 */

import { detCos, detExp, detSin } from '../engine/math.js';

type C = [number, number];
const mul = (p: C, q: C): C => [p[0] * q[0] - p[1] * q[1], p[0] * q[1] + p[1] * q[0]];
const add = (p: C, q: C): C => [p[0] + q[0], p[1] + q[1]];

/** Polynomial (in z^-1) product with (1 - beta z^-1). */
function timesFactor(poly: C[], beta: C): C[] {
  const out: C[] = poly.map(() => [0, 0] as C).concat([[0, 0]]);
  for (let k = 0; k < poly.length; k++) {
    out[k] = add(out[k], poly[k]);
    const t = mul(poly[k], beta);
    out[k + 1] = add(out[k + 1], [-t[0], -t[1]]);
  }
  return out;
}

/** [b0, b1, b2, b3, a1, a2, a3, a4] for a Gaussian of standard deviation sigma samples. */
export function dericheCoefficients(sigma: number): Float64Array {
  const alphas: C[] = [[0.84, 1.8675], [-0.34015, -0.1299]];
  const poles: [number, number][] = [[1.783, 0.6318], [1.723, 1.997]];
  const norm = 1 / (sigma * Math.sqrt(2 * Math.PI));
  const terms: { alpha: C; beta: C }[] = [];
  poles.forEach(([lambda, omega], k) => {
    const r = detExp(-lambda / sigma), c = detCos(omega / sigma), s = detSin(omega / sigma);
    const alpha: C = [alphas[k][0] * norm, alphas[k][1] * norm];
    terms.push({ alpha, beta: [r * c, -r * s] }, { alpha: [alpha[0], -alpha[1]], beta: [r * c, r * s] });
  });
  let denominator: C[] = [[1, 0]];
  for (const { beta } of terms) denominator = timesFactor(denominator, beta);
  let numerator: C[] = [[0, 0], [0, 0], [0, 0], [0, 0]];
  terms.forEach(({ alpha }, k) => {
    let p: C[] = [alpha];
    terms.forEach(({ beta }, j) => {
      if (j !== k) p = timesFactor(p, beta);
    });
    numerator = numerator.map((v, i) => add(v, p[i]));
  });
  return Float64Array.from([numerator[0][0], numerator[1][0], numerator[2][0], numerator[3][0], denominator[1][0], denominator[2][0], denominator[3][0], denominator[4][0]]);
}
