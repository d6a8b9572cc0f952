// Optimal transport on the iris data: match setosa flowers to versicolor flowers, compare the
// species with the Sinkhorn divergence and 1-D Wasserstein distances, then a larger problem.

import { readFileSync } from 'node:fs';
import { engineInfo, init, randomUniform, sinkhorn, sinkhornDivergence, sinkhornPoints, wasserstein1d } from 'simdnum';
import { fmt, time } from './timing.mjs';

const iris = JSON.parse(readFileSync(new URL('../data/iris.json', import.meta.url), 'utf8'));
const species = (k) => iris.data.filter((_, i) => iris.target[i] === k);

export async function demoOt() {
  console.log('\n## Optimal transport');
  const setosa = species(0), versicolor = species(1), virginica = species(2);
  const t = time(() => sinkhornPoints(setosa, versicolor, { epsilon: 0.05, tol: 1e-9 }));
  const r = t.result;
  console.log(`setosa -> versicolor (50 x 50 flowers, 4 measurements, squared Euclidean, eps 0.05): ${r.method}, ${r.iterations} iterations, ${fmt(t.ms)}`);
  console.log(`  transport cost ${r.cost.toFixed(4)}, regularised objective ${r.objective.toFixed(4)}, marginal error ${r.marginalError.toExponential(1)}`);
  const top = Array.from(r.plan.keys()).sort((p, q) => r.plan[q] - r.plan[p]).slice(0, 3);
  for (const k of top) {
    const i = Math.floor(k / 50), j = k % 50;
    console.log(`  top match: setosa #${i} [${setosa[i].join(', ')}] -> versicolor #${j} [${versicolor[j].join(', ')}], mass ${r.plan[k].toFixed(4)} of 0.02`);
  }

  const dv = time(() => sinkhornDivergence(versicolor, virginica, { epsilon: 0.1 }), 3);
  const ds = time(() => sinkhornDivergence(setosa, virginica, { epsilon: 0.1 }), 3);
  console.log(`Sinkhorn divergence (eps 0.1): versicolor-virginica ${dv.result.value.toFixed(4)}, setosa-virginica ${ds.result.value.toFixed(4)} (${fmt(dv.ms)} each)`);
  const petal = (rows) => rows.map((r) => r[2]);
  const w = time(() => wasserstein1d(petal(setosa), petal(virginica)));
  const w2 = wasserstein1d(petal(setosa), petal(virginica), { p: 2 });
  console.log(`petal length, setosa vs virginica: W1 = ${w.result.toFixed(4)} cm, W2 = ${Math.sqrt(w2).toFixed(4)} cm (${fmt(w.ms)})`);

  // a larger problem at small epsilon, where Sinkhorn needs thousands of iterations
  const n = 2000;
  const x = { data: randomUniform(2 * n, { seed: 1 }), rows: n, cols: 2 }, y = { data: randomUniform(2 * n, { seed: 2 }), rows: n, cols: 2 };
  const big = time(() => sinkhornPoints(x, y, { epsilon: 1e-3, returnPlan: false }), 1);
  console.log(`2000 x 2000 uniform points, eps 1e-3: ${big.result.method}, ${big.result.iterations} iterations (plain Sinkhorn needs ~3,400), ${fmt(big.ms)}`);

  // matrix-free: costs recomputed every pass, memory O((n + m) d)
  const limit = engineInfo().memoryLimit;
  await init({ memoryLimit: 16 * 2 ** 20 });
  const m = 5000;
  const u = { data: randomUniform(2 * m, { seed: 3 }), rows: m, cols: 2 }, v = { data: randomUniform(2 * m, { seed: 4 }), rows: m, cols: 2 };
  const online = time(() => sinkhornPoints(u, v, { epsilon: 0.05, tol: 1e-6, precision: 'float32', returnPlan: false }), 1);
  console.log(`5000 x 5000 within a 16 MiB memory limit (the cost matrix alone would need 100 MB): ${online.result.method}, float32, ${online.result.iterations} iterations, ${fmt(online.ms)}`);
  await init({ memoryLimit: limit });
}
