// Pairwise distances between two point sets, blocked for cache.
//
// x: n x d row-major; yT: d x m (the second set transposed, see transpose.ts), so the inner loop
// runs along j with unit stride and vectorises. out: n x m row-major,
//   sqeuclidean: sum_k (x_ik - y_jk)^2     euclidean: its square root     cityblock: sum_k |x_ik - y_jk|
// accumulated in k order for every (i, j) (exact differences, never |x|^2 + |y|^2 - 2<x, y>, so the
// result is >= 0 and zero on identical points). Columns are processed in blocks (distanceBlock) so
// the active part of yT (d values per column) stays in cache across all rows i.
// Both builds perform identical arithmetic per entry (bit-identical results).

export const METRIC_SQEUCLIDEAN = 0;
export const METRIC_EUCLIDEAN = 1;
export const METRIC_CITYBLOCK = 2;

/** Bytes of yT one column block may span: within a core's L2 cache, with room for the output rows. */
const BLOCK_BYTES = 131072;

/**
 * Columns per block for dimension d: as many as keep the block of yT within BLOCK_BYTES, and a
 * multiple of 8, so blocks split rows where the eight sum lanes of ot/cost-stats.ts start over
 * (block sizes do not change any result). Wide blocks write each output row in long runs: in
 * d = 2, 2000 x 2000 costs took 17% less time in one block per row than in blocks of 512
 * columns, which sweep all rows four times (a page of output per row and block).
 */
export function distanceBlock(d: i32): i32 {
  return max(8, (BLOCK_BYTES / (max(d, 1) << 3)) & ~7);
}

/**
 * out[j] = dist(x_i, y_j) for j in [j0, j1): one row block of the float64 distance matrix.
 * Shared by pairwise_f64 and the on-the-fly cost rows of the transport solvers (ot/cost.ts), so
 * stored and recomputed costs are bit-identical.
 */
export function distanceRowBlock(x: usize, i: i32, yT: usize, m: i32, d: i32, metric: i32, orow: usize, j0: i32, j1: i32): void {
  // register-blocked: eight (then four) entries of the row are accumulated over all d
  // coordinates in registers (k in order, as the scalar tail), then stored once. Four
  // independent chains, because with two the loop waits on the add latency (measured in d = 10:
  // 2000 x 2000 entries in 9.9 ms with two chains, 7.5 ms with four)
  const xi = x + ((<usize>i * <usize>d) << 3);
  const stride = <usize>m << 3;
  const city = metric == METRIC_CITYBLOCK;
  let j = j0;
  if (ASC_FEATURE_SIMD) {
    for (; j + 8 <= j1; j += 8) {
      let a0 = f64x2.splat(0), a1 = f64x2.splat(0), a2 = f64x2.splat(0), a3 = f64x2.splat(0);
      let yk = yT + (<usize>j << 3);
      for (let k = 0; k < d; k++, yk += stride) {
        const xv = f64x2.splat(load<f64>(xi + (<usize>k << 3)));
        const t0 = f64x2.sub(xv, v128.load(yk)), t1 = f64x2.sub(xv, v128.load(yk, 16));
        const t2 = f64x2.sub(xv, v128.load(yk, 32)), t3 = f64x2.sub(xv, v128.load(yk, 48));
        if (city) {
          a0 = f64x2.add(a0, f64x2.abs(t0));
          a1 = f64x2.add(a1, f64x2.abs(t1));
          a2 = f64x2.add(a2, f64x2.abs(t2));
          a3 = f64x2.add(a3, f64x2.abs(t3));
        } else {
          a0 = f64x2.add(a0, f64x2.mul(t0, t0));
          a1 = f64x2.add(a1, f64x2.mul(t1, t1));
          a2 = f64x2.add(a2, f64x2.mul(t2, t2));
          a3 = f64x2.add(a3, f64x2.mul(t3, t3));
        }
      }
      if (metric == METRIC_EUCLIDEAN) {
        a0 = f64x2.sqrt(a0);
        a1 = f64x2.sqrt(a1);
        a2 = f64x2.sqrt(a2);
        a3 = f64x2.sqrt(a3);
      }
      const o = orow + (<usize>j << 3);
      v128.store(o, a0);
      v128.store(o, a1, 16);
      v128.store(o, a2, 32);
      v128.store(o, a3, 48);
    }
    for (; j + 4 <= j1; j += 4) {
      let a0 = f64x2.splat(0), a1 = f64x2.splat(0);
      let yk = yT + (<usize>j << 3);
      for (let k = 0; k < d; k++, yk += stride) {
        const xv = f64x2.splat(load<f64>(xi + (<usize>k << 3)));
        const t0 = f64x2.sub(xv, v128.load(yk)), t1 = f64x2.sub(xv, v128.load(yk, 16));
        if (city) {
          a0 = f64x2.add(a0, f64x2.abs(t0));
          a1 = f64x2.add(a1, f64x2.abs(t1));
        } else {
          a0 = f64x2.add(a0, f64x2.mul(t0, t0));
          a1 = f64x2.add(a1, f64x2.mul(t1, t1));
        }
      }
      if (metric == METRIC_EUCLIDEAN) {
        a0 = f64x2.sqrt(a0);
        a1 = f64x2.sqrt(a1);
      }
      v128.store(orow + (<usize>j << 3), a0);
      v128.store(orow + (<usize>j << 3), a1, 16);
    }
  }
  for (; j < j1; j++) {
    let s: f64 = 0;
    let yk = yT + (<usize>j << 3);
    for (let k = 0; k < d; k++, yk += stride) {
      const t = load<f64>(xi + (<usize>k << 3)) - load<f64>(yk);
      s += city ? abs(t) : t * t;
    }
    store<f64>(orow + (<usize>j << 3), metric == METRIC_EUCLIDEAN ? sqrt<f64>(s) : s);
  }
}

/** Distances in float64. O(n m d) time, no scratch. */
export function pairwise_f64(x: usize, n: i32, yT: usize, m: i32, d: i32, metric: i32, out: usize): void {
  const block = distanceBlock(d);
  for (let j0 = 0; j0 < m; j0 += block) {
    const j1 = min(j0 + block, m);
    for (let i = 0; i < n; i++) distanceRowBlock(x, i, yT, m, d, metric, out + ((<usize>i * <usize>m) << 3), j0, j1);
  }
}

/** Distances in float32 arithmetic (speed mode). O(n m d) time, no scratch. */
export function pairwise_f32(x: usize, n: i32, yT: usize, m: i32, d: i32, metric: i32, out: usize): void {
  const block = distanceBlock(d);
  for (let j0 = 0; j0 < m; j0 += block) {
    const j1 = min(j0 + block, m);
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
