/**
 * Progress callbacks and cancellation for long calls. Solvers run inside wasm a bounded number
 * of iterations at a time (a chunk); between chunks they report progress and honour an
 * AbortSignal, so a browser page can stay responsive and a request can be cancelled without
 * threads. Chunks are sized by work, not by count, to take tens of milliseconds.
 */

import { describe, fail } from './errors.js';
import { optionKeys } from './inputs.js';

/** What a long call reports between chunks. */
export interface Progress {
  /** Iterations done so far. */
  iteration: number;
  /** The solver's convergence measure at that point (marginal error, duality gap, ...). */
  error: number;
}

/** Options every long-running call accepts. */
export interface LongRunOptions {
  onProgress?: (progress: Progress) => void;
  signal?: AbortSignal;
}

/** The keys of {@link LongRunOptions}, part of every long call's accepted keys. */
export const LONG_RUN_KEYS = optionKeys<LongRunOptions>()('onProgress', 'signal');

/** Work (inner-loop element updates) per chunk: about 10-50 ms of kernel time. */
export const CHUNK_WORK = 2e7;

/** Iterations per chunk for iterations costing `workPerIteration` element updates. */
export function chunkIterations(workPerIteration: number): number {
  return Math.max(1, Math.floor(CHUNK_WORK / Math.max(1, workPerIteration)));
}

/** Checks onProgress and signal. */
export function checkLongRunOptions(options: LongRunOptions): void {
  if (options.onProgress !== undefined && typeof options.onProgress !== 'function') {
    fail('INVALID_ARGUMENT', `options.onProgress must be a function, got ${describe(options.onProgress)}`);
  }
  const s = options.signal as { aborted?: unknown } | undefined;
  if (s !== undefined && (s === null || typeof s !== 'object' || typeof s.aborted !== 'boolean')) {
    fail('INVALID_ARGUMENT', `options.signal must be an AbortSignal, got ${describe(s)}`);
  }
}

/** Throws ABORTED when the signal has fired. */
export function throwIfAborted(signal: AbortSignal | undefined, what: string, iteration: number): void {
  if (signal?.aborted) fail('ABORTED', `${what} was aborted after ${iteration} iterations`, { iteration, reason: signal.reason });
}
