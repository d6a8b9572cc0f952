/**
 * BigInt reference of SplitMix64 seeding and xoshiro256** (from the authors' C code,
 * prng.di.unimi.it), to check the wasm generator bit for bit.
 */

const MASK = (1n << 64n) - 1n;
const rotl = (x: bigint, k: bigint) => ((x << k) | (x >> (64n - k))) & MASK;

export function referenceStream(seed: bigint): () => bigint {
  let z = seed & MASK;
  const s: bigint[] = [];
  for (let k = 0; k < 4; k++) {
    z = (z + 0x9e3779b97f4a7c15n) & MASK;
    let t = z;
    t = ((t ^ (t >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK;
    t = ((t ^ (t >> 27n)) * 0x94d049bb133111ebn) & MASK;
    s.push(t ^ (t >> 31n));
  }
  return () => {
    const result = (rotl((s[1] * 5n) & MASK, 7n) * 9n) & MASK;
    const t = (s[1] << 17n) & MASK;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45n);
    return result;
  };
}

/** Uniform doubles in [0, 1) from the top 53 bits, as the kernel makes them. */
export function referenceUniforms(seed: number, count: number): Float64Array {
  const next = referenceStream(BigInt(seed));
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) out[i] = Number(next() >> 11n) * 2 ** -53;
  return out;
}
