"""Polynomial-regression peer for bench/poly.mjs: times numpy and scikit-learn fits on data
read from binary files, and returns the residual sums of squares for the accuracy columns.

argv[1] is JSON: {"x": path, "y": path, "n": int, "d": int (features; 1 = 1-D), "degree": int,
"peer": "polyfit" | "Polynomial.fit" | "Chebyshev.fit" | "sklearn"}. float64 little-endian,
X row-major n x d. Prints one JSON line: seconds of the fit alone (best of 3; scikit-learn:
features + LinearRegression) and the RSS of the fit at the training points.
"""
import json
import sys
import time
import warnings

import numpy as np

warnings.filterwarnings('ignore')
args = json.loads(sys.argv[1])
n, d, deg = args['n'], args['d'], args['degree']
X = np.fromfile(args['x'], dtype='<f8').reshape(n, d)
y = np.fromfile(args['y'], dtype='<f8')
x = X[:, 0]


def fit():
    """The fit alone (timed); returns a function evaluating it at the training points."""
    peer = args['peer']
    if peer == 'polyfit':
        c = np.polyfit(x, y, deg)
        return lambda: np.polyval(c, x)
    if peer == 'Polynomial.fit':
        p = np.polynomial.Polynomial.fit(x, y, deg)
        return lambda: p(x)
    if peer == 'Chebyshev.fit':
        p = np.polynomial.Chebyshev.fit(x, y, deg)
        return lambda: p(x)
    from sklearn.linear_model import LinearRegression
    from sklearn.preprocessing import PolynomialFeatures
    features = PolynomialFeatures(degree=deg)
    Z = features.fit_transform(X)
    model = LinearRegression(fit_intercept=False).fit(Z, y)
    return lambda: model.predict(Z)


best = float('inf')
for _ in range(3):
    t0 = time.perf_counter()
    evaluate = fit()
    best = min(best, time.perf_counter() - t0)
print(json.dumps({'seconds': best, 'rss': float(np.sum((y - evaluate()) ** 2))}))
