/** Who pays: welfare.csv's changes against the baseline summed over the run, per region and term. */
import type { WelfareChange } from '../../output/welfare.js';
import { columnIndex, numberAt, type CsvTable } from '../results/csvTable.js';
import { centralDrawOnly, hasResultFile, readResultTable } from '../results/folder.js';

/** Totals of `change_usd` per region × term, in the order the file lists them. */
export function welfareTotals(table: CsvTable): WelfareChange[] {
  const [r, t, c] = ['region', 'term', 'change_usd'].map((name) => columnIndex(table, name));
  const totals = new Map<string, { region: string; term: string; usd: number }>();
  table.rows.forEach((cells, i) => {
    const key = `${cells[r]}\t${cells[t]}`;
    let entry = totals.get(key);
    if (!entry) totals.set(key, (entry = { region: cells[r], term: cells[t], usd: 0 }));
    entry.usd += numberAt(table, i, c) ?? 0;
  });
  return [...totals.values()];
}

/** welfareTotals of a result folder's welfare.csv (central draw), or null for a folder written before it existed. */
export async function readWelfareTotals(dir: string): Promise<WelfareChange[] | null> {
  return (await hasResultFile(dir, 'welfare.csv')) ? welfareTotals(await readResultTable(dir, 'welfare.csv', centralDrawOnly)) : null;
}
