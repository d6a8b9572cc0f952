// Binned density estimates on regular grids: linear binning of the samples, then a recursive
// Gaussian smoother (Deriche 1993, 4th order, coefficients as in Getreuer, "A survey of
// Gaussian convolution algorithms", IPOL 2013), O(grid size) whatever the bandwidth.

/**
 * Linear binning onto m points lo + k delta: a sample at t = (x - lo)/delta gives weight
 * (u + 1 - t) to bin u = floor(t) and (t - u) to bin u + 1; the share of a bin outside the grid
 * is lost (the caller counts such samples). w: weights or 0 (uniform 1/n). Returns the mass
 * that landed on the grid. O(n).
 */
export function kde_bin1d_f64(x: usize, w: usize, n: i32, lo: f64, delta: f64, m: i32, out: usize): f64 {
  memory.fill(out, 0, <usize>m << 3);
  const inv = 1.0 / delta;
  const uniform = 1.0 / <f64>n;
  let landed: f64 = 0;
  for (let i = 0; i < n; i++) {
    const wi = w != 0 ? load<f64>(w + (<usize>i << 3)) : uniform;
    const t = (load<f64>(x + (<usize>i << 3)) - lo) * inv;
    const u = Math.floor(t);
    const f = t - u;
    const k = <i32>u;
    if (u >= 0 && u < <f64>m) {
      const p = out + (<usize>k << 3);
      store<f64>(p, load<f64>(p) + wi * (1 - f));
      landed += wi * (1 - f);
    }
    if (u + 1 >= 0 && u + 1 < <f64>m) {
      const p = out + (<usize>(k + 1) << 3);
      store<f64>(p, load<f64>(p) + wi * f);
      landed += wi * f;
    }
  }
  return landed;
}

/**
 * Bilinear binning of points (x, y) (n x 2 row-major) onto ny rows x nx columns (row iy at
 * ylo + iy dy, column ix at xlo + ix dx; out[iy * nx + ix]). Returns the mass on the grid. O(n).
 */
export function kde_bin2d_f64(xy: usize, w: usize, n: i32, xlo: f64, dx: f64, nx: i32, ylo: f64, dy: f64, ny: i32, out: usize): f64 {
  memory.fill(out, 0, (<usize>nx * <usize>ny) << 3);
  const uniform = 1.0 / <f64>n;
  let landed: f64 = 0;
  for (let i = 0; i < n; i++) {
    const wi = w != 0 ? load<f64>(w + (<usize>i << 3)) : uniform;
    const tx = (load<f64>(xy + (<usize>i << 4)) - xlo) / dx;
    const ty = (load<f64>(xy + (<usize>i << 4), 8) - ylo) / dy;
    const ux = Math.floor(tx), uy = Math.floor(ty);
    const fx = tx - ux, fy = ty - uy;
    for (let a = 0; a < 2; a++) {
      const iy = uy + <f64>a;
      if (iy < 0 || iy >= <f64>ny) continue;
      const wy = a == 0 ? 1 - fy : fy;
      for (let b = 0; b < 2; b++) {
        const ix = ux + <f64>b;
        if (ix < 0 || ix >= <f64>nx) continue;
        const share = wi * wy * (b == 0 ? 1 - fx : fx);
        const p = out + ((<usize>(<i32>iy) * <usize>nx + <usize>(<i32>ix)) << 3);
        store<f64>(p, load<f64>(p) + share);
        landed += share;
      }
    }
  }
  return landed;
}

// Recursive filter: causal y+[n] = sum_{k<4} b+_k x[n-k] - sum_{k=1..4} a_k y+[n-k]; anticausal
// y-[n] = sum_{k=1..4} b-_k x[n+k] - sum_{k=1..4} a_k y-[n+k], with b-_k = b+_k - a_k b+_0 and
// b-_4 = -a_4 b+_0 (the centre tap counted once); output max(0, y+ + y-). Zero padding:
// both recursions start from a zero state, exact for signals that vanish beyond the ends.
// coefs: [b0, b1, b2, b3, a1, a2, a3, a4] (float64).

/**
 * Filters `count` sequences of length len in place: element i of sequence s at
 * data + (s step + i stride) doubles. Two adjacent sequences (step 1, e.g. grid columns) run in
 * the two SIMD lanes. work: 2 len float64. O(count len).
 */
export function deriche_f64(data: usize, len: i32, stride: i32, count: i32, step: i32, coefs: usize, work: usize): void {
  const b0 = load<f64>(coefs), b1 = load<f64>(coefs, 8), b2 = load<f64>(coefs, 16), b3 = load<f64>(coefs, 24);
  const a1 = load<f64>(coefs, 32), a2 = load<f64>(coefs, 40), a3 = load<f64>(coefs, 48), a4 = load<f64>(coefs, 56);
  const m1 = b1 - a1 * b0, m2 = b2 - a2 * b0, m3 = b3 - a3 * b0, m4 = -a4 * b0;
  const es = <usize>stride << 3;
  let s = 0;
  if (ASC_FEATURE_SIMD && step == 1) {
    // two adjacent sequences at once (columns of a row-major grid)
    const B0 = f64x2.splat(b0), B1 = f64x2.splat(b1), B2 = f64x2.splat(b2), B3 = f64x2.splat(b3);
    const A1 = f64x2.splat(a1), A2 = f64x2.splat(a2), A3 = f64x2.splat(a3), A4 = f64x2.splat(a4);
    const M1 = f64x2.splat(m1), M2 = f64x2.splat(m2), M3 = f64x2.splat(m3), M4 = f64x2.splat(m4);
    const zero = f64x2.splat(0);
    for (; s + 2 <= count; s += 2) {
      const base = data + (<usize>s << 3);
      let x1 = zero, x2 = zero, x3 = zero, y1 = zero, y2 = zero, y3 = zero, y4 = zero;
      for (let i = 0; i < len; i++) {
        const x0 = v128.load(base + <usize>i * es);
        const y = f64x2.sub(f64x2.add(f64x2.add(f64x2.mul(B0, x0), f64x2.mul(B1, x1)), f64x2.add(f64x2.mul(B2, x2), f64x2.mul(B3, x3))),
          f64x2.add(f64x2.add(f64x2.mul(A1, y1), f64x2.mul(A2, y2)), f64x2.add(f64x2.mul(A3, y3), f64x2.mul(A4, y4))));
        v128.store(work + (<usize>i << 4), y);
        x3 = x2; x2 = x1; x1 = x0;
        y4 = y3; y3 = y2; y2 = y1; y1 = y;
      }
      x1 = zero; x2 = zero; x3 = zero;
      let x4 = zero;
      y1 = zero; y2 = zero; y3 = zero; y4 = zero;
      for (let i = len - 1; i >= 0; i--) {
        const y = f64x2.sub(f64x2.add(f64x2.add(f64x2.mul(M1, x1), f64x2.mul(M2, x2)), f64x2.add(f64x2.mul(M3, x3), f64x2.mul(M4, x4))),
          f64x2.add(f64x2.add(f64x2.mul(A1, y1), f64x2.mul(A2, y2)), f64x2.add(f64x2.mul(A3, y3), f64x2.mul(A4, y4))));
        const p = base + <usize>i * es;
        const x0 = v128.load(p);
        v128.store(p, f64x2.pmax(zero, f64x2.add(v128.load(work + (<usize>i << 4)), y)));
        x4 = x3; x3 = x2; x2 = x1; x1 = x0;
        y4 = y3; y3 = y2; y2 = y1; y1 = y;
      }
    }
  }
  for (; s < count; s++) {
    const base = data + (<usize>s * <usize>step << 3);
    let x1: f64 = 0, x2: f64 = 0, x3: f64 = 0, y1: f64 = 0, y2: f64 = 0, y3: f64 = 0, y4: f64 = 0;
    for (let i = 0; i < len; i++) {
      const x0 = load<f64>(base + <usize>i * es);
      const y = ((b0 * x0 + b1 * x1) + (b2 * x2 + b3 * x3)) - ((a1 * y1 + a2 * y2) + (a3 * y3 + a4 * y4));
      store<f64>(work + (<usize>i << 3), y);
      x3 = x2; x2 = x1; x1 = x0;
      y4 = y3; y3 = y2; y2 = y1; y1 = y;
    }
    x1 = 0; x2 = 0; x3 = 0;
    let x4: f64 = 0;
    y1 = 0; y2 = 0; y3 = 0; y4 = 0;
    for (let i = len - 1; i >= 0; i--) {
      const y = ((m1 * x1 + m2 * x2) + (m3 * x3 + m4 * x4)) - ((a1 * y1 + a2 * y2) + (a3 * y3 + a4 * y4));
      const p = base + <usize>i * es;
      const x0 = load<f64>(p);
      const v = load<f64>(work + (<usize>i << 3)) + y;
      store<f64>(p, 0 < v ? v : 0); // as pmax(0, v) in the SIMD path (also for -0)
      x4 = x3; x3 = x2; x2 = x1; x1 = x0;
      y4 = y3; y3 = y2; y2 = y1; y1 = y;
    }
  }
}
