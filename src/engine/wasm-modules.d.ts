// `.wasm` files imported as ES modules (workerd, wrangler, Vercel edge) arrive compiled.
declare module '*.wasm' {
  const module: WebAssembly.Module;
  export default module;
}
