// Unbalanced Sinkhorn (KL marginal penalties) against POT 0.8.2 ot.unbalanced.sinkhorn_unbalanced
// (reference 'entropy', its formulation) and the same solver on the shifted cost
// C - eps (log a + log b) (reference 'kl', POT >= 0.9.5's default), both run to 1e-16.
import * as assert from 'uvu/assert';
import { sinkhorn } from 'simdnum';
import { forEachBackend } from '../harness/backends.js';
import { costOf, problems, referencePlan, unbalancedCases, type UnbalancedCase } from '../harness/ot-fixtures.js';

/**
 * Stopping tolerance on the optimality residual of the marginals. Unlike the balanced case
 * there is no gauge, so plan and potentials are unique; the plan is the optimum of a problem
 * with marginal targets perturbed by at most tol (L1), so entries move by ~tol: we allow
 * 10 tol; objectives by at most tol times the largest potential (<= max C + rho log terms,
 * bounded here by 10 max C) plus rounding.
 */
const TOL = 1e-11;

/** Cases whose references needed > 3,000 iterations: only the scaling method runs them. */
const slow = (c: UnbalancedCase) => c.niter > 3000 && c.n > 7;

function check(c: UnbalancedCase, method: 'log' | 'scaling') {
  const r = sinkhorn(c.a, c.b, { data: costOf(c.problem), rows: c.n, cols: c.m }, {
    epsilon: c.eps, method, tol: TOL, maxIter: 100_000, unbalanced: { tauA: c.rho, tauB: c.rho, reference: c.reference },
  });
  const what = `${c.id} ${method}`;
  assert.ok(r.converged, `${what}: converged (error ${r.marginalError})`);
  const ref = referencePlan(c);
  for (let k = 0; k < ref.length; k++) {
    if (!(r.plan![k] >= 0) || Math.abs(r.plan![k] - ref[k]) > 10 * TOL + 1e-15) assert.unreachable(`${what}: plan[${k}] = ${r.plan![k]}, POT ${ref[k]}`);
  }
  const cMax = problems[c.problem].cMax;
  assert.ok(Math.abs(r.objective - c.objective) <= 100 * TOL * cMax + 1e-13 * Math.abs(c.objective), `${what}: objective ${r.objective} vs ${c.objective}`);
  assert.ok(Math.abs(r.cost - c.cost) <= 100 * TOL * cMax + 1e-13 * Math.abs(c.cost), `${what}: cost ${r.cost} vs ${c.cost}`);
}

forEachBackend('unbalanced sinkhorn vs POT', (test) => {
  test('log: plans, costs and objectives, both entropy references', () => {
    for (const c of unbalancedCases) if (!slow(c)) check(c, 'log');
  });
  test('scaling: plans, costs and objectives, both entropy references', () => {
    for (const c of unbalancedCases) check(c, 'scaling');
  });
  test('the two references give different plans once mass is free', () => {
    const c = unbalancedCases.find((k) => k.reference === 'kl' && k.rho < 0.2 * problems[k.problem].cMax)!;
    const mass = (reference: 'kl' | 'entropy') => sinkhorn(c.a, c.b, { data: costOf(c.problem), rows: c.n, cols: c.m },
      { epsilon: c.eps, unbalanced: { tauA: c.rho, tauB: c.rho, reference }, tol: TOL }).plan!.reduce((s, v) => s + v, 0);
    assert.ok(Math.abs(mass('kl') - mass('entropy')) > 1e-3, 'different transported mass');
  });
  test('semi-relaxed: one penalised side, the other marginal exact', () => {
    const c = unbalancedCases[0];
    const r = sinkhorn(c.a, c.b, { data: costOf(c.problem), rows: c.n, cols: c.m }, { epsilon: c.eps, unbalanced: { tauA: c.rho }, tol: TOL });
    assert.ok(r.converged);
    for (let j = 0; j < c.m; j++) {
      let col = 0;
      for (let i = 0; i < c.n; i++) col += r.plan![i * c.m + j];
      // with tauB = Infinity the column marginal is a constraint: exact to the stopping tolerance
      assert.ok(Math.abs(col - c.b[j]) <= TOL, `column ${j}: ${col} vs ${c.b[j]}`);
    }
  });
});
