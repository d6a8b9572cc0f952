/**
 * Binaries for Cloudflare workerd and other edge runtimes that forbid compiling WebAssembly
 * from bytes ("Wasm code generation disallowed by embedder"): the `.wasm` files are imported as
 * modules, which these runtimes (and wrangler) hand over already compiled. Same exports as
 * binaries.ts; the build swaps one for the other in dist/entry.workerd.js.
 */

import simdModule from './simd.wasm';
import scalarModule from './scalar.wasm';

/** Workers isolates have 128 MB in all, JS heap included: keep wasm memory well below. */
export const DEFAULT_MEMORY_LIMIT = 96 * 1024 * 1024;

export const SYNC_COMPILE_ALLOWED = true;

export function bundledBytes(): Uint8Array {
  throw new Error('unreachable: the workerd entry has no inlined bytes');
}

export function bundledModuleSync(simd: boolean): WebAssembly.Module {
  return simd ? simdModule : scalarModule;
}

export function bundledModule(simd: boolean): Promise<WebAssembly.Module> {
  return Promise.resolve(bundledModuleSync(simd));
}
