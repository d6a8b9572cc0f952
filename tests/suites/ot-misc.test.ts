// Sinkhorn divergence and 1-D Wasserstein against the fixtures; point clouds (stored and online
// costs), agreement between methods, epsilon scaling, stability at tiny epsilon, progress and
// cancellation.
import * as assert from 'uvu/assert';
import { engineInfo, init, pairwiseDistances, randomNormal, randomUniform, sinkhorn, sinkhornDivergence, sinkhornPoints, wasserstein1d, SimdnumError, type SinkhornOptions } from 'simdnum';
import { forEachBackend } from '../harness/backends.js';
import { bitsEqual, close, throwsCode } from '../harness/assert.js';
import { divergenceCases, wassersteinCases } from '../harness/ot-fixtures.js';

const TOL = 1e-12;

function cloud(n: number, seed: number, d = 2) {
  return { data: randomUniform(n * d, { seed }), rows: n, cols: d };
}

forEachBackend('OT: divergence, 1-D, points, methods', (test) => {
  test('sinkhornDivergence equals the debiased divergence from POT plans', () => {
    for (const c of divergenceCases) {
      const r = sinkhornDivergence(c.x, c.y, { a: c.a, b: c.b, epsilon: c.eps, tol: TOL, maxIter: 100_000 });
      assert.ok(r.converged, `${c.id}: converged`);
      // each OT term is accurate to about tol times the largest potential (<= max C)
      assert.ok(Math.abs(r.value - c.valuePolished) <= 10 * TOL * c.cMaxXY + 1e-14, `${c.id}: ${r.value} vs ${c.valuePolished}`);
      assert.ok(r.value >= -1e-14, `${c.id}: nonnegative`);
    }
  });

  test('wasserstein1d equals scipy (p = 1) and POT ot.wasserstein_1d (W_p^p)', () => {
    for (const c of wassersteinCases) {
      for (const { p, pot, scipy } of c.values) {
        const r = wasserstein1d(c.u, c.v, { uWeights: c.uWeights ?? undefined, vWeights: c.vWeights ?? undefined, p });
        // exact algorithm; cumulative weights carry rounding of n + m terms (n, m <= 1000)
        const ref = p === 1 && scipy !== null ? scipy : pot;
        assert.ok(Math.abs(r - ref) <= 1e-12 * Math.abs(ref) + 1e-15, `${c.id} p=${p}: ${r} vs ${ref}`);
      }
    }
  });

  test('sinkhornPoints equals sinkhorn on pairwiseDistances, and online costs equal stored ones bit for bit', () => {
    const x = cloud(37, 1), y = cloud(29, 2);
    for (const metric of ['sqeuclidean', 'euclidean', 'cityblock'] as const) {
      const C = pairwiseDistances(x, y, { metric });
      const a = new Float64Array(37).fill(1 / 37), b = new Float64Array(29).fill(1 / 29);
      const viaMatrix = sinkhorn(a, b, C, { epsilon: 0.05, method: 'log', tol: TOL });
      const stored = sinkhornPoints(x, y, { metric, epsilon: 0.05, method: 'log', tol: TOL });
      const online = sinkhornPoints(x, y, { metric, epsilon: 0.05, method: 'log', tol: TOL, online: true });
      bitsEqual(stored.plan!, viaMatrix.plan!, `${metric}: points vs matrix`);
      bitsEqual(online.plan!, stored.plan!, `${metric}: online vs stored`);
      assert.is(online.iterations, stored.iterations);
    }
  });

  test('the default epsilon (0.05 x mean cost) is the same bit for bit with stored and online costs', () => {
    // stored costs get their statistics from the distance pass, block by block (column blocks
    // of 131072 / 8d columns, rounded down to a multiple of 8); online costs from whole
    // recomputed rows. m = 1031 = 128 x 8 + 7: an odd tail after the eight-wide steps; d = 20
    // (blocks of 816 columns) adds a second block per row
    for (const d of [5, 20]) {
      const x = cloud(23, 5, d), y = cloud(1031, 6, d);
      const stored = sinkhornPoints(x, y, { method: 'log', tol: TOL });
      const online = sinkhornPoints(x, y, { method: 'log', tol: TOL, online: true });
      assert.is(stored.epsilon, online.epsilon, `d = ${d}`);
      bitsEqual(online.plan!, stored.plan!, `d = ${d}, default epsilon: online vs stored`);
      const C = pairwiseDistances(x, y).data;
      let total = 0;
      for (const v of C) total += v;
      const mean = total / C.length;
      // two sums of the same 23,713 positive terms in different orders: each within (N - 1) 2^-53
      // = 2.6e-12 relative of the exact sum
      assert.ok(Math.abs(stored.epsilon - 0.05 * mean) <= 6e-12 * stored.epsilon, `d = ${d}: epsilon is 0.05 x the mean cost`);
    }
  });

  test('the float32 kernel copy is released before the plan: stored costs, kernel and plan fit as before', async () => {
    // 580 x 580 under 8 MiB: costs, kernel and plan take 8.1 MB (24 n m bytes) of 8.4; the
    // float32 copy (4 n m) fits next to costs and kernel during the iterations, but with the
    // plan as well (28 n m) the call needed 9.1 MiB and failed with OUT_OF_MEMORY
    const limit = engineInfo().memoryLimit;
    await init({ memoryLimit: 8 * 1024 * 1024 });
    try {
      const r = sinkhornPoints(cloud(580, 3), cloud(580, 4), { epsilon: 0.1, tol: 1e-9 });
      assert.is(r.method, 'scaling');
      assert.ok(r.converged && r.plan!.length === 580 * 580);
    } finally {
      await init({ memoryLimit: limit });
    }
  });

  test('online mode runs inside a small memory limit where the cost matrix cannot fit', async () => {
    const limit = engineInfo().memoryLimit;
    const n = 1500;
    await init({ memoryLimit: 8 * 1024 * 1024 }); // the 1500 x 1500 costs alone need 18 MB
    try {
      const r = sinkhornPoints(cloud(n, 3), cloud(n, 4), { epsilon: 0.1, tol: 1e-6, returnPlan: false });
      assert.is(r.method, 'log');
      assert.ok(r.converged && Number.isFinite(r.cost));
      // storing the costs is impossible under this limit: the explicit scaling method says so
      throwsCode(() => sinkhornPoints(cloud(n, 3), cloud(n, 4), { epsilon: 0.1, method: 'scaling' }), 'INVALID_ARGUMENT', 'memory limit');
    } finally {
      await init({ memoryLimit: limit });
    }
  });

  test('all methods and epsilon scaling agree on one problem', () => {
    const x = cloud(60, 5), y = cloud(50, 6);
    const base = sinkhornPoints(x, y, { epsilon: 0.01, method: 'log', tol: TOL });
    const variants: SinkhornOptions[] = [{ method: 'scaling' }, { method: 'sns' }, { method: 'auto' }, { method: 'log', epsilonScaling: true },
      { method: 'scaling', epsilonScaling: [1, 0.3, 0.1] }, { method: 'scaling', overRelaxation: true }, { method: 'log', overRelaxation: 1.5 }];
    for (const options of variants) {
      const r = sinkhornPoints(x, y, { epsilon: 0.01, tol: TOL, ...options });
      assert.ok(r.converged, JSON.stringify(options));
      // both plans are within tol of the same optimum (see ot-sinkhorn.test.ts)
      for (let k = 0; k < base.plan!.length; k++) {
        if (Math.abs(r.plan![k] - base.plan![k]) > 20 * TOL) assert.unreachable(`${JSON.stringify(options)}: plan[${k}]`);
      }
    }
  });

  test('over-relaxation: same plan in fewer iterations; auto uses it, explicit methods do not', () => {
    const x = cloud(120, 15), y = cloud(100, 16);
    const plain = sinkhornPoints(x, y, { epsilon: 0.02, method: 'scaling', tol: 1e-10 });
    const relaxed = sinkhornPoints(x, y, { epsilon: 0.02, method: 'scaling', tol: 1e-10, overRelaxation: true });
    assert.ok(plain.converged && relaxed.converged);
    assert.ok(relaxed.iterations < plain.iterations / 2, `${relaxed.iterations} vs ${plain.iterations} iterations`);
    for (let k = 0; k < plain.plan!.length; k++) {
      // both within tol 1e-10 of the same optimum: entries agree to ~2 tol (ot-sinkhorn.test.ts)
      if (Math.abs(relaxed.plan![k] - plain.plan![k]) > 20 * 1e-10) assert.unreachable(`plan[${k}]`);
    }
    const auto = sinkhornPoints(x, y, { epsilon: 0.02, tol: 1e-10 });
    assert.is(auto.method, 'scaling');
    assert.is(auto.iterations, relaxed.iterations, 'auto over-relaxes the scaling method');
  });

  test('over-relaxation: a fixed omega from the first pass, an adaptive one near the optimum', () => {
    // Young's SOR theory (src/ot/solver.ts): plain Sinkhorn at rate theta needs N = log(tol)/log(theta)
    // iterations; omega = 1.5 converges at the rate lambda solving lambda + 0.5 = 1.5 sqrt(theta lambda),
    // and the optimal omega = 2/(1 + sqrt(1 - theta)) at rate omega - 1.
    const x = cloud(120, 15), y = cloud(100, 16);
    const plain = sinkhornPoints(x, y, { epsilon: 0.02, method: 'scaling', tol: 1e-10 });
    const fixed = sinkhornPoints(x, y, { epsilon: 0.02, method: 'scaling', tol: 1e-10, overRelaxation: 1.5 });
    assert.ok(plain.converged && fixed.converged);
    // here N = 262 (theta = 0.916), so omega = 1.5 needs ~67 (lambda = 0.71): a third of N leaves
    // room for the transient, while omega halved to 1.25 after the first chunk needs ~150
    assert.ok(fixed.iterations < plain.iterations / 3, `omega 1.5: ${fixed.iterations} vs ${plain.iterations} plain`);
    // a slow problem (normal against uniform points, d = 5): N = 2572, theta = 0.9911, so the optimal
    // omega = 1.83 needs ~125 iterations (5% of N); adapting from an underestimate gets within 2x of it
    const xn = { data: randomNormal(300 * 5, { seed: 3 }), rows: 300, cols: 5 }, yn = cloud(250, 4, 5);
    const slow = sinkhornPoints(xn, yn, { epsilon: 0.01, method: 'scaling', tol: 1e-10, maxIter: 10_000 });
    const adaptive = sinkhornPoints(xn, yn, { epsilon: 0.01, method: 'scaling', tol: 1e-10, maxIter: 10_000, overRelaxation: true });
    assert.ok(slow.converged && adaptive.converged);
    assert.ok(adaptive.iterations < slow.iterations / 10, `adaptive: ${adaptive.iterations} vs ${slow.iterations} plain`);
    // both stop within marginal error 1e-10 of the same plan: costs (4.47; max C ~ 40) differ by about
    // 1e-10 max C = 4e-9 at most (measured 6e-11)
    assert.ok(Math.abs(adaptive.cost - slow.cost) <= 1e-9 * slow.cost, 'same transport cost');
  });

  test('stable at epsilon = 1e-4 max(C): no NaN or infinity in any method', () => {
    const x = cloud(40, 7), y = cloud(45, 8);
    const C = pairwiseDistances(x, y);
    let cMax = 0;
    for (const v of C.data) cMax = Math.max(cMax, v);
    const a = new Float64Array(40).fill(1 / 40), b = new Float64Array(45).fill(1 / 45);
    for (const method of ['log', 'scaling', 'sns'] as const) {
      const r = sinkhorn(a, b, C, { epsilon: 1e-4 * cMax, method, maxIter: 3000, tol: 1e-9 });
      for (const v of r.plan!) assert.ok(Number.isFinite(v) && v >= 0, `${method}: plan entry ${v}`);
      for (const v of [...r.f, ...r.g, r.cost, r.objective, r.marginalError]) assert.ok(Number.isFinite(v), `${method}: ${v}`);
      if (method === 'sns') assert.ok(r.converged, 'sns converges at this epsilon');
    }
  });

  test('sns converges on a near-assignment plan (d = 10, epsilon 1e-3), certified in plain TS', () => {
    // Unit-cube clouds in d = 10 scaled to max C = 1: at epsilon 1e-3 the plan is nearly a
    // permutation whose clusters are joined by much lighter entries. With Jacobi-preconditioned
    // CG, Newton stalled here and Sinkhorn finished the job after 678 iterations; with the
    // spanning-tree preconditioner SNS takes 50 (20 warm-up Sinkhorn steps, then Newton).
    // The certificate is independent of the solver: a plan exp((f_i + g_j - C_ij)/eps) with the
    // right marginals is the unique entropic optimum.
    const n = 100, d = 10, eps = 1e-3;
    const raw = [cloud(n, 1, d), cloud(n, 2, d)];
    let cMax = 0;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += (raw[0].data[i * d + k] - raw[1].data[j * d + k]) ** 2;
      cMax = Math.max(cMax, s);
    }
    const [x, y] = raw.map((p) => ({ ...p, data: p.data.map((v) => v / Math.sqrt(cMax)) }));
    const tol = 1e-9;
    const r = sinkhornPoints(x, y, { epsilon: eps, method: 'sns', tol, maxIter: 3000 });
    assert.ok(r.converged && r.marginalError <= tol, `converged: ${r.converged}, error ${r.marginalError}`);
    // 2x the measured count: room for rounding-level changes in the Newton path, far below 678
    assert.ok(r.iterations <= 100, `sns took ${r.iterations} iterations`);
    // the bar: at least 10x fewer iterations than Sinkhorn needs (log: > 3000 here)
    const log = sinkhornPoints(x, y, { epsilon: eps, method: 'log', tol, maxIter: 10 * r.iterations });
    assert.ok(!log.converged, `log converged within ${10 * r.iterations} iterations`);
    const rowSums = new Float64Array(n), colSums = new Float64Array(n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
      let c = 0;
      for (let k = 0; k < d; k++) c += (x.data[i * d + k] - y.data[j * d + k]) ** 2;
      const p = Math.exp((r.f[i] + r.g[j] - c) / eps);
      rowSums[i] += p;
      colSums[j] += p;
    }
    let err = 0;
    for (let i = 0; i < n; i++) err += Math.abs(rowSums[i] - 1 / n) + Math.abs(colSums[i] - 1 / n);
    // recomputing costs and exps in JS moves each exponent by ~1e-16 |f + g - C| / eps ~ 1e-13
    // relative: 1e-11 on top of tol covers it with margin
    assert.ok(err <= tol + 1e-11, `certificate: L1 marginal error ${err}`);
  });

  test('onProgress reports increasing iterations; an AbortSignal stops the solve with ABORTED', () => {
    const x = cloud(300, 9), y = cloud(300, 10);
    const seen: number[] = [];
    sinkhornPoints(x, y, { epsilon: 0.005, method: 'log', tol: 1e-10, onProgress: (p) => seen.push(p.iteration) });
    assert.ok(seen.length > 2 && seen.every((v, i) => i === 0 || v > seen[i - 1]), 'progress');
    const controller = new AbortController();
    let err: unknown;
    try {
      sinkhornPoints(x, y, { epsilon: 0.005, method: 'log', tol: 1e-12, signal: controller.signal, onProgress: () => controller.abort() });
    } catch (e) {
      err = e;
    }
    assert.ok(err instanceof SimdnumError && err.code === 'ABORTED', `ABORTED, got ${String(err)}`);
    assert.ok(sinkhornPoints(x, y, { epsilon: 0.1 }).converged, 'usable after abort');
  });

  test("precision 'float32': same plan to float32 accuracy, online equals stored, honest convergence", () => {
    const x = cloud(70, 13), y = cloud(66, 14);
    const ref = sinkhornPoints(x, y, { epsilon: 0.05, tol: 1e-12, method: 'log' });
    for (const method of ['log', 'scaling'] as const) {
      const r = sinkhornPoints(x, y, { epsilon: 0.05, tol: 1e-5, method, precision: 'float32' });
      assert.ok(r.converged && r.marginalError <= 1e-5, `${method}: converged`);
      // exponents (C_ij - f_i - g_j)/eps carry float32 rounding of about 6e-8 |C|/eps <= 3e-6
      // here (|C| <= 2, eps = 0.05), the stop allows 1e-5 of marginal violation: entries agree
      // to 1e-4 of the largest
      const big = Math.max(...ref.plan!);
      for (let k = 0; k < ref.plan!.length; k++) {
        if (Math.abs(r.plan![k] - ref.plan![k]) > 1e-4 * big) assert.unreachable(`${method} float32: plan[${k}]`);
      }
    }
    const stored = sinkhornPoints(x, y, { epsilon: 0.05, method: 'log', precision: 'float32', tol: 1e-5 });
    const online = sinkhornPoints(x, y, { epsilon: 0.05, method: 'log', precision: 'float32', tol: 1e-5, online: true });
    bitsEqual(online.plan!, stored.plan!, 'float32 online vs stored');
    // a tolerance below float32 resolution is not reached: converged false, never a silent switch
    const strict = sinkhornPoints(x, y, { epsilon: 0.05, method: 'log', precision: 'float32', tol: 1e-14, maxIter: 300 });
    assert.is(strict.converged, false);
  });

  test('float32 scaling: absorbed scalings keep plan, potentials and cost consistent (eps 0.05 to 0.0005)', () => {
    // uneven weights and costs up to 2: the float32 kernel's scalings leave [1e-3, 1e3] in the
    // first iterations and repeatedly at small epsilon; they are absorbed by scaling rows and
    // columns of K (below 1e-3), rebuilding them (above 1e3) or the log-domain rescue. At eps
    // 0.0005 (exponents up to 4000) float32 resolution stops the run near 1e-4: tol 2e-4 there.
    // Multiplying rows by scalings above 1e3 instead of rebuilding them loses entries flushed
    // while small: at eps 0.0005 that fails both checks below by orders of magnitude
    const n = 120, m = 110;
    const x = cloud(n, 31), y = cloud(m, 32);
    const norm = (w: Float64Array) => w.map((v) => v / w.reduce((s, q) => s + q, 0));
    const a = norm(randomUniform(n, { seed: 33 }).map((v) => v + 0.1)), b = norm(randomUniform(m, { seed: 34 }).map((v) => v + 0.1));
    const C = pairwiseDistances(x, y).data;
    const cMax = Math.max(...C);
    for (const [eps, tol] of [[0.05, 1e-5], [0.01, 1e-5], [0.002, 1e-4], [0.0005, 2e-4]]) {
      const ref = sinkhornPoints(x, y, { a, b, epsilon: eps, tol: 1e-12, method: 'log', maxIter: 100_000 });
      const r = sinkhornPoints(x, y, { a, b, epsilon: eps, tol, method: 'scaling', precision: 'float32', maxIter: 100_000 });
      const P = r.plan!;
      const big = Math.max(...P);
      // P_ij = exp((f_i + g_j - C_ij)/eps) up to the float32 rounding of the kernel's exponent
      // (fh_i + gh_j - C_ij)/eps, three roundings of 2^-24 relative on terms up to
      // (max C + max |f| + max |g|)/eps; a row or column absorbed with the wrong potential
      // would be off by a factor of at least 1e3
      const span = (cMax + Math.max(...r.f.map(Math.abs)) + Math.max(...r.g.map(Math.abs))) / eps;
      let worst = 0, pc = 0, l1 = 0;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < m; j++) {
          const k = i * m + j;
          if (!(P[k] >= 0)) assert.unreachable(`eps ${eps}: plan[${k}] = ${P[k]}`);
          worst = Math.max(worst, Math.abs(P[k] - Math.exp((r.f[i] + r.g[j] - C[k]) / eps)));
          pc += P[k] * C[k];
          l1 += Math.abs(P[k] - ref.plan![k]);
        }
      }
      assert.ok(worst <= 3 * 2 ** -24 * span * big, `eps ${eps}: plan vs potentials ${worst / big} of the largest entry`);
      // the cost uses the float32 costs: each rounded by at most 2^-24 relative, weights >= 0
      assert.ok(Math.abs(r.cost - pc) <= 2 ** -24 * pc, `eps ${eps}: cost ${r.cost} vs <P, C> ${pc}`);
      // against the float64 plan: the float32 run stops with up to tol of marginal violation,
      // which moves the plan by about tol / (1 - rate) in L1 (1.7 to 9.3 tol measured here);
      // the exponent rounding above adds far less
      assert.ok(l1 <= 20 * tol, `eps ${eps}: L1 distance to the float64 plan ${l1}`);
    }
  });

  test('all-zero costs with the default epsilon: the independent coupling a b^T / mass (epsilon 1)', () => {
    // analytic reference: with C = 0 every plan costs 0 and KL(P | a b^T) on the transport
    // polytope is minimal at a b^T / mass, for any epsilon; the old default 0.05 x mean cost = 0
    // gave NaN everywhere. The objective eps (M^2 - M - M log M) is 0 at mass M = 1
    const wa = [0.2, 0.8], wb = [0.1, 0.3, 0.6];
    const expected = wa.flatMap((ai) => wb.map((bj) => ai * bj));
    for (const method of ['scaling', 'log', 'sns'] as const) {
      const r = sinkhorn(wa, wb, [[0, 0, 0], [0, 0, 0]], { method });
      assert.is(r.epsilon, 1);
      assert.ok(r.converged, method);
      // a few roundings in exp/log of the weights per entry: 1e-15 relative
      close(r.plan!, expected, 1e-15, 0, `${method} plan`);
      assert.is(r.cost, 0);
      assert.ok(Math.abs(r.objective) <= 1e-15, `${method} objective ${r.objective}`);
    }
    // identical point sets: the same case through the point costs
    const p = sinkhornPoints([[1, 2]], [[1, 2]]);
    assert.equal(Array.from(p.plan!), [1]);
    assert.is(p.cost, 0);
    // S(a, a) = 0 exactly (Feydy et al. 2019, Thm 1); all potentials of one point are equal here
    for (const x of [[[0]], [[1, 2], [1, 2]]]) {
      const d = sinkhornDivergence(x, x);
      assert.is(d.epsilon, 1);
      assert.is(d.value, 0, `divergence ${d.value}`);
    }
  });

  test('epsilon scaling cut short by maxIter still ends at the target epsilon', () => {
    // with 1..8 iterations the stages (2 each, from max C down to 0.001) cannot all run: the
    // largest epsilons are dropped so the last iterations are at the target. The plan is then
    // the Gibbs plan of the returned potentials at the reported epsilon; before, the scaling
    // method returned the kernel of an earlier stage (entries off by up to 1.8e-2). Bound: the
    // exponent (f + g - C) / eps carries ~3 ulp(1) / 0.001 = 7e-13 relative rounding
    const x = cloud(20, 21), y = cloud(15, 22), C = pairwiseDistances(x, y);
    const a = new Float64Array(20).fill(1 / 20), b = new Float64Array(15).fill(1 / 15);
    for (const method of ['scaling', 'log'] as const) {
      for (const maxIter of [1, 2, 3, 5, 8]) {
        const r = sinkhorn(a, b, C, { epsilon: 0.001, epsilonScaling: true, method, maxIter });
        assert.is(r.iterations, maxIter);
        for (let k = 0; k < 20 * 15; k++) {
          const p = Math.exp((r.f[Math.floor(k / 15)] + r.g[k % 15] - C.data[k]) / r.epsilon);
          if (Math.abs(r.plan![k] - p) > 1e-12 * p + 1e-15) assert.unreachable(`${method}, maxIter ${maxIter}: plan[${k}] ${r.plan![k]} vs ${p}`);
        }
      }
    }
  });

  test('maxIter reached: converged false, no throw', () => {
    const r = sinkhornPoints(cloud(50, 11), cloud(50, 12), { epsilon: 0.001, method: 'log', maxIter: 5 });
    assert.is(r.iterations, 5);
    assert.is(r.converged, false);
  });

  test('scaling stopped inside its float32 phase: marginalError is measured on the returned plan', () => {
    // costs <= 2 at epsilon 0.1: the float32 phase runs from the second pass until the error is
    // 1e-6. A run stopped by maxIter on a float32 pass (inside the phase, or the pass that ends
    // it) has column sums from the float32 kernel (~1e-7 off), so the plan pass must sum the
    // float64 plan's columns itself. The error falls ~0.6 per pass, below 1e-6 at pass 23:
    // maxIter 2..28 covers passes inside the phase, the one that ends it and float64 passes after
    const n = 60, m = 50, x = cloud(n, 13), y = cloud(m, 14);
    let inside = 0;
    for (let maxIter = 2; maxIter <= 28; maxIter++) {
      const r = sinkhornPoints(x, y, { epsilon: 0.1, method: 'scaling', maxIter, tol: 1e-12 });
      if (r.marginalError > 1e-6) inside++;
      assert.ok(Math.abs(planError(r.plan!, n, m) - r.marginalError) <= 1e-14, `maxIter ${maxIter}: ${r.marginalError} vs ${planError(r.plan!, n, m)} measured on the plan`);
    }
    assert.ok(inside >= 2 && inside <= 24, `${inside} runs stopped inside the phase`);
  });
});

/**
 * L1 marginal violation of a plan against uniform weights, summed in plain TypeScript: the same
 * sums as the kernel's in another order (rounding of 110 sums of <= 60 terms of mass <= 1/50,
 * far below 1e-14).
 */
function planError(P: Float64Array, n: number, m: number): number {
  let error = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < m; j++) s += P[i * m + j];
    error += Math.abs(s - 1 / n);
  }
  for (let j = 0; j < m; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += P[i * m + j];
    error += Math.abs(s - 1 / m);
  }
  return error;
}
