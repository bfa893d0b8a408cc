/**
 * The one schema of world and scenario files (zod). It checks the *shape* of each file: field names
 * (strict objects, so a typo is an error), types, id and date syntax. Values such as `45 kt/yr` are
 * strings here; their units, ranges and ids are checked when the scenario is compiled. The same schema
 * generates `scenarios/scenario.schema.json` (draft 7) for editors.
 */
import { z } from 'zod';
import { SUMMARY_MEASURES } from '../output/tables.js';
import { MAX_CHOKE_MULTIPLE, MAX_DRAWS, MAX_NAME_LENGTH, MAX_SEED, MAX_YEAR, MIN_YEAR, NAME_PATTERN, SETTING_RANGES as R } from './limits.js';

/** Longest expression accepted (characters); longer ones are refused before parsing (expression.ts). */
export const MAX_EXPRESSION_LENGTH = 400;

/** Marker in an unknown-field message that carries the known field names to the issue formatter. */
export const KNOWN_FIELDS = 'known fields: ';

/** A strict object: unknown fields are errors that list the known ones. */
function obj<S extends z.ZodRawShape>(shape: S, description: string) {
  const known = Object.keys(shape).join(', ');
  return z
    .strictObject(shape, { error: (iss) => (iss.code === 'unrecognized_keys' ? `${KNOWN_FIELDS}${known}` : undefined) })
    .describe(description);
}

const ID = /^[A-Za-z][A-Za-z0-9_-]*$/;
const DOTTED_ID = /^[A-Za-z][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*$/;
/** `YYYY-MM`, `YYYY-Qn` or `YYYY`. */
export const DATE_PATTERN = /^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$/;

const regionId = z.string({ error: 'expected a region id such as CN' }).regex(ID, { error: 'expected a region id (letters, digits, _ or -) such as CN' });
const groupId = z.string().regex(ID, { error: 'expected a group name (letters, digits, _ or -)' });
const productId = z.string({ error: 'expected a product id such as oxide.Dy' }).regex(DOTTED_ID, { error: 'expected a product id such as oxide.Dy' });
const processId = z.string({ error: 'expected a process id such as separation.light' }).regex(DOTTED_ID, { error: 'expected a process id such as separation.light' });
const policyId = z.string({ error: 'expected a policy id such as cn-license' }).regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, { error: 'expected a policy id (letters, digits, ., _ or -) such as cn-license' });
const text = (description: string) => z.string({ error: 'expected text' }).describe(description);
const source = text('Where the figures come from (publication, table, page). Informational.').optional();

const dateError = 'expected a date YYYY-MM, YYYY-Qn or YYYY (such as 2025-04)';
const yearError = `expected a date in the years ${MIN_YEAR} to ${MAX_YEAR}`;
/** Whether a well-formed date (text or a bare year) lies in the years reesim accepts. */
const inYears = (d: string | number): boolean => {
  const year = Number(String(d).slice(0, 4));
  return year >= MIN_YEAR && year <= MAX_YEAR;
};
const date = (description: string) =>
  z
    .union([z.string().regex(DATE_PATTERN), z.number().int().min(1000).max(9999)], { error: dateError })
    .refine(inYears, { error: yearError })
    .describe(`${description} A date: YYYY-MM, YYYY-Qn or YYYY, years ${MIN_YEAR}–${MAX_YEAR}.`);
/** A date as the key of a time series. */
const dateKey = z.string().regex(DATE_PATTERN, { error: dateError }).refine(inYears, { error: yearError });

/** The kinds of number a field holds; the compiler converts each to its canonical unit. */
export const VALUE_KINDS = {
  flow: 'a quantity per time such as 45 kt/yr',
  mass: 'a quantity such as 150 t',
  price: 'a price such as 60 USD/kg',
  fraction: 'a fraction or percentage such as 25%',
  rate: 'a rate or percentage such as 25%',
  factor: 'a factor such as 1.5 or 80%',
  growth: 'a growth rate per year such as 8%/yr',
  perTime: 'a rate per time such as 1%/month',
  duration: 'a duration such as 2 months',
  stock: 'a quantity such as 150 t or a cover such as 2 months',
  number: 'a number such as 1.5',
} as const;
export type ValueKind = keyof typeof VALUE_KINDS;

const EXPRESSION_NOTE =
  'A number, a quantity with units, an expression (2 * 30 kt/yr) or a distribution (uniform(a, b), normal(mean, sd), lognormal(median, logSd), triangular(min, mode, max), pert(min, mode, max)).';

/** A single (possibly uncertain) number of the given kind. */
export const value = (kind: ValueKind, description: string) =>
  z
    .union([z.number(), z.string().min(1)], { error: `expected ${VALUE_KINDS[kind]}` })
    .describe(`${description} ${EXPRESSION_NOTE}`);

/** A value, or a time series `{date: value}` held from each date until the next. */
export const series = (kind: ValueKind, description: string) =>
  z
    .union(
      [
        z.number(),
        z.string().min(1),
        z.record(dateKey, value(kind, 'Value from this date on.')),
      ],
      { error: `expected ${VALUE_KINDS[kind]}, or a time series such as {2025-04: …, 2025-07: …}` },
    )
    .describe(`${description} Either one value or a time series {date: value, …}, each value held until the next date. ${EXPRESSION_NOTE}`);

/** Regions: an id, a group, "*", "!id" (all but), or a list of those. */
const regionSelector = (description: string) =>
  z
    .union([z.string().min(1), z.array(z.string({ error: 'expected a region id or group' }).min(1)).min(1)], {
      error: 'expected a region selector: an id, a group, "*", "!CN" or a list',
    })
    .describe(`${description} A region id, a group, "*" (all), "!CN" (all but), or a list of these.`);

/** Products: an id, a glob (oxide.*, *.Dy), "*", "!id", or a list of those. */
const productSelector = (description: string) =>
  z
    .union([z.string().min(1), z.array(z.string({ error: 'expected a product id or glob' }).min(1)).min(1)], {
      error: 'expected a product selector: an id, a glob such as oxide.*, "*" or a list',
    })
    .describe(`${description} A product id, a glob (oxide.*, *.Dy), "*" (all), "!id" (all but), or a list of these.`);

const recipe = (description: string) =>
  z.record(productId, value('number', 'Tonnes of this product per tonne of activity.'), { error: 'expected a mapping product: t per t of activity' }).describe(description);

const costBands = (description: string) =>
  z
    .array(
      obj(
        {
          share: value('fraction', 'Share of capacity in this band; the shares are normalised to sum to 1.'),
          cost: value('price', 'Operating cost per unit of activity (USD/kg of activity).'),
        },
        'A utilisation band: `share` of capacity available at unit cost `cost`.',
      ),
      { error: 'expected a list of bands [{share, cost}]' },
    )
    .min(1, { error: 'expected at least one cost band' })
    .describe(description);

const region = obj({ name: text('Display name.'), source }, 'A region (country or bloc).');

const product = obj(
  {
    name: text('Display name.'),
    unit: text('Display unit of quantities, e.g. "t REO". Informational; quantities are tonnes.').optional(),
    price: value('price', 'Reference price (USD/kg): the start of price expectations and the default demand price.'),
    disposal: value('price', 'Cost of disposing of surplus (USD/kg). Omit: surplus cannot be disposed of.').optional(),
    transport: value('price', 'Default transport cost on every link for this product (USD/kg). Default 0.').optional(),
    substitution: obj(
      {
        elasticity: value('number', `Elasticity of substitution between origins (${R.substitution.text}): how readily buyers switch supplier when relative prices move (2–8 in tariff analysis).`),
        source,
      },
      'Goods of different origins are imperfect substitutes (an Armington composite per destination, mixed from origin varieties at a switching cost). Omit: homogeneous, whatever the origin.',
    ).optional(),
    qualification: obj(
      {
        leadTime: value('duration', `Time for a new supply link to qualify: a link's established level follows its actual flow with this lag (${R.duration.text}).`),
        premium: value('rate', `Premium on volume above a link's established level, a share of the origin price (${R.premium.text}).`),
        source,
      },
      'New suppliers must qualify: volume above a link\'s established level pays a premium until the link catches up. Omit: no qualification.',
    ).optional(),
    contracts: obj(
      {
        share: value('fraction', 'Share of the volume bought under contracts.'),
        lag: value('duration', `Time over which contract prices follow spot prices (${R.duration.text}).`),
        source,
      },
      'Contracts: the average price paid mixes spot and a contract price that follows spot with a lag (reported; marginal decisions are at spot). Omit: everything at spot.',
    ).optional(),
    source,
  },
  'A product (concentrate, oxide, metal, magnet…). Quantities are tonnes, prices USD/kg.',
);

const process = obj(
  {
    stage: text('Stage (mine, separation, metal, magnet, recycling…). Default: the part of the id before the first dot.').optional(),
    inputs: recipe('Inputs: t of each product per t of activity. Default none (a mine).').optional(),
    outputs: recipe('Outputs: t of each product per t of activity.'),
    cost: costBands('Default cost curve of plants of this process.'),
    leadTime: value('duration', 'Lead time of endogenous expansion (decision to output), e.g. 30 months. Required: it depends on the process, so the world file states it with its source.'),
    maxGrowth: value('growth', 'Cap on endogenous capacity growth per year, e.g. 15%/yr. Default 0%/yr (no endogenous growth).').optional(),
    minStep: value('flow', 'Capacity that can be ordered even from zero (greenfield step), e.g. 500 t/yr. Default 0.').optional(),
    fullCost: value('price', 'Operating + capital cost per unit of activity that expected margins must cover. Default 1.25 × the highest band cost.').optional(),
    alternativeTo: processId
      .describe("An alternative recipe run on the lines of this process's plant in the same region (e.g. a heavy-REE-free magnet grade on `magnet.sinter`): the plants' activities together stay within that plant's capacity, band by band when each plant has as many cost bands as that plant (its cheap lines are cheap whichever recipe runs on them).")
      .optional(),
    source,
  },
  'A process (technology): a recipe per tonne of activity, a default cost curve and expansion parameters.',
);

const plant = obj(
  {
    region: regionId.describe('Region of the plant.'),
    process: processId.describe('Process the plant runs.'),
    capacity: value('flow', 'Capacity at the start of the run: t of activity per year, e.g. 250 kt/yr.'),
    cost: costBands('Cost curve of this plant; default: the process cost curve.').optional(),
    inputs: recipe("Override of the process inputs for this plant.").optional(),
    outputs: recipe('Override of the process outputs for this plant (a regional basket).').optional(),
    expansion: z.boolean({ error: 'expected true or false' }).describe('false: no endogenous expansion of this plant. Default true.').optional(),
    source,
  },
  'A plant: a process run in one region, with its capacity.',
);

const demand = obj(
  {
    region: regionId.describe('Region of the demand.'),
    product: productId.describe('Product demanded.'),
    sector: text('Sector (ev, wind, industrial…). Default "all". Sectors are summed per region and product in outputs.').optional(),
    quantity: value('flow', 'Quantity bought at the reference price in the first period, per year, e.g. 4 kt/yr.'),
    price: value('price', "Reference price of this demand. Default: the product's price.").optional(),
    growth: series('growth', 'Exogenous growth per year, compounded per period, e.g. 8%/yr. Default 0.').optional(),
    elasticity: value('number', `Short-run price elasticity (${R.elasticity.text}). Required.`),
    longRunElasticity: value('number', `Long-run price elasticity (${R.elasticity.text}). Default: the short-run elasticity.`).optional(),
    critical: value('fraction', 'Share of demand with no short-run substitute. Required.'),
    choke: value('price', `Willingness to pay of critical demand (USD/kg), at least the reference price and at most ${MAX_CHOKE_MULTIPLE} × it. Required.`),
    source,
  },
  'Demand of one region for one product (optionally one sector).',
);

const transport = obj(
  {
    product: productSelector('Products this cost applies to.'),
    from: regionSelector('Origins.'),
    to: regionSelector('Destinations.'),
    cost: value('price', 'Transport cost (USD/kg).'),
    source,
  },
  "Override of the products' default transport cost on some links; later entries win.",
);

const sourceShares = obj(
  {
    to: regionSelector('Destinations these shares describe.'),
    products: productSelector('Products (with `substitution`) these shares describe.'),
    shares: z
      .record(regionId, value('fraction', 'Share of this origin in the destination\'s supply.'), { error: 'expected a mapping of origin region ids to shares, e.g. {CN: 70%, MY: 13%}' })
      .describe('Observed shares of origins in the destinations\' imports (bilateral trade statistics). Origins left out share the rest by capacity; naming the destination itself sets its home share (default: its capacity over its use, at most 100%).'),
    source,
  },
  'Observed origin shares of a destination\'s imports: the benchmark the Armington composite is calibrated to.',
);

const stock = obj(
  {
    region: regionId.describe('Region holding the stock.'),
    product: productId.describe('Product stocked.'),
    commercial: value('stock', "Commercial inventory at the start: tonnes, or cover in time of the region's reference use (2 months). Default 0.").optional(),
    strategic: value('stock', 'Strategic stockpile at the start: tonnes or cover in time of use. Default 0.').optional(),
    coverage: value('duration', "Commercial holders' normal coverage target, e.g. 2 months. Default: the initial commercial cover.").optional(),
    source,
  },
  'Initial stocks of one region and product.',
);

const enabled = z.boolean({ error: 'expected true or false' }).describe('false switches the mechanism off. Default true.').optional();

const dynamics = obj(
  {
    inventory: obj(
      {
        enabled,
        adjustment: value('duration', `Time over which holders close the gap to their target stock (${R.duration.text}). Default 3 months.`).optional(),
        priceResponse: value('number', `How strongly desired stock falls as price rises above the expected price (${R.priceResponse.text}). Default 1.5.`).optional(),
        momentumCoverage: value('duration', `Extra coverage per unit of relative price momentum, hoarding when prices rise (${R.coverage.text}). Default 0 months.`).optional(),
        announcementCoverage: value('duration', `Extra coverage targeted by importers of products under an announced restriction, precautionary buying (${R.coverage.text}). Default 0 months.`).optional(),
        expectationWeight: value('fraction', 'Weight of the newest month\'s price in the expected price (0..1], per month (compounded for quarterly and yearly runs). Default 0.3.').optional(),
        normalPriceWeight: value('fraction', 'Weight of the newest month\'s price in the slow normal price that ordinary restocking is valued at (0..1], per month (compounded). Default 0.05.').optional(),
        carryingCost: value('perTime', `Cost of holding stock, a fraction of its value per time (${R.carryingCost.text}). Default 1%/month.`).optional(),
      },
      'Commercial inventory behaviour.',
    ).optional(),
    capacity: obj(
      {
        enabled,
        lookback: value('duration', `Time over which margins are averaged before investing (${R.duration.text}). Default 12 months.`).optional(),
      },
      'Endogenous capacity expansion.',
    ).optional(),
    demand: obj(
      {
        enabled,
        adjustment: value('perTime', 'Share of the gap to long-run demand closed per time (partial adjustment), e.g. 5%/month; compounded for quarterly and yearly runs. Default 0%/month (no long-run response).').optional(),
        priceSmoothing: value('fraction', 'Weight of the newest month\'s price in the price that drives substitution (0..1], per month (compounded). Default 0.2.').optional(),
      },
      'Long-run demand response (substitution, thrifting).',
    ).optional(),
    leakage: obj(
      { extraCost: value('rate', `Extra cost of routing through third countries, a share of the origin price: a smuggling premium (${R.extraCost.text}). Default 0%.`).optional() },
      'Leakage of banned or capped flows through third countries.',
    ).optional(),
  },
  'Between-period mechanisms; every field has a default (DEFAULT_DYNAMICS).',
);

const market = obj(
  {
    tierRatio: value('number', `Ratio between successive price steps of the demand curves (${R.tierRatio.text}). Default 1.02.`).optional(),
    tierFloor: value('number', `Lowest price step, a multiple of the reference price (${R.tierFloor.text}). Default 0.05.`).optional(),
    fixedPointTolerance: value('number', `Relative tolerance of the price fixed point (${R.fixedPointTolerance.text}). Default 1e-6.`).optional(),
    maxFixedPointIterations: value('number', `Most fixed-point iterations per period (${R.maxFixedPointIterations.text}). Default 50.`).optional(),
    reexport: z
      .boolean({ error: 'expected true or false' })
      .describe('true lets regions re-export imports (transshipment). Default false: a region exports at most what it produced; third-country routing of restricted flows happens only through policy leakage.')
      .optional(),
    solver: z
      .enum(['native', 'highs'], { error: 'expected native or highs' })
      .describe('Solver of the period LPs: native (the engine\'s own dual simplex, default) or highs (HiGHS, the reference). Both give the same canonical prices; `--solver` overrides it.')
      .optional(),
  },
  'Numerical settings of the market clearing (DEFAULT_MARKET).',
);

const window = {
  id: policyId.describe('Unique id of the policy (used in reports, attribution and `set policies.<id>.<field>`).'),
  start: date('First period in force.'),
  end: date('Last month, quarter or year in force (inclusive: `end: 2025-10` includes October). Omit: in force to the end of the run.').optional(),
  announce: date('When the policy becomes known (≤ start); drives precautionary buying. Omit: unannounced.').optional(),
  withdrawn: date('First month the policy is withdrawn (suspended): in force before it, not from it. Withdrawn before its start, it never comes into force, but the market heard of it from its announcement until then. Omit: never withdrawn.').optional(),
  description: text('What the policy is. Informational.').optional(),
  source,
};
const typed = <T extends string>(type: T) => z.literal(type).describe('Policy type.');
const leakage = series('fraction', 'Share of the blocked flow that still arrives through third countries. Default 0.').optional();
const foreignMade = z
  .boolean({ error: 'expected true or false' })
  .describe('true: the policy also covers exports from any region of goods containing the origins\' material (made from their products at any stage; products that keep their origin). Default false.')
  .optional();
const deMinimis = value('fraction', 'With foreignMade: share of the goods\' value below which the origins\' material does not count. Default 0.1 %.').optional();

/** Policy types of the contract, one schema each. */
export const POLICY_SCHEMAS = {
  export_ban: obj(
    { type: typed('export_ban'), ...window, from: regionSelector('Exporters.'), to: regionSelector('Destinations.'), products: productSelector('Products banned.'), leakage, foreignMade, deMinimis },
    'No exports on those links (but the leakage share).',
  ),
  export_quota: obj(
    {
      type: typed('export_quota'),
      ...window,
      from: regionSelector('Exporters.'),
      to: regionSelector('Destinations. Default "*".').optional(),
      products: productSelector('Products under the quota.'),
      limit: series('flow', 'Cap on total exports per year, spread over periods, e.g. 30 kt/yr.'),
      leakage,
      foreignMade,
      deMinimis,
    },
    'Cap on total exports over the selected links.',
  ),
  export_license: obj(
    {
      type: typed('export_license'),
      ...window,
      from: regionSelector('Exporters.'),
      to: regionSelector('Destinations.'),
      products: productSelector('Products licensed.'),
      approval: series('fraction', 'Share of the baseline flow that is licensed.'),
      delay: value('duration', 'Licensing time: shipments arrive this much later (whole periods). Default 0.').optional(),
      leakage,
      foreignMade,
      deMinimis,
    },
    'Only `approval` × the baseline flow gets through, `delay` later.',
  ),
  export_tax: obj(
    {
      type: typed('export_tax'),
      ...window,
      from: regionSelector('Exporters.'),
      to: regionSelector('Destinations. Default "*".').optional(),
      products: productSelector('Products taxed.'),
      rate: series('rate', 'Ad valorem tax on the origin price, e.g. 25%.'),
    },
    'Ad valorem tax on exports.',
  ),
  tariff: obj(
    {
      type: typed('tariff'),
      ...window,
      importer: regionSelector('Importers levying the tariff.'),
      from: regionSelector('Origins. Default "*".').optional(),
      products: productSelector('Products under the tariff.'),
      rate: series('rate', 'Ad valorem tariff, e.g. 25% (100% doubles the landed origin price).'),
      exempt: regionSelector('Origins exempted (removed from `from`).').optional(),
    },
    'Ad valorem tariff on imports.',
  ),
  import_ban: obj(
    { type: typed('import_ban'), ...window, importer: regionSelector('Importers.'), from: regionSelector('Origins.'), products: productSelector('Products banned.') },
    'No imports on those links.',
  ),
  stockpile_release: obj(
    {
      type: typed('stockpile_release'),
      ...window,
      region: regionId.describe('Region releasing its strategic stock.'),
      product: productId.describe('Product released.'),
      quantity: value('mass', 'Total quantity released, e.g. 500 t.'),
      over: value('duration', 'Spread evenly over this time from `start`, e.g. 6 months (whole periods, at least 1).'),
    },
    'Strategic stock sold into the market.',
  ),
  stockpile_build: obj(
    {
      type: typed('stockpile_build'),
      ...window,
      region: regionId.describe('Region building a strategic stock.'),
      product: productId.describe('Product bought.'),
      quantity: value('mass', 'Total quantity bought, e.g. 500 t.'),
      over: value('duration', 'Spread evenly over this time from `start` (whole periods, at least 1).'),
    },
    'Strategic purchases added to demand.',
  ),
  capacity: obj(
    {
      type: typed('capacity'),
      ...window,
      region: regionId.describe('Region of the plant.'),
      process: processId.describe('Process of the plant; a region without such a plant gets a new one (zero initial capacity).'),
      change: value('flow', 'Capacity added (+) or closed (−) per year of activity, e.g. 5 kt/yr.'),
      ramp: value('duration', 'Linear ramp-up from start to the full change. Default 0 (at once).').optional(),
    },
    'Scheduled new plant or closure.',
  ),
  price_floor: obj(
    {
      type: typed('price_floor'),
      ...window,
      region: regionSelector('Regions whose producers are guaranteed the floor.'),
      product: productId.describe('Product.'),
      price: series('price', 'Floor price, e.g. 110 USD/kg.'),
    },
    'Producers are paid at least `price`; the cost is reported.',
  ),
  demand_shock: obj(
    {
      type: typed('demand_shock'),
      ...window,
      region: regionSelector('Regions.'),
      product: productSelector('Products.'),
      factor: series('factor', 'Demand multiplier, e.g. 1.2 or 80%.'),
    },
    'Demand multiplied by `factor`.',
  ),
};
export type PolicyTypeName = keyof typeof POLICY_SCHEMAS;
export const POLICY_TYPES = Object.keys(POLICY_SCHEMAS) as PolicyTypeName[];

const policy = z
  .discriminatedUnion('type', Object.values(POLICY_SCHEMAS) as unknown as [typeof POLICY_SCHEMAS.export_ban, ...(typeof POLICY_SCHEMAS.export_ban)[]], {
    error: (iss) => (iss.code === 'invalid_union' ? `expected a policy type: ${POLICY_TYPES.join(', ')}` : undefined),
  })
  .describe('A policy. Every type takes id, start, optional end and optional announce.');

/** Sections of world files (also allowed in scenarios, where they merge over the parent's). */
export const SECTION_SCHEMAS = {
  regions: z.record(regionId, region, { error: 'expected a mapping id: {name: …}' }).describe('Regions by id.'),
  groups: z
    .record(groupId, z.array(regionId, { error: 'expected a list of region ids' }).min(1, { error: 'expected at least one region' }), {
      error: 'expected a mapping name: [region ids]',
    })
    .describe('Named sets of regions, usable wherever regions are selected.'),
  products: z.record(productId, product, { error: 'expected a mapping id: {name: …, price: …}' }).describe('Products by id.'),
  processes: z.record(processId, process, { error: 'expected a mapping id: {outputs: …, cost: …}' }).describe('Processes (technologies) by id.'),
  plants: z.array(plant, { error: 'expected a list of plants' }).describe('Plants: one per region and process.'),
  demand: z.array(demand, { error: 'expected a list of demand entries' }).describe('Final demand entries: one per region, product and sector.'),
  trade: obj(
    {
      transport: z.array(transport, { error: 'expected a list of transport costs' }).describe('Transport cost overrides.').optional(),
      sources: z.array(sourceShares, { error: 'expected a list of source-share entries' }).describe('Observed origin shares of destinations\' supply, for products with `substitution`.').optional(),
    },
    'Trade costs and observed bilateral trade.',
  ),
  stocks: z.array(stock, { error: 'expected a list of stock entries' }).describe('Initial stocks: one per region and product.'),
  dynamics,
  market,
};

/** Entity schemas addressed by `set` paths (field names and value types). */
export const ENTITY_SCHEMAS = { region, product, process, plant, demand, stock, dynamics, market };

const setValue = z
  .union([z.number(), z.boolean(), z.string().min(1), z.record(dateKey, z.union([z.number(), z.string()]))], {
    error: 'expected a value or a time series {date: value}',
  })
  .describe(`New value, in the units of the field it replaces. ${EXPRESSION_NOTE}`);

/** Statistics an expectation can be checked on (`every` = each draw). */
export const EXPECTATION_STATISTICS = ['central', 'mean', 'p5', 'p50', 'p95', 'every'] as const;

const bound = (description: string) =>
  z
    .union([z.number(), z.string().min(1)], { error: 'expected a bound in the units of the measure, such as 500 t, 60 USD/kg, 25 (%) or 6 (months)' })
    .describe(`${description} In the units of the measure: tonnes (500 t, 2 kt), USD/kg (60 USD/kg, 60000 USD/t), percent (25 or 25%) or months (6, 1 yr); a bare number is in the column's unit.`);

const expectation = obj(
  {
    region: regionId.describe('Region of the summary.csv row.'),
    product: productId.describe('Product of the summary.csv row.'),
    measure: z
      .string({ error: 'expected a measure (a column of summary.csv) such as cumulative_shortage_t' })
      .meta({
        description: `A measure column of summary.csv: ${SUMMARY_MEASURES.map((m) => m.name).join(', ')}.`,
        enum: SUMMARY_MEASURES.map((m) => m.name),
      }),
    statistic: z
      .enum(EXPECTATION_STATISTICS, { error: `expected a statistic: ${EXPECTATION_STATISTICS.join(', ')}` })
      .describe('Which value is checked: central (draw 0, the default), mean, p5, p50 or p95 over the random draws, or every (each draw, draw 0 included).')
      .optional(),
    min: bound('Lowest acceptable value (inclusive).').optional(),
    max: bound('Highest acceptable value (inclusive).').optional(),
    description: text('Why this must hold. Informational.').optional(),
  },
  'A condition on one value of summary.csv, checked by `reesim check` (exit code 3 when it fails) and recorded by `reesim run` in manifest.json. Give min, max or both.',
);

/** A world or scenario file. */
export const scenarioSchema = obj(
  {
    $schema: text('JSON Schema reference for editors. Ignored.').optional(),
    name: z
      .string({ error: 'expected a name' })
      .max(MAX_NAME_LENGTH, { error: `expected a name of at most ${MAX_NAME_LENGTH} characters` })
      .regex(NAME_PATTERN, { error: 'expected a name of letters, digits, ., _ or - (it becomes results/<name>/)' })
      .describe(`Name of the world or scenario (at most ${MAX_NAME_LENGTH} characters); results go to results/<name>/.`),
    title: text('One-line title.').optional(),
    description: text('Longer description (sources, assumptions).').optional(),
    extends: text('World or scenario file this one builds on: a path relative to this file, or a package path such as reesim/scenarios/world-2024.yaml. A file without `extends` is a world.').optional(),
    period: z.enum(['month', 'quarter', 'year'], { error: 'expected month, quarter or year' }).describe('Length of a period. Default month.').optional(),
    start: date('First period of the run.').optional(),
    end: date('Last period of the run (inclusive).').optional(),
    seed: z
      .number({ error: 'expected a whole number' })
      .int({ error: `expected a whole number between 0 and ${MAX_SEED}` })
      .min(0, { error: 'expected a seed ≥ 0' })
      .max(MAX_SEED, { error: `expected a seed of at most ${MAX_SEED} (the limit)` })
      .describe(`Seed of the random draws, 0…${MAX_SEED}. Default 1.`)
      .optional(),
    draws: z
      .number({ error: 'expected a whole number' })
      .int({ error: `expected a whole number of draws between 1 and ${MAX_DRAWS}` })
      .min(1, { error: 'expected at least 1 draw' })
      .max(MAX_DRAWS, { error: `expected at most ${MAX_DRAWS} draws (the limit)` })
      .describe(`Monte Carlo draws, 1…${MAX_DRAWS}; 1 = central values only. Default 1.`)
      .optional(),
    ...Object.fromEntries(Object.entries(SECTION_SCHEMAS).map(([k, v]) => [k, v.optional()])) as { [K in keyof typeof SECTION_SCHEMAS]: z.ZodOptional<(typeof SECTION_SCHEMAS)[K]> },
    set: z
      .record(z.string().min(1), setValue, { error: 'expected a mapping path: value' })
      .describe('Overrides of world parameters by path, e.g. demand.US.magnet.hre.growth: 8%/yr (see docs/file-format.md).')
      .optional(),
    policies: z.array(policy, { error: 'expected a list of policies' }).describe('Policies. In a world file (no `extends`) they apply to the baseline too.').optional(),
    expect: z
      .array(expectation, { error: 'expected a list of expectations [{region, product, measure, max}]' })
      .describe("Expectations on the run's summary.csv, verified by `reesim check`. A file's list replaces the one it extends (`expect: []` drops it).")
      .optional(),
  },
  'A reesim world or scenario file. A world is a file without `extends`.',
);

/** The parsed shape of one file. */
export type ScenarioFile = z.infer<typeof scenarioSchema>;
