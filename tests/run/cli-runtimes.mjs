// Runs the bundled suite under Node, Deno and Bun, each as a child process, and reads the
// one-line JSON report the entry prints last.

import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { bundleDir } from './bundle.mjs';
import { bin, root } from './paths.mjs';

function runProcess(cmd, args) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', (err) => resolve({ code: -1, out: out + String(err) }));
    child.on('close', (code) => resolve({ code, out }));
  });
}

function parseReport(runtime, { code, out }) {
  const line = out.split('\n').find((l) => l.startsWith('SIMDNUM_REPORT '));
  if (!line) return { runtime, ok: false, total: 0, passed: 0, skipped: 0, checksums: {}, output: out };
  const report = JSON.parse(line.slice('SIMDNUM_REPORT '.length));
  return { ...report, runtime, ok: report.ok && code === 0, output: out };
}

const file = () => join(bundleDir, 'cli.mjs');

export const cliRuntimes = {
  node: async () => parseReport('node', await runProcess(process.execPath, [file()])),
  deno: async () => parseReport('deno', await runProcess(bin('deno'), ['run', '--allow-all', '--no-config', file()])),
  bun: async () => parseReport('bun', await runProcess(bin('bun'), ['run', file()])),
};
