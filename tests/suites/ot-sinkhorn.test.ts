// Balanced Sinkhorn against POT 0.8.2 (ot.sinkhorn, method='sinkhorn_log' and 'sinkhorn', run to
// marginal errors below 1e-14): every method on every case it can finish quickly, SNS and auto on
// all of them (POT needed up to 508,780 iterations on the hardest).
import * as assert from 'uvu/assert';
import { sinkhorn, type SinkhornMethod } from 'simdnum';
import { forEachBackend } from '../harness/backends.js';
import { costOf, problems, referencePlan, sinkhornCases, type SinkhornCase } from '../harness/ot-fixtures.js';

/**
 * Our stopping tolerance. The returned plan is then the exact optimum for marginals within tol
 * (L1) of a and b; moving a marginal by delta moves plan entries by at most about delta, so
 * entries agree with the reference to ~tol: we allow 10 tol (the reference's own error is
 * below 1e-14). Costs and objectives change by at most the marginal error times the largest
 * potential difference (<= max C): 10 tol max C, plus rounding of sums (1e-13 relative).
 */
const TOL = 1e-12;

/** POT needed many iterations: only the fast-converging methods run these. */
const hard = (c: SinkhornCase) => c.niter > 3000;

function check(c: SinkhornCase, method: SinkhornMethod) {
  const C = costOf(c.problem);
  const r = sinkhorn(c.a, c.b, { data: C, rows: c.n, cols: c.m }, { epsilon: c.eps, method, tol: TOL, maxIter: 100_000 });
  const what = `${c.id} ${method}`;
  assert.ok(r.converged, `${what}: converged (error ${r.marginalError}, ${r.iterations} iterations)`);
  assert.ok(r.marginalError <= TOL, `${what}: marginalError ${r.marginalError} <= tol`);
  if (method !== 'auto') assert.is(r.method, method);
  const ref = referencePlan(c);
  const plan = r.plan!;
  for (let k = 0; k < ref.length; k++) {
    if (!(plan[k] >= 0)) assert.unreachable(`${what}: plan[${k}] = ${plan[k]} is not >= 0`);
    if (Math.abs(plan[k] - ref[k]) > 10 * TOL + 1e-15) assert.unreachable(`${what}: plan[${k}] = ${plan[k]}, POT ${ref[k]}`);
  }
  const cMax = problems[c.problem].cMax;
  for (const [name, ours, pot] of [['cost', r.cost, c.cost], ['objective', r.objective, c.objective]] as const) {
    assert.ok(Math.abs(ours - pot) <= 10 * TOL * cMax + 1e-13 * Math.abs(pot), `${what}: ${name} ${ours} vs POT ${pot}`);
  }
  // potentials are unique up to f + k, g - k: compare the gauge-free sums f_i + g_j
  for (let i = 0; i < c.n; i++) {
    const fi = c.f[i];
    if (fi === null) {
      assert.is(r.f[i], -Infinity, `${what}: f[${i}] for a zero weight`);
      continue;
    }
    // P_i0 = exp((f_i + g_0 - C_i0)/eps) agrees to 10 tol absolute, i.e. 10 tol / P_i0 relative,
    // which is eps * 10 tol / P_i0 in potential units (checked where P_i0 is not negligible)
    const p0 = ref[i * c.m];
    if (p0 < 1e-8) continue;
    const d = r.f[i] + r.g[0] - (fi + c.g[0]);
    const bound = (c.eps * 10 * TOL) / p0 + 1e-13 * (Math.abs(fi) + Math.abs(c.g[0]) + c.eps);
    if (Math.abs(d) > bound) assert.unreachable(`${what}: f[${i}] + g[0] off by ${d} (bound ${bound})`);
  }
}

forEachBackend('sinkhorn vs POT', (test) => {
  for (const method of ['log', 'scaling'] as const) {
    test(`${method}: plans, costs, objectives and potentials`, () => {
      for (const c of sinkhornCases) if (!hard(c)) check(c, method);
    });
  }
  test('sns: every case, including those POT needed 10^4..10^5 iterations for', () => {
    for (const c of sinkhornCases) check(c, 'sns');
  });
  test('auto: every case', () => {
    for (const c of sinkhornCases) check(c, 'auto');
  });
  test('zero weights: f = -Infinity and zero plan rows (POT log_u = -inf)', () => {
    const c = sinkhornCases.find((k) => k.id.includes('zero-in-a'))!;
    const r = sinkhorn(c.a, c.b, { data: costOf(c.problem), rows: c.n, cols: c.m }, { epsilon: c.eps, tol: TOL });
    const i = c.f.indexOf(null);
    assert.ok(i >= 0);
    assert.is(r.f[i], -Infinity);
    for (let j = 0; j < c.m; j++) assert.is(r.plan![i * c.m + j], 0);
  });
});
