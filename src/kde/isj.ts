/**
 * The improved Sheather-Jones bandwidth (Botev, Grotowski & Kroese 2010, "Kernel density
 * estimation via diffusion", Ann. Statist. 38(5), sec. 3; the structure of Botev's kde.m):
 * a plug-in rule that solves the fixed point t = xi gamma^[7](t) for the squared bandwidth
 * on data rescaled to [0, 1], using the DCT of the binned data. It adapts to multimodal data,
 * where the normal-reference rules (scott, silverman) oversmooth.
 *
 * Grid and scaling as Botev's kde.m: 1024 points over [min - range/2, max + range/2], linear
 * binning, bandwidth = sqrt(t*) (grid length). (KDEpy 1.1 scales by the data range and pads by
 * at least 6 units, which makes its value not scale-equivariant: its issues #199 and #201.)
 */

import { fail } from '../engine/errors.js';
import { detCos, detExp, detPow } from '../engine/math.js';
import { argsort } from '../linalg/argsort.js';

const GRID = 1024;
const L = 7;

/** DCT-II without normalisation: a_k = 2 sum_j p_j cos(pi k (2j + 1) / (2m)). O(m^2), table-driven. */
function dct2(p: Float64Array): Float64Array {
  const m = p.length;
  const table = new Float64Array(4 * m); // cos(pi t / (2m)), t mod 4m
  for (let t = 0; t < 4 * m; t++) table[t] = detCos((Math.PI * t) / (2 * m));
  const a = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    let s = 0;
    for (let j = 0; j < m; j++) s += p[j] * table[(k * (2 * j + 1)) % (4 * m)];
    a[k] = 2 * s;
  }
  return a;
}

/** Number of distinct values (kde.m's length(unique(data))), by the wasm radix argsort: O(n). */
function distinctCount(x: Float64Array | Float32Array): number {
  const order = argsort(x);
  let count = x.length > 0 ? 1 : 0;
  for (let i = 1; i < order.length; i++) if (x[order[i]] !== x[order[i - 1]]) count++;
  return count;
}

/** Brent's root finder on [a, b] with f(a) f(b) < 0 (Brent 1973, zeroin). */
function brent(f: (t: number) => number, a: number, b: number): number {
  let fa = f(a), fb = f(b);
  let c = a, fc = fa, d = b - a, e = d;
  for (let iter = 0; iter < 200; iter++) {
    if (fb * fc > 0) { c = a; fc = fa; d = b - a; e = d; }
    if (Math.abs(fc) < Math.abs(fb)) { a = b; b = c; c = a; fa = fb; fb = fc; fc = fa; }
    const tol = 2 * 2.220446049250313e-16 * Math.abs(b) + 1e-300;
    const m = 0.5 * (c - b);
    if (Math.abs(m) <= tol || fb === 0) return b;
    if (Math.abs(e) >= tol && Math.abs(fa) > Math.abs(fb)) {
      let p: number, q: number;
      const s = fb / fa;
      if (a === c) {
        p = 2 * m * s;
        q = 1 - s;
      } else {
        const qq = fa / fc, r = fb / fc;
        p = s * (2 * m * qq * (qq - r) - (b - a) * (r - 1));
        q = (qq - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      if (2 * p < Math.min(3 * m * q - Math.abs(tol * q), Math.abs(e * q))) {
        e = d;
        d = p / q;
      } else {
        d = m;
        e = m;
      }
    } else {
      d = m;
      e = m;
    }
    a = b;
    fa = fb;
    b += Math.abs(d) > tol ? d : m > 0 ? tol : -tol;
    fb = f(b);
  }
  return b;
}

/**
 * ISJ bandwidth (the Gaussian kernel's standard deviation) of the 1-D sample x with
 * normalised weights w. Throws INVALID_ARGUMENT when the fixed point has no root (tiny or
 * degenerate samples).
 */
export function isjBandwidth(x: Float64Array | Float32Array, w: Float64Array | null): number {
  let mn = Infinity, mx = -Infinity;
  for (const v of x) {
    if (v < mn) mn = v;
    if (v > mx) mx = v;
  }
  const range = mx - mn;
  if (!(range > 0)) fail('INVALID_ARGUMENT', "bandwidth 'isj' needs at least two distinct sample values");
  const lo = mn - range / 2, hi = mx + range / 2, dx = (hi - lo) / (GRID - 1);
  const p = new Float64Array(GRID);
  for (let i = 0; i < x.length; i++) {
    const u = (x[i] - lo) / dx;
    const j = Math.min(Math.floor(u), GRID - 2);
    const f = u - j;
    const wi = w === null ? 1 : w[i]; // the grid is normalised below
    p[j] += (1 - f) * wi;
    p[j + 1] += f * wi;
  }
  let total = 0;
  for (const v of p) total += v;
  for (let j = 0; j < GRID; j++) p[j] /= total;
  const a = dct2(p);
  const I = new Float64Array(GRID - 1), a2 = new Float64Array(GRID - 1);
  for (let k = 1; k < GRID; k++) {
    I[k - 1] = k * k;
    a2[k - 1] = a[k] * a[k];
  }
  const N = distinctCount(x);
  const PI2 = Math.PI * Math.PI;
  // I^s a2 and pi^(2s) by repeated multiplication, for s = 0..L
  const Is: Float64Array[] = [a2];
  const pi2s = [1];
  for (let s = 1; s <= L; s++) {
    Is.push(Is[s - 1].map((v, k) => v * I[k]));
    pi2s.push(pi2s[s - 1] * PI2);
  }
  const fs = (s: number, t: number) => {
    let sum = 0;
    const c = Is[s];
    for (let k = 0; k < I.length; k++) sum += c[k] * detExp(-I[k] * PI2 * t);
    return 0.5 * pi2s[s] * sum;
  };
  const F = (t: number) => {
    let f = fs(L, t);
    if (!(f > 0)) return -1;
    for (let s = L - 1; s >= 2; s--) {
      let odd = 1;
      for (let j = 1; j <= 2 * s - 1; j += 2) odd *= j;
      const K0 = odd / Math.sqrt(2 * Math.PI);
      const c = (1 + detPow(2, -(s + 0.5))) / 3;
      const ts = detPow((2 * c * K0) / (N * f), 2 / (3 + 2 * s));
      f = fs(s, ts);
    }
    return t - detPow(2 * N * Math.sqrt(Math.PI) * f, -0.4);
  };
  const Nc = Math.min(Math.max(N, 50), 1050);
  let b = 1e-12 + (0.01 * (Nc - 50)) / 1000;
  const f0 = F(0);
  while (f0 * F(b) >= 0) {
    b *= 2;
    if (b >= 0.1) fail('INVALID_ARGUMENT', "bandwidth 'isj' found no fixed point for these data (too few or too clustered samples); use 'scott', 'silverman' or 'cv'");
  }
  const t = brent(F, 0, b);
  return Math.sqrt(t) * (hi - lo);
}
