/**
 * Double-double arithmetic (about 106 bits) and reference exp and log accurate far beyond one
 * double ULP, to measure the ULP error of the vectorised kernels. Algorithms: Dekker/Knuth
 * error-free transformations (TwoSum, TwoProduct by splitting); exp by reduction to
 * r = x - n ln2, r / 2^8, a Taylor series of expm1 and eight squarings; log by one Newton step
 * y + (m e^-y - 1) from Math.log, which squares its error.
 */

export type DD = [hi: number, lo: number];

const SPLITTER = 134217729; // 2^27 + 1
const LN2: DD = [0.6931471805599453, 2.3190468138462996e-17];

export function twoSum(a: number, b: number): DD {
  const s = a + b;
  const bb = s - a;
  return [s, (a - (s - bb)) + (b - bb)];
}

function quickTwoSum(a: number, b: number): DD {
  const s = a + b;
  return [s, b - (s - a)];
}

function split(a: number): DD {
  const c = SPLITTER * a;
  const hi = c - (c - a);
  return [hi, a - hi];
}

export function twoProd(a: number, b: number): DD {
  const p = a * b;
  const [ah, al] = split(a);
  const [bh, bl] = split(b);
  return [p, ((ah * bh - p) + ah * bl + al * bh) + al * bl];
}

export function ddAdd(a: DD, b: DD): DD {
  const [s, e] = twoSum(a[0], b[0]);
  return quickTwoSum(s, e + a[1] + b[1]);
}

export function ddMul(a: DD, b: DD): DD {
  const [p, e] = twoProd(a[0], b[0]);
  return quickTwoSum(p, e + (a[0] * b[1] + a[1] * b[0]));
}

const scaleDD = (a: DD, s: number): DD => [a[0] * s, a[1] * s];

/** 2^k for integer k in [-1074, 1023], exactly. */
export function pow2(k: number): number {
  if (k < -1022) return 2 ** -1022 * 2 ** (k + 1022);
  return 2 ** k;
}

/** Binary exponent of a finite non-zero double (subnormals: their true exponent). */
export function exponentOf(v: number): number {
  const a = Math.abs(v);
  let e = Math.floor(Math.log2(a));
  if (pow2(e) > a) e--;
  else if (e < 1023 && pow2(e + 1) <= a) e++;
  return e;
}

/** Unit in the last place of the double nearest to |v| (subnormal range: 2^-1074). */
export function ulp(v: number): number {
  if (v === 0) return 2 ** -1074;
  const e = exponentOf(v);
  return e < -1022 ? 2 ** -1074 : pow2(e - 52);
}

/** exp(r) as a double-double, for |r| <= 0.36 given as a double-double. */
function expSmall(r: DD): DD {
  const s = scaleDD(r, 1 / 256);
  // expm1(s) = s + s^2/2! + ... (|s| < 0.0015: 12 terms reach 1e-40)
  let term: DD = s;
  let sum: DD = s;
  for (let k = 2; k <= 14; k++) {
    term = ddMul(term, s);
    term = scaleDD(term, 1 / k); // 1/k rounds: ~1e-16 of a term below 5e-10, negligible
    sum = ddAdd(sum, term);
  }
  // (1 + u)^2 - 1 = 2u + u^2, eight times
  for (let k = 0; k < 8; k++) sum = ddAdd(scaleDD(sum, 2), ddMul(sum, sum));
  return ddAdd([1, 0], sum);
}

/**
 * exp(x) as m * 2^n with m a double-double near [0.7, 1.42], so that results in the subnormal
 * and overflow ranges are represented exactly.
 */
export function expRef(x: number): { m: DD; n: number } {
  const n = Math.round(x / LN2[0]);
  const [p, pe] = twoProd(n, LN2[0]);
  let r = ddAdd([x, 0], [-p, -pe]);
  r = ddAdd(r, [-n * LN2[1], 0]);
  return { m: expSmall(r), n };
}

/** log(x) as a double-double, x > 0 finite (subnormals included). */
export function logRef(x: number): DD {
  const e = exponentOf(x);
  const m = x * pow2(-Math.max(e, -1000)) * pow2(-(e - Math.max(e, -1000)));
  const y0 = Math.log(m);
  const { m: em, n } = expRef(-y0);
  const ex = scaleDD(em, pow2(n));
  const t = ddAdd(ddMul([m, 0], ex), [-1, 0]);
  const y = ddAdd([y0, 0], t);
  const [p, pe] = twoProd(e, LN2[0]);
  const eln2 = ddAdd([p, pe], [e * LN2[1], 0]);
  return ddAdd(eln2, y);
}

/** |y - exp(x)| in ULPs of the exact result (subnormal results: ULPs of 2^-1074). */
export function expUlpError(x: number, y: number): number {
  const { m, n } = expRef(x);
  const e = exponentOf(m[0]) + n;
  const ulpScaled = e < -1022 ? pow2(-1074 - n) : pow2(exponentOf(m[0]) - 52);
  const h = Math.trunc(n / 2);
  const scaled = y * pow2(-h) * pow2(-(n - h)); // exact: lands near [0.7, 1.42]
  const d = ddAdd([scaled, 0], [-m[0], -m[1]]);
  return Math.abs(d[0] + d[1]) / ulpScaled;
}

/** |y - log(x)| in ULPs of the exact result. */
export function logUlpError(x: number, y: number): number {
  const r = logRef(x);
  if (r[0] === 0) return y === 0 ? 0 : Infinity;
  const d = ddAdd([y, 0], [-r[0], -r[1]]);
  return Math.abs(d[0] + d[1]) / ulp(r[0]);
}
