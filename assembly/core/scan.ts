// Single-pass scans of input vectors already copied into wasm memory: cheaper than the same
// loops in JS for the large 1-D inputs of the fits (finite check, range).

/** Index of the first NaN or infinite entry of x[0..n), or -1. O(n). */
export function first_nonfinite_f64(x: usize, n: i32): i32 {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    // x - x is 0 for finite x and NaN otherwise; NaN != NaN flags the pair
    for (; i + 4 <= n; i += 4) {
      const a = v128.load(x + (<usize>i << 3)), b = v128.load(x + (<usize>i << 3), 16);
      const da = f64x2.sub(a, a), db = f64x2.sub(b, b);
      if (v128.any_true(v128.or(f64x2.ne(da, da), f64x2.ne(db, db)))) break;
    }
  }
  for (; i < n; i++) {
    const v = load<f64>(x + (<usize>i << 3));
    if (v - v != 0) return i;
  }
  return -1;
}

/** out[0] = min, out[1] = max of x[0..n) (finite input, n >= 1). O(n). */
export function min_max_f64(x: usize, n: i32, out: usize): void {
  let lo = load<f64>(x), hi = lo;
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    let vlo = f64x2.splat(lo), vhi = vlo;
    for (; i + 2 <= n; i += 2) {
      const v = v128.load(x + (<usize>i << 3));
      vlo = f64x2.pmin(vlo, v);
      vhi = f64x2.pmax(vhi, v);
    }
    lo = min(f64x2.extract_lane(vlo, 0), f64x2.extract_lane(vlo, 1));
    hi = max(f64x2.extract_lane(vhi, 0), f64x2.extract_lane(vhi, 1));
  }
  for (; i < n; i++) {
    const v = load<f64>(x + (<usize>i << 3));
    lo = min(lo, v);
    hi = max(hi, v);
  }
  store<f64>(out, lo);
  store<f64>(out, hi, 8);
}
