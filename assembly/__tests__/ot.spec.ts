// Kernel-level specs for assembly/ot: the spanning-tree preconditioner of SNS solves its
// forest system exactly, keeps the heavy entries of a cycle and drops the light one; the
// scaling method's kernel built within the first row pass equals the one built up front; its
// float32 phase keeps a float32 copy of that kernel, ends at its error switch, and a value out
// of float32 range hands the pass back to float64 without changing the result.

import { applyTree, sns_tree_bytes, sns_tree_f64, sns_tree_work_bytes } from '../ot/sns-tree';
import { sinkhorn_scaling_f64, sinkhorn_scaling_start_f64 } from '../ot/sinkhorn-scaling';
import {
  P_C1_A, P_C1_B, P_COST_MAX, P_EPS, P_LOW_SWITCH, P_OMEGA, P_TAU_A, P_TAU_B, PARAMS_LENGTH,
  S_ABSORPTIONS, S_BUILD, S_ERROR, S_LOW, STATUS_LENGTH,
} from '../ot/params';

/** Bytes as a 16-byte-aligned address (kept alive by the returned buffer). */
function scratch(bytes: i32): ArrayBuffer {
  return new ArrayBuffer(bytes + 16);
}
function addr(b: ArrayBuffer): usize {
  return (changetype<usize>(b) + 15) & ~(<usize>15);
}

/**
 * Normwise backward error max |M z - res| / (||M|| max |z| + max |res|) (infinity norms) for the
 * dense M = diag(r, c)/eps + ridge + (the entries kept)/eps,
 * after z = M^-1 res by the tree factor of the CSR plan (rowPtr, cols, vals).
 */
function treeResidual(rowPtr: Int32Array, cols: Int32Array, vals: Float64Array, kept: StaticArray<bool>, n: i32, m: i32, r: Float64Array, c: Float64Array, eps: f64, ridge: f64): f64 {
  const N = n + m, nnz = rowPtr[n];
  const tree = scratch(sns_tree_bytes(n, m)), work = scratch(sns_tree_work_bytes(n, m, nnz));
  sns_tree_f64(rowPtr.dataStart, cols.dataStart, vals.dataStart, nnz, n, m, r.dataStart, c.dataStart, eps, ridge, addr(tree), addr(work));
  const res = new Float64Array(N), z = new Float64Array(N);
  for (let k = 0; k < N; k++) res[k] = Math.sin(<f64>(3 * k + 1));
  applyTree(addr(tree), N, res.dataStart, z.dataStart);
  const Mz = new Float64Array(N);
  for (let i = 0; i < n; i++) Mz[i] = (r[i] / eps + ridge) * z[i];
  for (let j = 0; j < m; j++) Mz[n + j] = (c[j] / eps + ridge) * z[n + j];
  for (let i = 0; i < n; i++) {
    for (let k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
      if (!kept[k]) continue;
      const j = cols[k], v = vals[k] / eps;
      Mz[i] += v * z[n + j];
      Mz[n + j] += v * z[i];
    }
  }
  // ||M||_inf: the diagonal plus the kept entries of each row of M
  const rowAbs = new Float64Array(N);
  for (let i = 0; i < n; i++) rowAbs[i] = r[i] / eps + ridge;
  for (let j = 0; j < m; j++) rowAbs[n + j] = c[j] / eps + ridge;
  for (let i = 0; i < n; i++) {
    for (let k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
      if (!kept[k]) continue;
      rowAbs[i] += vals[k] / eps;
      rowAbs[n + cols[k]] += vals[k] / eps;
    }
  }
  let worst: f64 = 0, normM: f64 = 0, normZ: f64 = 0, normRes: f64 = 0;
  for (let k = 0; k < N; k++) {
    worst = max(worst, abs(Mz[k] - res[k]));
    normM = max(normM, rowAbs[k]);
    normZ = max(normZ, abs(z[k]));
    normRes = max(normRes, abs(res[k]));
  }
  return worst / (normM * normZ + normRes);
}

describe('sns spanning-tree preconditioner', () => {
  it('solves a forest system exactly, two components included', () => {
    // rows 0..3, columns 0..3; component A: r0-c0-r1-c1-r2 (a path), component B: r3-c2, c3 alone
    const n = 4, m = 4;
    const rowPtr = new Int32Array(5);
    rowPtr[0] = 0; rowPtr[1] = 1; rowPtr[2] = 3; rowPtr[3] = 4; rowPtr[4] = 5;
    const cols = new Int32Array(5), vals = new Float64Array(5);
    cols[0] = 0; vals[0] = 0.2;
    cols[1] = 0; vals[1] = 1e-9;
    cols[2] = 1; vals[2] = 0.1;
    cols[3] = 1; vals[3] = 0.05;
    cols[4] = 2; vals[4] = 0.25;
    const kept = new StaticArray<bool>(5);
    for (let k = 0; k < 5; k++) kept[k] = true;
    // full sums include mass the sparse plan dropped (the diagonal stays exact)
    const r = new Float64Array(4), c = new Float64Array(4);
    r[0] = 0.21; r[1] = 0.1 + 1e-9 + 0.003; r[2] = 0.05; r[3] = 0.25;
    c[0] = 0.2 + 1e-9 + 0.01; c[1] = 0.15; c[2] = 0.25; c[3] = 0.02;
    // a forest: M is H_s itself, and elimination on a tree is backward stable (no fill-in, positive
    // pivots): a backward error of a few ulps times the path length (<= 8 here)
    expect(treeResidual(rowPtr, cols, vals, kept, n, m, r, c, 1e-3, 1e-9)).toBeLessThan(1e-14);
  });

  it('drops the lightest entry of a cycle and solves with the rest', () => {
    // a 4-cycle r0-c0-r1-c1-r0 whose lightest entry (r1, c1) is 1e-6 of the others
    const n = 2, m = 2;
    const rowPtr = new Int32Array(3);
    rowPtr[0] = 0; rowPtr[1] = 2; rowPtr[2] = 4;
    const cols = new Int32Array(4), vals = new Float64Array(4);
    cols[0] = 0; vals[0] = 0.3;
    cols[1] = 1; vals[1] = 0.2;
    cols[2] = 0; vals[2] = 0.25;
    cols[3] = 1; vals[3] = 2.5e-7;
    const kept = new StaticArray<bool>(4);
    kept[0] = true; kept[1] = true; kept[2] = true; kept[3] = false;
    const r = new Float64Array(2), c = new Float64Array(2);
    r[0] = 0.5; r[1] = 0.25 + 2.5e-7;
    c[0] = 0.55; c[1] = 0.2 + 2.5e-7;
    // M without the light entry: the same few-ulp backward error; with the entry kept (a wrong
    // tree) the residual would be about 2.5e-7 / 0.01 times |z|, far above this bound
    expect(treeResidual(rowPtr, cols, vals, kept, n, m, r, c, 0.01, 1e-6)).toBeLessThan(1e-14);
  });
});

/**
 * The scaling state (K, u, v, status) after `iterations` iterations from fh_i = 0.01 i,
 * gh_j = -0.02 j on costs C_k = base + 0.5 sin(0.37 k) (every third base + offset), the kernel
 * built by the start (defer 0) or by the first row pass (defer 1). Expects a deferred start to
 * leave K untouched. K32: a float32 copy of K for the float32 phase (switch at lowSwitch), or
 * null; row weights 1 / n (the last one aScale / n), column weights 1 / m; over-relaxation omega.
 */
function scalingState(n: i32, m: i32, eps: f64, base: f64, offset: f64, defer: i32, iterations: i32,
  K32: Float32Array | null = null, lowSwitch: f64 = 0, aScale: f64 = 1, omega: f64 = 1): Float64Array {
  const C = new Float64Array(n * m);
  let costMax: f64 = 0;
  for (let k = 0; k < n * m; k++) {
    C[k] = base + (k % 3 == 0 ? offset : 0) + 0.5 * Math.sin(<f64>k * 0.37);
    costMax = max(costMax, C[k]);
  }
  const a = new Float64Array(n), b = new Float64Array(m), la = new Float64Array(n), lb = new Float64Array(m);
  for (let i = 0; i < n; i++) a[i] = (i == n - 1 ? aScale : 1) / <f64>n;
  for (let j = 0; j < m; j++) b[j] = 1 / <f64>m;
  for (let i = 0; i < n; i++) la[i] = Math.log(a[i]);
  for (let j = 0; j < m; j++) lb[j] = Math.log(b[j]);
  const params = new Float64Array(PARAMS_LENGTH);
  params[P_EPS] = eps;
  params[P_TAU_A] = 1;
  params[P_TAU_B] = 1;
  params[P_C1_A] = 1;
  params[P_C1_B] = 1;
  params[P_OMEGA] = omega;
  params[P_COST_MAX] = costMax;
  params[P_LOW_SWITCH] = lowSwitch;
  const k32: usize = K32 === null ? <usize>0 : changetype<Float32Array>(K32).dataStart;
  const K = new Float64Array(n * m), fh = new Float64Array(n), gh = new Float64Array(m);
  const u = new Float64Array(n), v = new Float64Array(m), st = new Float64Array(STATUS_LENGTH);
  const t = new Float64Array(m), work = new Float64Array(n + 3 * m);
  for (let i = 0; i < n; i++) fh[i] = 0.01 * <f64>i;
  for (let j = 0; j < m; j++) gh[j] = -0.02 * <f64>j;
  sinkhorn_scaling_start_f64(C.dataStart, K.dataStart, k32, n, m, fh.dataStart, gh.dataStart, u.dataStart, v.dataStart, params.dataStart, st.dataStart, defer);
  expect(st[S_BUILD]).toBe(<f64>defer);
  let untouched = true;
  for (let k = 0; k < n * m; k++) untouched = untouched && K[k] == 0;
  expect(untouched).toBe(defer != 0);
  sinkhorn_scaling_f64(C.dataStart, K.dataStart, k32, n, m, fh.dataStart, gh.dataStart, u.dataStart, v.dataStart, a.dataStart, b.dataStart,
    la.dataStart, lb.dataStart, params.dataStart, st.dataStart, t.dataStart, work.dataStart, iterations);
  expect(st[S_BUILD]).toBe(0);
  const all = new Float64Array(n * m + n + m + STATUS_LENGTH);
  for (let k = 0; k < n * m; k++) all[k] = K[k];
  for (let i = 0; i < n; i++) all[n * m + i] = u[i];
  for (let j = 0; j < m; j++) all[n * m + n + j] = v[j];
  for (let k = 0; k < STATUS_LENGTH; k++) all[n * m + n + m + k] = st[k];
  return all;
}

describe('scaling Sinkhorn', () => {
  it('a kernel deferred to the first row pass gives the same state, bit for bit, as one built by the start', () => {
    // n = 11: two groups of four rows (i + k n/4) and three tail rows, each built in the pass
    const up = scalingState(11, 13, 0.05, 0.5, 0, 0, 3), deferred = scalingState(11, 13, 0.05, 0.5, 0, 1, 3);
    expect(up[0]).toBeGreaterThan(0);
    for (let k = 0; k < up.length; k++) expect(deferred[k]).toBe(up[k]);
  });

  it('the same with rows and columns rescued in the log domain during the pass', () => {
    // at eps = 5e-4 the cost offsets push rows and columns out of the safe range: absorptions
    const n = 11, m = 13;
    const up = scalingState(n, m, 0.0005, 1, -0.5, 0, 3), deferred = scalingState(n, m, 0.0005, 1, -0.5, 1, 3);
    expect(up[n * m + n + m + S_ABSORPTIONS]).toBeGreaterThan(0);
    for (let k = 0; k < up.length; k++) expect(deferred[k]).toBe(up[k]);
  });
});

describe('scaling Sinkhorn, float32 phase', () => {
  it('the build pass writes K rounded to float32, and the phase ends once the error is at most its switch', () => {
    const n = 11, m = 13;
    const K32 = new Float32Array(n * m);
    const one = scalingState(n, m, 0.05, 0.5, 0, 1, 1, K32, 0.2);
    for (let k = 0; k < n * m; k++) expect(K32[k]).toBe(<f32>one[k]);
    expect(one[n * m + n + m + S_LOW]).toBe(1);
    // this problem converges slowly (the error falls by ~0.87 per iteration from 0.48): the
    // float32 passes run until the error is <= 0.2 (iteration 7), float64 passes after that
    const early = scalingState(n, m, 0.05, 0.5, 0, 1, 5, new Float32Array(n * m), 0.2);
    expect(early[n * m + n + m + S_LOW]).toBe(1);
    const late = scalingState(n, m, 0.05, 0.5, 0, 1, 10, new Float32Array(n * m), 0.2);
    expect(late[n * m + n + m + S_LOW]).toBe(0);
    // both runs then converge to the same plan u_i K_ij v_j: after 400 iterations their L1
    // errors are < 1e-13, so each plan is within ~1e-13 / (1 - 0.87) of the fixed point
    const plain = scalingState(n, m, 0.05, 0.5, 0, 1, 400);
    const mixed = scalingState(n, m, 0.05, 0.5, 0, 1, 400, new Float32Array(n * m), 0.2);
    expect(plain[n * m + n + m + S_ERROR]).toBeLessThan(1e-13);
    expect(mixed[n * m + n + m + S_ERROR]).toBeLessThan(1e-13);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < m; j++) {
        const p0 = plain[n * m + i] * plain[i * m + j] * plain[n * m + n + j];
        const p1 = mixed[n * m + i] * mixed[i * m + j] * mixed[n * m + n + j];
        expect(Math.abs(p1 - p0)).toBeLessThanOrEqual(1e-12);
      }
    }
  });

  it('a scaling out of float32 range ends the phase, and the pass runs in float64 with the same result', () => {
    // the last row's weight 1e-15 / n makes its u ~ 1e-16, below the phase's 1e-12: the first
    // float32 pass stops at that row, the last one it visits, and is redone in float64; the
    // state then equals a float64-only run bit for bit
    // (also over-relaxed: the stopped pass leaves u as it was, so no row is relaxed twice)
    const n = 11, m = 13;
    for (let r = 0; r < 2; r++) {
      const omega = r == 0 ? 1.0 : 1.5;
      const plain = scalingState(n, m, 0.05, 0.5, 0, 1, 4, null, 0, 1e-15, omega);
      const mixed = scalingState(n, m, 0.05, 0.5, 0, 1, 4, new Float32Array(n * m), 1e-3, 1e-15, omega);
      expect(mixed[n * m + n + m + S_LOW]).toBe(0);
      for (let k = 0; k < n * m + n + m; k++) expect(mixed[k]).toBe(plain[k]);
    }
  });

  it('exponents beyond +-40 keep the phase off', () => {
    // eps = 0.01 on costs up to 1: exponents down to -100
    const n = 11, m = 13;
    const state = scalingState(n, m, 0.01, 0.5, 0, 1, 1, new Float32Array(n * m), 1e-3);
    expect(state[n * m + n + m + S_LOW]).toBe(0);
  });
});
