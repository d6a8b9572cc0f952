// Level-1 vector kernels: sum, dot, axpy, scale, in float64 and float32.
//
// Reduction order is fixed and identical in the SIMD and the scalar build: float64 keeps four
// partial sums (lanes of two f64x2 accumulators; four scalars in the scalar build) over
// elements i = 0, 1, 2, 3 (mod 4), combines them as (s0 + s2) + (s1 + s3) and then adds the
// tail in order. Float32 keeps eight partial sums the same way. Neither build uses fused
// multiply-add, so both builds return bit-identical results.

/** Sum of x[0..n) in float64 (fixed reduction order, see above). O(n). */
export function sum_f64(x: usize, n: i32): f64 {
  let i = 0;
  let s0: f64 = 0, s1: f64 = 0, s2: f64 = 0, s3: f64 = 0;
  if (ASC_FEATURE_SIMD) {
    let a0 = f64x2.splat(0), a1 = f64x2.splat(0);
    for (; i + 4 <= n; i += 4) {
      const p = x + (<usize>i << 3);
      a0 = f64x2.add(a0, v128.load(p));
      a1 = f64x2.add(a1, v128.load(p, 16));
    }
    const a = f64x2.add(a0, a1);
    s0 = f64x2.extract_lane(a, 0);
    s1 = f64x2.extract_lane(a, 1);
  } else {
    for (; i + 4 <= n; i += 4) {
      const p = x + (<usize>i << 3);
      s0 += load<f64>(p);
      s1 += load<f64>(p, 8);
      s2 += load<f64>(p, 16);
      s3 += load<f64>(p, 24);
    }
    s0 += s2;
    s1 += s3;
  }
  let s = s0 + s1;
  for (; i < n; i++) s += load<f64>(x + (<usize>i << 3));
  return s;
}

/** Dot product of x and y (length n) in float64, fixed reduction order. O(n). */
export function dot_f64(x: usize, y: usize, n: i32): f64 {
  let i = 0;
  let s0: f64 = 0, s1: f64 = 0, s2: f64 = 0, s3: f64 = 0;
  if (ASC_FEATURE_SIMD) {
    let a0 = f64x2.splat(0), a1 = f64x2.splat(0);
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 3;
      a0 = f64x2.add(a0, f64x2.mul(v128.load(x + o), v128.load(y + o)));
      a1 = f64x2.add(a1, f64x2.mul(v128.load(x + o, 16), v128.load(y + o, 16)));
    }
    const a = f64x2.add(a0, a1);
    s0 = f64x2.extract_lane(a, 0);
    s1 = f64x2.extract_lane(a, 1);
  } else {
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 3;
      s0 += load<f64>(x + o) * load<f64>(y + o);
      s1 += load<f64>(x + o, 8) * load<f64>(y + o, 8);
      s2 += load<f64>(x + o, 16) * load<f64>(y + o, 16);
      s3 += load<f64>(x + o, 24) * load<f64>(y + o, 24);
    }
    s0 += s2;
    s1 += s3;
  }
  let s = s0 + s1;
  for (; i < n; i++) {
    const o = <usize>i << 3;
    s += load<f64>(x + o) * load<f64>(y + o);
  }
  return s;
}

/** y <- y + a*x (length n), float64. O(n). */
export function axpy_f64(a: f64, x: usize, y: usize, n: i32): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const av = f64x2.splat(a);
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 3;
      v128.store(y + o, f64x2.add(v128.load(y + o), f64x2.mul(av, v128.load(x + o))));
      v128.store(y + o, f64x2.add(v128.load(y + o, 16), f64x2.mul(av, v128.load(x + o, 16))), 16);
    }
  }
  for (; i < n; i++) {
    const o = <usize>i << 3;
    store<f64>(y + o, load<f64>(y + o) + a * load<f64>(x + o));
  }
}

/** x <- a*x (length n), float64. O(n). */
export function scale_f64(a: f64, x: usize, n: i32): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const av = f64x2.splat(a);
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 3;
      v128.store(x + o, f64x2.mul(av, v128.load(x + o)));
      v128.store(x + o, f64x2.mul(av, v128.load(x + o, 16)), 16);
    }
  }
  for (; i < n; i++) {
    const o = <usize>i << 3;
    store<f64>(x + o, a * load<f64>(x + o));
  }
}

// Float32: eight partial sums s0..s7 over i mod 8, combined as
// ((s0 + s4) + (s2 + s6)) + ((s1 + s5) + (s3 + s7)), then the tail in order.

// @ts-ignore: decorator
@inline function combine8(a: v128): f32 {
  // a holds [s0+s4, s1+s5, s2+s6, s3+s7]
  const b = f32x4.add(a, v128.shuffle<f32>(a, a, 2, 3, 0, 1));
  return f32x4.extract_lane(b, 0) + f32x4.extract_lane(b, 1);
}

/** Sum of x[0..n) in float32 arithmetic, fixed reduction order. O(n). */
export function sum_f32(x: usize, n: i32): f32 {
  let i = 0;
  let s: f32 = 0;
  if (ASC_FEATURE_SIMD) {
    let a0 = f32x4.splat(0), a1 = f32x4.splat(0);
    for (; i + 8 <= n; i += 8) {
      const p = x + (<usize>i << 2);
      a0 = f32x4.add(a0, v128.load(p));
      a1 = f32x4.add(a1, v128.load(p, 16));
    }
    s = combine8(f32x4.add(a0, a1));
  } else {
    let s0: f32 = 0, s1: f32 = 0, s2: f32 = 0, s3: f32 = 0;
    let s4: f32 = 0, s5: f32 = 0, s6: f32 = 0, s7: f32 = 0;
    for (; i + 8 <= n; i += 8) {
      const p = x + (<usize>i << 2);
      s0 += load<f32>(p); s1 += load<f32>(p, 4); s2 += load<f32>(p, 8); s3 += load<f32>(p, 12);
      s4 += load<f32>(p, 16); s5 += load<f32>(p, 20); s6 += load<f32>(p, 24); s7 += load<f32>(p, 28);
    }
    s = ((s0 + s4) + (s2 + s6)) + ((s1 + s5) + (s3 + s7));
  }
  for (; i < n; i++) s += load<f32>(x + (<usize>i << 2));
  return s;
}

/** Dot product in float32 arithmetic, fixed reduction order. O(n). */
export function dot_f32(x: usize, y: usize, n: i32): f32 {
  let i = 0;
  let s: f32 = 0;
  if (ASC_FEATURE_SIMD) {
    let a0 = f32x4.splat(0), a1 = f32x4.splat(0);
    for (; i + 8 <= n; i += 8) {
      const o = <usize>i << 2;
      a0 = f32x4.add(a0, f32x4.mul(v128.load(x + o), v128.load(y + o)));
      a1 = f32x4.add(a1, f32x4.mul(v128.load(x + o, 16), v128.load(y + o, 16)));
    }
    s = combine8(f32x4.add(a0, a1));
  } else {
    let s0: f32 = 0, s1: f32 = 0, s2: f32 = 0, s3: f32 = 0;
    let s4: f32 = 0, s5: f32 = 0, s6: f32 = 0, s7: f32 = 0;
    for (; i + 8 <= n; i += 8) {
      const p = x + (<usize>i << 2), q = y + (<usize>i << 2);
      s0 += load<f32>(p) * load<f32>(q); s1 += load<f32>(p, 4) * load<f32>(q, 4);
      s2 += load<f32>(p, 8) * load<f32>(q, 8); s3 += load<f32>(p, 12) * load<f32>(q, 12);
      s4 += load<f32>(p, 16) * load<f32>(q, 16); s5 += load<f32>(p, 20) * load<f32>(q, 20);
      s6 += load<f32>(p, 24) * load<f32>(q, 24); s7 += load<f32>(p, 28) * load<f32>(q, 28);
    }
    s = ((s0 + s4) + (s2 + s6)) + ((s1 + s5) + (s3 + s7));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    s += load<f32>(x + o) * load<f32>(y + o);
  }
  return s;
}

/** y <- y + a*x (length n), float32 arithmetic. O(n). */
export function axpy_f32(a: f32, x: usize, y: usize, n: i32): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const av = f32x4.splat(a);
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 2;
      v128.store(y + o, f32x4.add(v128.load(y + o), f32x4.mul(av, v128.load(x + o))));
    }
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    store<f32>(y + o, load<f32>(y + o) + a * load<f32>(x + o));
  }
}

/** x <- a*x (length n), float32 arithmetic. O(n). */
export function scale_f32(a: f32, x: usize, n: i32): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const av = f32x4.splat(a);
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 2;
      v128.store(x + o, f32x4.mul(av, v128.load(x + o)));
    }
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    store<f32>(x + o, a * load<f32>(x + o));
  }
}

// Several rows at a time: the same per-row arithmetic as dot_f64 / axpy_f64 (bit-identical
// results), but each element of the shared vector is loaded once for several rows. Dots go two
// rows per loop: in V8 a four-row loop (8 accumulators, 2 shared loads) spills registers and ran
// slower than four single dots (4e6 in-cache entries: 0.95 ms vs 0.68 ms; two rows: 0.52 ms).
// The rows may lie far apart: each is then its own memory stream, and a sweep over a matrix
// larger than the caches reads faster with several streams in flight than row after row (a
// 2000 x 2000 float64 matrix, 32 MB, dotted with one vector: 0.9-1.0 ms taking rows i and
// i + 1000 together, 1.75 ms row after row; AMD EPYC VM of bench/RESULTS.md).

/** out[0] = x0 . y, out[1] = x1 . y: two rows at any addresses, each summed exactly as dot_f64. */
export function dot2_f64(x0: usize, x1: usize, y: usize, n: i32, out: usize): void {
  let i = 0;
  let p0: f64 = 0, p1: f64 = 0;
  if (ASC_FEATURE_SIMD) {
    let a0 = f64x2.splat(0), b0 = f64x2.splat(0), a1 = f64x2.splat(0), b1 = f64x2.splat(0);
    // eight elements per step, each accumulator taking its two vectors in element order (the
    // same sums as four per step): V8 computes every address and checks for interrupts once
    // per step, so the wider step runs ~20% fewer instructions per element
    for (; i + 8 <= n; i += 8) {
      const o = <usize>i << 3;
      const y0 = v128.load(y + o), y1 = v128.load(y + o, 16), y2 = v128.load(y + o, 32), y3 = v128.load(y + o, 48);
      a0 = f64x2.add(a0, f64x2.mul(v128.load(x0 + o), y0)); b0 = f64x2.add(b0, f64x2.mul(v128.load(x0 + o, 16), y1));
      a1 = f64x2.add(a1, f64x2.mul(v128.load(x1 + o), y0)); b1 = f64x2.add(b1, f64x2.mul(v128.load(x1 + o, 16), y1));
      a0 = f64x2.add(a0, f64x2.mul(v128.load(x0 + o, 32), y2)); b0 = f64x2.add(b0, f64x2.mul(v128.load(x0 + o, 48), y3));
      a1 = f64x2.add(a1, f64x2.mul(v128.load(x1 + o, 32), y2)); b1 = f64x2.add(b1, f64x2.mul(v128.load(x1 + o, 48), y3));
    }
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 3;
      const y0 = v128.load(y + o), y1 = v128.load(y + o, 16);
      a0 = f64x2.add(a0, f64x2.mul(v128.load(x0 + o), y0)); b0 = f64x2.add(b0, f64x2.mul(v128.load(x0 + o, 16), y1));
      a1 = f64x2.add(a1, f64x2.mul(v128.load(x1 + o), y0)); b1 = f64x2.add(b1, f64x2.mul(v128.load(x1 + o, 16), y1));
    }
    const s0 = f64x2.add(a0, b0), s1 = f64x2.add(a1, b1);
    p0 = f64x2.extract_lane(s0, 0) + f64x2.extract_lane(s0, 1);
    p1 = f64x2.extract_lane(s1, 0) + f64x2.extract_lane(s1, 1);
  } else {
    p0 = dot_f64(x0, y, n & ~3);
    p1 = dot_f64(x1, y, n & ~3);
    i = n & ~3;
  }
  for (; i < n; i++) {
    const o = <usize>i << 3;
    const yi = load<f64>(y + o);
    p0 += load<f64>(x0 + o) * yi;
    p1 += load<f64>(x1 + o) * yi;
  }
  store<f64>(out, p0);
  store<f64>(out, p1, 8);
}

/** out[r] = dot(rows[r], y) for the four rows starting at `rows` (stride `stride` bytes). */
export function dot4_f64(rows: usize, stride: usize, y: usize, n: i32, out: usize): void {
  dot2_f64(rows, rows + stride, y, n, out);
  dot2_f64(rows + 2 * stride, rows + 3 * stride, y, n, out + 16);
}

/** out[r] = dot_f32(rows[r], y) for the four rows starting at `rows` (stride `stride` bytes), at out + 4r. */
export function dot4_f32(rows: usize, stride: usize, y: usize, n: i32, out: usize): void {
  dot2_f32(rows, rows + stride, y, n, out);
  dot2_f32(rows + 2 * stride, rows + 3 * stride, y, n, out + 8);
}

/** y <- (((y + a0 r0) + a1 r1) + a2 r2) + a3 r3 for four rows at any addresses. */
export function axpy4_f64(a0: f64, a1: f64, a2: f64, a3: f64, r0: usize, r1: usize, r2: usize, r3: usize, y: usize, n: i32): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const c0 = f64x2.splat(a0), c1 = f64x2.splat(a1), c2 = f64x2.splat(a2), c3 = f64x2.splat(a3);
    // eight elements per step (fewer address computations and interrupt checks, as in dot2_f64)
    for (; i + 8 <= n; i += 8) {
      const o = <usize>i << 3;
      let t0 = f64x2.add(v128.load(y + o), f64x2.mul(c0, v128.load(r0 + o)));
      t0 = f64x2.add(t0, f64x2.mul(c1, v128.load(r1 + o)));
      t0 = f64x2.add(t0, f64x2.mul(c2, v128.load(r2 + o)));
      v128.store(y + o, f64x2.add(t0, f64x2.mul(c3, v128.load(r3 + o))));
      let t1 = f64x2.add(v128.load(y + o, 16), f64x2.mul(c0, v128.load(r0 + o, 16)));
      t1 = f64x2.add(t1, f64x2.mul(c1, v128.load(r1 + o, 16)));
      t1 = f64x2.add(t1, f64x2.mul(c2, v128.load(r2 + o, 16)));
      v128.store(y + o, f64x2.add(t1, f64x2.mul(c3, v128.load(r3 + o, 16))), 16);
      let t2 = f64x2.add(v128.load(y + o, 32), f64x2.mul(c0, v128.load(r0 + o, 32)));
      t2 = f64x2.add(t2, f64x2.mul(c1, v128.load(r1 + o, 32)));
      t2 = f64x2.add(t2, f64x2.mul(c2, v128.load(r2 + o, 32)));
      v128.store(y + o, f64x2.add(t2, f64x2.mul(c3, v128.load(r3 + o, 32))), 32);
      let t3 = f64x2.add(v128.load(y + o, 48), f64x2.mul(c0, v128.load(r0 + o, 48)));
      t3 = f64x2.add(t3, f64x2.mul(c1, v128.load(r1 + o, 48)));
      t3 = f64x2.add(t3, f64x2.mul(c2, v128.load(r2 + o, 48)));
      v128.store(y + o, f64x2.add(t3, f64x2.mul(c3, v128.load(r3 + o, 48))), 48);
    }
  }
  // the last n mod 8 elements (all of them in the scalar build): the same arithmetic per element
  for (; i < n; i++) {
    const o = <usize>i << 3;
    let t = load<f64>(y + o) + a0 * load<f64>(r0 + o);
    t = t + a1 * load<f64>(r1 + o);
    t = t + a2 * load<f64>(r2 + o);
    store<f64>(y + o, t + a3 * load<f64>(r3 + o));
  }
}

/** out[0] = x0 . y, out[1] = x1 . y (float32, at out and out + 4), each summed exactly as dot_f32. */
export function dot2_f32(x0: usize, x1: usize, y: usize, n: i32, out: usize): void {
  let i = 0;
  let p0: f32 = 0, p1: f32 = 0;
  if (ASC_FEATURE_SIMD) {
    let a0 = f32x4.splat(0), b0 = f32x4.splat(0), a1 = f32x4.splat(0), b1 = f32x4.splat(0);
    for (; i + 8 <= n; i += 8) {
      const o = <usize>i << 2;
      const y0 = v128.load(y + o), y1 = v128.load(y + o, 16);
      a0 = f32x4.add(a0, f32x4.mul(v128.load(x0 + o), y0)); b0 = f32x4.add(b0, f32x4.mul(v128.load(x0 + o, 16), y1));
      a1 = f32x4.add(a1, f32x4.mul(v128.load(x1 + o), y0)); b1 = f32x4.add(b1, f32x4.mul(v128.load(x1 + o, 16), y1));
    }
    p0 = combine8(f32x4.add(a0, b0));
    p1 = combine8(f32x4.add(a1, b1));
  } else {
    p0 = dot_f32(x0, y, n & ~7);
    p1 = dot_f32(x1, y, n & ~7);
    i = n & ~7;
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    const yi = load<f32>(y + o);
    p0 += load<f32>(x0 + o) * yi;
    p1 += load<f32>(x1 + o) * yi;
  }
  store<f32>(out, p0);
  store<f32>(out, p1, 4);
}

/** y <- (((y + a0 r0) + a1 r1) + a2 r2) + a3 r3 for four float32 rows at any addresses. */
export function axpy4_f32(a0: f32, a1: f32, a2: f32, a3: f32, r0: usize, r1: usize, r2: usize, r3: usize, y: usize, n: i32): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const c0 = f32x4.splat(a0), c1 = f32x4.splat(a1), c2 = f32x4.splat(a2), c3 = f32x4.splat(a3);
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 2;
      let t = f32x4.add(v128.load(y + o), f32x4.mul(c0, v128.load(r0 + o)));
      t = f32x4.add(t, f32x4.mul(c1, v128.load(r1 + o)));
      t = f32x4.add(t, f32x4.mul(c2, v128.load(r2 + o)));
      v128.store(y + o, f32x4.add(t, f32x4.mul(c3, v128.load(r3 + o))));
    }
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    let t = load<f32>(y + o) + a0 * load<f32>(r0 + o);
    t = t + a1 * load<f32>(r1 + o);
    t = t + a2 * load<f32>(r2 + o);
    store<f32>(y + o, t + a3 * load<f32>(r3 + o));
  }
}
