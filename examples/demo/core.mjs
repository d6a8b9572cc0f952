// Core kernels on the iris data: distances, log-sum-exp, least squares, random numbers.

import { readFileSync } from 'node:fs';
import { argsort, logSumExp, lstsq, pairwiseDistances, randomNormal, vectorExp } from 'simdnum';
import { fmt, time } from './timing.mjs';

const iris = JSON.parse(readFileSync(new URL('../data/iris.json', import.meta.url), 'utf8'));

export function demoCore() {
  console.log('\n## Core kernels (iris: 150 flowers x 4 measurements)');
  const X = { data: new Float64Array(iris.data.flat()), rows: 150, cols: 4 };

  const d = time(() => pairwiseDistances(X, X, { metric: 'euclidean' }));
  const D = d.result.data;
  const nearest = Array.from({ length: 150 }, (_, i) => {
    const order = argsort(D.subarray(i * 150, (i + 1) * 150));
    return order[1]; // order[0] is the flower itself
  });
  const sameSpecies = nearest.filter((j, i) => iris.target[j] === iris.target[i]).length;
  console.log(`pairwise distances 150 x 150: ${fmt(d.ms)}; nearest neighbour has the same species for ${sameSpecies}/150 flowers`);

  const scores = { data: new Float64Array(D.length).map((_, k) => -D[k] * 10), rows: 150, cols: 150 };
  const l = time(() => logSumExp(scores));
  console.log(`log-sum-exp over 150 rows of 150 (softmin normalisers): ${fmt(l.ms)}; first: ${l.result[0].toFixed(4)}`);

  // petal width ~ b0 + b1 * petal length, by Householder QR
  const A = iris.data.map((r) => [1, r[2]]);
  const y = iris.data.map((r) => r[3]);
  const fit = time(() => lstsq(A, y));
  const [b0, b1] = fit.result.x;
  console.log(`least squares petal width = ${b0.toFixed(4)} + ${b1.toFixed(4)} * petal length (rank ${fit.result.rank}): ${fmt(fit.ms)}`);

  const z = time(() => randomNormal(1_000_000, { seed: 1 }));
  const e = time(() => vectorExp(z.result));
  console.log(`1e6 seeded normals (xoshiro256**): ${fmt(z.ms)}; exp of them: ${fmt(e.ms)}`);
}
