import { sinkhornPoints, randomUniform } from 'simdnum';
const n = +process.argv[2] || 1000;
const x = { data: randomUniform(2*n,{seed:1}), rows:n, cols:2 }, y = { data: randomUniform(2*n,{seed:2}), rows:n, cols:2 };
for (const eps of [0.05, 0.01]) for (const method of ['log', 'scaling']) for (const precision of ['float64','float32']) {
  let r, ms;
  for (let rep = 0; rep < 2; rep++) { const t0 = performance.now(); r = sinkhornPoints(x, y, { epsilon: eps, method, precision, tol: 1e-6, returnPlan: false }); ms = performance.now() - t0; }
  console.log(eps, method, precision, r.iterations, r.converged, r.marginalError.toExponential(2), r.cost, (ms/r.iterations).toFixed(3)+' ms/it', ms.toFixed(0)+'ms');
}
