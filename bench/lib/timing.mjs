// Timing of whole solver calls: tinybench medians for calls that take under 2 s, a single
// measured run (after the engine is warm) for longer ones, so a slow configuration does not
// stretch the suite to hours. Samples span at least WINDOW ms: the benchmark VM has slow phases
// of a few hundred ms (medians over 40 ms windows moved by 50% between runs), and the peer
// scripts repeat their runs over the same window (bench/peers/*.py).

import { medians } from './measure.mjs';

const WINDOW = 500;

export async function timeCall(name, fn) {
  const t0 = performance.now();
  let result = fn();
  const first = performance.now() - t0;
  if (first > 2000) return { ms: first, result };
  const time = await medians([{ name, fn: () => (result = fn()) }], { time: Math.min(3000, Math.max(WINDOW, 10 * first)), iterations: 3, warmupTime: 0 });
  return { ms: time[name], result };
}
