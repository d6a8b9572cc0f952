/**
 * Loading: init, initSync, engineInfo and the engine every API call runs on.
 *
 * The bundled binaries (inlined bytes, or imported modules in the workerd entry) are compiled
 * once per backend and cached; `init` is idempotent. Calls made before `init` initialise
 * synchronously where the runtime allows it (Node, Deno, Bun, workers, workerd) and throw
 * NOT_INITIALIZED on a browser main thread, where synchronous compilation is refused.
 */

import { bundledModule, bundledModuleSync, DEFAULT_MEMORY_LIMIT } from './binaries.js';
import { describe, fail, SimdnumError } from './errors.js';
import { optionKeys, optionsObject } from './inputs.js';
import { instantiate, type Backend, type Engine } from './instance.js';
import { simdSupported } from './simd-probe.js';

declare const __SIMDNUM_VERSION__: string;

/** Options of {@link init}. */
export interface InitOptions {
  /**
   * The binary to use instead of the bundled one: a compiled Module, its bytes, a Response
   * (or a promise of one, e.g. `fetch(url)`), or a URL to fetch.
   */
  source?: WebAssembly.Module | BufferSource | Response | PromiseLike<Response> | URL | string;
  /** `false` forces the scalar build; `true` requires SIMD; omitted: SIMD when validated. */
  simd?: boolean;
  /** Upper bound on WebAssembly memory in bytes (default 1 GiB; 96 MiB in the workerd entry). */
  memoryLimit?: number;
}

export const INIT_KEYS = optionKeys<InitOptions>()('source', 'simd', 'memoryLimit');

/** Options of {@link initSync}: as {@link InitOptions}, with a source at hand synchronously. */
export interface InitSyncOptions {
  source?: WebAssembly.Module | BufferSource;
  simd?: boolean;
  memoryLimit?: number;
}

export const INIT_SYNC_KEYS = optionKeys<InitSyncOptions>()('source', 'simd', 'memoryLimit');

/** What is loaded. */
export interface EngineInfo {
  /** Which build runs the kernels. */
  backend: Backend;
  /** simdnum version. */
  version: string;
  /** Current size of the engine's WebAssembly memory in bytes. */
  memoryBytes: number;
  /** The memory limit in force. */
  memoryLimit: number;
  /** Whether this runtime validated the SIMD probe. */
  simdSupported: boolean;
}

let current: Engine | null = null;
let memoryLimit = DEFAULT_MEMORY_LIMIT;
const bundled: Partial<Record<Backend, Engine>> = {};
const compiling: Partial<Record<Backend, Promise<WebAssembly.Module>>> = {};

function isBrowserMainThread(): boolean {
  const g = globalThis as { document?: unknown; window?: unknown; process?: { versions?: { node?: string } } };
  return typeof g.document === 'object' && typeof g.window === 'object' && !g.process?.versions?.node;
}

function checkOptions(options: unknown, known: readonly string[]): asserts options is InitOptions {
  if (options === null || typeof options !== 'object') {
    fail('INVALID_ARGUMENT', `init options must be an object, got ${describe(options)}`);
  }
  optionsObject('options', options, known);
  const { simd, memoryLimit: limit } = options as InitOptions;
  if (simd !== undefined && typeof simd !== 'boolean') {
    fail('INVALID_ARGUMENT', `init option simd must be a boolean, got ${describe(simd)}`);
  }
  if (limit !== undefined && !(typeof limit === 'number' && limit >= 65536 && limit <= 2 ** 32)) {
    fail('INVALID_ARGUMENT', `init option memoryLimit must be a number of bytes between 65536 and 2^32, got ${describe(limit)}`);
  }
}

function applyMemoryLimit(limit: number | undefined): void {
  if (limit === undefined) return;
  memoryLimit = limit;
  for (const e of [current, bundled.simd, bundled.scalar]) if (e) e.arena.limit = limit;
}

function chooseBackend(simd: boolean | undefined): Backend {
  if (simd === undefined && current) return current.backend;
  if (simd === false) return 'scalar';
  const supported = simdSupported();
  if (simd === true && !supported) {
    fail('INIT_FAILED', 'simd: true was requested but this runtime does not validate WebAssembly SIMD; omit the option to fall back to the scalar build');
  }
  return supported ? 'simd' : 'scalar';
}

function checkBackend(engine: Engine, simd: boolean | undefined): Engine {
  if (simd !== undefined && (engine.backend === 'simd') !== simd) {
    fail('INIT_FAILED', `the given source is the ${engine.backend} build but simd: ${simd} was requested`);
  }
  return engine;
}

async function moduleFrom(source: NonNullable<InitOptions['source']>): Promise<WebAssembly.Module> {
  if (source instanceof WebAssembly.Module) return source;
  if (source instanceof ArrayBuffer || ArrayBuffer.isView(source)) return WebAssembly.compile(source);
  let response: Response;
  if (typeof source === 'string' || source instanceof URL) {
    try {
      response = await fetch(source);
    } catch (err) {
      fail('INIT_FAILED', `could not fetch the simdnum binary from ${String(source)}: ${(err as Error).message}; in runtimes without fetch for this URL scheme, pass the bytes or a WebAssembly.Module as source`);
    }
  } else if (typeof (source as PromiseLike<Response>).then === 'function' || typeof (source as Response).arrayBuffer === 'function') {
    response = await source;
  } else {
    fail('INVALID_ARGUMENT', `init option source must be a WebAssembly.Module, bytes, a Response or a URL, got ${describe(source)}`);
  }
  if (!response.ok) fail('INIT_FAILED', `fetching the simdnum binary failed with HTTP ${response.status}`);
  return WebAssembly.compile(await response.arrayBuffer());
}

function compileError(err: unknown): never {
  if (err instanceof SimdnumError) throw err;
  fail('INIT_FAILED', `could not compile the simdnum binary: ${(err as Error)?.message ?? String(err)}`);
}

/**
 * Loads and instantiates simdnum. Idempotent: later calls return at once unless they ask for a
 * different backend (`simd`) or binary (`source`), which replaces the engine (results already
 * returned are plain arrays and stay valid).
 *
 * @example
 * await init();                 // SIMD build where validated, else scalar
 * await init({ simd: false });  // force the scalar build
 */
export async function init(options: InitOptions = {}): Promise<EngineInfo> {
  checkOptions(options, INIT_KEYS);
  applyMemoryLimit(options.memoryLimit);
  if (options.source !== undefined) {
    let module: WebAssembly.Module;
    try {
      module = await moduleFrom(options.source);
    } catch (err) {
      compileError(err);
    }
    current = checkBackend(instantiate(module, memoryLimit), options.simd);
    return engineInfo();
  }
  const backend = chooseBackend(options.simd);
  if (!bundled[backend]) {
    compiling[backend] ??= bundledModule(backend === 'simd');
    let module: WebAssembly.Module;
    try {
      module = await compiling[backend]!;
    } catch (err) {
      delete compiling[backend];
      compileError(err);
    }
    bundled[backend] ??= instantiate(module, memoryLimit);
  }
  current = bundled[backend]!;
  return engineInfo();
}

/**
 * Synchronous {@link init} for Node, Deno, Bun, workers and workerd. Browsers refuse
 * synchronous compilation of larger modules on the main thread: use `await init()` there.
 */
export function initSync(options: InitSyncOptions = {}): EngineInfo {
  checkOptions(options, INIT_SYNC_KEYS);
  applyMemoryLimit(options.memoryLimit);
  const { source } = options;
  if (source !== undefined) {
    let module: WebAssembly.Module;
    if (source instanceof WebAssembly.Module) module = source;
    else if (source instanceof ArrayBuffer || ArrayBuffer.isView(source)) {
      try {
        module = new WebAssembly.Module(source);
      } catch (err) {
        compileError(err);
      }
    } else {
      fail('INVALID_ARGUMENT', `initSync option source must be a WebAssembly.Module or bytes, got ${describe(source)}; use await init() for a Response or URL`);
    }
    current = checkBackend(instantiate(module, memoryLimit), options.simd);
    return engineInfo();
  }
  const backend = chooseBackend(options.simd);
  if (!bundled[backend]) {
    let module: WebAssembly.Module;
    try {
      module = bundledModuleSync(backend === 'simd');
    } catch (err) {
      compileError(err);
    }
    bundled[backend] = instantiate(module, memoryLimit);
  }
  current = bundled[backend]!;
  return engineInfo();
}

/** The engine API calls run on, initialising synchronously where the runtime allows it. */
export function engine(): Engine {
  if (current) return current;
  if (isBrowserMainThread()) {
    fail('NOT_INITIALIZED', 'simdnum is not initialised: call `await init()` once before using it (browsers refuse to compile WebAssembly synchronously on the main thread)');
  }
  initSync();
  return current!;
}

/**
 * What is loaded: backend, version, memory size and limit.
 *
 * @example
 * engineInfo().backend  // 'simd'
 */
export function engineInfo(): EngineInfo {
  const e = engine();
  return {
    backend: e.backend,
    version: typeof __SIMDNUM_VERSION__ === 'string' ? __SIMDNUM_VERSION__ : '0.0.0-dev',
    memoryBytes: e.memory.buffer.byteLength,
    memoryLimit: e.arena.limit,
    simdSupported: simdSupported(),
  };
}
