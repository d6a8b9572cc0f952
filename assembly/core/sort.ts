// Stable argsort of float64 keys by LSD radix sort on the 64-bit key pattern (11-bit digits,
// six passes, passes whose digit is constant are skipped). Total order: -inf < ... < -0 = +0 <
// ... < +inf < NaN; equal keys keep their input order. O(n) time, deterministic.
// Keys are mapped so that unsigned integer order equals numeric order: flip all bits of
// negative numbers, flip the sign bit of the others; -0 becomes +0 and every NaN the same key.

const DIGIT_BITS: u64 = 11;
const RADIX = 2048;
const PASSES = 6;

/** Bytes of scratch argsort_f64 needs for n keys (two key buffers, one index buffer, counts). */
export function argsort_scratch_bytes(n: i32): i32 {
  return n * 8 * 2 + n * 4 + PASSES * RADIX * 4;
}

// @ts-ignore: decorator
@inline function sortKey(x: f64): u64 {
  if (x != x) return 0xfff8000000000000;
  if (x == 0) return 0x8000000000000000;
  const b = reinterpret<u64>(x);
  return (b >> 63) != 0 ? ~b : b | 0x8000000000000000;
}

/**
 * idx (n i32) receives the permutation that sorts x (n f64) ascending, stably.
 * work: argsort_scratch_bytes(n) bytes, 16-byte aligned.
 */
export function argsort_f64(x: usize, n: i32, idx: usize, work: usize): void {
  const keysA = work;
  const keysB = keysA + (<usize>n << 3);
  const idxB = keysB + (<usize>n << 3);
  const counts = idxB + (<usize>n << 2);
  memory.fill(counts, 0, PASSES * RADIX * 4);
  for (let i = 0; i < n; i++) {
    const k = sortKey(load<f64>(x + (<usize>i << 3)));
    store<u64>(keysA + (<usize>i << 3), k);
    store<i32>(idx + (<usize>i << 2), i);
    for (let p = 0; p < PASSES; p++) {
      const d = <usize>((k >> (<u64>p * DIGIT_BITS)) & <u64>(RADIX - 1));
      const c = counts + ((<usize>p * RADIX + d) << 2);
      store<u32>(c, load<u32>(c) + 1);
    }
  }
  let srcK = keysA, dstK = keysB, srcI = idx, dstI = idxB;
  for (let p = 0; p < PASSES; p++) {
    const cp = counts + (<usize>p * RADIX << 2);
    // skip a pass where every key has the same digit
    let trivial = false;
    for (let d = 0; d < RADIX; d++) {
      const c = load<u32>(cp + (<usize>d << 2));
      if (c != 0) { trivial = c == <u32>n; break; }
    }
    if (trivial) continue;
    let total: u32 = 0;
    for (let d = 0; d < RADIX; d++) {
      const c = load<u32>(cp + (<usize>d << 2));
      store<u32>(cp + (<usize>d << 2), total);
      total += c;
    }
    const shift = <u64>p * DIGIT_BITS;
    for (let i = 0; i < n; i++) {
      const k = load<u64>(srcK + (<usize>i << 3));
      const d = <usize>((k >> shift) & <u64>(RADIX - 1));
      const c = cp + (d << 2);
      const pos = load<u32>(c);
      store<u32>(c, pos + 1);
      store<u64>(dstK + (<usize>pos << 3), k);
      store<i32>(dstI + (<usize>pos << 2), load<i32>(srcI + (<usize>i << 2)));
    }
    let t = srcK; srcK = dstK; dstK = t;
    t = srcI; srcI = dstI; dstI = t;
  }
  if (srcI != idx) memory.copy(idx, srcI, <usize>n << 2);
}
