// Timing with tinybench: median latency of each task after warm-up (V8 compiles wasm with a
// baseline tier first; the warm-up lets optimised code take over, as in a long-running app).

import { Bench } from 'tinybench';

/**
 * Runs `tasks` ({ name, fn, before? }) and returns { name -> median ms }.
 * `time` is the sampling budget per task in ms; at least `iterations` samples are taken.
 */
export async function medians(tasks, { time = 400, iterations = 5, warmupTime = 150 } = {}) {
  const bench = new Bench({ time, iterations, warmupTime, warmupIterations: 3 });
  for (const t of tasks) bench.add(t.name, t.fn, t.before ? { beforeAll: t.before } : {});
  await bench.run();
  const out = {};
  for (const t of tasks) {
    const r = bench.getTask(t.name).result;
    if (r.state !== 'completed') throw new Error(`${t.name}: ${r.error ?? r.state}`);
    out[t.name] = r.latency.p50;
  }
  return out;
}

/**
 * medians() of several tasks measured in alternating short rounds (A, B, A, B, ...), each
 * task's result the median of its round medians: the benchmark VM's slow phases last a few
 * hundred ms, and with one long window per task they land on one side of a comparison (the
 * grid ratio moved between 2.3x and 3.2x across runs that way). Both sides see the same phases.
 */
export async function alternatingMedians(tasks, { rounds = 7, time = 150 } = {}) {
  const perRound = Object.fromEntries(tasks.map((t) => [t.name, []]));
  for (let r = 0; r < rounds; r++) {
    for (const t of tasks) perRound[t.name].push((await medians([t], { time, iterations: 5, warmupTime: r === 0 ? 150 : 0 }))[t.name]);
  }
  return Object.fromEntries(Object.entries(perRound).map(([name, v]) => [name, v.sort((a, b) => a - b)[v.length >> 1]]));
}

/** Formats a duration in ms with a sensible unit. */
export function ms(v) {
  if (v < 0.01) return `${(v * 1000).toFixed(2)} µs`;
  if (v < 1) return `${(v * 1000).toFixed(0)} µs`;
  if (v < 100) return `${v.toFixed(2)} ms`;
  return `${v.toFixed(0)} ms`;
}

/** Ratio a/b as "12.3x". */
export const ratio = (a, b) => `${(a / b).toFixed(a / b >= 10 ? 0 : 1)}x`;

/** Formats a rate with SI prefixes ("1.23 G"). */
export function si(v) {
  for (const [p, s] of [[1e12, 'T'], [1e9, 'G'], [1e6, 'M'], [1e3, 'k']]) if (v >= p) return `${(v / p).toFixed(2)} ${s}`;
  return v.toFixed(2) + ' ';
}
