/**
 * Region and product selectors. A selector is one item or a list of items; an item is an id, a group
 * (regions), a glob (products: `oxide.*`, `*.Dy`), `"*"` (all) or `"!item"` (all but). The result is
 * the union of the included items (all when only exclusions are given) minus the excluded ones.
 */
import type { Ctx } from './context.js';
import type { Segment } from './locate.js';
import { suggest } from './zodIssues.js';

/** Region indices selected by `raw` (sorted), or null after reporting an issue. */
export function selectRegions(ctx: Ctx, path: readonly Segment[], raw: unknown): number[] | null {
  const { regions, regionIndex, groups } = ctx.ids;
  return select(ctx, path, raw, regions.length, 'region', (item) => {
    if (item === '*') return regions.map((_, i) => i);
    const one = regionIndex.get(item);
    if (one !== undefined) return [one];
    const group = groups.get(item);
    if (group) return [...group];
    return `unknown region or group "${item}"${suggest(item, [...regions, ...groups.keys()])}${known(regions)}`;
  });
}

/** Product indices selected by `raw` (sorted), or null after reporting an issue. */
export function selectProducts(ctx: Ctx, path: readonly Segment[], raw: unknown): number[] | null {
  const { products, productIndex } = ctx.ids;
  return select(ctx, path, raw, products.length, 'product', (item) => {
    if (item.includes('*')) {
      const re = globToRegExp(item);
      const hits = products.flatMap((p, i) => (re.test(p) ? [i] : []));
      return hits.length > 0 ? hits : `"${item}" matches no product${known(products)}`;
    }
    const one = productIndex.get(item);
    return one !== undefined ? [one] : `unknown product "${item}"${suggest(item, products)}${known(products)}`;
  });
}

/** A single region id (not a selector), or -1 after reporting an issue. */
export function regionId(ctx: Ctx, path: readonly Segment[]): number {
  const raw = ctx.get(path);
  const i = typeof raw === 'string' ? ctx.ids.regionIndex.get(raw) : undefined;
  if (i !== undefined) return i;
  const hint = typeof raw === 'string' && ctx.ids.groups.has(raw) ? ' (a group is not allowed here: name one region)' : suggest(String(raw), ctx.ids.regions);
  ctx.error(path, `unknown region "${String(raw)}"${hint}${known(ctx.ids.regions)}`);
  return -1;
}

/** A single product id (not a selector), or -1 after reporting an issue; `asKey` checks the key at `path`. */
export function productId(ctx: Ctx, path: readonly Segment[], asKey = false): number {
  const raw = asKey ? path[path.length - 1] : ctx.get(path);
  const i = typeof raw === 'string' ? ctx.ids.productIndex.get(raw) : undefined;
  if (i !== undefined) return i;
  ctx.error(path, `unknown product "${String(raw)}"${suggest(String(raw), ctx.ids.products)}${known(ctx.ids.products)}`, asKey);
  return -1;
}

function select(ctx: Ctx, path: readonly Segment[], raw: unknown, size: number, noun: string, resolve: (item: string) => number[] | string): number[] | null {
  const items = Array.isArray(raw) ? raw : [raw];
  const include = new Set<number>();
  const exclude = new Set<number>();
  let includes = 0;
  let ok = true;
  items.forEach((item, i) => {
    const at = Array.isArray(raw) ? [...path, i] : path;
    if (typeof item !== 'string' || item === '' || item === '!') {
      ctx.error(at, `expected a ${noun} selector item, got ${JSON.stringify(item)}`);
      ok = false;
      return;
    }
    const negated = item.startsWith('!');
    const hit = resolve(negated ? item.slice(1) : item);
    if (typeof hit === 'string') {
      ctx.error(at, hit);
      ok = false;
      return;
    }
    if (!negated) includes++;
    for (const x of hit) (negated ? exclude : include).add(x);
  });
  if (!ok) return null;
  const base = includes === 0 ? Array.from({ length: size }, (_, i) => i) : [...include];
  const out = base.filter((x) => !exclude.has(x)).sort((a, b) => a - b);
  if (out.length === 0) {
    ctx.error(path, `selects no ${noun}`);
    return null;
  }
  return out;
}

/** `oxide.*` → /^oxide\..*$/ : `*` matches any characters (dots included), everything else literally. */
export function globToRegExp(glob: string): RegExp {
  return new RegExp(`^${glob.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
}

function known(ids: readonly string[]): string {
  return ids.length <= 12 ? ` (known: ${ids.join(', ')})` : ` (known: ${ids.slice(0, 12).join(', ')}, …)`;
}
