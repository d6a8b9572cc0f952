/**
 * Plain-TypeScript twins of the level-1 kernels, following the documented reduction order of
 * assembly/core/vector.ts (so a kernel that drifts from its documentation fails bit-exactly),
 * and an accurate sum (Ogita-Rump-Oishi Sum2, as if computed in twice the precision) to check
 * the error bound independently of any order.
 */

import { twoSum } from './double-double.js';

/** Float64 sum in the kernel's order: lanes i mod 4, (s0 + s2) + (s1 + s3), then the tail. */
export function sumInOrder(x: ArrayLike<number>, term: (i: number) => number = (i) => x[i]): number {
  const n = x.length;
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0, i = 0;
  for (; i + 4 <= n; i += 4) {
    s0 += term(i); s1 += term(i + 1); s2 += term(i + 2); s3 += term(i + 3);
  }
  let s = (s0 + s2) + (s1 + s3);
  for (; i < n; i++) s += term(i);
  return s;
}

export const dotInOrder = (x: ArrayLike<number>, y: ArrayLike<number>) => sumInOrder(x, (i) => x[i] * y[i]);

/** Float32 sum in the kernel's order: lanes i mod 8, ((s0+s4)+(s2+s6)) + ((s1+s5)+(s3+s7)). */
export function sumInOrder32(n: number, term: (i: number) => number): number {
  const f = Math.fround;
  const s = [0, 0, 0, 0, 0, 0, 0, 0];
  let i = 0;
  for (; i + 8 <= n; i += 8) for (let l = 0; l < 8; l++) s[l] = f(s[l] + term(i + l));
  let t = f(f(f(s[0] + s[4]) + f(s[2] + s[6])) + f(f(s[1] + s[5]) + f(s[3] + s[7])));
  for (; i < n; i++) t = f(t + term(i));
  return t;
}

export const sum32 = (x: Float32Array) => sumInOrder32(x.length, (i) => x[i]);
export const dot32 = (x: Float32Array, y: Float32Array) => sumInOrder32(x.length, (i) => Math.fround(x[i] * y[i]));

/** Sum2 of Ogita, Rump & Oishi (2005): error ~ eps |sum| + n^2 eps^2 sum |x|. */
export function accurateSum(x: ArrayLike<number>): number {
  let s = 0, c = 0;
  for (let i = 0; i < x.length; i++) {
    const [t, e] = twoSum(s, x[i]);
    s = t;
    c += e;
  }
  return s + c;
}
