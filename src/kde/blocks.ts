/**
 * Block size of the pruned kernel sums (assembly/kde/eval.ts), whose samples are laid out in
 * k-d block order by assembly/kde/layout.ts: small enough for tight boxes in low dimension,
 * large enough to amortise the bounds.
 */
export const BLOCK = 128;
