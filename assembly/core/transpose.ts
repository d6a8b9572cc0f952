// Out-of-place transpose of a row-major matrix, in 16 x 16 tiles so that both the reads and the
// writes of a tile stay within a few cache lines.

const TILE = 16;

/** dst (cols x rows) = transpose of src (rows x cols), float64. O(rows cols). */
export function transpose_f64(src: usize, rows: i32, cols: i32, dst: usize): void {
  for (let i0 = 0; i0 < rows; i0 += TILE) {
    const i1 = min(i0 + TILE, rows);
    for (let j0 = 0; j0 < cols; j0 += TILE) {
      const j1 = min(j0 + TILE, cols);
      for (let i = i0; i < i1; i++) {
        for (let j = j0; j < j1; j++) {
          store<f64>(dst + ((<usize>j * <usize>rows + <usize>i) << 3), load<f64>(src + ((<usize>i * <usize>cols + <usize>j) << 3)));
        }
      }
    }
  }
}

/** dst (cols x rows) = transpose of src (rows x cols), float32. O(rows cols). */
export function transpose_f32(src: usize, rows: i32, cols: i32, dst: usize): void {
  for (let i0 = 0; i0 < rows; i0 += TILE) {
    const i1 = min(i0 + TILE, rows);
    for (let j0 = 0; j0 < cols; j0 += TILE) {
      const j1 = min(j0 + TILE, cols);
      for (let i = i0; i < i1; i++) {
        for (let j = j0; j < j1; j++) {
          store<f32>(dst + ((<usize>j * <usize>rows + <usize>i) << 2), load<f32>(src + ((<usize>i * <usize>cols + <usize>j) << 2)));
        }
      }
    }
  }
}
