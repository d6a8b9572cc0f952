// Memory layout facts the TypeScript arena needs. Kernels never allocate: the arena in
// src/engine/arena.ts bump-allocates every buffer above the heap base and grows memory itself.

/** First 16-byte-aligned address above the static data: where the arena starts. */
export function heap_base(): usize {
  return (__heap_base + 15) & ~<usize>15;
}

/** 1 in the SIMD build, 0 in the scalar build (both come from one source). */
export function backend_simd(): i32 {
  return ASC_FEATURE_SIMD ? 1 : 0;
}

/**
 * Version of the kernel ABI; the TypeScript kernel table refuses a binary with another one.
 * Bump it with every change of a kernel's name, parameters or buffer layout. 2: KDE unit
 * coordinates take an origin, kde_work_size takes d, kde_eval_f32 takes float32 log weights;
 * the OT scaling kernels take a float32 kernel copy (K32) and the plan pass the last pass's
 * column sums (t); the OT parameter and status blocks grew to 13 and 9 slots.
 */
export function abi_version(): i32 {
  return 2;
}
