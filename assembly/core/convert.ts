// Precision conversion inside wasm memory (the float32 modes store data rounded from float64).

/** dst[i] = <f32>src[i] for i < n (round to nearest even). O(n). */
export function convert_f64_f32(src: usize, dst: usize, n: i32): void {
  for (let i = 0; i < n; i++) store<f32>(dst + (<usize>i << 2), <f32>load<f64>(src + (<usize>i << 3)));
}
