/**
 * simdnum: numerics for JavaScript on SIMD WebAssembly.
 *
 * Engine: init, initSync, engineInfo, SimdnumError. Core: vector operations, elementwise exp
 * and log, log-sum-exp, pairwise distances, least squares, Cholesky, random numbers, argsort.
 */

export { init, initSync, engineInfo } from './engine/state.js';
export type { InitOptions, InitSyncOptions, EngineInfo } from './engine/state.js';
export { SimdnumError } from './engine/errors.js';
export type { ErrorCode } from './engine/errors.js';
export type { Backend } from './engine/instance.js';
export type { Vector, Matrix, DenseMatrix } from './engine/inputs.js';

export { dot, sum, axpy, scale } from './linalg/vector.js';
export { vectorExp, vectorLog } from './linalg/elementwise.js';
export { logSumExp } from './linalg/logsumexp.js';
export type { LogSumExpOptions } from './linalg/logsumexp.js';
export { pairwiseDistances } from './linalg/distances.js';
export type { Metric, DistanceOptions } from './linalg/distances.js';
export { lstsq } from './linalg/lstsq.js';
export type { LstsqOptions, LstsqResult } from './linalg/lstsq.js';
export { cholesky, solveTriangular } from './linalg/cholesky.js';
export type { TriangularOptions } from './linalg/cholesky.js';
export { randomUniform, randomNormal } from './linalg/random.js';
export type { RandomOptions } from './linalg/random.js';
export { argsort } from './linalg/argsort.js';

export { sinkhorn } from './ot/sinkhorn.js';
export type { SinkhornOptions, SinkhornMethod, UnbalancedOptions } from './ot/options.js';
export type { SinkhornResult } from './ot/result.js';
export type { Progress, LongRunOptions } from './engine/progress.js';
export { sinkhornPoints } from './ot/points.js';
export type { SinkhornPointsOptions } from './ot/points.js';
export { sinkhornDivergence } from './ot/divergence.js';
export type { SinkhornDivergenceResult, DivergenceTerm } from './ot/divergence.js';
export { wasserstein1d } from './ot/wasserstein1d.js';
export type { Wasserstein1dOptions } from './ot/wasserstein1d.js';

export { kde } from './kde/kde.js';
export type { KDE, KdeOptions, BandwidthRule } from './kde/kde.js';
export type { Kernel } from './kde/kernels.js';
export { kdeGrid } from './kde/grid.js';
export type { KdeGrid, KdeGridOptions } from './kde/grid.js';
export { polyfit } from './poly/polyfit.js';
export type { PolyfitOptions, PolynomialFit } from './poly/polyfit.js';
export { polyFeatures } from './poly/features.js';
export type { PolyFeaturesOptions } from './poly/features.js';
export { polyRegression } from './poly/regression.js';
export type { PolyRegression, PolyRegressionOptions } from './poly/regression.js';
export { selectDegree } from './poly/select-degree.js';
export type { SelectDegreeOptions } from './poly/select-degree.js';
export type { Interval } from './poly/inference.js';

export { lasso, elasticNet } from './bcd/linear.js';
export type { LinearFit } from './bcd/linear.js';
export type { LassoOptions, ElasticNetOptions } from './bcd/options.js';
export type { Selection } from './bcd/enet-solver.js';
export { lassoPath } from './bcd/path.js';
export type { LassoPath, LassoPathOptions } from './bcd/path.js';
export { logisticRegression } from './bcd/logistic.js';
export type { ClassifierFit, LogisticOptions } from './bcd/logistic.js';
export { groupLasso } from './bcd/group.js';
export type { GroupLassoOptions } from './bcd/group.js';
export { polyClassifier } from './poly/classifier.js';
export type { PolyClassifier, PolyClassifierOptions } from './poly/classifier.js';
