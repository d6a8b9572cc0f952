// The kernel ABI: every export of the simdnum binaries, in one place. Kernels take pointers
// (usize), sizes (i32) and scalars (f64/f32), write results through pointers, and return a
// status code or a scalar. The typed twin of this list is src/engine/kernels.ts.

export { heap_base, backend_simd, abi_version } from './core/heap';
export { sum_f64, dot_f64, axpy_f64, scale_f64, sum_f32, dot_f32, axpy_f32, scale_f32 } from './core/vector';
export { exp_f64, exp_f32 } from './core/exp';
export { log_f64, log_f32 } from './core/log';
export { logsumexp_rows_f64, logsumexp_cols_f64, logsumexp_rows_f32 } from './core/logsumexp';
export { pairwise_f64, pairwise_f32 } from './core/distances';
export { transpose_f64, transpose_f32 } from './core/transpose';
export { qr_f64, qr_apply_qt_f64, qr_apply_q_f64, norm2_f64 } from './core/qr';
export { trsv_f64, cholesky_f64 } from './core/triangular';
export { rng_seed, rng_uniform_f64, rng_normal_f64 } from './core/random';
export { argsort_f64, argsort_scratch_bytes } from './core/sort';
export { sinkhorn_log_f64, sinkhorn_symmetric_f64 } from './ot/sinkhorn-log';
export { sinkhorn_scaling_f64, sinkhorn_scaling_start_f64, sinkhorn_scaling_potentials_f64 } from './ot/sinkhorn-scaling';
export { sinkhorn_plan_f64, sinkhorn_plan_scaling_f64, sinkhorn_plan_scaling_f32 } from './ot/plan';
export { wasserstein1d_f64 } from './ot/wasserstein1d';
export { cost_stats_f64, pairwise_cost_stats_f64 } from './ot/cost-stats';
export { sns_evaluate_f64, sns_threshold_f64, sns_sparsify_f64, sns_cg_f64 } from './ot/sns';
export { sns_tree_bytes, sns_tree_work_bytes, sns_tree_f64 } from './ot/sns-tree';
export { sinkhorn_log_f32 } from './ot/sinkhorn-log32';
export { sinkhorn_scaling_f32, sinkhorn_scaling_start_f32 } from './ot/sinkhorn-scaling32';
export { convert_f64_f32 } from './core/convert';
export { lgamma_f64, log_scalar, exp_scalar, cos_scalar, sin_scalar } from './core/special';
export { kde_eval_f64, kde_eval_f32, kde_work_size } from './kde/eval';
export { kde_unit_f64, kde_block_order, kde_block_layout } from './kde/layout';
export { kde_bin1d_f64, kde_bin2d_f64, deriche_f64 } from './kde/grid';
export { qr_update_f64 } from './core/qr-update';
export { poly_cheb_fit_f64, poly_cheb_eval_f64, poly_tss_f64, poly_cheb_moments_f64, poly_cheb_rss_f64 } from './poly/chebyshev';
export { first_nonfinite_f64, min_max_f64 } from './core/scan';
export { cd_lasso_f64, xt_r_f64, weighted_norms2_f64, cd_newton_f64, cd_softmax_newton_f64 } from './bcd/cd';
export { logistic_loss_f64, softmax_loss_f64 } from './bcd/logistic';
export { column_major_f64 } from './bcd/design';
export { gram_f64, cd_gram_f64, weighted_gram_f64 } from './bcd/gram';
