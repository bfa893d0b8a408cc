/**
 * `loadScenario`: read the extends chain, merge it, apply `set`, check and compile every value once.
 * The result carries a compiled plan (hidden) from which `resolveDraw` builds each draw's ModelInput.
 */
import { createHash } from 'node:crypto';
import { parse as parseYaml } from 'yaml';
import type { PeriodKind } from '../model/types.js';
import { loadChain } from './chain.js';
import { Ctx } from './context.js';
import { Issues, ScenarioError } from './issues.js';
import { compileExpectations, type Expectation } from './expectations.js';
import { countProblem, DRAWS_LIMIT, SEED_LIMIT, type CountLimit } from './limits.js';
import { defineValue, getMeta, issueAt, locate, type Loc } from './locate.js';
import { mergeChain } from './merge.js';
import { compilePolicies, type PolicyPlan } from './policies/index.js';
import { applySets, setEntriesOf, type SetEntry } from './set.js';
import { buildCalendar, MAX_PERIODS, parseDate, parseDateEnd, type Calendar } from './timeline.js';
import { compileDemand, type DemandPlan } from './world/demand.js';
import { compileSettings, type SettingsPlan } from './world/dynamics.js';
import { collectIds } from './world/ids.js';
import { compilePlants, type PlantSpec } from './world/plants.js';
import { compileProducts, type ProductPlan } from './world/products.js';
import { compileStocks, type StockPlan } from './world/stocks.js';
import { compileTransport, type TransportPlan } from './world/transport.js';
import { compileSources, type SourcesPlan } from './world/sources.js';
import type { FieldRegistry } from './fields.js';

/** Overrides from the command line; `set` values are scenario-language text ("100%", "{2025: 5%}"). */
export interface LoadOptions {
  seed?: number;
  draws?: number;
  set?: Record<string, string>;
}

/** A checked, compiled scenario: what reports need, plus (hidden) the plan `resolveDraw` evaluates. */
export interface LoadedScenario {
  name: string;
  title: string;
  description: string;
  /** The file as given. */
  file: string;
  /** The extends chain, root (world) first. */
  files: string[];
  seed: number;
  draws: number;
  /** The merged document after `set` (JSON-serialisable, for manifest.json). */
  resolved: unknown;
  /** sha256 (hex) of the canonical JSON of { resolved, seed, draws }. */
  hash: string;
  /** Every policy, world ones first, in declaration order. */
  policies: { id: string; type: string; start: string; end: string | null; announce: string | null; withdrawn?: string; scope: 'world' | 'scenario' }[];
  /** Located warnings (e.g. a policy over before the run starts). */
  warnings: string[];
  /** The file's `expect:` list, checked and in column units (empty when it has none). */
  expectations: Expectation[];
  /** The options it was loaded with (Monte Carlo workers reload the file with them). */
  loadOptions: LoadOptions;
}

/** The compiled plan of a scenario (not serialisable: closures over compiled expressions). */
export interface Plan {
  readonly name: string;
  readonly cal: Calendar;
  readonly regions: { id: string; name: string }[];
  readonly fields: FieldRegistry;
  readonly products: ProductPlan;
  readonly plants: PlantSpec[];
  readonly plantIndex: ReadonlyMap<string, number>;
  readonly demand: DemandPlan;
  readonly stocks: StockPlan;
  readonly transport: TransportPlan;
  readonly sources: SourcesPlan;
  readonly settings: SettingsPlan;
  readonly policies: PolicyPlan[];
}

/** Key of the hidden plan on a LoadedScenario (non-enumerable: JSON and spreads leave it out). */
export const PLAN = Symbol('reesim.plan');

/** The plan of a loaded scenario; throws when the object did not come from `loadScenario` in this process. */
export function planOf(s: LoadedScenario): Plan {
  const plan = (s as unknown as Record<symbol, Plan | undefined>)[PLAN];
  if (!plan) throw new Error('resolveDraw needs a scenario returned by loadScenario in this process (the compiled plan does not survive cloning)');
  return plan;
}

const CLI: Loc = { file: '--set', path: [], line: 0, col: 0 };

/** Loads, merges, checks and compiles a scenario; throws a ScenarioError listing every issue. */
export async function loadScenario(file: string, options: LoadOptions = {}): Promise<LoadedScenario> {
  const issues = new Issues();
  checkOptions(options, issues);
  const chain = await loadChain(file, issues);
  issues.throwIfAny();
  const doc = mergeChain(chain!.map((c) => c.doc));
  const root: Loc = getMeta(doc)!.self;
  const entries = [...setEntriesOf(doc, root), ...cliSets(options.set ?? {}, doc, issues)];
  // From here on the document has its checked shape (a bad override is undone after being reported),
  // so every remaining check runs and the user sees all issues at once.
  applySets(doc, entries, issues);
  const cal = calendarOf(doc, root, issues) ?? buildCalendar('month', 0, 0);
  const ids = collectIds(doc, issues, root);
  const ctx = new Ctx(doc, issues, root, cal, ids);
  const products = compileProducts(ctx);
  const plantPlan = compilePlants(ctx);
  const demand = compileDemand(ctx, products.price);
  const stocks = compileStocks(ctx);
  const transport = compileTransport(ctx, products.transport);
  const sources = compileSources(ctx);
  const settings = compileSettings(ctx);
  const worldCount = Array.isArray(chain![0].doc.policies) ? chain![0].doc.policies.length : 0;
  const policies = compilePolicies(ctx, plantPlan, worldCount);
  const expectations = compileExpectations(ctx);
  issues.throwIfAny();

  const plants = [...plantPlan.plants].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const regionDocs = doc.regions as Record<string, { name: string }>;
  const plan: Plan = {
    name: String(doc.name),
    cal,
    regions: ids.regions.map((id) => ({ id, name: regionDocs[id].name })),
    fields: ctx.fields,
    products,
    plants,
    plantIndex: new Map(plants.map((p, i) => [p.id, i])),
    demand,
    stocks,
    transport,
    sources,
    settings,
    policies,
  };
  const seed = options.seed ?? (doc.seed as number | undefined) ?? 1;
  const draws = options.draws ?? (doc.draws as number | undefined) ?? 1;
  const resolved = JSON.parse(JSON.stringify({ ...doc, seed, draws })) as Record<string, unknown>;
  const loaded: LoadedScenario = {
    name: plan.name,
    title: typeof doc.title === 'string' ? doc.title : '',
    description: typeof doc.description === 'string' ? doc.description : '',
    file,
    files: chain!.map((c) => c.file),
    seed,
    draws,
    resolved,
    hash: createHash('sha256').update(canonicalJson({ resolved, seed, draws })).digest('hex'),
    policies: policies.map(({ id, type, start, end, announce, withdrawn, scope }) => ({ id, type, start, end, announce, ...(withdrawn !== null ? { withdrawn } : {}), scope })),
    warnings: issues.warnings,
    expectations,
    loadOptions: { ...options },
  };
  Object.defineProperty(loaded, PLAN, { value: plan, enumerable: false });
  return loaded;
}

/** The command-line overrides obey the limits of the file fields they replace (limits.ts). */
function checkOptions(options: LoadOptions, issues: Issues): void {
  const check = (name: string, value: number | undefined, limit: CountLimit): void => {
    const problem = value === undefined ? null : countProblem(value, limit);
    if (problem) issues.add({ file: `--${name}`, line: 0, col: 0, path: '', message: problem });
  };
  check('seed', options.seed, SEED_LIMIT);
  check('draws', options.draws, DRAWS_LIMIT);
}

/** Command-line overrides: each value is read as YAML (so "100%" is text and "{2025: 5%}" a series). */
function cliSets(set: Record<string, string>, doc: Record<string, unknown>, issues: Issues): SetEntry[] {
  const entries: SetEntry[] = [];
  for (const [path, text] of Object.entries(set)) {
    const loc: Loc = { ...CLI, path: [path] };
    let value: unknown;
    try {
      value = parseYaml(text, { version: '1.2' });
    } catch (e) {
      issues.add(issueAt(loc, `cannot read the value ${JSON.stringify(text)}: ${(e as Error).message.split('\n')[0]}`));
      continue;
    }
    entries.push({ path, value, loc, valueLoc: loc });
    // Keep command-line overrides in the resolved document (and so in its hash).
    const setMap = (doc.set && typeof doc.set === 'object' ? doc.set : {}) as Record<string, unknown>;
    defineValue(setMap, path, value);
    if (doc.set !== setMap) defineValue(doc, 'set', setMap);
  }
  return entries;
}

/** The run's calendar from `period`, `start` and `end` (required somewhere in the chain). */
function calendarOf(doc: Record<string, unknown>, root: Loc, issues: Issues): Calendar | null {
  const at = (field: string, message: string): void => issues.add(issueAt(locate(doc, doc[field] === undefined ? [] : [field], root), message));
  const start = parseDate(doc.start);
  const end = parseDateEnd(doc.end);
  if (doc.start === undefined) at('start', 'required field missing: start (the first period, e.g. 2025-01), in this file or the world');
  if (doc.end === undefined) at('end', 'required field missing: end (the last period, e.g. 2027-12), in this file or the world');
  if (start === null || end === null) return null;
  if (end < start) {
    at('end', `expected an end no earlier than the start (${String(doc.start)}), got ${String(doc.end)}`);
    return null;
  }
  const cal = buildCalendar((doc.period ?? 'month') as PeriodKind, start, end);
  if (cal.timeline.labels.length > MAX_PERIODS) {
    at('end', `the run has ${cal.timeline.labels.length} periods; at most ${MAX_PERIODS}`);
    return null;
  }
  return cal;
}

/** JSON with object keys sorted at every level: the same document always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export { ScenarioError };
