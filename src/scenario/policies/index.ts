/**
 * Policies: one converter per type (a new type = one file here + its schema entry), plus what every
 * policy shares — unique ids and a window whose dates are in order.
 */
import type { PolicyWindow } from '../../model/types.js';
import type { Ctx } from '../context.js';
import type { Segment } from '../locate.js';
import type { PolicyTypeName } from '../schema.js';
import { dateText, parseDate, parseDateEnd, periodAfter, periodOf } from '../timeline.js';
import type { PlantPlan } from '../world/plants.js';
import { capacity } from './capacity.js';
import type { PolicyBuilder, PolicyConverter } from './common.js';
import { demandShock } from './demand_shock.js';
import { exportBan } from './export_ban.js';
import { exportLicense } from './export_license.js';
import { exportQuota } from './export_quota.js';
import { exportTax } from './export_tax.js';
import { importBan } from './import_ban.js';
import { priceFloor } from './price_floor.js';
import { stockpileBuild, stockpileRelease } from './stockpile.js';
import { tariff } from './tariff.js';

/** The converter of each policy type. */
export const CONVERTERS: Record<PolicyTypeName, PolicyConverter> = {
  export_ban: exportBan,
  export_quota: exportQuota,
  export_license: exportLicense,
  export_tax: exportTax,
  tariff,
  import_ban: importBan,
  stockpile_release: stockpileRelease,
  stockpile_build: stockpileBuild,
  capacity,
  price_floor: priceFloor,
  demand_shock: demandShock,
};

/** A compiled policy: its summary for reports and its builder. */
export interface PolicyPlan {
  readonly id: string;
  readonly type: PolicyTypeName;
  readonly scope: 'world' | 'scenario';
  readonly start: string;
  readonly end: string | null;
  readonly announce: string | null;
  /** First month withdrawn, as written (null: never). */
  readonly withdrawn: string | null;
  readonly build: PolicyBuilder;
}

/** Compiles every policy; the first `worldCount` entries were declared by the world file. */
export function compilePolicies(ctx: Ctx, plants: PlantPlan, worldCount: number): PolicyPlan[] {
  const docs = (ctx.doc.policies ?? []) as Record<string, unknown>[];
  const firstAt = new Map<string, Segment[]>();
  const out: PolicyPlan[] = [];
  docs.forEach((doc, i) => {
    const path: Segment[] = ['policies', i];
    const id = String(doc.id);
    const previous = firstAt.get(id);
    if (previous) {
      const loc = ctx.loc(previous);
      ctx.error([...path, 'id'], `two policies with the id "${id}" (the first is at ${loc.file}:${loc.line}); ids must be unique`);
      return;
    }
    firstAt.set(id, path);
    const window = policyWindow(ctx, path, id, doc);
    if (!window) return;
    const type = doc.type as PolicyTypeName;
    const build = CONVERTERS[type]({ ctx, doc, path, name: `policies.${id}`, window, plants });
    if (!build) return;
    out.push({
      id,
      type,
      scope: i < worldCount ? 'world' : 'scenario',
      start: dateText(doc.start),
      end: doc.end === undefined ? null : dateText(doc.end),
      announce: doc.announce === undefined ? null : dateText(doc.announce),
      withdrawn: doc.withdrawn === undefined ? null : dateText(doc.withdrawn),
      build,
    });
  });
  return out;
}

/**
 * The window of a policy: start (the period containing it), end (inclusive in the file: the last month,
 * quarter or year it names is the last in force; internally the index of the first period after it),
 * announce (≤ start), withdrawn (the first period it is no longer in force: the window ends there, even
 * before it started — then it is only ever announced). An end before the start, or a withdrawal no later
 * than the news of the policy, is an error; a policy over before the run is a warning.
 */
export function policyWindow(ctx: Ctx, path: Segment[], id: string, doc: Record<string, unknown>): PolicyWindow | null {
  const start = parseDate(doc.start);
  const end = doc.end === undefined ? null : parseDateEnd(doc.end);
  const announce = doc.announce === undefined ? null : parseDate(doc.announce);
  const withdrawn = doc.withdrawn === undefined ? null : parseDate(doc.withdrawn);
  if (start === null) return null; // the schema already reported a malformed date
  let ok = true;
  if (end !== null && end < start) {
    ctx.error([...path, 'end'], `expected an end no earlier than the start (${dateText(doc.start)}; the end is the last month in force), got ${dateText(doc.end)}`);
    ok = false;
  }
  if (announce !== null && announce > start) {
    ctx.error([...path, 'announce'], `expected an announcement no later than the start (${dateText(doc.start)}), got ${dateText(doc.announce)}`);
    ok = false;
  }
  const news = announce !== null && announce < start ? announce : start;
  if (withdrawn !== null && withdrawn <= news) {
    ctx.error([...path, 'withdrawn'], `expected a withdrawal after the policy was ${announce !== null ? 'announced' : 'in force'} (${dateText(announce !== null ? doc.announce : doc.start)}), got ${dateText(doc.withdrawn)}`);
    ok = false;
  }
  if (!ok) return null;
  const cal = ctx.cal;
  const window: PolicyWindow = {
    id,
    start: periodOf(cal, start),
    end: Math.min(
      end === null ? Number.MAX_SAFE_INTEGER : Math.max(periodAfter(cal, end), periodOf(cal, start) + 1),
      withdrawn === null ? Number.MAX_SAFE_INTEGER : periodOf(cal, withdrawn),
    ),
    announce: announce === null ? null : periodOf(cal, announce),
  };
  const periods = cal.timeline.labels.length;
  if (window.end <= 0) ctx.warn(path, `policy "${id}" ends before the run starts (${cal.timeline.labels[0]}); it has no effect`);
  else if (window.start >= periods) ctx.warn(path, `policy "${id}" starts after the run ends (${cal.timeline.labels[periods - 1]}); it has no effect`);
  return window;
}
