// Timing helper for the demo: best of a few runs after one warm-up, in milliseconds.

export function time(fn, runs = 5) {
  let result = fn();
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    result = fn();
    best = Math.min(best, performance.now() - t0);
  }
  return { result, ms: best };
}

export const fmt = (ms) => (ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(2)} ms`);
