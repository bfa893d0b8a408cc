/** Ranking helpers shared by the report's "show the largest effects" choices. */

/** The `n` items with the highest score, highest first; ties keep input order (so world order breaks ties). */
export function topBy<T>(items: readonly T[], score: (item: T) => number, n: number): T[] {
  return items
    .map((item, i) => ({ item, i, s: score(item) }))
    .sort((a, b) => b.s - a.s || a.i - b.i)
    .slice(0, Math.max(0, n))
    .map((x) => x.item);
}

/** Distinct values of `key` over `items`, in first-seen order. */
export function distinct<T>(items: readonly T[], key: (item: T) => string): string[] {
  return [...new Set(items.map(key))];
}
