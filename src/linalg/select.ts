/**
 * Quickselect (Hoare's partition with a deterministic median-of-three pivot): expected O(n)
 * instead of a sort, for coordinate-descent working sets (the KDE k-d splits use its wasm port,
 * assembly/kde/layout.ts).
 */

/** Moves the k-th smallest (by key) of idx[lo, hi) to position k, smaller ones before it. */
export function select(idx: Int32Array, key: (i: number) => number, lo: number, hi: number, k: number): void {
  const keys = new Float64Array(idx.length);
  for (let p = lo; p < hi; p++) keys[p] = key(idx[p]);
  selectKeyed(idx, keys, lo, hi, k);
}

/**
 * select with the keys in an array parallel to idx (keys[p] is the key of idx[p] for p in
 * [lo, hi); both are permuted together): each key is read once, not at every comparison.
 */
export function selectKeyed(idx: Int32Array, keys: Float64Array, lo: number, hi: number, k: number): void {
  let l = lo, r = hi - 1;
  while (r > l) {
    const mid = (l + r) >> 1;
    const a = keys[l], b = keys[mid], c = keys[r];
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = l, j = r;
    while (i <= j) {
      while (keys[i] < pivot) i++;
      while (keys[j] > pivot) j--;
      if (i <= j) {
        const t = idx[i];
        idx[i] = idx[j];
        idx[j] = t;
        const u = keys[i];
        keys[i] = keys[j];
        keys[j] = u;
        i++;
        j--;
      }
    }
    if (k <= j) r = j;
    else if (k >= i) l = i;
    else return;
  }
}
