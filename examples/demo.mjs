// `npm start`: every family of simdnum on bundled data, with timings.

import { engineInfo, init } from 'simdnum';
import { demoCore } from './demo/core.mjs';
import { demoOt } from './demo/ot.mjs';
import { demoKde } from './demo/kde.mjs';
import { demoPoly } from './demo/poly.mjs';
import { demoBcd } from './demo/bcd.mjs';

const info = await init();
console.log(`simdnum ${info.version}: ${info.backend} build (SIMD supported: ${info.simdSupported})`);
demoCore();
await demoOt();
demoKde();
demoPoly();
demoBcd();
console.log(`\nwasm memory in use: ${(engineInfo().memoryBytes / 2 ** 20).toFixed(1)} MiB`);
