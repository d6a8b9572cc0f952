// The size budget for edge bundles, checked on every `npm test`: gzipped sizes of each binary
// and of each JS entry. Workers allow 3 MB compressed on the free plan; simdnum aims to stay a
// small fraction of that so it fits next to an application.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { root } from './paths.mjs';

/** Gzipped byte budgets. */
export const BUDGET = {
  'dist/simd.wasm': 64 * 1024,
  'dist/scalar.wasm': 64 * 1024,
  'dist/entry.workerd.js': 48 * 1024,
  'dist/entry.inline.js': 200 * 1024,
};

export function gzippedSizes() {
  return Object.fromEntries(Object.keys(BUDGET).map((f) => {
    const raw = readFileSync(join(root, f));
    return [f, { raw: raw.length, gzip: gzipSync(raw, { level: 9 }).length }];
  }));
}

export function checkSizeBudget() {
  let ok = true;
  for (const [file, { raw, gzip }] of Object.entries(gzippedSizes())) {
    const within = gzip <= BUDGET[file];
    ok &&= within;
    console.log(`${within ? 'ok  ' : 'OVER'} ${file}: ${raw} B, ${gzip} B gzipped (budget ${BUDGET[file]} B)`);
  }
  return ok;
}
