/**
 * Typed access to the KDE fixtures (tests/fixtures/kde/, made by make_fixtures.py with scipy
 * 1.10.1 and scikit-learn 1.2.1). A logpdf of null means -infinity (outside every compact
 * kernel's support).
 */

import scipyFile from '../fixtures/kde/scipy.json';
import sklearnFile from '../fixtures/kde/sklearn.json';
import highdimFile from '../fixtures/kde/highdim.json';
import isjFile from '../fixtures/kde/isj.json';
import gridFile from '../fixtures/kde/grid.json';
import type { Kernel } from 'simdnum';

export interface KdeDataset {
  d: number;
  n: number;
  samples: number[][];
  weights: number[];
  queries: number[][];
}

export interface ScipyCase {
  id: string;
  dataset: string;
  weighted: boolean;
  /** 'scott', 'silverman', or a number: scipy's scalar bw_method, i.e. the factor. */
  rule: 'scott' | 'silverman' | number;
  factor: number;
  /** The kernel covariance H (d x d). */
  covariance: number[][];
  pdf: number[];
  logpdf: number[];
}

export interface SklearnCase {
  id: string;
  dataset: string;
  kernel: Kernel;
  bandwidth: number;
  weighted: boolean;
  /** log of scikit-learn's normaliser and of the exact one (they differ for cosine in even d). */
  logNormSklearn: number;
  logNormTrue: number;
  logpdf: (number | null)[];
}

export interface HighdimCase {
  id: string;
  d: number;
  n: number;
  /** Samples and queries are integers / sampleScale: exact in binary. */
  sampleScale: number;
  samplesTimesScale: number[][];
  queriesTimesScale: number[][];
  queriesWideTimesScale: number[][];
  sklearn: { bandwidth: number; logpdf: number[]; logpdfWide: number[] };
  scipy: { factor: number; logpdf: number[]; logpdfWide: number[]; pdfWide: number[] };
}

export interface IsjCase {
  id: string;
  samples1d: number[];
  bandwidth: number;
}

export interface Grid1dCase {
  id: string;
  samples1d: number[];
  h: number;
  gridLo: number;
  gridHi: number;
  gridSize: number;
  density: number[];
}

export interface Grid2dCase {
  id: string;
  samples: number[][];
  h: [number, number];
  gridX: number[];
  gridY: number[];
  /** density[iy][ix] */
  density: number[][];
}

export const scipyData = scipyFile.datasets as unknown as Record<string, KdeDataset>;
export const scipyCases = scipyFile.cases as unknown as ScipyCase[];
export const sklearnData = sklearnFile.datasets as unknown as Record<string, KdeDataset>;
export const sklearnCases = sklearnFile.cases as unknown as SklearnCase[];
export const highdimCases = highdimFile.cases as unknown as HighdimCase[];
export const isjCases = isjFile.cases as unknown as IsjCase[];
export const grid1d = gridFile.cases[0] as unknown as Grid1dCase;
export const grid2d = gridFile.cases[1] as unknown as Grid2dCase;

/** Rows divided by the case's scale (exact: the scale is a power of two). */
export const unscale = (rows: number[][], scale: number) => rows.map((r) => r.map((v) => v / scale));

/** A dataset's samples as the API takes them: a flat vector in 1-D, rows otherwise. */
export const asSamples = (ds: KdeDataset) => (ds.d === 1 ? ds.samples.map((r) => r[0]) : ds.samples);
