// Timing helper for the demo: with runs > 1, one warm-up call and the best of `runs` timed
// calls; with runs = 1, a single timed call (for the long examples). Milliseconds.

export function time(fn, runs = 5) {
  let result;
  let best = Infinity;
  if (runs > 1) result = fn();
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    result = fn();
    best = Math.min(best, performance.now() - t0);
  }
  return { result, ms: best };
}

export const fmt = (ms) => (ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : ms < 1000 ? `${ms.toFixed(2)} ms` : `${(ms / 1000).toFixed(2)} s`);
