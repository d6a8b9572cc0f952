// Pairwise distances between two point sets, blocked for cache.
//
// x: n x d row-major; yT: d x m (the second set transposed, see transpose.ts), so the inner loop
// runs along j with unit stride and vectorises. out: n x m row-major,
//   sqeuclidean: sum_k (x_ik - y_jk)^2     euclidean: its square root     cityblock: sum_k |x_ik - y_jk|
// accumulated in k order for every (i, j) (exact differences, never |x|^2 + |y|^2 - 2<x, y>, so the
// result is >= 0 and zero on identical points). Columns are processed in blocks of BLOCK so the
// active part of yT (d * BLOCK values) and of the output row stay in cache across all rows i.
// Both builds perform identical arithmetic per entry (bit-identical results).

export const METRIC_SQEUCLIDEAN = 0;
export const METRIC_EUCLIDEAN = 1;
export const METRIC_CITYBLOCK = 2;

const BLOCK = 512;

/** Distances in float64. O(n m d) time, no scratch. */
export function pairwise_f64(x: usize, n: i32, yT: usize, m: i32, d: i32, metric: i32, out: usize): void {
  for (let j0 = 0; j0 < m; j0 += BLOCK) {
    const j1 = min(j0 + BLOCK, m);
    for (let i = 0; i < n; i++) {
      const orow = out + ((<usize>i * <usize>m) << 3);
      for (let j = j0; j < j1; j++) store<f64>(orow + (<usize>j << 3), 0);
      for (let k = 0; k < d; k++) {
        const xk = load<f64>(x + ((<usize>i * <usize>d + <usize>k) << 3));
        const yrow = yT + ((<usize>k * <usize>m) << 3);
        let j = j0;
        if (ASC_FEATURE_SIMD) {
          const xv = f64x2.splat(xk);
          if (metric == METRIC_CITYBLOCK) {
            for (; j + 2 <= j1; j += 2) {
              const o = <usize>j << 3;
              v128.store(orow + o, f64x2.add(v128.load(orow + o), f64x2.abs(f64x2.sub(xv, v128.load(yrow + o)))));
            }
          } else {
            for (; j + 2 <= j1; j += 2) {
              const o = <usize>j << 3;
              const t = f64x2.sub(xv, v128.load(yrow + o));
              v128.store(orow + o, f64x2.add(v128.load(orow + o), f64x2.mul(t, t)));
            }
          }
        }
        if (metric == METRIC_CITYBLOCK) {
          for (; j < j1; j++) {
            const o = <usize>j << 3;
            store<f64>(orow + o, load<f64>(orow + o) + abs(xk - load<f64>(yrow + o)));
          }
        } else {
          for (; j < j1; j++) {
            const o = <usize>j << 3;
            const t = xk - load<f64>(yrow + o);
            store<f64>(orow + o, load<f64>(orow + o) + t * t);
          }
        }
      }
      if (metric == METRIC_EUCLIDEAN) {
        let j = j0;
        if (ASC_FEATURE_SIMD) {
          for (; j + 2 <= j1; j += 2) {
            const o = <usize>j << 3;
            v128.store(orow + o, f64x2.sqrt(v128.load(orow + o)));
          }
        }
        for (; j < j1; j++) {
          const o = <usize>j << 3;
          store<f64>(orow + o, sqrt<f64>(load<f64>(orow + o)));
        }
      }
    }
  }
}

/** Distances in float32 arithmetic (speed mode). O(n m d) time, no scratch. */
export function pairwise_f32(x: usize, n: i32, yT: usize, m: i32, d: i32, metric: i32, out: usize): void {
  for (let j0 = 0; j0 < m; j0 += BLOCK) {
    const j1 = min(j0 + BLOCK, m);
    for (let i = 0; i < n; i++) {
      const orow = out + ((<usize>i * <usize>m) << 2);
      for (let j = j0; j < j1; j++) store<f32>(orow + (<usize>j << 2), 0);
      for (let k = 0; k < d; k++) {
        const xk = load<f32>(x + ((<usize>i * <usize>d + <usize>k) << 2));
        const yrow = yT + ((<usize>k * <usize>m) << 2);
        let j = j0;
        if (ASC_FEATURE_SIMD) {
          const xv = f32x4.splat(xk);
          if (metric == METRIC_CITYBLOCK) {
            for (; j + 4 <= j1; j += 4) {
              const o = <usize>j << 2;
              v128.store(orow + o, f32x4.add(v128.load(orow + o), f32x4.abs(f32x4.sub(xv, v128.load(yrow + o)))));
            }
          } else {
            for (; j + 4 <= j1; j += 4) {
              const o = <usize>j << 2;
              const t = f32x4.sub(xv, v128.load(yrow + o));
              v128.store(orow + o, f32x4.add(v128.load(orow + o), f32x4.mul(t, t)));
            }
          }
        }
        if (metric == METRIC_CITYBLOCK) {
          for (; j < j1; j++) {
            const o = <usize>j << 2;
            store<f32>(orow + o, load<f32>(orow + o) + abs(xk - load<f32>(yrow + o)));
          }
        } else {
          for (; j < j1; j++) {
            const o = <usize>j << 2;
            const t = xk - load<f32>(yrow + o);
            store<f32>(orow + o, load<f32>(orow + o) + t * t);
          }
        }
      }
      if (metric == METRIC_EUCLIDEAN) {
        let j = j0;
        if (ASC_FEATURE_SIMD) {
          for (; j + 4 <= j1; j += 4) {
            const o = <usize>j << 2;
            v128.store(orow + o, f32x4.sqrt(v128.load(orow + o)));
          }
        }
        for (; j < j1; j++) {
          const o = <usize>j << 2;
          store<f32>(orow + o, sqrt<f32>(load<f32>(orow + o)));
        }
      }
    }
  }
}
