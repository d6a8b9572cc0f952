/**
 * Typed access to the coordinate-descent fixtures (tests/fixtures/bcd/, made by
 * make_fixtures.py with scikit-learn 1.2.1 at tol <= 1e-12 and cross-checked there by
 * independent Newton / L-BFGS-B solves).
 */

import diabetesFile from '../fixtures/bcd/enet_diabetes.json';
import pathFile from '../fixtures/bcd/enet_path.json';
import syntheticFile from '../fixtures/bcd/enet_synthetic.json';
import binaryFile from '../fixtures/bcd/logreg_binary.json';
import multinomialFile from '../fixtures/bcd/logreg_multinomial.json';

/** One Lasso / ElasticNet fit by scikit-learn. */
export interface EnetCase {
  name: string;
  alpha: number;
  l1_ratio: number;
  fit_intercept: boolean;
  positive: boolean;
  coef: number[];
  intercept: number;
  /** Public-scaling objective (1/(2n))|r|^2 + penalty at sklearn's solution. */
  objective: number;
  sklearn_dual_gap: number;
}

export interface EnetDesign {
  name: string;
  X: number[][];
  y: number[];
  cases: EnetCase[];
}

export interface EnetPath {
  name: string;
  l1_ratio: number;
  eps: number;
  n_alphas: number;
  alphas: number[];
  coefs: number[][];
  objectives: number[];
}

/** One LogisticRegression(solver='saga') fit; coef is p (binary) or K x p. */
export interface LogregCase {
  name: string;
  penalty: 'l1' | 'l2' | 'elasticnet';
  C: number;
  l1_ratio: number | null;
  fit_intercept: boolean;
  coef: number[] | number[][];
  intercept: number | number[];
  objective: number;
  predict_proba_first20: number[] | number[][];
}

export interface LogregSet {
  name: string;
  X: number[][];
  y: number[];
  cases: LogregCase[];
}

export const diabetes: EnetDesign = { name: 'diabetes', X: diabetesFile.data.X, y: diabetesFile.data.y, cases: diabetesFile.cases as EnetCase[] };
export const syntheticDesigns: EnetDesign[] = syntheticFile.designs as EnetDesign[];
export const pathData = { X: pathFile.data.X_c as number[][], y: pathFile.data.y_c as number[], paths: pathFile.paths as EnetPath[] };
export const logregSets: LogregSet[] = [
  { name: binaryFile.data.name, X: binaryFile.data.X, y: binaryFile.data.y, cases: binaryFile.cases as LogregCase[] },
  ...(multinomialFile.datasets as LogregSet[]),
];
