/**
 * Scalar log, exp, pow and log-gamma computed in wasm: the hosts' Math.log, Math.exp and
 * Math.pow may differ in the last bit between engines (V8, JavaScriptCore), which would break
 * bit-identical results across runtimes. Math.sqrt is correctly rounded everywhere and is
 * used directly.
 */

import { engine } from './state.js';

export const detLog = (x: number): number => engine().kernels.log_scalar(x);
export const detExp = (x: number): number => engine().kernels.exp_scalar(x);
/** x^y for x > 0. */
export const detPow = (x: number, y: number): number => detExp(y * detLog(x));
export const lgamma = (x: number): number => engine().kernels.lgamma_f64(x);
export const detCos = (x: number): number => engine().kernels.cos_scalar(x);
export const detSin = (x: number): number => engine().kernels.sin_scalar(x);
