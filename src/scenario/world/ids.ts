/** The ids of a merged document: regions, groups, products and processes, sorted for a stable order. */
import type { Ids } from '../context.js';
import { Issues } from '../issues.js';
import { issueAt, locate, type Loc } from '../locate.js';
import { suggest } from '../zodIssues.js';

type Doc = Record<string, unknown>;

/** Collects and checks the ids; group members must be regions and group names must not shadow regions. */
export function collectIds(doc: Doc, issues: Issues, fallback: Loc): Ids {
  const keys = (section: string): string[] => (doc[section] && typeof doc[section] === 'object' ? Object.keys(doc[section] as Doc).sort() : []);
  const regions = keys('regions');
  const regionIndex = new Map(regions.map((id, i) => [id, i]));
  const products = keys('products');
  const groups = new Map<string, number[]>();
  const groupDoc = (doc.groups ?? {}) as Record<string, unknown[]>;
  for (const name of Object.keys(groupDoc).sort()) {
    if (regionIndex.has(name)) {
      issues.add(issueAt(locate(doc, ['groups', name], fallback, true), `group "${name}" has the name of a region`));
      continue;
    }
    const members: number[] = [];
    groupDoc[name].forEach((member, i) => {
      const r = regionIndex.get(String(member));
      if (r === undefined) issues.add(issueAt(locate(doc, ['groups', name, i], fallback), `unknown region "${String(member)}"${suggest(String(member), regions)}`));
      else if (!members.includes(r)) members.push(r);
    });
    groups.set(name, members.sort((a, b) => a - b));
  }
  if (regions.length === 0) issues.add(issueAt(locate(doc, [], fallback), 'no regions: the world must declare `regions`'));
  if (products.length === 0) issues.add(issueAt(locate(doc, [], fallback), 'no products: the world must declare `products`'));
  return { regions, regionIndex, groups, products, productIndex: new Map(products.map((id, i) => [id, i])), processes: new Set(keys('processes')) };
}
