"""Coordinate-descent peer for bench/bcd.mjs: times scikit-learn's Lasso, lasso_path and
L1 LogisticRegression on data read from binary files (float64 little-endian, X row-major
n x p), best of 3, and writes the fitted coefficients to args["out"] (float64; a path as
n_alphas x p row-major) so the suite can recompute every solver's duality gap with one rule.

argv[1] is JSON: {"kind": "lasso" | "path" | "logistic", "x", "y", "out": paths, "n", "p",
"tol", "max_iter", "fit_intercept"; lasso: "alpha"; path: "n_alphas", "eps" (fit_intercept
centres X and y first, as LassoCV does); logistic: "C", "solver"}. Prints one JSON line:
seconds, n_iter, intercept, sklearn's own dual gap(s) and alphas where they exist.
"""
import json
import sys
import time
import warnings

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import Lasso, LogisticRegression, lasso_path

args = json.loads(sys.argv[1])
n, p = args['n'], args['p']
X = np.fromfile(args['x'], dtype='<f8').reshape(n, p)
y = np.fromfile(args['y'], dtype='<f8')
warnings.simplefilter('ignore', ConvergenceWarning)  # non-convergence shows in n_iter / gaps


def fit():
    """One fit (timed); returns (coef array to write, JSON fields)."""
    kind = args['kind']
    if kind == 'lasso':
        m = Lasso(alpha=args['alpha'], fit_intercept=args['fit_intercept'], tol=args['tol'],
                  max_iter=args['max_iter']).fit(X, y)
        return m.coef_, {'n_iter': int(m.n_iter_), 'intercept': float(m.intercept_),
                         'dual_gap': float(m.dual_gap_)}
    if kind == 'path':
        Xc, yc = (X - X.mean(axis=0), y - y.mean()) if args['fit_intercept'] else (X, y)
        alphas, coefs, gaps, n_iters = lasso_path(Xc, yc, n_alphas=args['n_alphas'], eps=args['eps'],
                                                  tol=args['tol'], max_iter=args['max_iter'],
                                                  return_n_iter=True)
        return coefs.T, {'n_iter': int(np.sum(n_iters)), 'alphas': alphas.tolist(),
                         'dual_gaps': gaps.tolist()}
    m = LogisticRegression(penalty='l1', C=args['C'], solver=args['solver'], tol=args['tol'],
                           max_iter=args['max_iter'], fit_intercept=args['fit_intercept'],
                           random_state=0).fit(X, y)
    return m.coef_[0], {'n_iter': int(np.max(m.n_iter_)), 'intercept': float(m.intercept_[0])}


best = float('inf')
for _ in range(3):
    t0 = time.perf_counter()
    coef, fields = fit()
    best = min(best, time.perf_counter() - t0)
np.ascontiguousarray(coef, dtype='<f8').tofile(args['out'])
print(json.dumps({'seconds': best, **fields}))
