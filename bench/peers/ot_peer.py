"""POT peer for bench/ot.mjs: times ot.dist + ot.sinkhorn on points read from binary files (warm:
the median of repeated runs in one process when a run takes under 1 s).

argv[1] is JSON: {"x": path, "y": path, "n": int, "d": int, "eps": float, "method": "sinkhorn" |
"sinkhorn_log", "maxIter": int, "tol": float, "perIteration": int (optional), "dtype": "float64" (default) |
"float32"}. Points are float64 little-endian, row-major n x d; with "dtype": "float32" they, the
weights and hence the cost matrix and all of POT's arithmetic are float32.
The cost is ot.dist (squared Euclidean) of the given points, as POT users compute it; stopping is
POT's own rule (L2 norm of the column-marginal violation, checked every 10 iterations) at tol.
Prints one JSON line: total and per-phase seconds, POT's iteration count, the L1 marginal error
of the returned plan, and whether it converged; with "perIteration": k, also the seconds of one
iteration alone (median runs of k and 2k iterations without stopping, differenced, as simdnum's).
"""
import json
import sys
import time
import warnings

import numpy as np
import ot

warnings.filterwarnings('ignore')
args = json.loads(sys.argv[1])
n, d = args['n'], args['d']
x = np.fromfile(args['x'], dtype='<f8').reshape(n, d)
y = np.fromfile(args['y'], dtype='<f8').reshape(n, d)
dtype = np.dtype(args.get('dtype', 'float64'))
x, y = x.astype(dtype), y.astype(dtype)
a = np.full(n, 1.0 / n, dtype=dtype)


def solve_once():
    t0 = time.perf_counter()
    M = ot.dist(x, y)
    t1 = time.perf_counter()
    P, log = ot.sinkhorn(a, a, M, args['eps'], method=args['method'], numItermax=args['maxIter'], stopThr=args['tol'], log=True)
    t2 = time.perf_counter()
    return t2 - t0, t1 - t0, t2 - t1, M, P, log


# Warm timing, as simdnum's (tinybench medians after warm-up, bench/lib/timing.mjs): runs under
# 1 s are repeated in this process, at least 5 times and over at least 0.5 s (the VM's slow
# phases last a few hundred ms), at most 3 s, and the median run is reported, so first-touch page
# faults of fresh arrays (tens of microseconds per page on the benchmark VM) and lazy imports do
# not count against POT.
runs = [solve_once()]
while runs[0][0] < 1.0 and sum(r[0] for r in runs) < 3.0 and (len(runs) < 5 or sum(r[0] for r in runs) < 0.5):
    runs.append(solve_once())
runs.sort(key=lambda r: r[0])
total, dist, solve, M, P, log = runs[len(runs) // 2]
finite = bool(np.all(np.isfinite(P)))
P64, a64 = P.astype(np.float64), a.astype(np.float64)
err = float(np.abs(P64.sum(1) - a64).sum() + np.abs(P64.sum(0) - a64).sum()) if finite else float('nan')
niter = int(log.get('niter', len(log.get('err', [])) * 10))


def median_solve(iterations):
    times = []
    for _ in range(3):
        t0 = time.perf_counter()
        ot.sinkhorn(a, a, M, args['eps'], method=args['method'], numItermax=iterations, stopThr=0.0)
        times.append(time.perf_counter() - t0)
    return sorted(times)[1]


k = args.get('perIteration')
per_iteration = max(median_solve(2 * k) - median_solve(k), 0.0) / k if k else None
print(json.dumps({
    'perIteration': per_iteration,
    'total': total, 'dist': dist, 'solve': solve, 'runs': len(runs), 'iterations': niter + 1,
    'marginalError': err, 'finite': finite, 'converged': finite and niter + 1 < args['maxIter'],
    'cost': float((P64 * M.astype(np.float64)).sum()) if finite else None,
}))
