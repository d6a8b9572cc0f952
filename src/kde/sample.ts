/**
 * Drawing from the estimated density: pick sample i with probability w_i, add kernel noise
 * mapped by the bandwidth (x = x_i + L z, H = L L^T). Every kernel is supported (scikit-learn
 * samples only gaussian and tophat): Gaussian z ~ N(0, I); the others are radial, z = r * a
 * direction uniform on the sphere, with r^(d-1) K(r) as radial density: exponential r ~
 * Gamma(d, 1); tophat r = U^(1/d); epanechnikov, linear and cosine by rejection from the
 * tophat (accept with probability K(r) <= 1).
 */

import { describe, fail } from '../engine/errors.js';
import { detCos, detLog, detPow } from '../engine/math.js';
import { randomNormal, randomUniform } from '../linalg/random.js';
import type { DensityModel } from './model.js';

/** A reproducible stream of uniforms and normals, refilled in batches from xoshiro256**. */
class Draws {
  private batch = 0;
  private u: Float64Array = new Float64Array(0);
  private z: Float64Array = new Float64Array(0);
  private iu = 0;
  private iz = 0;

  constructor(private readonly seed: number, private readonly size: number) {}

  uniform(): number {
    if (this.iu >= this.u.length) {
      this.u = randomUniform(this.size, { seed: this.nextSeed() });
      this.iu = 0;
    }
    return this.u[this.iu++];
  }

  normal(): number {
    if (this.iz >= this.z.length) {
      this.z = randomNormal(this.size, { seed: this.nextSeed() });
      this.iz = 0;
    }
    return this.z[this.iz++];
  }

  private nextSeed(): number {
    return (this.seed * 65_537 + this.batch++) % 2 ** 53;
  }
}

/** The kernel's radial profile K(r), r in [0, 1) (compact kernels). */
function profile(kernel: DensityModel['kernel'], r: number): number {
  if (kernel === 'epanechnikov') return 1 - r * r;
  if (kernel === 'linear') return 1 - r;
  return detCos((Math.PI / 2) * r); // cosine; tophat is never rejected
}

/** A unit-bandwidth kernel draw z (length d) into out. */
function kernelDraw(model: DensityModel, draws: Draws, out: Float64Array): void {
  const { d, kernel } = model;
  for (let k = 0; k < d; k++) out[k] = draws.normal();
  if (kernel === 'gaussian') return;
  let norm = 0;
  for (let k = 0; k < d; k++) norm += out[k] * out[k];
  norm = Math.sqrt(norm);
  let r: number;
  if (kernel === 'exponential') {
    r = 0;
    for (let k = 0; k < d; k++) r -= detLog(1 - draws.uniform()); // Gamma(d, 1): sum of d Exp(1)
  } else {
    for (;;) {
      r = detPow(draws.uniform(), 1 / d);
      if (kernel === 'tophat' || draws.uniform() < profile(kernel, r)) break;
    }
  }
  for (let k = 0; k < d; k++) out[k] *= r / norm;
}

/** Largest count x d of one sample() call. */
const MAX_DRAWN_VALUES = 2 ** 28;

/** `count` draws, row-major count x d. */
export function sampleModel(model: DensityModel, count: number, seed: number): Float64Array {
  if (!Number.isInteger(count) || count < 0) fail('INVALID_ARGUMENT', `count must be a non-negative integer, got ${describe(count)}`);
  const { n, d, samples, weights, bandwidth } = model;
  // the draws are one JS Float64Array: beyond this the runtime refuses the allocation (a bare RangeError)
  if (count * d > MAX_DRAWN_VALUES) fail('INVALID_ARGUMENT', `count x dimension must be at most ${MAX_DRAWN_VALUES} (2 GiB of float64), got ${count} x ${d}; draw in batches with different seeds`);
  const cumulative = new Float64Array(n);
  let acc = 0;
  for (let i = 0; i < n; i++) cumulative[i] = acc += weights[i];
  const draws = new Draws(seed, Math.max(64, Math.min(1 << 16, count * (d + 2))));
  const out = new Float64Array(count * d), z = new Float64Array(d);
  const L = bandwidth.factor;
  for (let s = 0; s < count; s++) {
    const target = draws.uniform() * acc;
    let lo = 0, hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] <= target) lo = mid + 1;
      else hi = mid;
    }
    kernelDraw(model, draws, z);
    for (let r = 0; r < d; r++) {
      let v = samples[lo * d + r];
      for (let c = 0; c <= r; c++) v += L[r * d + c] * z[c];
      out[s * d + r] = v;
    }
  }
  return out;
}
