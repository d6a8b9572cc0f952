/**
 * A hand-assembled WebAssembly module that looks like a simdnum binary (same export names, ABI
 * version as given, exported memory) but whose kernels execute `unreachable`: used to check that a
 * kernel trap becomes SimdnumError INTERNAL and leaves the library usable. Also a module
 * with a foreign import, which init must refuse.
 */

const enc = new TextEncoder();

function leb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
}

const section = (id: number, body: number[]) => [id, ...leb(body.length), ...body];
const str = (s: string) => [...leb(enc.encode(s).length), ...enc.encode(s)];
const vec = (items: number[][]) => [...leb(items.length), ...items.flat()];

/** Exports: memory, heap_base -> 1024, abi_version -> abi (0..63), backend_simd -> 0, the rest trap. */
export function trappingBinary(kernelNames: string[], abi: number): Uint8Array {
  // type 0: () -> i32
  const types = section(1, vec([[0x60, 0, 1, 0x7f]]));
  // four functions of type 0: const 1024, const abi, const 0, and one that traps
  const funcs = section(3, vec([[0], [0], [0], [0]]));
  const memory = section(5, vec([[0x00, 1]]));
  const fixed: [string, number, number][] = [['heap_base', 0, 0], ['abi_version', 0, 1], ['backend_simd', 0, 2]];
  const exports = [
    [...str('memory'), 0x02, 0],
    ...fixed.map(([name, , idx]) => [...str(name), 0x00, idx]),
    ...kernelNames.filter((k) => !fixed.some(([f]) => f === k)).map((name) => [...str(name), 0x00, 3]),
  ];
  const exportSection = section(7, vec(exports));
  const body = (code: number[]) => [...leb(code.length + 1), 0, ...code];
  const code = section(10, vec([
    body([0x41, 0x80, 0x08, 0x0b]), // i32.const 1024 (signed LEB128)
    body([0x41, abi & 0x3f, 0x0b]), // a one-byte signed LEB128 holds 0..63
    body([0x41, 0, 0x0b]),
    body([0x00, 0x0b]),
  ]));
  return new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, ...types, ...funcs, ...memory, ...exportSection, ...code]);
}

/** A valid module importing something simdnum does not provide. */
export function foreignImportBinary(): Uint8Array {
  const types = section(1, vec([[0x60, 0, 0]]));
  const imports = section(2, vec([[...str('env'), ...str('now'), 0x00, 0]]));
  return new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, ...types, ...imports]);
}
