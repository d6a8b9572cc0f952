// The binaries as the test bundles see them: bytes (esbuild's binary loader) in Node, Deno,
// Bun and Chromium; a compiled Module in workerd, where .wasm imports are modules.
declare module 'simdnum/wasm/simd.wasm' {
  const binary: Uint8Array | WebAssembly.Module;
  export default binary;
}
declare module 'simdnum/wasm/scalar.wasm' {
  const binary: Uint8Array | WebAssembly.Module;
  export default binary;
}
