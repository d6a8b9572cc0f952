/**
 * The memory arena: every buffer a kernel reads or writes lives here. Kernels never allocate;
 * an API call reserves its inputs, outputs and scratch space from the arena, calls kernels with
 * the pointers, copies results out into fresh typed arrays and releases everything on return
 * (also when it throws). Reservations are 16-byte aligned (v128 loads and stores).
 *
 * Growing wasm memory detaches every view of the old `memory.buffer`, so the arena never hands
 * out a long-lived view: `f64(ptr, n)` and friends build a fresh view on each call, after the
 * reservations of the call are done.
 */

import { fail } from './errors.js';

const PAGE = 65536;
const ALIGN = 16;

/** Formats a byte count for messages (binary units). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  return `${(bytes / 1024 / 1024 / 1024).toFixed(2)} GiB`;
}

export class Arena {
  private top: number;

  constructor(
    private readonly memory: WebAssembly.Memory,
    private readonly base: number,
    /** Upper bound on the size of wasm memory in bytes. */
    public limit: number,
  ) {
    this.top = base;
  }

  /** Current top of the arena; pass it to {@link release} to free what was reserved after. */
  mark(): number {
    return this.top;
  }

  /** Frees every reservation made after `mark` (memory stays at its size for the next call). */
  release(mark: number): void {
    this.top = mark;
  }

  /** Bytes currently reserved. */
  get used(): number {
    return this.top - this.base;
  }

  /**
   * Reserves `bytes` (rounded up to 16) and returns the address. Grows wasm memory when needed;
   * throws OUT_OF_MEMORY, leaving the arena unchanged, if that would pass the limit.
   */
  alloc(bytes: number): number {
    const size = Math.ceil(Math.max(bytes, 0) / ALIGN) * ALIGN;
    const ptr = this.top;
    const end = ptr + size;
    if (!Number.isFinite(end) || end > this.limit) {
      fail(
        'OUT_OF_MEMORY',
        `this call needs ${formatBytes(end)} of WebAssembly memory but the limit is ${formatBytes(this.limit)}; ` +
          'pass a larger memoryLimit to init() or split the problem',
        { bytesNeeded: end, memoryLimit: this.limit },
      );
    }
    const have = this.memory.buffer.byteLength;
    if (end > have) {
      try {
        this.memory.grow(Math.ceil((end - have) / PAGE));
      } catch {
        fail('OUT_OF_MEMORY', `the runtime refused to grow WebAssembly memory to ${formatBytes(end)}`, {
          bytesNeeded: end,
          memoryLimit: this.limit,
        });
      }
    }
    this.top = end;
    return ptr;
  }

  allocF64(n: number): number {
    return this.alloc(n * 8);
  }

  allocF32(n: number): number {
    return this.alloc(n * 4);
  }

  allocI32(n: number): number {
    return this.alloc(n * 4);
  }

  /** Fresh Float64Array view of n values at ptr (valid until the next reservation). */
  f64(ptr: number, n: number): Float64Array {
    return new Float64Array(this.memory.buffer, ptr, n);
  }

  f32(ptr: number, n: number): Float32Array {
    return new Float32Array(this.memory.buffer, ptr, n);
  }

  i32(ptr: number, n: number): Int32Array {
    return new Int32Array(this.memory.buffer, ptr, n);
  }

  /** Reserves n float64 and copies `values` in (converting from float32 or number[]). */
  putF64(values: ArrayLike<number>): number {
    const ptr = this.allocF64(values.length);
    this.f64(ptr, values.length).set(values);
    return ptr;
  }

  /** Reserves n float32 and copies `values` in. */
  putF32(values: ArrayLike<number>): number {
    const ptr = this.allocF32(values.length);
    this.f32(ptr, values.length).set(values);
    return ptr;
  }

  /** Copies n float64 at ptr out into a new Float64Array. */
  takeF64(ptr: number, n: number): Float64Array {
    return this.f64(ptr, n).slice();
  }

  takeF32(ptr: number, n: number): Float32Array {
    return this.f32(ptr, n).slice();
  }

  takeI32(ptr: number, n: number): Int32Array {
    return this.i32(ptr, n).slice();
  }
}
