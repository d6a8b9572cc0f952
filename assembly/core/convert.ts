// Precision conversion inside wasm memory (the float32 modes store data rounded from float64).

/** The four float64 at p rounded to float32 (nearest even), in one f32x4 (SIMD builds). */
// @ts-ignore: decorator
@inline export function narrowF64x4(p: usize): v128 {
  return v128.shuffle<i64>(f32x4.demote_f64x2_zero(v128.load(p)), f32x4.demote_f64x2_zero(v128.load(p, 16)), 0, 2);
}

/** dst[i] = <f32>src[i] for i < n (round to nearest even; four at a time in SIMD builds). O(n). */
export function convert_f64_f32(src: usize, dst: usize, n: i32): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    for (; i + 4 <= n; i += 4) v128.store(dst + (<usize>i << 2), narrowF64x4(src + (<usize>i << 3)));
  }
  for (; i < n; i++) store<f32>(dst + (<usize>i << 2), <f32>load<f64>(src + (<usize>i << 3)));
}

/** dst[i] = <f64>src[i] for i < n (exact; two at a time in SIMD builds). O(n). */
export function convert_f32_f64(src: usize, dst: usize, n: i32): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    for (; i + 2 <= n; i += 2) v128.store(dst + (<usize>i << 3), f64x2.promote_low_f32x4(v128.load64_zero(src + (<usize>i << 2))));
  }
  for (; i < n; i++) store<f64>(dst + (<usize>i << 3), <f64>load<f32>(src + (<usize>i << 2)));
}
