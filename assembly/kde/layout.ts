// The layout of fitted KDE samples for the pruned kernel sums of eval.ts: unit-bandwidth
// coordinates, a k-d block order, and the samples transposed in that order with the bounding
// box of every block.
//
// Block order: while a range holds more than B samples, split it on its widest coordinate at
// the median rounded to a multiple of B (quickselect), so every block but the last holds B
// samples and is spatially compact (a tight box). O(n d log(n / B)) expected. Deterministic:
// the pivot is the median of three, so the order depends only on the data.

// @ts-ignore: decorator
@inline function atF(p: usize, i: i32): f64 {
  return load<f64>(p + (<usize>i << 3));
}

// @ts-ignore: decorator
@inline function atI(p: usize, i: i32): i32 {
  return load<i32>(p + (<usize>i << 2));
}

/**
 * out (n x d, row-major) = the rows of X (n x d) moved to the origin o (d) and mapped by the
 * lower-triangular T (d x d, row-major): u_r = sum_{c <= r} T_rc (x_c - o_c), summed in order
 * c = 0..r. With o inside the samples' range, every later rounding (float32 storage, the
 * distances) is relative to the spread of the data, not to its offset from 0. O(n d^2 / 2).
 */
export function kde_unit_f64(X: usize, n: i32, d: i32, T: usize, origin: usize, out: usize): void {
  for (let i = 0; i < n; i++) {
    const x = X + ((<usize>i * <usize>d) << 3), u = out + ((<usize>i * <usize>d) << 3);
    for (let r = 0; r < d; r++) {
      const t = T + ((<usize>r * <usize>d) << 3);
      let s: f64 = 0;
      for (let c = 0; c <= r; c++) {
        // zeros of T (all off-diagonal ones for numeric bandwidths) are skipped: the scaled
        // difference may overflow for a query far beyond the samples, and 0 * inf is NaN
        const tc = atF(t, c);
        if (tc == 0) continue;
        const dx = atF(x, c) - atF(origin, c);
        // a query and origin on opposite sides of +-9e307 overflow the difference; halving
        // both is exact, so the finite product is the same one rounding as tc * dx
        s += isFinite(dx) ? tc * dx : tc * (atF(x, c) * 0.5 - atF(origin, c) * 0.5) * 2;
      }
      store<f64>(u + (<usize>r << 3), s);
    }
  }
}

/**
 * Moves the k-th smallest key of [lo, hi) to position k, smaller ones before it (Hoare's
 * partition, median-of-three pivot); idx (i32) and keys (f64) are permuted together.
 */
function selectKeyed(idx: usize, keys: usize, lo: i32, hi: i32, k: i32): void {
  let l = lo, r = hi - 1;
  while (r > l) {
    const mid = (l + r) >> 1;
    const a = atF(keys, l), b = atF(keys, mid), c = atF(keys, r);
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = l, j = r;
    while (i <= j) {
      while (atF(keys, i) < pivot) i++;
      while (atF(keys, j) > pivot) j--;
      if (i <= j) {
        const pi = idx + (<usize>i << 2), pj = idx + (<usize>j << 2);
        const t = load<i32>(pi);
        store<i32>(pi, load<i32>(pj));
        store<i32>(pj, t);
        const ki = keys + (<usize>i << 3), kj = keys + (<usize>j << 3);
        const u = load<f64>(ki);
        store<f64>(ki, load<f64>(kj));
        store<f64>(kj, u);
        i++;
        j--;
      }
    }
    if (k <= j) r = j;
    else if (k >= i) l = i;
    else return;
  }
}

/**
 * The coordinate of widest extent over the rows idx[first..end) of U (the first on ties);
 * lo, hi: d float64 of scratch.
 */
function widestCoordinate(U: usize, d: i32, idx: usize, first: i32, end: i32, lo: usize, hi: usize): i32 {
  for (let k = 0; k < d; k++) {
    store<f64>(lo + (<usize>k << 3), Infinity);
    store<f64>(hi + (<usize>k << 3), -Infinity);
  }
  for (let p = first; p < end; p++) {
    const row = U + ((<usize>atI(idx, p) * <usize>d) << 3);
    for (let k = 0; k < d; k++) {
      const v = atF(row, k), o = <usize>k << 3;
      if (v < load<f64>(lo + o)) store<f64>(lo + o, v);
      if (v > load<f64>(hi + o)) store<f64>(hi + o, v);
    }
  }
  let dim = 0;
  let widest: f64 = -1;
  for (let k = 0; k < d; k++) {
    const extent = atF(hi, k) - atF(lo, k);
    if (extent > widest) {
      widest = extent;
      dim = k;
    }
  }
  return dim;
}

/**
 * Pending ranges of kde_block_order (first, end pairs), depth first: the left child is split
 * next, so at most one range per level waits, and a range of length L has children of at most
 * L/2 + B: depth <= log2(n) + 2 <= 33 levels for n < 2^31.
 */
const STACK_PAIRS = 64;
const STACK = memory.data(STACK_PAIRS * 8);

/**
 * idx (n i32) = the block order of the rows of U (n x d, row-major): a permutation of 0..n-1
 * (see the file comment). keys: n float64 of scratch; bounds: 2 d float64 of scratch.
 */
export function kde_block_order(U: usize, n: i32, d: i32, B: i32, idx: usize, keys: usize, bounds: usize): void {
  for (let i = 0; i < n; i++) store<i32>(idx + (<usize>i << 2), i);
  const lo = bounds, hi = bounds + (<usize>d << 3);
  let top = 0;
  store<i32>(STACK, 0);
  store<i32>(STACK, n, 4);
  top = 1;
  while (top > 0) {
    top--;
    const first = load<i32>(STACK + (<usize>top << 3)), end = load<i32>(STACK + (<usize>top << 3), 4);
    if (end - first <= B) continue;
    const dim = widestCoordinate(U, d, idx, first, end, lo, hi);
    for (let p = first; p < end; p++) store<f64>(keys + (<usize>p << 3), atF(U + ((<usize>atI(idx, p) * <usize>d) << 3), dim));
    // the median rounded up to a multiple of B: first + B ceil((end - first) / 2B)
    const mid = first + B * <i32>((<i64>(end - first) + 2 * <i64>B - 1) / (2 * <i64>B));
    selectKeyed(idx, keys, first, end, mid);
    const slot = STACK + (<usize>top << 3);
    store<i32>(slot, mid);
    store<i32>(slot, end, 4);
    store<i32>(slot, first, 8);
    store<i32>(slot, mid, 12);
    top += 2;
  }
}

/**
 * ST (d x n) = the rows of U (n x d) in the order idx, transposed; boxLo, boxHi (nb x d, nb =
 * ceil(n / B)) = the smallest and largest coordinates of each block of B consecutive samples.
 * O(n d).
 */
export function kde_block_layout(U: usize, n: i32, d: i32, B: i32, idx: usize, ST: usize, boxLo: usize, boxHi: usize): void {
  const stride = <usize>n << 3;
  for (let first = 0, b = 0; first < n; first += B, b++) {
    const end = min(first + B, n);
    const lo = boxLo + ((<usize>b * <usize>d) << 3), hi = boxHi + ((<usize>b * <usize>d) << 3);
    for (let k = 0; k < d; k++) {
      store<f64>(lo + (<usize>k << 3), Infinity);
      store<f64>(hi + (<usize>k << 3), -Infinity);
    }
    for (let p = first; p < end; p++) {
      const row = U + ((<usize>atI(idx, p) * <usize>d) << 3);
      let out = ST + (<usize>p << 3);
      for (let k = 0; k < d; k++, out += stride) {
        const v = atF(row, k), o = <usize>k << 3;
        store<f64>(out, v);
        if (v < load<f64>(lo + o)) store<f64>(lo + o, v);
        if (v > load<f64>(hi + o)) store<f64>(hi + o, v);
      }
    }
  }
}
