/**
 * Penalised logistic regression with scikit-learn's LogisticRegression objective:
 *   C sum_i loss_i + pen(W),  pen = |W|_1 ('l1'), 1/2 |W|^2 ('l2'),
 *   rho |W|_1 + (1 - rho)/2 |W|^2 ('elasticnet'), intercepts unpenalised,
 * with the binary log-loss for two classes and the multinomial (softmax) loss for more.
 * Solved by proximal Newton steps (prox-newton.ts) whose quadratic models are minimised by
 * coordinate descent in wasm; multinomial models use one block per feature across the classes.
 */

import { withEngine } from '../engine/call.js';
import { fail } from '../engine/errors.js';
import type { Engine } from '../engine/instance.js';
import { assertFinite, countOption, finiteNumber, oneOf, optionKeys, optionsObject, toMatrix, type DenseMatrix, type Matrix, type Vector } from '../engine/inputs.js';
import { checkDesign, columnMajor } from './design.js';
import { checkLongRunOptions, LONG_RUN_KEYS, throwIfAborted, type LongRunOptions } from '../engine/progress.js';
import { DENSE_MAX, denseBinaryDirection, denseSoftmaxDirection } from './dense-newton.js';
import { armijo, INNER_EPOCHS, innerThreshold, kktViolation, nextEffort, predictedDecrease, newtonBuffers, newtonDirection, newtonWorkingSet, penalty, type NewtonBuffers } from './prox-newton.js';

/** Options of {@link logisticRegression}. */
export interface LogisticOptions extends LongRunOptions {
  /** Default 'l2' (scikit-learn). */
  penalty?: 'l1' | 'l2' | 'elasticnet';
  /** Inverse regularisation strength (weight of the loss), > 0. Default 1. */
  C?: number;
  /** Mix rho in [0, 1] of 'elasticnet'. Default 0.5. */
  l1Ratio?: number;
  /** Fit unpenalised intercepts. Default true. */
  fitIntercept?: boolean;
  /**
   * Stop when the largest violation of the optimality conditions (the min-norm subgradient,
   * infinity norm) is <= tol times its value at the start (newGLMNET's relative rule) and the
   * last Newton step lowered the objective by <= tol relative (which keeps nearly separable
   * data with a large C from stopping early: there the violation shrinks long before the
   * objective settles). Default 1e-4.
   */
  tol?: number;
  /** Budget of proximal Newton steps. Default 100. */
  maxIter?: number;
}

export const LOGISTIC_KEYS = optionKeys<LogisticOptions>()('penalty', 'C', 'l1Ratio', 'fitIntercept', 'tol', 'maxIter', ...LONG_RUN_KEYS);

/** A fitted classifier. */
export interface ClassifierFit {
  /** The distinct labels, ascending. */
  classes: Float64Array;
  /** k x p row-major; k = 1 for two classes (the coefficients of classes[1]), as scikit-learn. */
  coef: Float64Array;
  /** Length k. Multinomial intercepts are shifted to sum to 0 (the softmax ignores a common shift). */
  intercept: Float64Array;
  /** Proximal Newton steps taken. */
  iterations: number;
  converged: boolean;
  /** The most probable class of each row. */
  predict(X: Matrix): Float64Array;
  /** Class probabilities, rows x classes.length row-major. */
  predictProba(X: Matrix): Float64Array;
}

interface Problem {
  n: number;
  p: number;
  /** The rows as given (row-major n x p). */
  M: DenseMatrix;
  /** Columns of the solver's design: p, plus a ones column with an intercept. */
  m: number;
  pf: Float64Array;
  classes: Float64Array;
  label: Int32Array;
  C: number;
  l1: number;
  l2: number;
  tol: number;
  maxIter: number;
  long: LongRunOptions;
}

function problemOf(Xin: Matrix, yin: Vector, options: LogisticOptions | undefined): Problem {
  const o = optionsObject('options', options, LOGISTIC_KEYS);
  checkLongRunOptions(o);
  // at entry: the solvers check the signal only after their first KKT check, and return from
  // it when the start already meets tol
  throwIfAborted(o.signal, 'logisticRegression', 0);
  const pen = oneOf('options.penalty', o.penalty, ['l1', 'l2', 'elasticnet'] as const, 'l2');
  const C = finiteNumber('options.C', o.C, { fallback: 1, min: 0, exclusiveMin: true });
  const rho = pen === 'elasticnet' ? finiteNumber('options.l1Ratio', o.l1Ratio, { fallback: 0.5, min: 0, max: 1 }) : pen === 'l1' ? 1 : 0;
  if (o.fitIntercept !== undefined && typeof o.fitIntercept !== 'boolean') fail('INVALID_ARGUMENT', `options.fitIntercept must be a boolean, got ${String(o.fitIntercept)}`);
  const fitIntercept = o.fitIntercept ?? true;
  const { M, y } = checkDesign(Xin, yin);
  const { rows: n, cols: p } = M;
  if (!Number.isFinite(C * n * 1e4)) fail('INVALID_ARGUMENT', `options.C = ${C} is too large: the weighted loss would overflow float64`);
  const classes = Float64Array.from(new Set(y)).sort();
  if (classes.length < 2) fail('INVALID_ARGUMENT', `y must contain at least two classes, got only ${classes[0]}`);
  const index = new Map(Array.from(classes, (c, k) => [c, k]));
  const label = Int32Array.from(y, (v) => index.get(v)!);
  const m = p + (fitIntercept ? 1 : 0);
  const pf = new Float64Array(m).fill(1);
  if (fitIntercept) pf[p] = 0;
  return { n, p, M, m, pf, classes, label, C, l1: rho, l2: 1 - rho, tol: finiteNumber('options.tol', o.tol, { fallback: 1e-4, min: 0 }), maxIter: countOption('options.maxIter', o.maxIter, 100, 1), long: o };
}

/** The solver's design in wasm: X column-major and a ones column for the intercept. O(n p). */
function designOf(e: Engine, P: Problem): number {
  const { X } = columnMajor(e, P.M, false, P.m);
  if (P.m > P.p) e.arena.f64(X + 8 * P.p * P.n, P.n).fill(1);
  return X;
}

/** Coefficient rows (m each, intercept last) and how the solve went. */
interface Solved {
  W: Float64Array[];
  iterations: number;
  converged: boolean;
}

/** Binary: y_i = 1 for classes[1]; Newton steps on the whole block. */
function solveBinary(e: Engine, P: Problem): Solved {
  const { arena, kernels } = e;
  const { n, m } = P;
  const B = newtonBuffers(e, designOf(e, P), n, m, P.pf);
  const y = arena.putF64(Float64Array.from(P.label)), eta = arena.allocF64(n), etaT = arena.allocF64(n), resid = arena.allocF64(n), all = arena.allocI32(m), work = arena.allocF64(4);
  arena.i32(all, m).set(Int32Array.from({ length: m }, (_, j) => j));
  arena.f64(eta, n).fill(0);
  arena.f64(B.w, m).fill(0);
  let first = -1, it = 0, effort = 1, previous = Infinity, drop = Infinity;
  for (;; it++) {
    const loss = kernels.logistic_loss_f64(eta, y, n, P.C, resid, B.D);
    // gradient C X^T (p - y), through the residual buffer etaT
    const r = arena.f64(etaT, n), pr = arena.f64(resid, n);
    for (let i = 0; i < n; i++) r[i] = P.C * pr[i];
    kernels.xt_r_f64(B.X, n, all, m, etaT, B.g, work);
    const g = arena.f64(B.g, m), w = arena.f64(B.w, m);
    const viol = kktViolation(g, w, P.pf, P.l1, P.l2);
    if (first < 0) first = viol;
    P.long.onProgress?.({ iteration: it, error: viol });
    if (viol <= P.tol * first && (it === 0 || drop <= P.tol)) return { W: [arena.takeF64(B.w, m)], iterations: it, converged: true };
    if (it >= P.maxIter) return { W: [arena.takeF64(B.w, m)], iterations: it, converged: false };
    throwIfAborted(P.long.signal, 'logisticRegression', it);
    // smooth and small: the exact Newton direction; otherwise coordinate descent on the model
    const dense = P.l1 === 0 && m <= DENSE_MAX ? denseBinaryDirection(e, B, P.l2) : null;
    effort = nextEffort(effort, viol, previous);
    previous = viol;
    const delta = dense ?? newtonDirection(e, B, newtonWorkingSet(arena.f64(B.g, m), arena.f64(B.w, m), P.pf, P.l1), P.l1, P.l2, viol, first, effort);
    const f0 = loss + penalty(arena.f64(B.w, m), P.pf, P.l1, P.l2);
    const step = armijo((t) => {
      const et = arena.f64(etaT, n), e0 = arena.f64(eta, n), xd = arena.f64(B.Xd, n);
      for (let i = 0; i < n; i++) et[i] = e0[i] + t * xd[i];
      return kernels.logistic_loss_f64(etaT, y, n, P.C, 0, 0) + penalty(moved(arena.f64(B.w, m), arena.f64(B.d, m), t), P.pf, P.l1, P.l2);
    }, f0, delta);
    if (step.t === 0) return { W: [arena.takeF64(B.w, m)], iterations: it, converged: viol <= P.tol * first };
    drop = (f0 - step.f) / Math.abs(step.f);
    applyStep(e, B, eta, step.t);
  }
}

/** w + t d. */
function moved(w: Float64Array, d: Float64Array, t: number): Float64Array {
  return Float64Array.from(w, (v, j) => v + t * d[j]);
}

/** w += t d and eta += t X d. */
function applyStep(e: Engine, B: NewtonBuffers, eta: number, t: number): void {
  const w = e.arena.f64(B.w, B.m), d = e.arena.f64(B.d, B.m);
  for (let j = 0; j < B.m; j++) w[j] += t * d[j];
  e.kernels.axpy_f64(t, B.Xd, eta, B.n);
}

/**
 * Multinomial: proximal Newton steps on all K x m coefficients at once with the exact softmax
 * Hessian, the model minimised by coordinate descent with one block per feature across the
 * classes (cd_softmax_newton_f64). W, G, the direction and the curvatures are m x K
 * feature-major; eta and the probabilities n x K row-major.
 */
function solveMultinomial(e: Engine, P: Problem): Solved {
  const { arena, kernels } = e;
  const { n, m } = P, K = P.classes.length, mK = m * K;
  const X = designOf(e, P), pf = arena.putF64(P.pf), y = arena.allocI32(n);
  const eta = arena.allocF64(n * K), etaT = arena.allocF64(n * K), prob = arena.allocF64(n * K), Z = arena.allocF64(n * K), s = arena.allocF64(n);
  const W = arena.allocF64(mK), G = arena.allocF64(mK), Dir = arena.allocF64(mK), hdiag = arena.allocF64(mK);
  const r = arena.allocF64(n), Dk = arena.allocF64(n), tmp = arena.allocF64(m), all = arena.allocI32(m), order = arena.allocI32(m), work = arena.allocF64(4);
  arena.i32(y, n).set(P.label);
  arena.i32(all, m).set(Int32Array.from({ length: m }, (_, j) => j));
  arena.f64(eta, n * K).fill(0);
  arena.f64(W, mK).fill(0);
  // pf per coefficient (feature-major)
  const pfK = Float64Array.from({ length: mK }, (_, q) => P.pf[Math.floor(q / K)]);
  let first = -1, effort = 1, previous = Infinity, drop = Infinity;
  for (let it = 0; ; it++) {
    const loss = kernels.softmax_loss_f64(eta, y, n, K, P.C, prob);
    for (let k = 0; k < K; k++) {
      const pr = arena.f64(prob, n * K), rv = arena.f64(r, n), D = arena.f64(Dk, n);
      for (let i = 0; i < n; i++) {
        const pk = pr[i * K + k];
        rv[i] = P.C * (pk - (P.label[i] === k ? 1 : 0));
        D[i] = P.C * Math.max(pk * (1 - pk), 1e-12);
      }
      kernels.xt_r_f64(X, n, all, m, r, tmp, work);
      const g = arena.f64(G, mK), t1 = arena.f64(tmp, m);
      for (let j = 0; j < m; j++) g[j * K + k] = t1[j];
      kernels.weighted_norms2_f64(X, n, m, Dk, tmp);
      const h = arena.f64(hdiag, mK), t2 = arena.f64(tmp, m);
      for (let j = 0; j < m; j++) h[j * K + k] = t2[j];
    }
    const g = arena.f64(G, mK), w = arena.f64(W, mK);
    const viol = kktViolation(g, w, pfK, P.l1, P.l2);
    if (first < 0) first = viol;
    P.long.onProgress?.({ iteration: it, error: viol });
    const done = (converged: boolean): Solved => {
      const Wv = arena.f64(W, mK);
      return { W: Array.from({ length: K }, (_, k) => Float64Array.from({ length: m }, (_, j) => Wv[j * K + k])), iterations: it, converged };
    };
    if (viol <= P.tol * first && (it === 0 || drop <= P.tol)) return done(true);
    if (it >= P.maxIter) return done(false);
    throwIfAborted(P.long.signal, 'logisticRegression', it);
    // the CD direction: features with a nonzero, unpenalised or violating coefficient in any class
    const softmaxCdDirection = (): number => {
      // fresh views: a failed dense attempt may have grown memory
      const ws = Int32Array.from(newtonWorkingSet(arena.f64(G, mK), arena.f64(W, mK), pfK, P.l1).filter((q, i, a) => i === 0 || Math.floor(q / K) !== Math.floor(a[i - 1] / K)).map((q) => Math.floor(q / K)));
      arena.i32(order, ws.length).set(ws);
      arena.f64(Dir, mK).fill(0);
      arena.f64(Z, n * K).fill(0);
      arena.f64(s, n).fill(0);
      const hv = arena.f64(hdiag, mK);
      let hmax = 0;
      for (const j of ws) for (let k = 0; k < K; k++) hmax = Math.max(hmax, hv[j * K + k]);
      const threshold = innerThreshold(viol, first, hmax) / effort;
      for (let epoch = 0; epoch < INNER_EPOCHS * effort; epoch++) {
        const big = kernels.cd_softmax_newton_f64(X, n, K, prob, P.C, hdiag, pf, G, W, Dir, Z, s, order, ws.length, P.l1, P.l2);
        if (big <= threshold || big === 0) break;
      }
      return predictedDecrease(arena.f64(G, mK), arena.f64(W, mK), arena.f64(Dir, mK), pfK, P.l1, P.l2);
    };
    effort = nextEffort(effort, viol, previous);
    previous = viol;
    // smooth and small: the exact Newton direction; otherwise coordinate descent on the model
    const dense = P.l1 === 0 && mK <= DENSE_MAX ? denseSoftmaxDirection(e, { X, n, m, K, C: P.C, prob, G, W, Dir, Z, pfK }, P.l2) : null;
    const delta = dense ?? softmaxCdDirection();
    const pen0 = penalty(arena.f64(W, mK), pfK, P.l1, P.l2);
    const step = armijo((t) => {
      const et = arena.f64(etaT, n * K), e0 = arena.f64(eta, n * K), z = arena.f64(Z, n * K);
      for (let q = 0; q < n * K; q++) et[q] = e0[q] + t * z[q];
      return kernels.softmax_loss_f64(etaT, y, n, K, P.C, 0) + penalty(moved(arena.f64(W, mK), arena.f64(Dir, mK), t), pfK, P.l1, P.l2);
    }, loss + pen0, delta);
    if (step.t === 0) return done(viol <= P.tol * first);
    drop = (loss + pen0 - step.f) / Math.abs(step.f);
    kernels.axpy_f64(step.t, Dir, W, mK);
    kernels.axpy_f64(step.t, Z, eta, n * K);
  }
}

/**
 * L1, L2 or elastic-net penalised logistic regression, binary or multinomial (more than two
 * distinct labels), minimising scikit-learn's LogisticRegression objective (solver 'saga' gives
 * the same minimiser) by proximal Newton steps with coordinate-descent inner solves in wasm.
 *
 * Complexity: O(n p) per Newton step for the gradient and curvature, plus O(n |ws|) per inner
 * epoch; a few to a few tens of steps (per class for multinomial models).
 * @example
 * const clf = logisticRegression(X, y, { penalty: 'l1', C: 0.5 });
 * clf.predictProba(X.slice(0, 3));
 */
export function logisticRegression(X: Matrix, y: Vector, options?: LogisticOptions): ClassifierFit {
  const P = problemOf(X, y, options);
  const binary = P.classes.length === 2;
  const sol = withEngine((e) => (binary ? solveBinary(e, P) : solveMultinomial(e, P)));
  const k = sol.W.length, p = P.p, hasB = P.m > p;
  const coef = new Float64Array(k * p), intercept = new Float64Array(k);
  sol.W.forEach((w, c) => {
    coef.set(w.subarray(0, p), c * p);
    intercept[c] = hasB ? w[p] : 0;
  });
  if (!binary && hasB) {
    const mean = intercept.reduce((s, v) => s + v, 0) / k;
    for (let c = 0; c < k; c++) intercept[c] -= mean;
  }
  const classes = P.classes, K = classes.length;
  const predictProba = (Xq: Matrix): Float64Array => {
    const Q = toMatrix('X', Xq);
    if (Q.rows === 0) return new Float64Array(0);
    if (Q.cols !== p) fail('SHAPE_MISMATCH', `X must have ${p} columns (the training features), got ${Q.cols}`);
    assertFinite('X', Q.data, p);
    const out = new Float64Array(Q.rows * K), eta = new Float64Array(k);
    for (let i = 0; i < Q.rows; i++) {
      for (let c = 0; c < k; c++) {
        let s = intercept[c];
        for (let j = 0; j < p; j++) s += Q.data[i * p + j] * coef[c * p + j];
        eta[c] = s;
      }
      if (binary) {
        // sigma(eta) without overflow
        const z = Math.exp(-Math.abs(eta[0])), p1 = eta[0] >= 0 ? 1 / (1 + z) : z / (1 + z);
        out[2 * i] = 1 - p1;
        out[2 * i + 1] = p1;
      } else {
        const top = Math.max(...eta);
        let s = 0;
        for (let c = 0; c < K; c++) s += (out[i * K + c] = Math.exp(eta[c] - top));
        for (let c = 0; c < K; c++) out[i * K + c] /= s;
      }
    }
    return out;
  };
  const predict = (Xq: Matrix): Float64Array => {
    const pr = predictProba(Xq), rows = pr.length / K;
    return Float64Array.from({ length: rows }, (_, i) => {
      let best = 0;
      for (let c = 1; c < K; c++) if (pr[i * K + c] > pr[i * K + best]) best = c;
      return classes[best];
    });
  };
  return { classes, coef, intercept, iterations: sol.iterations, converged: sol.converged, predict, predictProba };
}
