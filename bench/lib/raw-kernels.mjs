// The release binaries instantiated directly, for kernel-only timings: data already in wasm
// memory, no copies, no validation (the public API adds those; both are reported).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = join(fileURLToPath(new URL('.', import.meta.url)), '../../dist');

export function rawKernels(build) {
  const module = new WebAssembly.Module(readFileSync(join(dist, `${build}.wasm`)));
  const k = new WebAssembly.Instance(module, {}).exports;
  let top = k.heap_base();
  return {
    k,
    /** Reserves n float64 (16-byte aligned), growing memory as needed; returns the address. */
    allocF64(n) {
      const ptr = top;
      top += Math.ceil((n * 8) / 16) * 16;
      const need = top - k.memory.buffer.byteLength;
      if (need > 0) k.memory.grow(Math.ceil(need / 65536));
      return ptr;
    },
    f64: (ptr, n) => new Float64Array(k.memory.buffer, ptr, n),
    reset() {
      top = k.heap_base();
    },
  };
}
