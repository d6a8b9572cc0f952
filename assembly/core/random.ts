// Seeded pseudo-random numbers: xoshiro256** (Blackman & Vigna, "Scrambled linear pseudorandom
// number generators", ACM TOMS 2021), seeded by SplitMix64 as its authors recommend. The 32-byte
// state lives in wasm memory (reserved by the caller), so streams are reproducible in every
// runtime and build. Uniform doubles use the top 53 bits; normals use Box-Muller with the
// compiled-in (deterministic) NativeMath log, sqrt, sin and cos.

// @ts-ignore: decorator
@inline function rotl(x: u64, k: u64): u64 {
  return (x << k) | (x >> (64 - k));
}

/** Seeds the state at `state` (4 x u64) from the 64-bit seed hi:lo with SplitMix64. */
export function rng_seed(state: usize, lo: u32, hi: u32): void {
  let z: u64 = (<u64>hi << 32) | <u64>lo;
  for (let k = 0; k < 4; k++) {
    z += 0x9e3779b97f4a7c15;
    let t = z;
    t = (t ^ (t >> 30)) * 0xbf58476d1ce4e5b9;
    t = (t ^ (t >> 27)) * 0x94d049bb133111eb;
    store<u64>(state + (<usize>k << 3), t ^ (t >> 31));
  }
}

/** Next 64-bit output of xoshiro256** (advances the state). */
export function rngNext(state: usize): u64 {
  const s0 = load<u64>(state), s1 = load<u64>(state, 8);
  let s2 = load<u64>(state, 16), s3 = load<u64>(state, 24);
  const result = rotl(s1 * 5, 7) * 9;
  const t = s1 << 17;
  s2 ^= s0;
  s3 ^= s1;
  const n1 = s1 ^ s2;
  const n0 = s0 ^ s3;
  s2 ^= t;
  s3 = rotl(s3, 45);
  store<u64>(state, n0);
  store<u64>(state, n1, 8);
  store<u64>(state, s2, 16);
  store<u64>(state, s3, 24);
  return result;
}

/** Uniform double in [0, 1) from the top 53 bits. */
// @ts-ignore: decorator
@inline export function rngUniform(state: usize): f64 {
  return <f64>(rngNext(state) >> 11) * 1.1102230246251565e-16; // 2^-53
}

/** Uniform integer in [0, bound) by Lemire's multiply-shift with rejection (unbiased). */
export function rngBelow(state: usize, bound: u32): u32 {
  let x = <u32>(rngNext(state) >> 32);
  let m = <u64>x * <u64>bound;
  let l = <u32>m;
  if (l < bound) {
    const t = (0 - bound) % bound;
    while (l < t) {
      x = <u32>(rngNext(state) >> 32);
      m = <u64>x * <u64>bound;
      l = <u32>m;
    }
  }
  return <u32>(m >> 32);
}

/** out[i] = uniform in [0, 1), i < n. O(n). */
export function rng_uniform_f64(state: usize, out: usize, n: i32): void {
  for (let i = 0; i < n; i++) store<f64>(out + (<usize>i << 3), rngUniform(state));
}

/** out[i] = standard normal (Box-Muller, pairs; an odd last draw discards its twin). O(n). */
export function rng_normal_f64(state: usize, out: usize, n: i32): void {
  for (let i = 0; i < n; i += 2) {
    const u1 = 1.0 - rngUniform(state); // (0, 1]: log is finite
    const u2 = rngUniform(state);
    const r = Math.sqrt(-2.0 * Math.log(u1));
    const a = 6.283185307179586 * u2;
    store<f64>(out + (<usize>i << 3), r * Math.cos(a));
    if (i + 1 < n) store<f64>(out + (<usize>(i + 1) << 3), r * Math.sin(a));
  }
}
