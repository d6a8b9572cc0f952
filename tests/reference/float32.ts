/** Float32 ULP helpers (references computed in float64 are exact to far below one f32 ULP). */

/** Unit in the last place of the float32 nearest |v| (subnormal range: 2^-149). */
export function ulp32(v: number): number {
  const a = Math.abs(Math.fround(v));
  if (a < 2 ** -126) return 2 ** -149;
  let e = Math.floor(Math.log2(a));
  if (2 ** e > a) e--;
  else if (2 ** (e + 1) <= a) e++;
  return 2 ** (e - 23);
}

/** |y - exact| in float32 ULPs of the exact value (exact given in float64). */
export function ulpError32(y: number, exact: number): number {
  return Math.abs(y - exact) / ulp32(exact);
}
