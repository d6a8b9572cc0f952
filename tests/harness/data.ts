/** Deterministic test data (a small LCG: independent of the library's own generator). */

export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** n values uniform in [lo, hi). */
export function uniform(n: number, seed: number, lo = -1, hi = 1): Float64Array {
  const r = lcg(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = lo + (hi - lo) * r();
  return out;
}

/** Lengths that exercise SIMD tails: empty, one, odd, around vector and block widths. */
export const LENGTHS = [0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 33, 100, 1001, 4097];

/** Bit pattern equality (distinguishes -0 from 0, compares NaN payloads). */
export function sameBits(a: number, b: number): boolean {
  if (Number.isNaN(a) && Number.isNaN(b)) return true;
  return Object.is(a, b);
}

/** Index of the first entry whose bits differ, or -1. */
export function firstBitDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return 0;
  for (let i = 0; i < a.length; i++) if (!sameBits(a[i], b[i])) return i;
  return -1;
}
