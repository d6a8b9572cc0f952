// Layout of a regression design for the coordinate-descent solvers: a row-major n x p matrix
// (how users hold data) becomes column-major (what a coordinate update streams), optionally
// centred by its column means, in one cache-blocked pass.

/** Rows and columns per tile of the blocked transpose: a 32 x 32 float64 tile is 8 KiB. */
const TILE: i32 = 32;

/**
 * dst (n x p column-major, leading dimension n) = src (n x p row-major) minus the column means
 * when center != 0; means (p) receives the means (zeros otherwise) and norms2 (p) the squared
 * norms of the dst columns. O(n p), three passes, the transpose blocked in 32 x 32 tiles.
 */
export function column_major_f64(src: usize, n: i32, p: i32, center: i32, dst: usize, means: usize, norms2: usize): void {
  memory.fill(means, 0, <usize>p << 3);
  if (center) {
    // row sums: consecutive columns, two at a time
    for (let i = 0; i < n; i++) {
      const row = src + ((<usize>i * <usize>p) << 3);
      let j = 0;
      if (ASC_FEATURE_SIMD) {
        for (; j + 2 <= p; j += 2) {
          const o = <usize>j << 3;
          v128.store(means + o, f64x2.add(v128.load(means + o), v128.load(row + o)));
        }
      }
      for (; j < p; j++) {
        const o = <usize>j << 3;
        store<f64>(means + o, load<f64>(means + o) + load<f64>(row + o));
      }
    }
    const inv = 1.0 / <f64>n;
    for (let j = 0; j < p; j++) store<f64>(means + (<usize>j << 3), load<f64>(means + (<usize>j << 3)) * inv);
  }
  for (let i0 = 0; i0 < n; i0 += TILE) {
    const i1 = min(n, i0 + TILE);
    for (let j0 = 0; j0 < p; j0 += TILE) {
      const j1 = min(p, j0 + TILE);
      for (let j = j0; j < j1; j++) {
        const m = load<f64>(means + (<usize>j << 3));
        const col = dst + ((<usize>j * <usize>n) << 3);
        for (let i = i0; i < i1; i++) {
          store<f64>(col + (<usize>i << 3), load<f64>(src + ((<usize>i * <usize>p + <usize>j) << 3)) - m);
        }
      }
    }
  }
  for (let j = 0; j < p; j++) {
    const col = dst + ((<usize>j * <usize>n) << 3);
    let s0: f64 = 0, s1: f64 = 0;
    let i = 0;
    for (; i + 2 <= n; i += 2) {
      const a = load<f64>(col + (<usize>i << 3)), b = load<f64>(col + (<usize>i << 3), 8);
      s0 += a * a;
      s1 += b * b;
    }
    if (i < n) {
      const a = load<f64>(col + (<usize>i << 3));
      s0 += a * a;
    }
    store<f64>(norms2 + (<usize>j << 3), s0 + s1);
  }
}
