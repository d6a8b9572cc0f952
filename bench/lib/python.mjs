// Runs a peer script with Debian's /usr/bin/python3 (POT, scipy, scikit-learn, statsmodels),
// passing JSON arguments and reading a JSON answer from the last line of stdout. Returns null
// (with the reason printed once) when the interpreter or a module is missing.

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const PYTHON = '/usr/bin/python3';
const missing = new Set();

/**
 * glibc malloc settings for the peers: arrays up to 32 MB come from the heap (not a fresh mmap
 * each time) and freed memory is kept, so repeated runs reuse pages instead of faulting them in
 * again. On the benchmark VM a first touch costs tens of microseconds per page, which made a
 * 32 MB numpy temporary cost ~100 ms; simdnum reuses its wasm memory, so without this the peers
 * would be charged for the VM rather than for their arithmetic.
 */
const KEEP_FREED_MEMORY = 'glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=4294967296';

/** Whether `modules` import in /usr/bin/python3. */
export function pythonHas(...modules) {
  if (!existsSync(PYTHON)) return false;
  try {
    execFileSync(PYTHON, ['-c', modules.map((m) => `import ${m}`).join('; ')], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Runs `script` with `args` (JSON on argv[1]); the script prints one JSON line last. */
export function runPython(script, args, { timeoutMs = 600_000 } = {}) {
  try {
    const out = execFileSync(PYTHON, [script, JSON.stringify(args)], { encoding: 'utf8', timeout: timeoutMs, stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1', GLIBC_TUNABLES: KEEP_FREED_MEMORY } });
    return JSON.parse(out.trim().split('\n').pop());
  } catch (err) {
    if (!missing.has(script)) console.log(`peer ${script} failed: ${String(err).split('\n')[0]}`);
    missing.add(script);
    return null;
  }
}
