"""KDE peer for bench/kde.mjs: times scipy.stats.gaussian_kde or scikit-learn KernelDensity
(exact: rtol = atol = 0) on samples and queries read from binary files.

argv[1] is JSON: {"x": path, "q": path, "n": int, "d": int, "queries": int, "peer": "scipy" |
"sklearn", "bandwidth": float (sklearn's isotropic h), "call": "logpdf" | "evaluate"}. Points
are float64 little-endian, row-major. Only the first `queries` query rows are used (the caller
projects the time linearly: the work per query is the same). Prints one JSON line: fit and
evaluation seconds and the first 50 log-densities (for an accuracy check).
"""
import json
import sys
import time

import numpy as np

args = json.loads(sys.argv[1])
n, d, q = args['n'], args['d'], args['queries']
X = np.fromfile(args['x'], dtype='<f8').reshape(n, d)
Q = np.fromfile(args['q'], dtype='<f8').reshape(-1, d)[:q]

# imports outside the timed region
if args['peer'] == 'scipy':
    from scipy.stats import gaussian_kde
else:
    from sklearn.neighbors import KernelDensity

t0 = time.perf_counter()
if args['peer'] == 'scipy':
    model = gaussian_kde(X.T)  # Scott's rule
    t1 = time.perf_counter()
    if args['call'] == 'evaluate':
        values = np.log(model.evaluate(Q.T))
    else:
        values = model.logpdf(Q.T)
else:
    model = KernelDensity(bandwidth=args['bandwidth'], rtol=0, atol=0).fit(X)
    t1 = time.perf_counter()
    values = model.score_samples(Q)
t2 = time.perf_counter()
print(json.dumps({'fit': t1 - t0, 'evaluate': t2 - t1, 'logpdf': [float(v) for v in values[:50]]}))
