/**
 * The typed kernel table: the TypeScript twin of assembly/index.ts. Pointers are byte addresses
 * in wasm memory (from the arena), sizes are element counts. Column-major matrices are marked
 * (cm); everything else is row-major.
 */

/** Kernel ABI version this table was written for (assembly/core/heap.ts `abi_version`). */
export const ABI_VERSION = 2;

type Ptr = number;

export interface Kernels {
  heap_base(): Ptr;
  backend_simd(): number;
  abi_version(): number;

  sum_f64(x: Ptr, n: number): number;
  dot_f64(x: Ptr, y: Ptr, n: number): number;
  axpy_f64(a: number, x: Ptr, y: Ptr, n: number): void;
  scale_f64(a: number, x: Ptr, n: number): void;
  sum_f32(x: Ptr, n: number): number;
  dot_f32(x: Ptr, y: Ptr, n: number): number;
  axpy_f32(a: number, x: Ptr, y: Ptr, n: number): void;
  scale_f32(a: number, x: Ptr, n: number): void;

  exp_f64(x: Ptr, out: Ptr, n: number): void;
  exp_f32(x: Ptr, out: Ptr, n: number): void;
  log_f64(x: Ptr, out: Ptr, n: number): void;
  log_f32(x: Ptr, out: Ptr, n: number): void;

  logsumexp_rows_f64(M: Ptr, rows: number, cols: number, out: Ptr): void;
  /** work: cols float64 of scratch. */
  logsumexp_cols_f64(M: Ptr, rows: number, cols: number, out: Ptr, work: Ptr): void;
  logsumexp_rows_f32(M: Ptr, rows: number, cols: number, out: Ptr): void;

  /** x: n x d, yT: d x m, out: n x m; metric 0 sqeuclidean, 1 euclidean, 2 cityblock. */
  pairwise_f64(x: Ptr, n: number, yT: Ptr, m: number, d: number, metric: number, out: Ptr): void;
  pairwise_f32(x: Ptr, n: number, yT: Ptr, m: number, d: number, metric: number, out: Ptr): void;
  transpose_f64(src: Ptr, rows: number, cols: number, dst: Ptr): void;
  transpose_f32(src: Ptr, rows: number, cols: number, dst: Ptr): void;

  /** A (cm, m x n) in place; tau: min(m, n) f64; perm: n i32. */
  qr_f64(A: Ptr, m: number, n: number, tau: Ptr, perm: Ptr, pivot: number): void;
  qr_apply_qt_f64(A: Ptr, m: number, n: number, tau: Ptr, b: Ptr): void;
  qr_apply_q_f64(A: Ptr, m: number, n: number, tau: Ptr, b: Ptr): void;
  norm2_f64(x: Ptr, n: number): number;
  /** T (cm); returns 0 or k + 1 for a zero diagonal at k. */
  trsv_f64(T: Ptr, ld: number, n: number, lower: number, trans: number, b: Ptr): number;
  /** A (cm) lower triangle in place; returns 0 or j + 1 for a non-positive pivot at j. */
  cholesky_f64(A: Ptr, ld: number, n: number): number;

  /** state: 32 bytes. */
  rng_seed(state: Ptr, lo: number, hi: number): void;
  rng_uniform_f64(state: Ptr, out: Ptr, n: number): void;
  rng_normal_f64(state: Ptr, out: Ptr, n: number): void;

  argsort_scratch_bytes(n: number): number;
  argsort_f64(x: Ptr, n: number, idx: Ptr, work: Ptr): void;

  // optimal transport (assembly/ot); C = 0 means "costs from x (n x d), yT (d x m), metric"
  sinkhorn_log_f64(C: Ptr, x: Ptr, yT: Ptr, d: number, metric: number, n: number, m: number, f: Ptr, g: Ptr, a: Ptr, b: Ptr,
    epsLogA: Ptr, epsLogB: Ptr, params: Ptr, status: Ptr, s: Ptr, work: Ptr, maxIter: number): void;
  sinkhorn_symmetric_f64(C: Ptr, x: Ptr, yT: Ptr, d: number, metric: number, n: number, p: Ptr, a: Ptr, epsLogA: Ptr,
    params: Ptr, status: Ptr, pnew: Ptr, work: Ptr, maxIter: number): void;
  sinkhorn_scaling_start_f64(C: Ptr, K: Ptr, K32: Ptr, n: number, m: number, fh: Ptr, gh: Ptr, u: Ptr, v: Ptr, params: Ptr, st: Ptr, defer: number): void;
  sinkhorn_scaling_f64(C: Ptr, K: Ptr, K32: Ptr, n: number, m: number, fh: Ptr, gh: Ptr, u: Ptr, v: Ptr, a: Ptr, b: Ptr,
    epsLogA: Ptr, epsLogB: Ptr, params: Ptr, status: Ptr, t: Ptr, work: Ptr, maxIter: number): void;
  sinkhorn_scaling_potentials_f64(n: number, m: number, fh: Ptr, gh: Ptr, u: Ptr, v: Ptr, eps: number, f: Ptr, g: Ptr): void;
  /** plan = 0 skips storing the plan; totals: [<P, C>, sum P log P]. work: 3m float64. */
  sinkhorn_plan_f64(C: Ptr, c32: number, x: Ptr, yT: Ptr, d: number, metric: number, n: number, m: number, f: Ptr, g: Ptr, eps: number,
    plan: Ptr, rows: Ptr, cols: Ptr, totals: Ptr, work: Ptr): void;
  /** The plan outputs from the scaling state: P = u_i K_ij v_j (float64 costs and kernel); t: the last pass's column sums, or 0 to sum them here. */
  sinkhorn_plan_scaling_f64(C: Ptr, K: Ptr, n: number, m: number, u: Ptr, v: Ptr, t: Ptr, f: Ptr, g: Ptr, eps: number,
    plan: Ptr, rows: Ptr, cols: Ptr, totals: Ptr): void;
  /** The same from the float32 scaling state (C32, K32 float32; widened row by row); work: 2m float64. */
  sinkhorn_plan_scaling_f32(C32: Ptr, K32: Ptr, n: number, m: number, u: Ptr, v: Ptr, f: Ptr, g: Ptr, eps: number,
    plan: Ptr, rows: Ptr, cols: Ptr, totals: Ptr, work: Ptr): void;
  /** float32 modes: C32 float32 costs (or 0 for points); work: n + 6m float64. */
  sinkhorn_log_f32(C32: Ptr, x: Ptr, yT: Ptr, d: number, metric: number, n: number, m: number, f: Ptr, g: Ptr, a: Ptr, b: Ptr,
    epsLogA: Ptr, epsLogB: Ptr, params: Ptr, status: Ptr, s: Ptr, work: Ptr, maxIter: number): void;
  sinkhorn_scaling_start_f32(C32: Ptr, K32: Ptr, n: number, m: number, fh: Ptr, gh: Ptr, u: Ptr, v: Ptr, eps: number, work: Ptr): void;
  sinkhorn_scaling_f32(C32: Ptr, K32: Ptr, n: number, m: number, fh: Ptr, gh: Ptr, u: Ptr, v: Ptr, a: Ptr, b: Ptr,
    epsLogA: Ptr, epsLogB: Ptr, params: Ptr, status: Ptr, t: Ptr, work: Ptr, maxIter: number): void;
  convert_f64_f32(src: Ptr, dst: Ptr, n: number): void;
  /** C = pairwise_f64(x, yT) and out = [min, max, sum] of C (as cost_stats_f64), in one pass. lanes: 8n float64 of scratch. */
  pairwise_cost_stats_f64(x: Ptr, n: number, yT: Ptr, m: number, d: number, metric: number, C: Ptr, out: Ptr, lanes: Ptr): void;
  /** out: [min, max, sum] of all costs; work: m + 8 float64. */
  cost_stats_f64(C: Ptr, c32: number, x: Ptr, yT: Ptr, d: number, metric: number, n: number, m: number, out: Ptr, work: Ptr): void;
  /** Sinkhorn-Newton-Sparse (assembly/ot/sns.ts): plan at (f, g), P = 0 skips storing; returns sum P. */
  sns_evaluate_f64(C: Ptr, n: number, m: number, f: Ptr, g: Ptr, eps: number, P: Ptr, r: Ptr, c: Ptr): number;
  sns_threshold_f64(P: Ptr, count: number, maxDropped: number, maxKeep: number, counts: Ptr, mass: Ptr): number;
  sns_sparsify_f64(P: Ptr, n: number, m: number, tau: number, rowPtr: Ptr, cols: Ptr, vals: Ptr, capacity: number): number;
  sns_cg_f64(rowPtr: Ptr, cols: Ptr, vals: Ptr, n: number, m: number, r: Ptr, c: Ptr, eps: number, ridge: number,
    rhs: Ptr, x: Ptr, work: Ptr, maxIter: number, relTol: number, tree: Ptr): number;
  sns_tree_bytes(n: number, m: number): number;
  sns_tree_work_bytes(n: number, m: number, capacity: number): number;
  sns_tree_f64(rowPtr: Ptr, cols: Ptr, vals: Ptr, nnz: number, n: number, m: number, r: Ptr, c: Ptr, eps: number, ridge: number, tree: Ptr, work: Ptr): void;
  /** Special functions and scalar exp/log (NativeMath: the same bits in every runtime). */
  lgamma_f64(x: number): number;
  log_scalar(x: number): number;
  exp_scalar(x: number): number;
  cos_scalar(x: number): number;
  sin_scalar(x: number): number;

  /** Kernel density sums (assembly/kde/eval.ts); exclude/ess = 0 when unused; work: kde_work_size(B, nb, d) float64. */
  kde_eval_f64(ST: Ptr, logw: Ptr, w: Ptr, n: number, d: number, nb: number, B: number, boxLo: Ptr, boxHi: Ptr, blockLogw: Ptr, minLogw: number,
    Q: Ptr, q: number, kernel: number, scale: number, exclude: Ptr, out: Ptr, ess: Ptr, work: Ptr): void;
  /** float64 count of kde_eval's work area for nb blocks of B samples in d dimensions. */
  kde_work_size(B: number, nb: number, d: number): number;
  /** kde_eval_f64 on float32 samples ST, with the log weights also rounded to float32 (logw32). */
  kde_eval_f32(ST: Ptr, logw: Ptr, logw32: Ptr, w: Ptr, n: number, d: number, nb: number, B: number, boxLo: Ptr, boxHi: Ptr, blockLogw: Ptr, minLogw: number,
    Q: Ptr, q: number, kernel: number, scale: number, exclude: Ptr, out: Ptr, ess: Ptr, work: Ptr): void;
  /** Unit-bandwidth coordinates (assembly/kde/layout.ts): out (n x d) = rows of X minus the origin (d), mapped by the lower-triangular T (d x d). */
  kde_unit_f64(X: Ptr, n: number, d: number, T: Ptr, origin: Ptr, out: Ptr): void;
  /** idx (n i32) = the k-d block order of the rows of U (n x d); keys: n float64, bounds: 2 d float64 of scratch. */
  kde_block_order(U: Ptr, n: number, d: number, B: number, idx: Ptr, keys: Ptr, bounds: Ptr): void;
  /** ST (d x n) = rows of U in the order idx, transposed; boxLo, boxHi (ceil(n / B) x d): the boxes of the blocks. */
  kde_block_layout(U: Ptr, n: number, d: number, B: number, idx: Ptr, ST: Ptr, boxLo: Ptr, boxHi: Ptr): void;
  /** Streaming Householder QR (assembly/core/qr-update.ts): folds B rows (A column-major B x (p+1), rhs last) into [R | z] (p x (p+1)); returns the block's RSS. work: p + 9 float64. */
  qr_update_f64(R: Ptr, p: number, A: Ptr, B: number, work: Ptr): number;
  /** Chebyshev least squares (assembly/poly/chebyshev.ts): [R | z] of the weighted design (w = 0: unweighted); A: B (p+1); returns the RSS. */
  poly_cheb_fit_f64(x: Ptr, y: Ptr, w: Ptr, n: number, off: number, scl: number, p: number, R: Ptr, A: Ptr, B: number, work: Ptr): number;
  /** Weighted centred total sum of squares (w multiplies residuals; w = 0: unweighted). */
  poly_tss_f64(y: Ptr, w: Ptr, n: number): number;
  /** Scans (assembly/core/scan.ts): first non-finite index or -1; [min, max] into out. */
  first_nonfinite_f64(x: Ptr, n: number): number;
  min_max_f64(x: Ptr, n: number, out: Ptr): void;
  /** Clenshaw evaluation of a Chebyshev series at off + scl x. */
  poly_cheb_eval_f64(c: Ptr, p: number, off: number, scl: number, x: Ptr, n: number, out: Ptr): void;
  /** Weighted Chebyshev moments (2p - 1) and right-hand side (p) of the normal equations, returning sum w^2 y^2; T: B (2p - 1), v, vy: B scratch. */
  poly_cheb_moments_f64(x: Ptr, y: Ptr, w: Ptr, n: number, off: number, scl: number, p: number, mom: Ptr, rhs: Ptr, T: Ptr, v: Ptr, vy: Ptr, B: number): number;
  /** Weighted residual sum of squares of a Chebyshev series; out: B scratch. */
  poly_cheb_rss_f64(c: Ptr, p: number, off: number, scl: number, x: Ptr, y: Ptr, w: Ptr, n: number, out: Ptr, B: number): number;
  /** Coordinate descent (assembly/bcd/cd.ts): `count` least-squares updates over order[] (i32); returns the largest change x column norm. */
  cd_lasso_f64(X: Ptr, n: number, norms2: Ptr, pf: Ptr, w: Ptr, R: Ptr, order: Ptr, count: number, a: number, b: number, positive: number): number;
  /** out[j] = X_j . r for the m columns in cols (i32); work: 4 float64. */
  xt_r_f64(X: Ptr, n: number, cols: Ptr, m: number, r: Ptr, out: Ptr, work: Ptr): void;
  /** out[j] = sum_i d_i X_ij^2. */
  weighted_norms2_f64(X: Ptr, n: number, p: number, d: Ptr, out: Ptr): void;
  /** Coordinate descent on a proximal Newton model; returns the largest step x sqrt(curvature). */
  cd_newton_f64(X: Ptr, n: number, D: Ptr, hdiag: Ptr, pf: Ptr, g: Ptr, w: Ptr, d: Ptr, Xd: Ptr, order: Ptr, count: number, l1: number, l2: number): number;
  /** Coordinate descent on the multinomial proximal Newton model, a block per feature across K classes. */
  cd_softmax_newton_f64(X: Ptr, n: number, K: number, P: Ptr, C: number, hdiag: Ptr, pf: Ptr, G: Ptr, W: Ptr, Dir: Ptr, Z: Ptr, s: Ptr, order: Ptr, count: number, l1: number, l2: number): number;
  /** Row-major n x p to column-major, centred when center != 0, with the column means and squared norms (assembly/bcd/design.ts). */
  column_major_f64(src: Ptr, n: number, p: number, center: number, dst: Ptr, means: Ptr, norms2: Ptr): void;
  /** X^T X of a column-major n x p matrix (assembly/bcd/gram.ts); work: 4 float64. */
  gram_f64(X: Ptr, n: number, p: number, out: Ptr, work: Ptr): void;
  /** Coordinate descent in Gram form (H = Q w kept up to date); returns the largest change x sqrt(Q_jj). */
  cd_gram_f64(Q: Ptr, p: number, q: Ptr, pf: Ptr, w: Ptr, H: Ptr, order: Ptr, count: number, a: number, b: number, positive: number): number;
  /** X^T diag(d) X (m x m); tmp: n float64, work: 4 float64. */
  weighted_gram_f64(X: Ptr, n: number, m: number, d: Ptr, out: Ptr, tmp: Ptr, work: Ptr): void;
  /** Logistic losses (assembly/bcd/logistic.ts); resid (p - y), D = 0 when not wanted. */
  logistic_loss_f64(eta: Ptr, y: Ptr, n: number, C: number, resid: Ptr, D: Ptr): number;
  softmax_loss_f64(eta: Ptr, y: Ptr, n: number, K: number, C: number, prob: Ptr): number;
  /** Grids (assembly/kde/grid.ts): linear binning (w = 0: uniform), returning how many samples are not wholly on the grid. */
  kde_bin1d_f64(x: Ptr, w: Ptr, n: number, uniform: number, lo: number, delta: number, m: number, out: Ptr): number;
  kde_bin2d_f64(xy: Ptr, w: Ptr, n: number, uniform: number, xlo: number, dx: number, nx: number, ylo: number, dy: number, ny: number, out: Ptr): number;
  /** Deriche recursive Gaussian on `count` sequences; coefs [b0..b3, a1..a4]; work: 2 len float64. */
  deriche_f64(data: Ptr, len: number, stride: number, count: number, step: number, coefs: Ptr, work: Ptr): void;
  /** weights 0 = uniform; returns W_p^p. */
  wasserstein1d_f64(u: Ptr, uw: Ptr, n: number, idxU: Ptr, v: Ptr, vw: Ptr, m: number, idxV: Ptr, p: number): number;
}

/** Every kernel name, checked against the interface at compile time. */
const KERNEL_NAMES: Record<keyof Kernels, true> = {
  heap_base: true, backend_simd: true, abi_version: true,
  sum_f64: true, dot_f64: true, axpy_f64: true, scale_f64: true,
  sum_f32: true, dot_f32: true, axpy_f32: true, scale_f32: true,
  exp_f64: true, exp_f32: true, log_f64: true, log_f32: true,
  logsumexp_rows_f64: true, logsumexp_cols_f64: true, logsumexp_rows_f32: true,
  pairwise_f64: true, pairwise_f32: true, transpose_f64: true, transpose_f32: true,
  qr_f64: true, qr_apply_qt_f64: true, qr_apply_q_f64: true, norm2_f64: true,
  trsv_f64: true, cholesky_f64: true,
  rng_seed: true, rng_uniform_f64: true, rng_normal_f64: true,
  argsort_scratch_bytes: true, argsort_f64: true,
  sinkhorn_log_f64: true, sinkhorn_symmetric_f64: true, sinkhorn_scaling_start_f64: true, sinkhorn_scaling_f64: true,
  sinkhorn_scaling_potentials_f64: true, sinkhorn_plan_f64: true, sinkhorn_plan_scaling_f64: true, sinkhorn_plan_scaling_f32: true, wasserstein1d_f64: true, cost_stats_f64: true, pairwise_cost_stats_f64: true,
  sns_evaluate_f64: true, sns_threshold_f64: true, sns_sparsify_f64: true, sns_cg_f64: true, sns_tree_bytes: true, sns_tree_work_bytes: true, sns_tree_f64: true,
  sinkhorn_log_f32: true, sinkhorn_scaling_start_f32: true, sinkhorn_scaling_f32: true, convert_f64_f32: true,
  lgamma_f64: true, log_scalar: true, exp_scalar: true, cos_scalar: true, sin_scalar: true, kde_eval_f64: true, kde_eval_f32: true, kde_work_size: true, kde_unit_f64: true, kde_block_order: true, kde_block_layout: true,
  qr_update_f64: true, cd_lasso_f64: true, xt_r_f64: true, weighted_norms2_f64: true, cd_newton_f64: true, cd_softmax_newton_f64: true, column_major_f64: true, gram_f64: true, cd_gram_f64: true, weighted_gram_f64: true, logistic_loss_f64: true, softmax_loss_f64: true, poly_cheb_fit_f64: true, poly_cheb_moments_f64: true, poly_cheb_rss_f64: true, poly_cheb_eval_f64: true, poly_tss_f64: true, first_nonfinite_f64: true, min_max_f64: true, kde_bin1d_f64: true, kde_bin2d_f64: true, deriche_f64: true,
};

/** Names of exports a binary must have but does not (empty when it fits this table). */
export function missingKernels(exports: WebAssembly.Exports): string[] {
  return Object.keys(KERNEL_NAMES).filter((name) => typeof exports[name] !== 'function');
}
