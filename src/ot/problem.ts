/**
 * Input checking for transport problems and the zero-weight reduction: rows (columns) with zero
 * mass carry no plan entries and have potential -inf, so they are removed before solving and put
 * back into the results (f_i = -Infinity, plan rows of zeros), which keeps every kernel free of
 * -inf arithmetic.
 */

import { fail } from '../engine/errors.js';
import type { DenseMatrix } from '../engine/inputs.js';
import type { Metric } from '../linalg/distances.js';

/** Where the costs come from. */
export type CostSpec =
  | { kind: 'matrix'; data: Float64Array }
  | { kind: 'points'; x: Float64Array; y: Float64Array; d: number; metric: Metric };

/** A checked problem with only positive weights. */
export interface TransportProblem {
  n: number;
  m: number;
  a: Float64Array;
  b: Float64Array;
  cost: CostSpec;
  /** Original indices of the kept rows (columns); null when all are kept. */
  keepA: Int32Array | null;
  keepB: Int32Array | null;
  nFull: number;
  mFull: number;
}

/**
 * Rejects weights whose sum overflows: the Sinkhorn solvers work with the masses as given
 * (plans, costs and the objective scale with them), and an infinite mass also made the
 * MASS_MISMATCH check compare Infinity with Infinity and pass.
 */
export function checkTotalMass(name: string, w: Float64Array): void {
  if (!Number.isFinite(total(w))) {
    fail('INVALID_ARGUMENT', `${name} sums to more than the largest float64 (1.8e308); normalise the weights (e.g. divide each by the largest, then by their sum)`);
  }
}

/** Uniform weights 1/n. */
export const uniformWeights = (n: number) => new Float64Array(n).fill(1 / n);

/** Sum in index order. */
export function total(w: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < w.length; i++) s += w[i];
  return s;
}

/** Throws MASS_MISMATCH unless the masses agree to a relative 1e-10. */
export function checkMassBalance(a: Float64Array, b: Float64Array): void {
  const ma = total(a), mb = total(b);
  if (Math.abs(ma - mb) > 1e-10 * Math.max(ma, mb)) {
    fail('MASS_MISMATCH', `a and b must have the same total mass for balanced transport, got sum(a) = ${ma} and sum(b) = ${mb}; normalise both (e.g. divide each by its sum) or pass options.unbalanced`, { massA: ma, massB: mb });
  }
}

/** Indices of positive entries, or null when all are positive. */
function positives(w: Float64Array): Int32Array | null {
  let count = 0;
  for (let i = 0; i < w.length; i++) if (w[i] > 0) count++;
  if (count === w.length) return null;
  const keep = new Int32Array(count);
  for (let i = 0, k = 0; i < w.length; i++) if (w[i] > 0) keep[k++] = i;
  return keep;
}

const pick = (w: Float64Array, keep: Int32Array | null) => (keep ? Float64Array.from(keep, (i) => w[i]) : w);

function pickRows(data: Float64Array, cols: number, keep: Int32Array | null): Float64Array {
  if (!keep) return data;
  const out = new Float64Array(keep.length * cols);
  keep.forEach((r, k) => out.set(data.subarray(r * cols, (r + 1) * cols), k * cols));
  return out;
}

/** Builds the reduced problem from checked weights and a cost source. */
export function reduceProblem(a: Float64Array, b: Float64Array, cost: CostSpec): TransportProblem {
  const keepA = positives(a), keepB = positives(b);
  const nFull = a.length, mFull = b.length;
  let reduced: CostSpec = cost;
  if (cost.kind === 'matrix' && (keepA || keepB)) {
    const rows = keepA ?? Int32Array.from({ length: nFull }, (_, i) => i);
    const cols = keepB ?? Int32Array.from({ length: mFull }, (_, j) => j);
    const data = new Float64Array(rows.length * cols.length);
    for (let i = 0; i < rows.length; i++) for (let j = 0; j < cols.length; j++) data[i * cols.length + j] = cost.data[rows[i] * mFull + cols[j]];
    reduced = { kind: 'matrix', data };
  } else if (cost.kind === 'points') {
    reduced = { ...cost, x: pickRows(cost.x, cost.d, keepA), y: pickRows(cost.y, cost.d, keepB) };
  }
  return { n: keepA ? keepA.length : nFull, m: keepB ? keepB.length : mFull, a: pick(a, keepA), b: pick(b, keepB), cost: reduced, keepA, keepB, nFull, mFull };
}

/** Puts reduced potentials back at their original indices (-Infinity where the weight was 0). */
export function expandPotential(values: Float64Array, keep: Int32Array | null, full: number): Float64Array {
  if (!keep) return values;
  const out = new Float64Array(full).fill(-Infinity);
  keep.forEach((i, k) => (out[i] = values[k]));
  return out;
}

/** Puts a reduced plan back (zero rows and columns where weights were 0). */
export function expandPlan(plan: Float64Array, p: TransportProblem): Float64Array {
  if (!p.keepA && !p.keepB) return plan;
  const out = new Float64Array(p.nFull * p.mFull);
  for (let i = 0; i < p.n; i++) {
    const ri = p.keepA ? p.keepA[i] : i;
    for (let j = 0; j < p.m; j++) out[ri * p.mFull + (p.keepB ? p.keepB[j] : j)] = plan[i * p.m + j];
  }
  return out;
}

/** A cost matrix argument checked against the weights' sizes (finite and >= 0 is checked in wasm). */
export function checkCostShape(cost: DenseMatrix, n: number, m: number): void {
  if (cost.rows !== n || cost.cols !== m) {
    fail('SHAPE_MISMATCH', `cost must be ${n} x ${m} (a has ${n} entries, b has ${m}), got ${cost.rows} x ${cost.cols}`);
  }
}
