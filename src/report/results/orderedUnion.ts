/** Ordered union of keys: first-seen order of `a`, then the keys only `b` has, in `b`'s order. */
export function orderedUnion<T>(a: Iterable<T>, b: Iterable<T>): T[] {
  const seen = new Set<T>();
  const out: T[] = [];
  for (const list of [a, b]) {
    for (const x of list) {
      if (!seen.has(x)) {
        seen.add(x);
        out.push(x);
      }
    }
  }
  return out;
}
