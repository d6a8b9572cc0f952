// Bundles the test entries into tests/.bundle/ with esbuild, one file per runtime, resolving
// 'simdnum' through package.json "exports" (self-reference) exactly as a user's bundler would:
// the default condition for Node, Deno, Bun and Chromium, the workerd condition for workerd.

import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { root } from './paths.mjs';

export const bundleDir = join(root, 'tests/.bundle');

/** In workerd, .wasm files stay imports that the worker config provides as wasm modules. */
const wasmAsModule = {
  name: 'wasm-as-module',
  setup(build) {
    build.onResolve({ filter: /\.wasm$/ }, (args) => ({ path: './' + args.path.split('/').pop(), external: true }));
  },
};

export async function bundleTests() {
  mkdirSync(bundleDir, { recursive: true });
  const common = {
    bundle: true,
    format: 'esm',
    target: 'es2022',
    logLevel: 'warning',
    absWorkingDir: root,
    loader: { '.wasm': 'binary' },
    tsconfig: join(root, 'tests/tsconfig.json'),
    // the package is sideEffects: false; test files are nothing but side effects
    ignoreAnnotations: true,
  };
  await Promise.all([
    esbuild.build({ ...common, platform: 'neutral', mainFields: ['module', 'main'], entryPoints: ['tests/entry.cli.ts'], outfile: join(bundleDir, 'cli.mjs') }),
    esbuild.build({ ...common, platform: 'browser', entryPoints: ['tests/entry.browser.ts'], outfile: join(bundleDir, 'browser.js') }),
    esbuild.build({ ...common, platform: 'browser', entryPoints: ['tests/entry.worker.ts'], outfile: join(bundleDir, 'worker.js') }),
    esbuild.build({
      ...common,
      platform: 'browser',
      conditions: ['workerd', 'worker'],
      entryPoints: ['tests/entry.workerd.ts'],
      outfile: join(bundleDir, 'workerd.js'),
      plugins: [wasmAsModule],
    }),
  ]);
  for (const f of ['simd.wasm', 'scalar.wasm']) copyFileSync(join(root, 'dist', f), join(bundleDir, f));
}
