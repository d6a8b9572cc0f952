/**
 * One instantiated simdnum binary: its kernel table, its memory and the arena over that memory.
 */

import { Arena } from './arena.js';
import { fail, SimdnumError } from './errors.js';
import { ABI_VERSION, missingKernels, type Kernels } from './kernels.js';

export type Backend = 'simd' | 'scalar';

export interface Engine {
  readonly backend: Backend;
  readonly kernels: Kernels;
  readonly memory: WebAssembly.Memory;
  readonly arena: Arena;
}

/** Imports a binary may ask for: only the debug build imports `env.abort` (assertions). */
function importsFor(module: WebAssembly.Module): WebAssembly.Imports {
  const env: Record<string, WebAssembly.ImportValue> = {};
  for (const imp of WebAssembly.Module.imports(module)) {
    if (imp.module === 'env' && imp.name === 'abort') {
      env.abort = () => {
        throw new SimdnumError('INTERNAL', 'a simdnum kernel assertion failed (debug build)');
      };
    } else {
      fail('INIT_FAILED', `the WebAssembly binary imports ${imp.module}.${imp.name}, which simdnum does not provide; is it a simdnum binary?`);
    }
  }
  return Object.keys(env).length ? { env } : {};
}

/** Instantiates `module` synchronously (allowed everywhere once a Module exists). */
export function instantiate(module: WebAssembly.Module, memoryLimit: number): Engine {
  let instance: WebAssembly.Instance;
  try {
    instance = new WebAssembly.Instance(module, importsFor(module));
  } catch (err) {
    if (err instanceof SimdnumError) throw err;
    fail('INIT_FAILED', `could not instantiate the simdnum binary: ${(err as Error).message}`);
  }
  return bind(instance, memoryLimit);
}

function bind(instance: WebAssembly.Instance, memoryLimit: number): Engine {
  const exports = instance.exports;
  const missing = missingKernels(exports);
  if (missing.length > 0) {
    fail('INIT_FAILED', `the WebAssembly binary lacks the kernels ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}; is it a simdnum binary of this version?`);
  }
  const kernels = exports as unknown as Kernels;
  if (kernels.abi_version() !== ABI_VERSION) {
    fail('INIT_FAILED', `the WebAssembly binary has kernel ABI ${kernels.abi_version()}, this simdnum needs ${ABI_VERSION}`);
  }
  const memory = exports.memory;
  if (!(memory instanceof WebAssembly.Memory)) fail('INIT_FAILED', 'the WebAssembly binary does not export its memory');
  return {
    backend: kernels.backend_simd() === 1 ? 'simd' : 'scalar',
    kernels,
    memory,
    arena: new Arena(memory, kernels.heap_base(), memoryLimit),
  };
}
