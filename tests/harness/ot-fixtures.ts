/**
 * Typed access to the OT fixtures (tests/fixtures/ot/, made by make_fixtures.py with POT 0.8.2
 * and scipy 1.10). Points, costs and plans are nested arrays; f[i] null means -infinity.
 */

import problemsFile from '../fixtures/ot/problems.json';
import sinkhornFile from '../fixtures/ot/sinkhorn.json';
import unbalancedFile from '../fixtures/ot/unbalanced.json';
import divergenceFile from '../fixtures/ot/divergence.json';
import wassersteinFile from '../fixtures/ot/wasserstein1d.json';
import { pairwiseDistances, type Metric } from 'simdnum';

export interface Problem {
  n: number;
  m: number;
  d: number;
  metric: Metric;
  cMax: number;
  x: number[][];
  y: number[][];
  C: number[][] | null;
}

export interface SinkhornCase {
  id: string;
  problem: string;
  n: number;
  m: number;
  a: number[];
  b: number[];
  eps: number;
  niter: number;
  f: (number | null)[];
  g: number[];
  cost: number;
  objective: number;
  plan?: number[][];
}

export interface UnbalancedCase extends SinkhornCase {
  reference: 'kl' | 'entropy';
  rho: number;
  f: number[];
}

export interface DivergenceCase {
  id: string;
  x: number[][];
  y: number[][];
  a: number[];
  b: number[];
  eps: number;
  value: number;
  valuePolished: number;
  cMaxXY: number;
}

export interface WassersteinCase {
  id: string;
  u: number[];
  v: number[];
  uWeights: number[] | null;
  vWeights: number[] | null;
  values: { p: number; pot: number; scipy: number | null }[];
}

export const problems = problemsFile.problems as unknown as Record<string, Problem>;
export const sinkhornCases = sinkhornFile.cases as unknown as SinkhornCase[];
export const unbalancedCases = unbalancedFile.cases as unknown as UnbalancedCase[];
export const divergenceCases = divergenceFile.cases as unknown as DivergenceCase[];
export const wassersteinCases = wassersteinFile.cases as unknown as WassersteinCase[];

const costCache = new Map<string, Float64Array>();

/** The case's cost matrix (row-major), rebuilt from the points where the fixture omits it. */
export function costOf(name: string): Float64Array {
  let C = costCache.get(name);
  if (!C) {
    const p = problems[name];
    C = p.C ? Float64Array.from(p.C.flat()) : (pairwiseDistances(p.x, p.y, { metric: p.metric }).data as Float64Array);
    costCache.set(name, C);
  }
  return C;
}

/** The reference plan from the reference potentials: exp((f_i + g_j - C_ij) / eps). */
export function referencePlan(c: SinkhornCase): Float64Array {
  const C = costOf(c.problem);
  const P = new Float64Array(c.n * c.m);
  for (let i = 0; i < c.n; i++) {
    const fi = c.f[i] ?? -Infinity;
    for (let j = 0; j < c.m; j++) P[i * c.m + j] = Math.exp((fi + c.g[j] - C[i * c.m + j]) / c.eps);
  }
  return P;
}
