/**
 * The k-th largest of an array in expected O(n) (Hoare's quickselect with a median-of-three
 * pivot), for picking working sets: a full sort of 10^4 priorities per outer iteration cost
 * more than the coordinate descent itself on p >> n problems.
 */

/** The k-th largest value (k = 1: the maximum) of `values`, which it reorders. Requires 1 <= k <= length. */
export function kthLargest(values: Float64Array, k: number): number {
  let lo = 0, hi = values.length - 1;
  const target = k - 1; // index in descending order
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const a = values[lo], b = values[mid], c = values[hi];
    const pivot = a > b ? (b > c ? b : a > c ? c : a) : a > c ? a : b > c ? c : b;
    let i = lo, j = hi;
    // partition descending: left >= pivot >= right
    while (i <= j) {
      while (values[i] > pivot) i++;
      while (values[j] < pivot) j--;
      if (i <= j) {
        const t = values[i];
        values[i] = values[j];
        values[j] = t;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else return values[target];
  }
  return values[target];
}
