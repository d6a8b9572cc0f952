// as-pect runs the kernel-level specs in assembly/__tests__/, once per build:
//   asp -a as-pect.simd.asconfig.json    and    asp -a as-pect.scalar.asconfig.json
// (tests/run/all.mjs does both), so both branches of every `if (ASC_FEATURE_SIMD)` are covered.
export default {
  entries: ['assembly/__tests__/**/*.spec.ts'],
  include: ['assembly/__tests__/**/*.include.ts'],
  disclude: [/node_modules/],
  async instantiate(memory, createImports, instantiate, binary) {
    return instantiate(binary, createImports({ env: { memory } }));
  },
  outputBinary: false,
};
