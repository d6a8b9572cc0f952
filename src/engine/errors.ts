/**
 * Every failure simdnum reports on purpose: a code a program can switch on and a message that
 * names the argument, what was expected and what was given.
 */

/** The documented error codes (see README, "Errors"). */
export type ErrorCode =
  | 'INVALID_ARGUMENT' // wrong type or an option outside its domain
  | 'SHAPE_MISMATCH' // sizes that do not fit together
  | 'EMPTY_INPUT' // no data where some is needed
  | 'NOT_FINITE' // NaN or +-Infinity in an input that must be finite
  | 'NEGATIVE_WEIGHT' // a weight (mass) below zero
  | 'NEGATIVE_COST' // a transport cost below zero
  | 'MASS_MISMATCH' // a balanced transport problem whose two masses differ
  | 'NOT_POSITIVE_DEFINITE' // Cholesky of a matrix that is not positive definite
  | 'SINGULAR_COVARIANCE' // a bandwidth rule on data whose covariance is singular
  | 'SINGULAR_MATRIX' // a triangular solve with a zero on the diagonal
  | 'OUT_OF_MEMORY' // the call needs more WebAssembly memory than the limit allows
  | 'ABORTED' // an AbortSignal fired during a long call
  | 'NOT_INITIALIZED' // a call before init() where synchronous initialisation is impossible
  | 'INIT_FAILED' // the binary could not be compiled or is not a simdnum binary
  | 'INTERNAL'; // a kernel trapped: a bug in simdnum, please report it

/** The error simdnum throws for bad input and resource limits. The engine stays usable. */
export class SimdnumError extends Error {
  /** Machine-readable reason, one of {@link ErrorCode}. */
  readonly code: ErrorCode;
  /** Extra facts about the failure (OUT_OF_MEMORY: `bytesNeeded`, `memoryLimit`; MASS_MISMATCH: `massA`, `massB`). Not named `details`: test frameworks (uvu) read that field as a string. */
  readonly info: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, message: string, info: Record<string, unknown> = {}) {
    super(message);
    this.name = 'SimdnumError';
    this.code = code;
    this.info = info;
  }
}

/** Throws a {@link SimdnumError}; typed `never` so callers can use it in expressions. */
export function fail(code: ErrorCode, message: string, info?: Record<string, unknown>): never {
  throw new SimdnumError(code, message, info);
}

/** Short description of a value for error messages ("a string", "NaN", "an array of 3"). */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return `the string "${value.length > 20 ? value.slice(0, 20) + '…' : value}"`;
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name} of length ${(value as unknown as ArrayLike<number>).length}`;
  return `a value of type ${typeof value}`;
}
