/**
 * The affine map of polyfit: the data range [d0, d1] onto the window [-1, 1], exactly as
 * numpy.polynomial.polyutils.mapparms / mapdomain compute it, so that mapped points (and hence
 * fits) agree with numpy's Polynomial.fit and Chebyshev.fit bit for bit in the map.
 */

export interface DomainMap {
  /** [min x, max x] (widened to [x - 1, x + 1] when all x are equal). */
  domain: [number, number];
  /** t = off + scl x. */
  off: number;
  scl: number;
}

/**
 * off = (w0 d1 - w1 d0) / (d1 - d0), scl = (w1 - w0) / (d1 - d0) with window [w0, w1] = [-1, 1].
 * O(1).
 * @example
 * domainMap(2000, 2023) // { domain: [2000, 2023], off: -174.9..., scl: 0.0869... }
 */
export function domainMap(d0: number, d1: number): DomainMap {
  if (d0 === d1) {
    d0 -= 1;
    d1 += 1;
  }
  const w0 = -1, w1 = 1;
  const off = (w0 * d1 - w1 * d0) / (d1 - d0);
  const scl = (w1 - w0) / (d1 - d0);
  return { domain: [d0, d1], off, scl };
}
