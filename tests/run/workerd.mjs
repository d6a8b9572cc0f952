// Runs the suite in workerd (the Cloudflare Workers runtime, from the `workerd` npm package):
// a one-worker config with the bundled ES module and both binaries as wasm modules, served on
// a free loopback port; the suite runs inside the first fetch and returns its report.

import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { bundleDir } from './bundle.mjs';
import { bin } from './paths.mjs';

function freePort() {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function config(port) {
  return `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ (name = "main", worker = .testWorker) ],
  sockets = [ (name = "http", address = "127.0.0.1:${port}", http = (), service = "main") ],
);
const testWorker :Workerd.Worker = (
  modules = [
    (name = "entry.js", esModule = embed "workerd.js"),
    (name = "simd.wasm", wasm = embed "simd.wasm"),
    (name = "scalar.wasm", wasm = embed "scalar.wasm"),
  ],
  compatibilityDate = "2025-09-01",
);
`;
}

export async function runWorkerd() {
  const port = await freePort();
  const file = join(bundleDir, 'workerd.capnp');
  writeFileSync(file, config(port));
  const child = spawn(bin('workerd'), ['serve', file], { cwd: bundleDir });
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  const fail = (why) => ({ runtime: 'workerd', ok: false, total: 0, passed: 0, skipped: 0, checksums: {}, output: `${why}\n${log}` });
  try {
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (child.exitCode !== null) return fail(`workerd exited with ${child.exitCode}`);
      try {
        const res = await fetch(`http://127.0.0.1:${port}/`);
        const text = await res.text();
        try {
          return { ...JSON.parse(text), runtime: 'workerd' };
        } catch {
          return fail(`workerd answered HTTP ${res.status}: ${text.slice(0, 2000)}`);
        }
      } catch {
        if (Date.now() > deadline) return fail('workerd did not answer within 30 s');
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  } finally {
    child.kill('SIGTERM');
  }
}
