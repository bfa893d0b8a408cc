/**
 * Processes and plants. A plant is a process in a region: the process gives the recipe, the default cost
 * curve and the expansion parameters; the plant gives the capacity and may override recipe and costs.
 * Cost-band shares are normalised to sum to 1; per-year expansion parameters become per-period ones.
 */
import type { CostBand, PlantDef, RecipeTerm } from '../../model/types.js';
import type { Ctx } from '../context.js';
import { DEFAULT_EXPANSION } from '../defaults.js';
import { RANGES } from '../fields.js';
import { SETTING_RANGES } from '../limits.js';
import type { Segment } from '../locate.js';
import { productId, regionId } from '../selectors.js';

type Doc = Record<string, unknown>;
interface Term { product: number; field: number }
interface Band { share: number; cost: number }

interface ProcessSpec {
  readonly id: string;
  readonly stage: string;
  readonly inputs: Term[];
  readonly outputs: Term[];
  readonly bands: Band[];
  readonly leadTime: number;
  readonly maxGrowth: number;
  readonly minStep: number;
  /** -1: derived from the band costs. */
  readonly fullCost: number;
  /** The process whose plant's capacity this one shares (in the same region), if any. */
  readonly alternativeTo: string | null;
}

/** A plant before a draw: its ids and a builder of its definition. */
export interface PlantSpec {
  readonly id: string;
  readonly region: number;
  readonly process: string;
  build(v: Float64Array): PlantDef;
}

/** Compiled processes and plants; `newPlant` creates a zero-capacity plant (for `capacity` policies). */
export interface PlantPlan {
  readonly plants: PlantSpec[];
  /** The plant of a process in a region, created with zero capacity from the process defaults if absent. */
  plantFor(region: number, process: string): PlantSpec;
}

/** Compiles `processes` and `plants`. */
export function compilePlants(ctx: Ctx): PlantPlan {
  const processDocs = (ctx.doc.processes ?? {}) as Record<string, Doc>;
  const processes = new Map<string, ProcessSpec>();
  for (const id of [...ctx.ids.processes].sort()) processes.set(id, compileProcess(ctx, id, processDocs[id]));
  const plants: PlantSpec[] = [];
  const byId = new Map<string, PlantSpec>();
  const plantDocs = (ctx.doc.plants ?? []) as Doc[];
  plantDocs.forEach((d, i) => {
    const path: Segment[] = ['plants', i];
    const region = regionId(ctx, [...path, 'region']);
    const process = processes.get(String(d.process));
    if (!process) ctx.error([...path, 'process'], `unknown process "${String(d.process)}"${knownList([...processes.keys()])}`);
    if (region < 0 || !process) return;
    const id = `${ctx.ids.regions[region]}.${process.id}`;
    if (byId.has(id)) {
      ctx.error(path, `a second plant of ${process.id} in ${ctx.ids.regions[region]}: one plant per region and process (sum the capacities)`);
      return;
    }
    const name = `plants.${id}`;
    const spec = plantSpec(ctx, id, region, process, {
      capacity: ctx.scalar([...path, 'capacity'], `${name}.capacity`, 'flow', RANGES.nonNegative),
      bands: d.cost ? compileBands(ctx, [...path, 'cost'], `${name}.cost`) : process.bands,
      inputs: d.inputs ? compileRecipe(ctx, [...path, 'inputs'], `${name}.inputs`) : process.inputs,
      outputs: d.outputs ? compileRecipe(ctx, [...path, 'outputs'], `${name}.outputs`) : process.outputs,
      expansion: d.expansion !== false,
    });
    plants.push(spec);
    byId.set(id, spec);
  });
  plantDocs.forEach((d, i) => checkAlternative(ctx, ['plants', i], byId, processes.get(String(d.process)), regionId(ctx, ['plants', i, 'region'])));
  const zero = ctx.compileValue(0, [], 'plants.new.capacity', 'flow', RANGES.nonNegative);
  return {
    plants,
    plantFor(region, processId) {
      const id = `${ctx.ids.regions[region]}.${processId}`;
      const existing = byId.get(id);
      if (existing) return existing;
      const process = processes.get(processId)!;
      // A plant created by a policy: zero capacity, and no endogenous expansion so that its existence
      // does not change the baseline (where the policy does not apply).
      const spec = plantSpec(ctx, id, region, process, { capacity: zero, bands: process.bands, inputs: process.inputs, outputs: process.outputs, expansion: false });
      plants.push(spec);
      byId.set(id, spec);
      return spec;
    },
  };
}

function plantSpec(
  ctx: Ctx,
  id: string,
  region: number,
  p: ProcessSpec,
  own: { capacity: number; bands: Band[]; inputs: Term[]; outputs: Term[]; expansion: boolean },
): PlantSpec {
  const ppy = ctx.cal.periodsPerYear;
  return {
    id,
    region,
    process: p.id,
    build(v) {
      const bands = normaliseBands(own.bands.map((b) => ({ share: v[b.share], unitCost: v[b.cost] })));
      const maxCost = Math.max(...bands.map((b) => b.unitCost));
      return {
        id,
        process: p.id,
        stage: p.stage,
        region,
        inputs: terms(own.inputs, v),
        outputs: terms(own.outputs, v),
        capacity: v[own.capacity],
        bands,
        ...(p.alternativeTo ? { sharesCapacityOf: `${ctx.ids.regions[region]}.${p.alternativeTo}` } : {}),
        expansion: {
          enabled: own.expansion,
          leadTimePeriods: Math.round(v[p.leadTime]),
          maxGrowthPerPeriod: (1 + v[p.maxGrowth]) ** (1 / ppy) - 1,
          minStep: v[p.minStep],
          fullUnitCost: p.fullCost >= 0 ? v[p.fullCost] : maxCost * DEFAULT_EXPANSION.fullCostMarkup,
        },
      };
    },
  };
}

function terms(list: readonly Term[], v: Float64Array): RecipeTerm[] {
  return list.map((t) => ({ product: t.product, perUnit: v[t.field] }));
}

/** Scales shares to sum to 1 (equal shares if a draw makes them all zero). */
export function normaliseBands(bands: CostBand[]): CostBand[] {
  const total = bands.reduce((s, b) => s + b.share, 0);
  return bands.map((b) => ({ share: total > 0 ? b.share / total : 1 / bands.length, unitCost: b.unitCost }));
}

function compileProcess(ctx: Ctx, id: string, d: Doc): ProcessSpec {
  const path = ['processes', id];
  const name = `processes.${id}`;
  const stage = typeof d.stage === 'string' ? d.stage : id.split('.')[0];
  const outputs = compileRecipe(ctx, [...path, 'outputs'], `${name}.outputs`);
  if (outputs.length === 0 && d.outputs && typeof d.outputs === 'object') ctx.error([...path, 'outputs'], 'expected at least one output, got an empty mapping');
  return {
    id,
    stage,
    inputs: d.inputs ? compileRecipe(ctx, [...path, 'inputs'], `${name}.inputs`) : [],
    outputs,
    bands: compileBands(ctx, [...path, 'cost'], `${name}.cost`),
    leadTime: ctx.scalar([...path, 'leadTime'], `${name}.leadTime`, 'duration', SETTING_RANGES.coverage),
    maxGrowth: ctx.scalar([...path, 'maxGrowth'], `${name}.maxGrowth`, 'growth', SETTING_RANGES.maxGrowth, DEFAULT_EXPANSION.maxGrowth),
    minStep: ctx.scalar([...path, 'minStep'], `${name}.minStep`, 'flow', RANGES.nonNegative, DEFAULT_EXPANSION.minStep),
    fullCost: d.fullCost === undefined ? -1 : ctx.scalar([...path, 'fullCost'], `${name}.fullCost`, 'price', RANGES.nonNegative),
    alternativeTo: alternativeOf(ctx, path, d.alternativeTo),
  };
}

function alternativeOf(ctx: Ctx, path: Segment[], value: unknown): string | null {
  if (typeof value !== 'string') return null;
  if ([...ctx.ids.processes].includes(value)) return value;
  ctx.error([...path, 'alternativeTo'], `unknown process "${value}"${knownList([...ctx.ids.processes].sort())}`);
  return null;
}

/** A plant of an alternative process needs the plant whose lines it runs on, in its region. */
function checkAlternative(ctx: Ctx, path: Segment[], byId: ReadonlyMap<string, PlantSpec>, process: ProcessSpec | undefined, region: number): void {
  if (!process?.alternativeTo || region < 0) return;
  if (process.alternativeTo === process.id) {
    ctx.error(['processes', process.id, 'alternativeTo'], 'a process cannot be an alternative to itself');
    return;
  }
  const primary = `${ctx.ids.regions[region]}.${process.alternativeTo}`;
  if (!byId.has(primary))
    ctx.error([...path, 'process'], `${process.id} runs on the lines of ${process.alternativeTo} (alternativeTo), but ${ctx.ids.regions[region]} has no plant of ${process.alternativeTo}`);
}

function compileRecipe(ctx: Ctx, path: Segment[], name: string): Term[] {
  const recipe = (ctx.get(path) ?? {}) as Record<string, unknown>;
  const out: Term[] = [];
  for (const key of Object.keys(recipe).sort()) {
    const product = productId(ctx, [...path, key], true);
    const field = ctx.scalar([...path, key], `${name}.${key}`, 'number', RANGES.nonNegative);
    if (product >= 0 && field >= 0) out.push({ product, field });
  }
  return out;
}

function compileBands(ctx: Ctx, path: Segment[], name: string): Band[] {
  const list = (ctx.get(path) ?? []) as unknown[];
  const bands = list.map((_, i) => ({
    share: ctx.scalar([...path, i, 'share'], `${name}[${i}].share`, 'fraction', RANGES.fraction),
    cost: ctx.scalar([...path, i, 'cost'], `${name}[${i}].cost`, 'price', RANGES.nonNegative),
  }));
  const total = bands.reduce((s, b) => s + (b.share >= 0 ? ctx.fields.fields[b.share].central : 0), 0);
  if (bands.length > 0 && bands.every((b) => b.share >= 0) && total <= 0) ctx.error(path, 'expected cost bands whose shares sum to more than 0%');
  return bands;
}

function knownList(ids: readonly string[]): string {
  return ids.length ? ` (known: ${ids.slice(0, 12).join(', ')}${ids.length > 12 ? ', …' : ''})` : ' (no processes declared)';
}
