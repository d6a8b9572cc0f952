/**
 * Typed access to the polynomial-regression fixtures (tests/fixtures/poly/, made by
 * make_fixtures.py with numpy 1.24, statsmodels 0.13.5, scikit-learn 1.2.1 and mpmath at 320
 * bits for the exact "HP" references).
 */

import numpyFile from '../fixtures/poly/numpy.json';
import weightedFile from '../fixtures/poly/weighted.json';
import statsmodelsFile from '../fixtures/poly/statsmodels.json';
import featuresFile from '../fixtures/poly/features.json';
import multivariateFile from '../fixtures/poly/multivariate.json';
import studentTFile from '../fixtures/poly/student_t.json';

export interface NumpyFit {
  degree: number;
  chebCoef: number[];
  chebPred: number[];
  chebCoefHP: number[];
  rssHP: number;
  condCheb: number;
  convertStored: boolean;
  convertCoefHP: number[] | null;
  chebPredRelErr: number;
}

export interface NumpySet {
  id: string;
  n: number;
  x: number[];
  y: number[];
  domain: [number, number];
  mapOff: number;
  mapScl: number;
  queries: number[];
  queriesT: number[];
  fits: NumpyFit[];
}

export interface WeightedCase {
  id: string;
  degree: number;
  x: number[];
  y: number[];
  wNumpy: number[];
  queries: number[];
  chebCoef: number[];
  predCheb: number[];
  weightedRss: number;
  smSsr: number;
  smScale: number;
}

export interface IntervalColumns {
  alpha: number;
  tcrit: number;
  mean_ci_lower: number[];
  mean_ci_upper: number[];
  obs_ci_lower: number[];
  obs_ci_upper: number[];
}

export interface StatsmodelsFit {
  degree: number;
  params: number[];
  bse: number[];
  rsquared: number;
  ssr: number;
  scale: number;
  df_resid: number;
  condition_number: number;
  prediction: { mean: number[]; mean_se: number[]; obs_se: number[]; 'alpha0.05': IntervalColumns; 'alpha0.10': IntervalColumns };
  monomial: { params: number[]; bse: number[] } | null;
}

export interface StatsmodelsCase {
  id: string;
  n: number;
  x: number[];
  y: number[];
  xNew: number[];
  fits: StatsmodelsFit[];
}

export interface FeaturesCase {
  p: number;
  degree: number | [number, number];
  interactionOnly: boolean;
  includeBias: boolean;
  X: number[][];
  powers: number[][] | null;
  output: number[][] | null;
  error: string | null;
}

export interface PolyregDesign {
  powers: number[][];
  ols: { coef: number[]; r2: number; rss: number; predNew: number[] };
  ridge: { lam: number; coef: number[]; r2: number; predNew: number[] };
}

export interface Multivariate {
  X: number[][];
  y: number[];
  XNew: number[][];
  sklearnFull: { rank: number; r2: number; predNew: number[] };
  polyreg: { interactionTotalDegree: PolyregDesign };
}

export const numpySets = numpyFile.sets as unknown as NumpySet[];
export const weightedCases = weightedFile.cases as unknown as WeightedCase[];
export const statsmodelsCases = statsmodelsFile.cases as unknown as StatsmodelsCase[];
export const featuresCases = featuresFile.cases as unknown as FeaturesCase[];
export const multivariate = multivariateFile as unknown as Multivariate;
/** Student t quantiles: scipy's (accurate to ~5e-9 in 1.10) and 320-bit mpmath references. */
export const studentTQuantiles = studentTFile.quantile as unknown as { p: number; df: number; quantile: number; quantileRef: number }[];

/** max_i |a_i - b_i| / max_i |b_i| (normwise, the fixtures' convention). */
export function maxRel(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let err = 0, mag = 0;
  for (let i = 0; i < b.length; i++) {
    err = Math.max(err, Math.abs(a[i] - b[i]));
    mag = Math.max(mag, Math.abs(b[i]));
  }
  return mag > 0 ? err / mag : err;
}

/** Chebyshev series sum c_k T_k(t) by Clenshaw in plain TS (for the HP coefficient references). */
export function chebyshevValue(c: ArrayLike<number>, t: number): number {
  let b1 = 0, b2 = 0;
  for (let k = c.length - 1; k >= 1; k--) {
    const bk = c[k] + 2 * t * b1 - b2;
    b2 = b1;
    b1 = bk;
  }
  return c[0] + t * b1 - b2;
}

/** The n x p row-major Chebyshev design T_k(t_i) (plain TS). */
export function chebyshevDesign(t: ArrayLike<number>, p: number): Float64Array {
  const V = new Float64Array(t.length * p);
  for (let i = 0; i < t.length; i++) {
    V[i * p] = 1;
    if (p > 1) V[i * p + 1] = t[i];
    for (let k = 2; k < p; k++) V[i * p + k] = 2 * t[i] * V[i * p + k - 1] - V[i * p + k - 2];
  }
  return V;
}
