// Loading: init and initSync with every kind of source, backend switching, engineInfo, the
// behaviour of a call before init, binaries without imports, and error codes of loading.
import * as assert from 'uvu/assert';
import { suite } from 'uvu';
import { dot, engineInfo, init, initSync, SimdnumError } from 'simdnum';
import simdBinary from 'simdnum/wasm/simd.wasm';
import scalarBinary from 'simdnum/wasm/scalar.wasm';
import { context } from '../harness/context.js';
import { rejectsCode, throwsCode } from '../harness/assert.js';
import { foreignImportBinary, trappingBinary } from '../harness/fake-binary.js';

const test = suite('engine');
const mainThread = () => context.runtime === 'chromium';
/** workerd refuses to compile WebAssembly from bytes; modules are imported there. */
const canCompileBytes = () => context.runtime !== 'workerd';


test('a call before init: NOT_INITIALIZED on a browser main thread, synchronous init elsewhere', () => {
  assert.is(context.preInitError, mainThread() ? 'NOT_INITIALIZED' : null);
});

test('init picks SIMD where validated, is idempotent, and switches backends on request', async () => {
  const info = await init();
  assert.is(info.simdSupported, true, 'every runtime of the matrix validates SIMD');
  assert.is((await init({ simd: true })).backend, 'simd');
  assert.is((await init()).backend, 'simd', 'init() keeps the current backend');
  assert.is((await init({ simd: false })).backend, 'scalar');
  assert.is((await init()).backend, 'scalar');
  assert.is(engineInfo().backend, 'scalar');
  assert.is(initSync({ simd: true }).backend, mainThread() ? 'simd' : 'simd');
  assert.match(engineInfo().version, /^\d+\.\d+\.\d+/);
  assert.ok(engineInfo().memoryBytes >= 65536);
});

test('init accepts a Module, bytes, a Response and a promise of a Response', async () => {
  const asModule = simdBinary instanceof WebAssembly.Module ? simdBinary : await WebAssembly.compile(simdBinary as BufferSource);
  assert.is((await init({ source: asModule })).backend, 'simd');
  assert.is(dot([1, 2], [3, 4]), 11);
  if (canCompileBytes()) {
    const bytes = scalarBinary as Uint8Array;
    assert.is((await init({ source: bytes })).backend, 'scalar');
    assert.is((await init({ source: new Response(bytes as BufferSource, { headers: { 'content-type': 'application/wasm' } }) })).backend, 'scalar');
    assert.is((await init({ source: Promise.resolve(new Response(simdBinary as BufferSource)) })).backend, 'simd');
    assert.is(initSync({ source: bytes }).backend, 'scalar');
  } else {
    await rejectsCode(() => init({ source: new Uint8Array(8) }), 'INIT_FAILED');
  }
  await init({ simd: true });
});

test('release binaries have no imports', () => {
  for (const bin of [simdBinary, scalarBinary]) {
    const module = bin instanceof WebAssembly.Module ? bin : new WebAssembly.Module(bin as BufferSource);
    assert.equal(WebAssembly.Module.imports(module), []);
  }
});

test('loading errors: INIT_FAILED for bad binaries, INVALID_ARGUMENT for bad options', async () => {
  await rejectsCode(() => init({ simd: 'yes' as never }), 'INVALID_ARGUMENT', 'simd');
  await rejectsCode(() => init({ memoryLimit: 10 }), 'INVALID_ARGUMENT', 'memoryLimit');
  await rejectsCode(() => init({ source: 42 as never }), 'INVALID_ARGUMENT', 'source');
  // unknown keys are refused before anything loads, suggesting the accepted key
  await rejectsCode(() => init({ memorylimit: 1 << 30 } as never), 'INVALID_ARGUMENT', 'options.memorylimit', 'did you mean options.memoryLimit?');
  throwsCode(() => initSync({ smid: false } as never), 'INVALID_ARGUMENT', 'options.smid', 'did you mean options.simd?');
  assert.is(initSync({ simd: undefined }).backend, engineInfo().backend);
  if (canCompileBytes()) {
    await rejectsCode(() => init({ source: new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 99]) }), 'INIT_FAILED', 'compile');
    await rejectsCode(() => init({ source: foreignImportBinary() }), 'INIT_FAILED', 'env.now');
    await rejectsCode(() => init({ source: new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]) }), 'INIT_FAILED', 'lacks the kernels');
    await rejectsCode(() => init({ source: new Response('nope', { status: 404 }) }), 'INIT_FAILED', '404');
    throwsCode(() => initSync({ source: new Response('x') as never }), 'INVALID_ARGUMENT', 'initSync');
    await rejectsCode(() => init({ source: scalarBinary as Uint8Array, simd: true }), 'INIT_FAILED', 'scalar build');
  }
  assert.is(dot([1], [2]), 2, 'still usable');
});

test('a trapping kernel becomes INTERNAL and the next init and call work', async () => {
  if (!canCompileBytes()) return; // the fake binary is bytes; workerd cannot compile them
  const real = simdBinary instanceof WebAssembly.Module ? simdBinary : new WebAssembly.Module(simdBinary as BufferSource);
  const names = WebAssembly.Module.exports(real).filter((e) => e.kind === 'function').map((e) => e.name);
  const ABI_VERSION = ((await WebAssembly.instantiate(real)).exports.abi_version as () => number)();
  // a binary built for another kernel ABI (a stale dist/) is refused before any kernel runs
  await rejectsCode(() => init({ source: trappingBinary(names, ABI_VERSION - 1) }), 'INIT_FAILED', `kernel ABI ${ABI_VERSION - 1}`);
  assert.is(dot([1], [1]), 1, 'the previous engine is kept');
  await init({ source: trappingBinary(names, ABI_VERSION) });
  const err = throwsCode(() => dot([1], [1]), 'INTERNAL', 'bug');
  assert.ok(err instanceof SimdnumError);
  await init({ simd: true });
  assert.is(dot([1], [1]), 1);
});

test.run();
