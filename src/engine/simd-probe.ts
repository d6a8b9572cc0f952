/**
 * Whether this runtime validates fixed-width SIMD: a 31-byte module of type () -> v128 whose
 * body is `i32.const 0; i8x16.splat; i8x16.popcnt` (popcnt exists only in the final SIMD
 * proposal; the wasm-feature-detect approach). `WebAssembly.validate` compiles nothing, so it is
 * allowed under CSP and in Cloudflare Workers.
 */
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11,
]);

let cached: boolean | undefined;

export function simdSupported(): boolean {
  if (cached === undefined) {
    try {
      cached = WebAssembly.validate(SIMD_PROBE);
    } catch {
      cached = false;
    }
  }
  return cached;
}
