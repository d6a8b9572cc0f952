/**
 * Singular value decomposition of a small dense square matrix by one-sided Jacobi rotations
 * (Hestenes 1958), in plain TypeScript.
 *
 * Determinism: only + - * /, Math.sqrt and Math.abs (all correctly rounded in every JavaScript
 * engine, and JavaScript never contracts a*b+c into a fused multiply-add), a fixed cyclic
 * pivot order and a deterministic sort, so U, s and V are bit-identical across engines.
 */

const EPS = 2.220446049250313e-16; // 2^-52
const TWO64 = 18446744073709551616; // 2^64
const TWO_M64 = 5.421010862427522e-20; // 2^-64
const MAX_DOUBLE = 1.7976931348623157e308;

/** 2^k for |k| <= 1023 by exact repeated doubling or halving. */
function pow2(k: number): number {
  let r = 1;
  for (let i = 0; i < k; i++) r *= 2;
  for (let i = 0; i > k; i--) r *= 0.5;
  return r;
}

/**
 * SVD A = U diag(s) V^T of a dense n x n row-major matrix A (not modified).
 *
 * Method: one-sided Jacobi (Hestenes). The columns a_i of W = A are orthogonalised in place by
 * plane rotations applied on the right (W <- W J, V <- V J, starting from V = I), sweeping
 * the pairs (i, j), i < j, in cyclic row order with de Rijk's pivoting (before row i of a
 * sweep, the remaining column of largest norm is swapped into position i: fewer sweeps). For a
 * pair with alpha = |a_i|^2, beta = |a_j|^2, gamma = a_i . a_j the rotation (Rutishauser's
 * formulas)
 *   zeta = (beta - alpha) / (2 gamma),  t = sign(zeta) / (|zeta| + sqrt(1 + zeta^2)),
 *   c = 1 / sqrt(1 + t^2),  s = c t,   a_i <- c a_i - s a_j,  a_j <- s a_i + c a_j
 * makes the two columns exactly orthogonal. A pair is skipped when
 * |gamma| <= n eps |a_i| |a_j| (eps = 2^-52); the sweeps stop when a whole sweep skips every
 * pair, or after 60 sweeps. Then s_k = |a_k|, u_k = a_k / s_k, and the triplets are sorted by
 * s descending (ties keep column order). The matrix is first scaled by a power of two (exact)
 * so that squares neither overflow nor underflow.
 *
 * Rank deficiency: a column that becomes exactly zero gives s_k = 0, and its U column is an
 * orthonormal completion: the first unit vector e_1, e_2, ... (continuing after the previous
 * pick) whose component orthogonal to the U columns already set has squared norm > 1/(2n),
 * orthogonalised twice by Gram-Schmidt and normalised; so U is always orthogonal. In floating
 * point, numerically dependent columns usually leave singular values of order
 * n eps max(s) rather than exact zeros; their U columns are a_k / s_k, unit-norm and
 * orthogonal to the others to about the sweep tolerance (callers should treat s_k <=
 * n eps s_0 as zero).
 *
 * Accuracy: U and V orthogonal to about n eps; |A - U diag(s) V^T| about n eps |A| (Frobenius);
 * one-sided Jacobi computes small singular values to high relative accuracy when A = B D with
 * D diagonal and B well conditioned (Demmel & Veselic 1992).
 *
 * Complexity: O(n^3) per sweep (n^3 flops of dot products plus up to 8 n^3 of rotations of W
 * and V), typically 5-14 sweeps; memory 2 n^2 doubles of work space besides the output. n = 286
 * takes about 0.4 s (random) to 0.5 s (rank 143) in Node 20, n = 31 about 10-25 ms.
 * @example
 * const { U, s, V } = svdSmall(new Float64Array([3, 0, 4, 5]), 2);
 * s // Float64Array [6.708203932499369, 2.2360679774997894]  (sqrt(45), sqrt(5))
 * U // Float64Array [0.3162..., 0.9486..., 0.9486..., -0.3162...]  (columns: left singular vectors)
 */
export function svdSmall(A: Float64Array, n: number): { U: Float64Array; s: Float64Array; V: Float64Array } {
  if (!Number.isInteger(n) || n < 0 || A.length < n * n) {
    throw new RangeError(`svdSmall: A must hold n x n = ${n * n} entries, got ${A.length}`);
  }
  // W: the columns of A as contiguous rows (W = A^T, row-major); Vt: the columns of V as rows.
  const W = new Float64Array(n * n);
  const Vt = new Float64Array(n * n);
  let maxAbs = 0;
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      const v = A[r * n + c];
      const m = Math.abs(v);
      if (!(m <= MAX_DOUBLE)) throw new RangeError(`svdSmall: A[${r * n + c}] is ${v}, entries must be finite`);
      W[c * n + r] = v;
      if (m > maxAbs) maxAbs = m;
    }
    Vt[r * n + r] = 1;
  }
  // Exact power-of-two scaling by 2^e bringing max |a_ij| into [1/2, 1): squares of the entries
  // then neither overflow nor underflow needlessly. 2^e is applied as two factors 2^(e/2) (e can
  // reach +1074 for subnormal input, beyond the double range).
  let e = 0;
  if (maxAbs > 0) {
    let m = maxAbs;
    while (m >= TWO64) {
      m *= TWO_M64;
      e -= 64;
    }
    while (m >= 1) {
      m *= 0.5;
      e -= 1;
    }
    while (m < TWO_M64) {
      m *= TWO64;
      e += 64;
    }
    while (m < 0.5) {
      m *= 2;
      e += 1;
    }
  }
  const e1 = Math.trunc(e / 2);
  const up1 = pow2(e1);
  const up2 = pow2(e - e1);
  if (e !== 0) for (let k = 0; k < n * n; k++) W[k] = W[k] * up1 * up2;

  const norm2 = new Float64Array(n); // |a_k|^2, summed afresh from the entries after every rotation
  for (let k = 0; k < n; k++) {
    let acc = 0;
    const o = k * n;
    for (let r = 0; r < n; r++) acc += W[o + r] * W[o + r];
    norm2[k] = acc;
  }
  const tol = Math.max(n, 1) * EPS;

  for (let sweep = 0; sweep < 60; sweep++) {
    let rotated = false;
    for (let i = 0; i < n - 1; i++) {
      const oi = i * n;
      // de Rijk's pivoting: bring the largest remaining column to position i (fewer sweeps,
      // and the output comes out nearly sorted)
      let best = i;
      for (let k = i + 1; k < n; k++) if (norm2[k] > norm2[best]) best = k;
      if (best !== i) {
        const ob = best * n;
        for (let r = 0; r < n; r++) {
          const w = W[oi + r];
          W[oi + r] = W[ob + r];
          W[ob + r] = w;
          const v = Vt[oi + r];
          Vt[oi + r] = Vt[ob + r];
          Vt[ob + r] = v;
        }
        const nb = norm2[i];
        norm2[i] = norm2[best];
        norm2[best] = nb;
      }
      for (let j = i + 1; j < n; j++) {
        const alpha = norm2[i];
        const beta = norm2[j];
        if (alpha === 0 || beta === 0) continue;
        const oj = j * n;
        // two partial sums (even and odd rows): shorter dependency chain, same bits everywhere
        let g0 = 0;
        let g1 = 0;
        let r = 0;
        for (; r + 1 < n; r += 2) {
          g0 += W[oi + r] * W[oj + r];
          g1 += W[oi + r + 1] * W[oj + r + 1];
        }
        if (r < n) g0 += W[oi + r] * W[oj + r];
        const gamma = g0 + g1;
        if (Math.abs(gamma) <= tol * Math.sqrt(alpha) * Math.sqrt(beta)) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const az = Math.abs(zeta);
        const t = az > 1e150 ? 0.5 / zeta : (zeta >= 0 ? 1 : -1) / (az + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        let ni = 0;
        let nj = 0;
        for (let r = 0; r < n; r++) {
          const wi = W[oi + r];
          const wj = W[oj + r];
          const xi = c * wi - s * wj;
          const xj = s * wi + c * wj;
          W[oi + r] = xi;
          W[oj + r] = xj;
          ni += xi * xi;
          nj += xj * xj;
          const vi = Vt[oi + r];
          const vj = Vt[oj + r];
          Vt[oi + r] = c * vi - s * vj;
          Vt[oj + r] = s * vi + c * vj;
        }
        norm2[i] = ni;
        norm2[j] = nj;
      }
    }
    if (!rotated) break;
  }

  // Singular values and the descending order (stable: ties keep column order).
  const sig = new Float64Array(n);
  for (let k = 0; k < n; k++) sig[k] = Math.sqrt(norm2[k]);
  const order: number[] = [];
  for (let k = 0; k < n; k++) order.push(k);
  order.sort((p, q) => (sig[q] - sig[p]) || p - q);

  const down1 = pow2(-e1);
  const down2 = pow2(e1 - e);
  const U = new Float64Array(n * n);
  const V = new Float64Array(n * n);
  const s = new Float64Array(n);
  const zeroCols: number[] = [];
  for (let k = 0; k < n; k++) {
    const src = order[k];
    const o = src * n;
    const sk = sig[src];
    s[k] = sk * down1 * down2;
    for (let r = 0; r < n; r++) V[r * n + k] = Vt[o + r];
    if (sk > 0) {
      const inv = 1 / sk;
      for (let r = 0; r < n; r++) U[r * n + k] = W[o + r] * inv;
    } else zeroCols.push(k);
  }
  // Orthonormal completion of U for exactly-zero singular values (Gram-Schmidt, twice, on unit
  // vectors; the first with a large enough remaining component is taken).
  if (zeroCols.length > 0) {
    const filled = new Uint8Array(n);
    for (let k = 0; k < n; k++) if (s[k] > 0) filled[k] = 1;
    const cand = new Float64Array(n);
    let nextUnit = 0;
    for (const k of zeroCols) {
      let done = false;
      for (let tries = 0; tries < n && !done; tries++) {
        const e = (nextUnit + tries) % n;
        cand.fill(0);
        cand[e] = 1;
        for (let pass = 0; pass < 2; pass++) {
          for (let m = 0; m < n; m++) {
            if (!filled[m]) continue;
            let d = 0;
            for (let r = 0; r < n; r++) d += U[r * n + m] * cand[r];
            for (let r = 0; r < n; r++) cand[r] -= d * U[r * n + m];
          }
        }
        let nn = 0;
        for (let r = 0; r < n; r++) nn += cand[r] * cand[r];
        // |e - P e|^2 = 1 - |P e|^2 sums to (n - filled) over all e: some e has >= 1/n of it
        if (nn > 0.5 / n) {
          const inv = 1 / Math.sqrt(nn);
          for (let r = 0; r < n; r++) U[r * n + k] = cand[r] * inv;
          filled[k] = 1;
          nextUnit = e + 1;
          done = true;
        }
      }
    }
  }
  return { U, s, V };
}
