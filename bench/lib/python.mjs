// Runs a peer script with Debian's /usr/bin/python3 (POT, scipy, scikit-learn, statsmodels),
// passing JSON arguments and reading a JSON answer from the last line of stdout. Returns null
// (with the reason printed once) when the interpreter or a module is missing.

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const PYTHON = '/usr/bin/python3';
const missing = new Set();

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
    const out = execFileSync(PYTHON, [script, JSON.stringify(args)], { encoding: 'utf8', timeout: timeoutMs, stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' } });
    return JSON.parse(out.trim().split('\n').pop());
  } catch (err) {
    if (!missing.has(script)) console.log(`peer ${script} failed: ${String(err).split('\n')[0]}`);
    missing.add(script);
    return null;
  }
}
