// The OT benchmarks' data: two point clouds uniform in the unit cube, scaled by one factor so
// that the largest squared distance is 1 (so epsilon is relative to max C), and the same points
// written as float64 files for the POT peer (bench/peers/ot_peer.py).

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pairwiseDistances, randomUniform } from 'simdnum';

const cache = join(fileURLToPath(new URL('.', import.meta.url)), '../.cache');

/** x, y (n x d, seeds fixed by n and d), as flat arrays, simdnum matrices and peer files. */
export function unitCostClouds(n, d) {
  let x = randomUniform(n * d, { seed: 11 + n + d }), y = randomUniform(n * d, { seed: 23 + n + d });
  const D = pairwiseDistances({ data: x, rows: n, cols: d }, { data: y, rows: n, cols: d });
  let max = 0;
  for (const v of D.data) max = Math.max(max, v);
  const s = 1 / Math.sqrt(max);
  x = x.map((v) => v * s);
  y = y.map((v) => v * s);
  mkdirSync(cache, { recursive: true });
  const files = { x: join(cache, `x-${n}-${d}.bin`), y: join(cache, `y-${n}-${d}.bin`) };
  writeFileSync(files.x, Buffer.from(x.buffer));
  writeFileSync(files.y, Buffer.from(y.buffer));
  return { x, y, X: { data: x, rows: n, cols: d }, Y: { data: y, rows: n, cols: d }, files };
}
