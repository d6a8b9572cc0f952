// Exact kernel density sums with block pruning.
//
// For each query u and samples v_i (already transformed so the kernel has unit bandwidth:
// whitened by the Cholesky factor of the bandwidth matrix, or divided by h), computes
//   log sum_i w_i K(s |u - v_i|)      (s: an extra scale, 1 except in cross-validation)
// Gaussian and exponential kernels are summed in log space with a streaming max-shifted
// log-sum-exp (terms a_i = log w_i - s^2 r^2 / 2, or - s r), so the result stays finite where
// the density underflows (d = 200). Compact kernels are summed directly (their values are in
// [0, 1]; the normaliser is added in log space by the caller).
//
// Pruning: samples come in blocks of B (ordered by k-d splits, so a block is spatially
// compact) with per-block bounding boxes and largest log-weight. The box gives a lower bound on
// the distance of every sample of the block, hence an upper bound on its terms; the block with
// the largest bound is summed first, and any block whose bound is more than CUTOFF below the
// log of the running sum is skipped: its terms add less than B e^-50 relative to the sum, and
// all skipped blocks together less than n e^-50 (2e-17 at n = 1e5), below double rounding.
// (Against the running sum rather than the largest term, which it exceeds by the log of the
// number of samples in reach: in d = 2 that prunes a tenth more pairs.) Compact kernels skip
// blocks entirely outside the support, which is exact. High-dimensional data rarely prune whole
// blocks (all boxes overlap), so the same cutoff also applies to single terms: in float64,
// terms of a block that fall below it are dropped (branch-free compaction) before the
// exponentials, with the same bound. In d = 10 on the benchmark data that is about 45% of the
// terms and 1.1x the speed (d = 5: 1.2x). Compaction costs about as much as the exponentials it
// saves when few terms drop, so a block is compacted only when the cutoff lies above the middle of
// its term range (from the box's nearest point and farthest corner). float32 exponentials are
// cheaper than the compaction: its terms are all kept.
//
// Optional outputs: the effective number of samples per query, exp of the entropy of the
// normalised contributions p_i = w_i K_i / sum_j w_j K_j (1 when one sample carries the
// estimate, n when all contribute equally).

import { expFlushF32, expFlushF32x4, expFlushF64x2, expFlushF64, expSumInRangeF64, expSumInRangeF64x2, IN_RANGE_MIN } from '../core/exp';
import { logF64 } from '../core/log';
import { compactProfile, EXPONENTIAL, GAUSSIAN, isLogKernel } from './kernels';

const CUTOFF: f64 = 50;
/** Magnitude of the running maximum below which rounding of the terms stays far below 1. */
const EXACT_ENOUGH: f64 = 1099511627776.0; // 2^40
/** Compact a block when the cutoff is above this fraction of its term range (termThreshold). */
const MIX: f64 = 0.5;

// running state of one query (module globals: kernels never allocate)
let runMax: f64 = -Infinity;
let runSum: f64 = 0;
let runEnt: f64 = 0; // sum e^(a - M) (a - M), for the entropy

// @ts-ignore: decorator
@inline function atF(p: usize, i: i32): f64 {
  return load<f64>(p + (<usize>i << 3));
}

/** How many terms the last logTermsF64 call kept (those >= its threshold); addBlock sets it to the block length for the other paths. */
let keptTerms = 0;

/** Byte shuffles that move the kept lanes of an f64x2 first, by keep mask (bit j: lane j kept). */
const KEEP_SHUFFLE = memory.data<u8>([
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, // none kept: any order
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, // lane 0
  8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7, // lane 1: moved to lane 0
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, // both
]);

/**
 * Appends the lanes of a that are >= the threshold (lanes of t) to buf[k..], in lane order, and
 * returns the new count: branch-free compaction (the kept lanes are shuffled first and the whole
 * vector is stored; k advances past the kept ones).
 */
// @ts-ignore: decorator
@inline function keepF64x2(buf: usize, k: i32, a: v128, t: v128): i32 {
  const m = i64x2.bitmask(f64x2.lt(a, t)) ^ 3; // lanes not below t: NaN kept, as in the scalar path
  v128.store(buf + (<usize>k << 3), i8x16.swizzle(a, v128.load(KEEP_SHUFFLE + (<usize>m << 4))));
  return k + popcnt<i32>(m);
}

/** Squared distances from u to the samples [i0, i1) (transposed storage) into buf[0..). */
function blockDistances(ST: usize, n: i32, d: i32, u: usize, i0: i32, i1: i32, buf: usize): void {
  const stride = <usize>n << 3;
  let i = i0;
  if (ASC_FEATURE_SIMD) {
    for (; i + 4 <= i1; i += 4) {
      let a0 = f64x2.splat(0), a1 = f64x2.splat(0);
      let sk = ST + (<usize>i << 3);
      for (let k = 0; k < d; k++, sk += stride) {
        const uk = v128.load64_splat(u + (<usize>k << 3));
        const t0 = f64x2.sub(uk, v128.load(sk)), t1 = f64x2.sub(uk, v128.load(sk, 16));
        a0 = f64x2.add(a0, f64x2.mul(t0, t0));
        a1 = f64x2.add(a1, f64x2.mul(t1, t1));
      }
      const o = <usize>(i - i0) << 3;
      v128.store(buf + o, a0);
      v128.store(buf + o, a1, 16);
    }
  }
  for (; i < i1; i++) {
    let s: f64 = 0;
    let sk = ST + (<usize>i << 3);
    for (let k = 0; k < d; k++, sk += stride) {
      const t = atF(u, k) - load<f64>(sk);
      s += t * t;
    }
    store<f64>(buf + (<usize>(i - i0) << 3), s);
  }
}

/**
 * The log-space terms of the samples [i0, i1) into buf, fused with their distances:
 * a_i = log w_i + c r_i^2 (gaussian, c = -s^2/2) or log w_i + c r_i (exponential, c = -s).
 * Returns the largest term.
 */
function logTermsF64(ST: usize, logw: usize, n: i32, d: i32, u: usize, i0: i32, i1: i32, gaussian: bool, c: f64, thr: f64, buf: usize): f64 {
  const stride = <usize>n << 3;
  let i = i0, k = 0;
  let mx: f64 = -Infinity;
  if (ASC_FEATURE_SIMD) {
    // 8 samples per step: four independent accumulation chains hide the add latency
    const cv = f64x2.splat(c), tv = f64x2.splat(thr);
    const compact = thr > -Infinity;
    let m0 = f64x2.splat(-Infinity), m1 = m0;
    for (; i + 8 <= i1; i += 8) {
      let a0 = f64x2.splat(0), a1 = a0, a2 = a0, a3 = a0;
      let sk = ST + (<usize>i << 3);
      for (let k = 0; k < d; k++, sk += stride) {
        const uk = v128.load64_splat(u + (<usize>k << 3));
        const t0 = f64x2.sub(uk, v128.load(sk)), t1 = f64x2.sub(uk, v128.load(sk, 16));
        const t2 = f64x2.sub(uk, v128.load(sk, 32)), t3 = f64x2.sub(uk, v128.load(sk, 48));
        a0 = f64x2.add(a0, f64x2.mul(t0, t0));
        a1 = f64x2.add(a1, f64x2.mul(t1, t1));
        a2 = f64x2.add(a2, f64x2.mul(t2, t2));
        a3 = f64x2.add(a3, f64x2.mul(t3, t3));
      }
      if (!gaussian) {
        a0 = f64x2.sqrt(a0);
        a1 = f64x2.sqrt(a1);
        a2 = f64x2.sqrt(a2);
        a3 = f64x2.sqrt(a3);
      }
      const lw = logw + (<usize>i << 3);
      a0 = f64x2.add(v128.load(lw), f64x2.mul(cv, a0));
      a1 = f64x2.add(v128.load(lw, 16), f64x2.mul(cv, a1));
      a2 = f64x2.add(v128.load(lw, 32), f64x2.mul(cv, a2));
      a3 = f64x2.add(v128.load(lw, 48), f64x2.mul(cv, a3));
      m0 = f64x2.pmax(m0, f64x2.pmax(a0, a2));
      m1 = f64x2.pmax(m1, f64x2.pmax(a1, a3));
      if (compact) {
        k = keepF64x2(buf, k, a0, tv);
        k = keepF64x2(buf, k, a1, tv);
        k = keepF64x2(buf, k, a2, tv);
        k = keepF64x2(buf, k, a3, tv);
      } else {
        const o = buf + (<usize>k << 3);
        v128.store(o, a0);
        v128.store(o, a1, 16);
        v128.store(o, a2, 32);
        v128.store(o, a3, 48);
        k += 8;
      }
    }
    m0 = f64x2.pmax(m0, m1);
    mx = max(f64x2.extract_lane(m0, 0), f64x2.extract_lane(m0, 1));
  }
  for (; i < i1; i++) {
    let s: f64 = 0;
    let sk = ST + (<usize>i << 3);
    for (let k = 0; k < d; k++, sk += stride) {
      const t = atF(u, k) - load<f64>(sk);
      s += t * t;
    }
    const a = atF(logw, i) + c * (gaussian ? s : sqrt<f64>(s));
    store<f64>(buf + (<usize>k << 3), a);
    k += <i32>!(a < thr);
    mx = max(mx, a);
  }
  keptTerms = k;
  return mx;
}

/**
 * logTermsF64 in float32: samples ST (d x n), log weights logw32 (n) and the query u32 (d) all
 * rounded to float32 beforehand (rounding them here, per step, cost a third of the loop's time);
 * 16 samples per SIMD step; f32 buf.
 */
function logTermsF32(ST: usize, logw32: usize, n: i32, d: i32, u32: usize, i0: i32, i1: i32, gaussian: bool, c: f64, buf: usize): f64 {
  const stride = <usize>n << 2;
  const cf = <f32>c;
  let i = i0;
  let mx: f32 = -Infinity;
  if (ASC_FEATURE_SIMD) {
    // 16 samples per step: four independent accumulation chains hide the add latency
    const cv = f32x4.splat(cf);
    let m0 = f32x4.splat(-Infinity), m1 = m0;
    for (; i + 16 <= i1; i += 16) {
      let a0 = f32x4.splat(0), a1 = a0, a2 = a0, a3 = a0;
      let sk = ST + (<usize>i << 2);
      for (let k = 0; k < d; k++, sk += stride) {
        const uk = v128.load32_splat(u32 + (<usize>k << 2));
        const t0 = f32x4.sub(uk, v128.load(sk)), t1 = f32x4.sub(uk, v128.load(sk, 16));
        const t2 = f32x4.sub(uk, v128.load(sk, 32)), t3 = f32x4.sub(uk, v128.load(sk, 48));
        a0 = f32x4.add(a0, f32x4.mul(t0, t0));
        a1 = f32x4.add(a1, f32x4.mul(t1, t1));
        a2 = f32x4.add(a2, f32x4.mul(t2, t2));
        a3 = f32x4.add(a3, f32x4.mul(t3, t3));
      }
      if (!gaussian) {
        a0 = f32x4.sqrt(a0);
        a1 = f32x4.sqrt(a1);
        a2 = f32x4.sqrt(a2);
        a3 = f32x4.sqrt(a3);
      }
      const lw = logw32 + (<usize>i << 2);
      a0 = f32x4.add(v128.load(lw), f32x4.mul(cv, a0));
      a1 = f32x4.add(v128.load(lw, 16), f32x4.mul(cv, a1));
      a2 = f32x4.add(v128.load(lw, 32), f32x4.mul(cv, a2));
      a3 = f32x4.add(v128.load(lw, 48), f32x4.mul(cv, a3));
      m0 = f32x4.pmax(m0, f32x4.pmax(a0, a2));
      m1 = f32x4.pmax(m1, f32x4.pmax(a1, a3));
      const o = buf + (<usize>(i - i0) << 2);
      v128.store(o, a0);
      v128.store(o, a1, 16);
      v128.store(o, a2, 32);
      v128.store(o, a3, 48);
    }
    m0 = f32x4.pmax(m0, m1);
    mx = max(max(f32x4.extract_lane(m0, 0), f32x4.extract_lane(m0, 1)), max(f32x4.extract_lane(m0, 2), f32x4.extract_lane(m0, 3)));
  }
  for (; i < i1; i++) {
    let s: f32 = 0;
    let sk = ST + (<usize>i << 2);
    for (let k = 0; k < d; k++, sk += stride) {
      const t = load<f32>(u32 + (<usize>k << 2)) - load<f32>(sk);
      s += t * t;
    }
    const a = load<f32>(logw32 + (<usize>i << 2)) + cf * (gaussian ? s : sqrt<f32>(s));
    store<f32>(buf + (<usize>(i - i0) << 2), a);
    mx = max(mx, a);
  }
  return <f64>mx;
}

/** Squared distances on float32 samples, widened to float64 in buf (compact kernels, entropy). */
function blockDistancesF32(ST: usize, n: i32, d: i32, u: usize, i0: i32, i1: i32, buf: usize): void {
  const stride = <usize>n << 2;
  for (let i = i0; i < i1; i++) {
    let s: f32 = 0;
    let sk = ST + (<usize>i << 2);
    for (let k = 0; k < d; k++, sk += stride) {
      const t = <f32>atF(u, k) - load<f32>(sk);
      s += t * t;
    }
    store<f64>(buf + (<usize>(i - i0) << 3), <f64>s);
  }
}

/**
 * Block bounds below this value are skipped: CUTOFF below the log of the running sum,
 * runMax + log runSum (log-space kernels; -inf for compact ones, which skip only blocks out of
 * reach). The sum only grows, so every skipped block adds at most B e^-CUTOFF of the final sum.
 */
// @ts-ignore: decorator
@inline function skipBelow(logKernel: bool): f64 {
  return logKernel && runSum > 0 ? runMax + logF64(runSum) - CUTOFF : -Infinity;
}

/**
 * Squared distance from u to the box [lo, hi] (d coordinates): sum of max(lo - u, u - hi, 0)^2,
 * the nearest point of the box; with `far`, sum of max(u - lo, hi - u)^2, its farthest corner.
 * Even and odd coordinates go to two partial sums (the two SIMD lanes; the scalar build adds in
 * the same order, so both builds prune the same blocks).
 */
// @ts-ignore: decorator
@inline function boxDistance2(u: usize, lo: usize, hi: usize, d: i32, far: bool): f64 {
  let k = 0;
  let s0: f64 = 0, s1: f64 = 0;
  if (ASC_FEATURE_SIMD) {
    let acc = f64x2.splat(0);
    const zero = f64x2.splat(0);
    for (; k + 2 <= d; k += 2) {
      const o = <usize>k << 3;
      const uv = v128.load(u + o);
      const below = f64x2.sub(v128.load(lo + o), uv), above = f64x2.sub(uv, v128.load(hi + o));
      const t = far ? f64x2.pmax(f64x2.neg(below), f64x2.neg(above)) : f64x2.pmax(f64x2.pmax(below, above), zero);
      acc = f64x2.add(acc, f64x2.mul(t, t));
    }
    s0 = f64x2.extract_lane(acc, 0);
    s1 = f64x2.extract_lane(acc, 1);
  } else {
    for (; k + 2 <= d; k += 2) {
      s0 += boxGap2(atF(u, k), atF(lo, k), atF(hi, k), far);
      s1 += boxGap2(atF(u, k + 1), atF(lo, k + 1), atF(hi, k + 1), far);
    }
  }
  if (k < d) s0 += boxGap2(atF(u, k), atF(lo, k), atF(hi, k), far);
  return s0 + s1;
}

/** One coordinate of boxDistance2. */
// @ts-ignore: decorator
@inline function boxGap2(uk: f64, lo: f64, hi: f64, far: bool): f64 {
  const below = lo - uk, above = uk - hi;
  const t = far ? max(-below, -above) : max(max(below, above), 0.0);
  return t * t;
}

/** Moves the running maximum up to mx, rescaling the running sums. */
// @ts-ignore: decorator
@inline function raiseMax(mx: f64): void {
  if (mx > runMax) {
    if (runMax > -Infinity) {
      const rho = expFlushF64(runMax - mx);
      runEnt = rho * (runEnt + (runMax - mx) * runSum);
      runSum *= rho;
    }
    runMax = mx;
  }
}

/**
 * Adds the float64 terms buf[j] (j < len, largest mx, none below lowest) to the running
 * log-sum-exp (and entropy). The exponents a - M are <= 0; when lowest (the cutoff of a
 * compacted block, or the bound from the box's farthest corner) keeps them within the flush
 * range too, the exponential needs no clamp, and the summation variant (<= 1.22e-15 relative,
 * up to 11 ULP; see core/exp.ts) serves: both builds take the same path, so they agree bit for
 * bit. (Blocks outside that range use the clamped exponential: 0.5 ULP.)
 */
function addLogTerms(buf: usize, len: i32, mx: f64, withEntropy: bool, lowest: f64): void {
  if (mx == -Infinity) return;
  raiseMax(mx);
  const M = runMax;
  const inRange = lowest - M >= IN_RANGE_MIN && abs(M) < EXACT_ENOUGH;
  let j = 0;
  let s0: f64 = 0, s1: f64 = 0;
  if (ASC_FEATURE_SIMD && !withEntropy) {
    const mv = f64x2.splat(M);
    let acc = f64x2.splat(0);
    if (inRange) {
      for (; j + 2 <= len; j += 2) acc = f64x2.add(acc, expSumInRangeF64x2(f64x2.sub(v128.load(buf + (<usize>j << 3)), mv)));
    } else {
      for (; j + 2 <= len; j += 2) acc = f64x2.add(acc, expFlushF64x2(f64x2.sub(v128.load(buf + (<usize>j << 3)), mv)));
    }
    s0 = f64x2.extract_lane(acc, 0);
    s1 = f64x2.extract_lane(acc, 1);
  } else if (!withEntropy) {
    for (; j + 2 <= len; j += 2) {
      const x0 = atF(buf, j) - M, x1 = atF(buf, j + 1) - M;
      s0 += inRange ? expSumInRangeF64(x0) : expFlushF64(x0);
      s1 += inRange ? expSumInRangeF64(x1) : expFlushF64(x1);
    }
  }
  let s = s0 + s1;
  for (; j < len; j++) {
    const x = atF(buf, j) - M;
    const e = expFlushF64(x);
    s += e;
    if (withEntropy && e > 0) runEnt += e * x;
  }
  runSum += s;
}

/**
 * Adds the float32 terms buf[j] (largest mx) without entropy: exponentials in f32x4 relative to
 * the running maximum (scalar builds use four lanes in the same order), each block's partial
 * sum (at most B terms <= 1: relative error about B 2^-24) added to the float64 running sum.
 */
function addLogTermsF32(buf: usize, len: i32, mx: f64): void {
  if (mx == -Infinity) return;
  raiseMax(mx);
  const M = <f32>runMax;
  let j = 0;
  let s0: f32 = 0, s1: f32 = 0, s2: f32 = 0, s3: f32 = 0;
  if (ASC_FEATURE_SIMD) {
    const mv = f32x4.splat(M);
    let acc = f32x4.splat(0);
    // always clamped: the float32 terms round the coordinates relative to their own size, so
    // far from the origin they can fall well below the float64 box bound
    for (; j + 4 <= len; j += 4) acc = f32x4.add(acc, expFlushF32x4(f32x4.sub(v128.load(buf + (<usize>j << 2)), mv)));
    s0 = f32x4.extract_lane(acc, 0);
    s1 = f32x4.extract_lane(acc, 1);
    s2 = f32x4.extract_lane(acc, 2);
    s3 = f32x4.extract_lane(acc, 3);
  } else {
    for (; j + 4 <= len; j += 4) {
      const p = buf + (<usize>j << 2);
      s0 += expFlushF32(load<f32>(p) - M);
      s1 += expFlushF32(load<f32>(p, 4) - M);
      s2 += expFlushF32(load<f32>(p, 8) - M);
      s3 += expFlushF32(load<f32>(p, 12) - M);
    }
  }
  let s = (s0 + s1) + (s2 + s3);
  for (; j < len; j++) s += expFlushF32(load<f32>(buf + (<usize>j << 2)) - M);
  runSum += <f64>s;
}

/**
 * Kernel sums for q queries (see the file comment). ST: d x n transposed samples (block
 * order); logw, w: log weights and weights (block order); blocks: nb blocks of B samples (the
 * last may be shorter) with boxes boxLo, boxHi (nb x d) and blockLogw (nb, the largest log
 * weight); minLogw: the smallest log weight; Q: q x d queries; scale: multiplies distances; exclude: 0, or q i32 sample
 * positions to leave out (leave-one-out); out: q values log sum_i w_i K_i (-inf when no
 * sample is in reach); ess: 0 or q effective sizes. work: kde_work_size(B, nb) float64.
 * O(q n d) at most.
 */
export function kde_eval_f64(
  ST: usize, logw: usize, w: usize, n: i32, d: i32, nb: i32, B: i32,
  boxLo: usize, boxHi: usize, blockLogw: usize, minLogw: f64,
  Q: usize, q: i32, kernel: i32, scale: f64, exclude: usize, out: usize, ess: usize, work: usize,
): void {
  evalQueries(false, ST, logw, 0, w, n, d, nb, B, boxLo, boxHi, blockLogw, minLogw, Q, q, kernel, scale, exclude, out, ess, work);
}

/**
 * kde_eval_f64 with the samples ST stored in float32 (d x n) and logw32, the log weights
 * rounded to float32 (n): distances and the exponentials of the log-space kernels in f32x4 (4
 * lanes instead of 2), sums across blocks in float64. The speed mode: log-densities carry
 * absolute errors of about 2^-24 times the largest |term|. Effective sizes and compact kernels
 * take float32 distances into the float64 path (with logw).
 */
export function kde_eval_f32(
  ST: usize, logw: usize, logw32: usize, w: usize, n: i32, d: i32, nb: i32, B: i32,
  boxLo: usize, boxHi: usize, blockLogw: usize, minLogw: f64,
  Q: usize, q: i32, kernel: i32, scale: f64, exclude: usize, out: usize, ess: usize, work: usize,
): void {
  evalQueries(true, ST, logw, logw32, w, n, d, nb, B, boxLo, boxHi, blockLogw, minLogw, Q, q, kernel, scale, exclude, out, ess, work);
}

/**
 * Queries are taken in groups of GROUP: each block of samples (B x d values, in L1) is applied
 * to every query of the group before the next block is read, so the samples stream from memory
 * once per group instead of once per query (in d = 10 with n = 1e5 they are 8 MB).
 */
const GROUP = 32;

/**
 * Size of the work area in float64: the block buffer, per-query bounds and running state, and
 * the group's queries rounded to float32 (GROUP x d, for kde_eval_f32).
 */
export function kde_work_size(B: i32, nb: i32, d: i32): i32 {
  return 2 * B + GROUP * nb + 4 * GROUP + (GROUP * d + 1) / 2;
}

/** Largest of buf[0..len) (float64, or float32 when single). */
function bufferMax(buf: usize, len: i32, single: bool): f64 {
  let mx: f64 = -Infinity;
  for (let j = 0; j < len; j++) mx = max(mx, single ? <f64>load<f32>(buf + (<usize>j << 2)) : atF(buf, j));
  return mx;
}

/**
 * Adds block b (samples [i0, i1)) to the running state of the query at u (runMax, runSum,
 * runEnt for the log-space kernels; runSum, runEnt as the plain sum and sum K log K for the
 * compact ones), leaving out block position skip. Log-space terms below thr (-inf: none) are
 * dropped before their exponentials (see termThreshold); lowest: a lower bound of all terms of
 * the block (-inf when unknown, or when the left-out sample's term is set to -inf).
 */
// @ts-ignore: decorator
@inline function addBlock(
  single: bool, ST: usize, logw: usize, logw32: usize, w: usize, n: i32, d: i32, u: usize, u32: usize, i0: i32, i1: i32, skip: i32,
  kernel: i32, gaussian: bool, logKernel: bool, c: f64, s2: f64, withEntropy: bool, thr: f64, lowest: f64, buf: usize,
): void {
  let len = i1 - i0;
  if (logKernel) {
    const useF32 = single && !withEntropy;
    let mx: f64 = -Infinity;
    keptTerms = len;
    if (useF32) mx = logTermsF32(ST, logw32, n, d, u32, i0, i1, gaussian, c, buf);
    else if (!single) mx = logTermsF64(ST, logw, n, d, u, i0, i1, gaussian, c, thr, buf);
    else {
      blockDistancesF32(ST, n, d, u, i0, i1, buf);
      for (let j = 0; j < len; j++) {
        const r2 = atF(buf, j);
        const a = atF(logw, i0 + j) + c * (gaussian ? r2 : sqrt<f64>(r2));
        store<f64>(buf + (<usize>j << 3), a);
        mx = max(mx, a);
      }
    }
    len = keptTerms;
    if (skip >= i0 && skip < i1) {
      if (useF32) store<f32>(buf + (<usize>(skip - i0) << 2), -Infinity);
      else store<f64>(buf + (<usize>(skip - i0) << 3), -Infinity);
      mx = bufferMax(buf, len, useF32);
    }
    // only the float64 terms were compacted: there the cutoff also bounds the terms kept
    if (useF32) addLogTermsF32(buf, len, mx);
    else addLogTerms(buf, len, mx, withEntropy, single ? lowest : max(lowest, thr));
  } else {
    if (single) blockDistancesF32(ST, n, d, u, i0, i1, buf);
    else blockDistances(ST, n, d, u, i0, i1, buf);
    for (let j = 0; j < len; j++) {
      if (i0 + j == skip) continue;
      const kv = atF(w, i0 + j) * compactProfile(kernel, s2 * atF(buf, j));
      if (kv > 0) {
        runSum += kv;
        if (withEntropy) runEnt += kv * logF64(kv);
      }
    }
  }
}

/**
 * A lower bound of every term of a block: from its box's farthest corner and minLogw, the
 * smallest log weight.
 */
// @ts-ignore: decorator
@inline function blockFloor(u: usize, lo: usize, hi: usize, d: i32, minLogw: f64, gaussian: bool, c: f64): f64 {
  const far2 = boxDistance2(u, lo, hi, d, true);
  return minLogw + c * (gaussian ? far2 : sqrt<f64>(far2));
}

/**
 * The threshold below which the terms of a block are dropped: the skip level `below` (terms
 * under it add less than e^-CUTOFF of the running sum each; see skipBelow), or -inf (keep all,
 * no compaction) when the block's term range [floor, near] lies mostly above it. near: the
 * block's bound from its box's nearest point; floor: blockFloor.
 */
// @ts-ignore: decorator
@inline function termThreshold(below: f64, near: f64, floor: f64): f64 {
  return below == -Infinity || floor + MIX * (near - floor) >= below ? -Infinity : below;
}

// @ts-ignore: decorator
@inline function evalQueries(
  single: bool, ST: usize, logw: usize, logw32: usize, w: usize, n: i32, d: i32, nb: i32, B: i32,
  boxLo: usize, boxHi: usize, blockLogw: usize, minLogw: f64,
  Q: usize, q: i32, kernel: i32, scale: f64, exclude: usize, out: usize, ess: usize, work: usize,
): void {
  const buf = work;
  const bounds = work + (<usize>(2 * B) << 3); // GROUP x nb
  const state = bounds + (<usize>(GROUP * nb) << 3); // GROUP x (max, sum, ent, padding)
  const queries32 = state + (<usize>(4 * GROUP) << 3); // GROUP x d float32
  const logKernel = isLogKernel(kernel);
  const gaussian = kernel == GAUSSIAN;
  const s2 = scale * scale;
  const c = gaussian ? -0.5 * s2 : -scale;
  const withEntropy = ess != 0;
  for (let g0 = 0; g0 < q; g0 += GROUP) {
    const gn = min(GROUP, q - g0);
    if (single) {
      for (let k = 0; k < gn * d; k++) store<f32>(queries32 + (<usize>k << 2), <f32>atF(Q + ((<usize>g0 * <usize>d) << 3), k));
    }
    // per query: upper bounds of every block from the distance to its box; the best block first
    for (let j = 0; j < gn; j++) {
      const u = Q + ((<usize>(g0 + j) * <usize>d) << 3);
      const bj = bounds + ((<usize>j * <usize>nb) << 3);
      let best = 0;
      let bestBound: f64 = -Infinity;
      for (let b = 0; b < nb; b++) {
        const lb2 = boxDistance2(u, boxLo + ((<usize>b * <usize>d) << 3), boxHi + ((<usize>b * <usize>d) << 3), d, false);
        const bound = gaussian ? atF(blockLogw, b) + c * lb2
          : kernel == EXPONENTIAL ? atF(blockLogw, b) + c * sqrt<f64>(lb2)
          : (s2 * lb2 < 1.0 ? atF(blockLogw, b) : -Infinity);
        store<f64>(bj + (<usize>b << 3), bound);
        if (bound > bestBound) { bestBound = bound; best = b; }
      }
      runMax = -Infinity;
      runSum = 0;
      runEnt = 0;
      const skip = exclude != 0 ? load<i32>(exclude + (<usize>(g0 + j) << 2)) : -1;
      if (bestBound > -Infinity) {
        const i0 = best * B, i1 = min(i0 + B, n);
        const lowest = logKernel && (skip < i0 || skip >= i1)
          ? blockFloor(u, boxLo + ((<usize>best * <usize>d) << 3), boxHi + ((<usize>best * <usize>d) << 3), d, minLogw, gaussian, c)
          : -Infinity;
        addBlock(single, ST, logw, logw32, w, n, d, u, queries32 + ((<usize>j * <usize>d) << 2), i0, i1, skip, kernel, gaussian, logKernel, c, s2, withEntropy, -Infinity, lowest, buf);
      }
      store<f64>(bj + (<usize>best << 3), -Infinity); // done
      const sj = state + (<usize>(4 * j) << 3);
      store<f64>(sj, runMax);
      store<f64>(sj, runSum, 8);
      store<f64>(sj, runEnt, 16);
      store<f64>(sj, skipBelow(logKernel), 24);
    }
    // then every other block for every query of the group, skipping what cannot matter
    for (let b = 0; b < nb; b++) {
      const i0 = b * B, i1 = min(i0 + B, n);
      for (let j = 0; j < gn; j++) {
        const bound = atF(bounds + ((<usize>j * <usize>nb) << 3), b);
        if (bound == -Infinity) continue;
        const sj = state + (<usize>(4 * j) << 3);
        if (bound < load<f64>(sj, 24)) continue;
        runMax = load<f64>(sj);
        runSum = load<f64>(sj, 8);
        runEnt = load<f64>(sj, 16);
        const u = Q + ((<usize>(g0 + j) * <usize>d) << 3);
        const skip = exclude != 0 ? load<i32>(exclude + (<usize>(g0 + j) << 2)) : -1;
        let thr = -Infinity, lowest = -Infinity;
        if (logKernel && (skip < i0 || skip >= i1)) {
          lowest = blockFloor(u, boxLo + ((<usize>b * <usize>d) << 3), boxHi + ((<usize>b * <usize>d) << 3), d, minLogw, gaussian, c);
          thr = termThreshold(load<f64>(sj, 24), bound, lowest);
        }
        addBlock(single, ST, logw, logw32, w, n, d, u, queries32 + ((<usize>j * <usize>d) << 2), i0, i1, skip, kernel, gaussian, logKernel, c, s2, withEntropy, thr, lowest, buf);
        store<f64>(sj, runMax);
        store<f64>(sj, runSum, 8);
        store<f64>(sj, runEnt, 16);
        store<f64>(sj, skipBelow(logKernel), 24);
      }
    }
    for (let j = 0; j < gn; j++) {
      const sj = state + (<usize>(4 * j) << 3);
      const M = load<f64>(sj), S = load<f64>(sj, 8), E = load<f64>(sj, 16);
      const iq = g0 + j;
      if (logKernel) {
        store<f64>(out + (<usize>iq << 3), S > 0 ? M + logF64(S) : -Infinity);
        if (withEntropy) store<f64>(ess + (<usize>iq << 3), S > 0 ? expFlushF64(logF64(S) - E / S) : 0);
      } else {
        store<f64>(out + (<usize>iq << 3), S > 0 ? logF64(S) : -Infinity);
        if (withEntropy) store<f64>(ess + (<usize>iq << 3), S > 0 ? expFlushF64(logF64(S) - E / S) : 0);
      }
    }
  }
}
