/**
 * Seeded random numbers from xoshiro256** (Blackman & Vigna 2021), seeded by SplitMix64: the
 * same seed gives the same stream in every runtime and build.
 */

import { withEngine } from '../engine/call.js';
import { describe, fail } from '../engine/errors.js';
import { countOption, optionKeys, optionsObject } from '../engine/inputs.js';
import type { Engine } from '../engine/instance.js';

/** Options of the random generators. */
export interface RandomOptions {
  /** Integer seed in [0, 2^53); omitted: a fresh seed from crypto.getRandomValues or Math.random. */
  seed?: number;
}

export const RANDOM_KEYS = optionKeys<RandomOptions>()('seed');

/** Checks a seed (or draws one) and splits it into 32-bit halves. */
export function seedWords(seed: unknown): [number, number] {
  if (seed === undefined) {
    const c = (globalThis as { crypto?: { getRandomValues?: (a: Uint32Array) => Uint32Array } }).crypto;
    if (c?.getRandomValues) {
      const w = c.getRandomValues(new Uint32Array(2));
      return [w[0], w[1] & 0x1fffff];
    }
    return [Math.floor(Math.random() * 2 ** 32), Math.floor(Math.random() * 2 ** 21)];
  }
  if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed >= 2 ** 53) {
    fail('INVALID_ARGUMENT', `seed must be an integer in [0, 2^53), got ${describe(seed)}`);
  }
  return [seed % 2 ** 32, Math.floor(seed / 2 ** 32)];
}

/** Reserves and seeds a generator state in the arena; returns its address. */
export function seededState(e: Engine, seed: unknown): number {
  const [lo, hi] = seedWords(seed);
  const state = e.arena.alloc(32);
  e.kernels.rng_seed(state, lo, hi);
  return state;
}

/**
 * `count` independent uniform draws from [0, 1) (53 random bits each).
 *
 * Complexity O(count).
 * @example
 * randomUniform(3, { seed: 42 }) // the same three numbers everywhere
 */
export function randomUniform(count: number, options?: RandomOptions): Float64Array {
  const n = countOption('count', count, 0);
  const { seed } = optionsObject('options', options, RANDOM_KEYS);
  return withEngine((e) => {
    const state = seededState(e, seed), out = e.arena.allocF64(n);
    e.kernels.rng_uniform_f64(state, out, n);
    return e.arena.takeF64(out, n);
  });
}

/**
 * `count` independent standard normal draws (Box-Muller on xoshiro256** uniforms).
 *
 * Complexity O(count).
 * @example
 * randomNormal(1000, { seed: 1 }) // mean ≈ 0, variance ≈ 1
 */
export function randomNormal(count: number, options?: RandomOptions): Float64Array {
  const n = countOption('count', count, 0);
  const { seed } = optionsObject('options', options, RANDOM_KEYS);
  return withEngine((e) => {
    const state = seededState(e, seed), out = e.arena.allocF64(n);
    e.kernels.rng_normal_f64(state, out, n);
    return e.arena.takeF64(out, n);
  });
}
