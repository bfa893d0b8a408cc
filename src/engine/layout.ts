/**
 * The period LP, laid out once per run.
 *
 * Every period of a run solves the same LP structure; only column bounds, column costs and row bounds
 * change. This module fixes the columns, rows and the sparse matrix (CSC, typed arrays) from the world
 * and from the union of world and scenario policies, so that the baseline and the scenario run share one
 * layout (their LPs differ only in bounds and costs, which is what makes "no scenario policy ⇒ scenario
 * identical to baseline" hold bit for bit).
 *
 * Rows
 * - one **balance row** per region × product (row index = r·P + p), an equality:
 *   Σ supply columns − Σ use columns = critical requirement − beginning stock − arrivals − strategic release.
 *   Its dual is the regional price (USD/kg): HiGHS reports, for a minimisation, the marginal cost of
 *   one more tonne of required net supply, which is the price (checked in the hand-case tests).
 * - one **quota row** per `export_quota` policy: Σ trade on its links ≤ limit.
 * - **shared-capacity rows**: a plant and the plants running alternative recipes on its lines
 *   (PlantDef.sharesCapacityOf) together stay within its capacity; the row's dual is the capacity rent.
 * - **origin rows** (rules of origin), unless `market.reexport`: for every destination d and product p
 *   that some restrictive link policy (ban, quota, licence, tariff, export tax, import ban) covers, and
 *   every third region r outside that policy's origins: Σ exports r→d of p ≤ r's production of p. In
 *   force only while such a policy is (otherwise the row is relaxed), so goods are homogeneous and
 *   freely re-exported in unrestricted trade, but a restricted origin's goods cannot reach d relabelled
 *   by a third country — that route exists only as the policy's explicit leakage. The row's dual is
 *   the premium d pays for goods of non-restricted origin; a third region may still export its own
 *   output to d and import for its own use (fungibility).
 *   Each restricted destination is bounded separately, so a region could send its whole output to each
 *   of two restricted destinations at once: generous when several destinations are restricted together.
 *
 * Columns (t per period; the objective is a cost to minimise in kUSD = USD/kg × t)
 * - band: a plant's activity in one cost band; +perUnit in each output row, −perUnit in each input row.
 * - trade: shipment o→d that arrives in the same period; −1 at o, +1 at d.
 * - leak: the "via third countries" route of a capped link (ban, quota, licence); −1 at o, +1 at d.
 * - ship: a licensed shipment with a delay; −1 at o only, it arrives `delay` periods later.
 * - tier: a step of the region's demand-for-consumption-and-holding curve on a geometric price grid;
 *   −1, cost −w_k (willingness to pay). Final demand and commercial stock holding share the grid, so
 *   they share the columns: two columns with the same WTP and the same matrix column are perfect
 *   substitutes for the LP, and the solution is split between them pro rata after the solve.
 * - backstop: unserved critical demand of one demand definition, +1, cost = its choke price.
 * - hold / dispose: the surplus sink of each balance row (hold: involuntary stock at zero value for
 *   products that cannot be disposed of; dispose: at `disposalCost` otherwise). It keeps the LP feasible.
 * - build: strategic purchases under a `stockpile_build` policy, −1, WTP = the product's highest choke.
 */
import type { ModelInput, PolicyInput } from '../model/types.js';

/** Column kinds of the period LP. */
export const COL = {
  band: 0,
  trade: 1,
  leak: 2,
  ship: 3,
  tier: 4,
  backstop: 5,
  hold: 6,
  dispose: 7,
  build: 8,
} as const;
/** One of the `COL` values. */
export type ColKind = (typeof COL)[keyof typeof COL];

/** Names of the column kinds, for messages. */
export const COL_NAMES = ['band', 'trade', 'leak', 'ship', 'tier', 'backstop', 'hold', 'dispose', 'build'] as const;

/** Top of the price grid when a product has no demand anywhere: this multiple of its reference price. */
export const DEFAULT_TOP_MULTIPLE = 10;
/** Guard against absurd grids (tierRatio ≈ 1). */
const MAX_TIERS_PER_ROW = 5000;

/** The fixed structure of a run's period LP (see the module comment). */
export interface LpLayout {
  readonly regions: number;
  readonly products: number;
  /** Balance rows = regions × products. */
  readonly balanceRows: number;
  readonly numRows: number;
  readonly numCols: number;
  /** Kind of each column (`COL`). */
  readonly colKind: Uint8Array;
  /** band → plant; trade/leak/ship → link; tier/hold/dispose/build → region×product; backstop → demand def. */
  readonly colRef: Int32Array;
  /** band → band index within the plant; tier → grid step k; otherwise 0. */
  readonly colSub: Int32Array;
  /** Cost that does not change between periods (USD/kg): band cost, transport, −WTP, choke, disposal. */
  readonly baseCost: Float64Array;
  /** CSC matrix. */
  readonly starts: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float64Array;
  /** First band column of plant i is plantBandStart[i]; its bands run to plantBandStart[i+1]. */
  readonly plantBandStart: Int32Array;
  /** Column of each link (layout (p·R+o)·R+d), −1 on the diagonal or when absent. */
  readonly tradeCol: Int32Array;
  readonly leakCol: Int32Array;
  readonly shipCol: Int32Array;
  /** Delay (periods) of the licensed shipment column of each link, 0 when none. */
  readonly shipDelay: Int32Array;
  /** Tier columns of region×product rp are tierStart[rp] .. tierStart[rp] + tierCount[rp] − 1. */
  readonly tierStart: Int32Array;
  readonly tierCount: Int32Array;
  /** Willingness to pay (USD/kg) of each column that is a tier (0 elsewhere). */
  readonly tierWtp: Float64Array;
  /** Top of each row's price grid: the highest choke price of that region × product (USD/kg). */
  readonly gridTop: Float64Array;
  /**
   * Per demand definition, the drop of its elastic demand shape between grid steps k and k+1:
   * tier k of def s holds (1 − φ_s)·Q_s·shapeDrop[shapeStart[s] + k].
   */
  readonly shapeStart: Int32Array;
  readonly shapeDrop: Float64Array;
  /** Demand definitions of region×product rp: defsOf[defsStart[rp] .. defsStart[rp+1]). */
  readonly defsStart: Int32Array;
  readonly defsOf: Int32Array;
  readonly backstopCol: Int32Array;
  /** Surplus sink (hold or dispose) of each balance row. */
  readonly sinkCol: Int32Array;
  /** Strategic build column of each balance row, −1 when no policy can build there. */
  readonly buildCol: Int32Array;
  /** Highest choke price of each product over all regions (USD/kg); DEFAULT_TOP_MULTIPLE·p_ref if none. */
  readonly chokeMax: Float64Array;
  /** World policies then scenario policies, in input order. */
  readonly policies: readonly PolicyInput[];
  /** Number of world policies: policies[i] is a scenario policy iff i ≥ worldPolicyCount. */
  readonly worldPolicyCount: number;
  /** Quota row of each policy (by index in `policies`), −1 when not a quota. */
  readonly quotaRow: Int32Array;
  /**
   * Rules of origin (see the module comment): the origin row of link (p, r, d) — "r exports to d at most
   * what r produced of p" — or −1 when no restrictive policy can cover d and p, or re-export is allowed.
   * Origin rows are numbered originRowStart … numRows − 1.
   */
  readonly originRowOf: Int32Array;
  readonly originRowStart: number;
  /**
   * Shared-capacity rows: row sharedRowStart + k caps the summed activity of plant sharedPrimary[k] and
   * of the plants that run alternative recipes on its lines (PlantDef.sharesCapacityOf) at that plant's
   * capacity. They come after the origin rows.
   */
  readonly sharedRowStart: number;
  readonly sharedPrimary: Int32Array;
  /** Coverage target (periods of use) of each region × product, from the stock definitions. */
  readonly coverage: Float64Array;
  /** Initial commercial and strategic stocks (t) of each region × product. */
  readonly initialStock: Float64Array;
  readonly initialStrategic: Float64Array;
  /** Trade, leak and ship columns, ascending: the only columns whose cost depends on prices. */
  readonly linkCols: Int32Array;
  /**
   * Columns with a positive coefficient in some balance row (bands, trade, leak, backstops), ascending:
   * the only columns that can bound a row's import-parity price (market.ts).
   */
  readonly supplyCols: Int32Array;
  /** Grid step of each row's product reference price (first step with WTP ≥ it): where tier windows start. */
  readonly tierHome: Int32Array;
  /** `market.tierWindow` (0: the solver gets every tier). */
  readonly tierWindow: number;
}

/** Link index of product p from o to d (types.ts layout). */
export function linkIndex(R: number, p: number, o: number, d: number): number {
  return (p * R + o) * R + d;
}

/**
 * Calls fn for every link r→d of a third region r (outside the selection's origins, r ≠ d) into one of
 * the selection's destinations, for each of its products: the links a rule of origin bounds.
 */
export function forEachThirdCountryLink(
  R: number,
  sel: { readonly from: readonly number[]; readonly to: readonly number[]; readonly products: readonly number[] },
  fn: (link: number) => void,
): void {
  for (const p of sel.products)
    for (const d of sel.to)
      for (let r = 0; r < R; r++) if (r !== d && !sel.from.includes(r)) fn(linkIndex(R, p, r, d));
}

/** Calls fn for every link o→d (o ≠ d) of a link selection. */
export function forEachSelectedLink(
  R: number,
  sel: { readonly from: readonly number[]; readonly to: readonly number[]; readonly products: readonly number[] },
  fn: (link: number, p: number, o: number, d: number) => void,
): void {
  for (const p of sel.products) for (const o of sel.from) for (const d of sel.to) if (o !== d) fn(linkIndex(R, p, o, d), p, o, d);
}

/** Price of grid step k of a product: w_k = tierFloor · p_ref · tierRatio^k. */
export function gridPrice(input: ModelInput, p: number, k: number): number {
  return input.market.tierFloor * input.products[p].referencePrice * Math.pow(input.market.tierRatio, k);
}

/** Number of grid steps strictly below `top`. At least one, so every row with demand has a tier. */
function gridSteps(input: ModelInput, p: number, top: number): number {
  let k = 0;
  while (k < MAX_TIERS_PER_ROW && gridPrice(input, p, k) < top) k++;
  return Math.max(1, k);
}

/** Whether a link policy restricts imports into its `to` regions (so importers may hoard on announcement). */
export function isRestrictiveLinkPolicy(pol: PolicyInput): boolean {
  return (
    pol.type === 'export_ban' ||
    pol.type === 'export_quota' ||
    pol.type === 'export_license' ||
    pol.type === 'export_tax' ||
    pol.type === 'tariff' ||
    pol.type === 'import_ban'
  );
}

interface ColumnBuilder {
  wtp: number[];
  kind: number[];
  ref: number[];
  sub: number[];
  cost: number[];
  starts: number[];
  indices: number[];
  values: number[];
}

function pushColumn(b: ColumnBuilder, kind: ColKind, ref: number, sub: number, cost: number, entries: Map<number, number>): number {
  const col = b.kind.length;
  b.wtp.push(kind === COL.tier ? -cost : 0);
  b.kind.push(kind);
  b.ref.push(ref);
  b.sub.push(sub);
  b.cost.push(cost);
  const rows = [...entries.keys()].filter((r) => entries.get(r) !== 0).sort((a, c) => a - c);
  for (const r of rows) {
    b.indices.push(r);
    b.values.push(entries.get(r)!);
  }
  b.starts.push(b.indices.length);
  return col;
}

/** Lays out the period LP of a run (see the module comment). Pure; called once per run. */
export function buildLayout(input: ModelInput): LpLayout {
  const R = input.regions.length;
  const P = input.products.length;
  const N = R * P;
  const L = P * R * R;
  const policies = [...input.worldPolicies, ...input.scenarioPolicies];
  const b: ColumnBuilder = { wtp: [], kind: [], ref: [], sub: [], cost: [], starts: [0], indices: [], values: [] };

  // Highest choke per product and per region × product.
  const chokeMax = new Float64Array(P);
  const chokeRp = new Float64Array(N);
  for (const dem of input.demands) {
    chokeMax[dem.product] = Math.max(chokeMax[dem.product], dem.chokePrice);
    const rp = dem.region * P + dem.product;
    chokeRp[rp] = Math.max(chokeRp[rp], dem.chokePrice);
  }
  for (let p = 0; p < P; p++) if (chokeMax[p] <= 0) chokeMax[p] = DEFAULT_TOP_MULTIPLE * input.products[p].referencePrice;

  // 1. Plant bands.
  const plantBandStart = new Int32Array(input.plants.length + 1);
  input.plants.forEach((plant, i) => {
    plantBandStart[i] = b.kind.length;
    const entries = new Map<number, number>();
    for (const o of plant.outputs) entries.set(plant.region * P + o.product, (entries.get(plant.region * P + o.product) ?? 0) + o.perUnit);
    for (const inp of plant.inputs) entries.set(plant.region * P + inp.product, (entries.get(plant.region * P + inp.product) ?? 0) - inp.perUnit);
    plant.bands.forEach((band, k) => pushColumn(b, COL.band, i, k, band.unitCost, entries));
  });
  plantBandStart[input.plants.length] = b.kind.length;

  // 2. Trade, then the extra routes of capped links.
  const tradeCol = new Int32Array(L).fill(-1);
  const leakCol = new Int32Array(L).fill(-1);
  const shipCol = new Int32Array(L).fill(-1);
  const shipDelay = new Int32Array(L);
  const transport = (l: number) => Math.max(0, input.transportCost[l] ?? 0);
  for (let p = 0; p < P; p++)
    for (let o = 0; o < R; o++)
      for (let d = 0; d < R; d++) {
        if (o === d) continue;
        const l = linkIndex(R, p, o, d);
        tradeCol[l] = pushColumn(b, COL.trade, l, 0, transport(l), linkEntries(P, p, o, d));
      }
  const leaky = new Uint8Array(L);
  for (const pol of policies) {
    if (pol.type === 'export_ban' || pol.type === 'export_quota' || pol.type === 'export_license')
      forEachSelectedLink(R, pol, (l) => (leaky[l] = 1));
    if (pol.type === 'export_license' && pol.delay > 0)
      forEachSelectedLink(R, pol, (l) => {
        if (shipDelay[l] === 0) shipDelay[l] = Math.round(pol.delay); // first licence with a delay wins
      });
  }
  for (let l = 0; l < L; l++) {
    if (!leaky[l]) continue;
    const [p, o, d] = splitLink(R, l);
    leakCol[l] = pushColumn(b, COL.leak, l, 0, transport(l), linkEntries(P, p, o, d));
  }
  for (let l = 0; l < L; l++) {
    if (shipDelay[l] === 0) continue;
    const [p, o] = splitLink(R, l);
    shipCol[l] = pushColumn(b, COL.ship, l, 0, transport(l), new Map([[o * P + p, -1]]));
  }

  // 3–4. Demand-and-holding tiers for every row where someone consumes or may hold stock.
  const coverage = new Float64Array(N);
  const initialStock = new Float64Array(N);
  const initialStrategic = new Float64Array(N);
  const holds = new Uint8Array(N);
  for (const s of input.stocks) {
    const rp = s.region * P + s.product;
    coverage[rp] += s.coverage;
    initialStock[rp] += s.commercial;
    initialStrategic[rp] += s.strategic;
    holds[rp] = 1;
  }
  for (const dem of input.demands) holds[dem.region * P + dem.product] = 1;
  for (const plant of input.plants) for (const inp of plant.inputs) holds[plant.region * P + inp.product] = 1;
  for (const pol of policies)
    if (isRestrictiveLinkPolicy(pol) && 'to' in pol) for (const d of pol.to) for (const p of pol.products) holds[d * P + p] = 1;

  const tierStart = new Int32Array(N);
  const tierCount = new Int32Array(N);
  const gridTop = new Float64Array(N);
  for (let rp = 0; rp < N; rp++) {
    const p = rp % P;
    gridTop[rp] = chokeRp[rp] > 0 ? chokeRp[rp] : chokeMax[p];
    tierStart[rp] = b.kind.length;
    if (!holds[rp]) continue;
    const K = gridSteps(input, p, gridTop[rp]);
    tierCount[rp] = K;
    for (let k = 0; k < K; k++) {
      const w = gridPrice(input, p, k);
      pushColumn(b, COL.tier, rp, k, -w, new Map([[rp, -1]]));
    }
  }

  // Demand shapes on each row's grid, and the backstop of each demand definition.
  const D = input.demands.length;
  const shapeStart = new Int32Array(D + 1);
  const shapes: number[] = [];
  const defsCount = new Int32Array(N);
  for (const dem of input.demands) defsCount[dem.region * P + dem.product]++;
  const defsStart = new Int32Array(N + 1);
  for (let rp = 0; rp < N; rp++) defsStart[rp + 1] = defsStart[rp] + defsCount[rp];
  const defsOf = new Int32Array(D);
  const fill = defsStart.slice(0, N);
  const backstopCol = new Int32Array(D);
  input.demands.forEach((dem, s) => {
    const rp = dem.region * P + dem.product;
    defsOf[fill[rp]++] = s;
    shapeStart[s] = shapes.length;
    const K = tierCount[rp];
    const shape = (k: number) => {
      if (k >= K) return 0;
      const w = gridPrice(input, dem.product, k);
      return w < dem.chokePrice ? Math.pow(w / dem.referencePrice, dem.shortRunElasticity) : 0;
    };
    for (let k = 0; k < K; k++) shapes.push(Math.max(0, shape(k) - shape(k + 1)));
    backstopCol[s] = pushColumn(b, COL.backstop, s, 0, dem.chokePrice, new Map([[rp, 1]]));
  });
  shapeStart[D] = shapes.length;

  // 5. Surplus sinks; 6. strategic builds.
  const sinkCol = new Int32Array(N);
  for (let rp = 0; rp < N; rp++) {
    const dc = input.products[rp % P].disposalCost;
    sinkCol[rp] =
      dc === null ? pushColumn(b, COL.hold, rp, 0, 0, new Map([[rp, -1]])) : pushColumn(b, COL.dispose, rp, 0, dc, new Map([[rp, -1]]));
  }
  const buildCol = new Int32Array(N).fill(-1);
  for (const pol of policies) {
    if (pol.type !== 'stockpile_build') continue;
    const rp = pol.region * P + pol.product;
    if (buildCol[rp] < 0) buildCol[rp] = pushColumn(b, COL.build, rp, 0, -chokeMax[pol.product], new Map([[rp, -1]]));
  }

  // 7. Quota rows: entries appended to the trade (and shipment) columns of their links.
  const quotaRow = new Int32Array(policies.length).fill(-1);
  let numRows = N;
  const extra = new Map<number, Map<number, number>>(); // col → row → coefficient
  /** Adds coefficient v of column col (none when col < 0) in a non-balance row. */
  const addEntry = (col: number, row: number, v: number) => {
    if (col < 0) return;
    if (!extra.has(col)) extra.set(col, new Map());
    const m = extra.get(col)!;
    m.set(row, (m.get(row) ?? 0) + v);
  };
  policies.forEach((pol, i) => {
    if (pol.type !== 'export_quota') return;
    const row = numRows++;
    quotaRow[i] = row;
    forEachSelectedLink(R, pol, (l) => {
      addEntry(tradeCol[l], row, 1);
      addEntry(shipCol[l], row, 1);
    });
  });

  // 8. Origin rows: exports r→d of p (+1 on trade, leak, ship) ≤ production of p in r (−perUnit on bands).
  const originRowStart = numRows;
  const originRowOf = new Int32Array(L).fill(-1);
  if (!input.market.reexport) {
    for (const pol of policies)
      if (isRestrictiveLinkPolicy(pol) && 'to' in pol)
        forEachThirdCountryLink(R, pol, (l) => {
          if (originRowOf[l] < 0) originRowOf[l] = numRows++;
        });
    // Producers of each region × product: plant and output per tonne of activity.
    const producers: { plant: number; out: number }[][] = Array.from({ length: N }, () => []);
    input.plants.forEach((plant, i) => {
      for (const o of plant.outputs) if (o.perUnit > 0) producers[plant.region * P + o.product].push({ plant: i, out: o.perUnit });
    });
    for (let l = 0; l < L; l++) {
      const row = originRowOf[l];
      if (row < 0) continue;
      const [p, r] = splitLink(R, l);
      addEntry(tradeCol[l], row, 1);
      addEntry(leakCol[l], row, 1);
      addEntry(shipCol[l], row, 1);
      for (const { plant, out } of producers[r * P + p])
        for (let j = plantBandStart[plant]; j < plantBandStart[plant + 1]; j++) addEntry(j, row, -out);
    }
  }

  // 9. Shared-capacity rows: +1 on every band of the primary plant and of its alternatives.
  const sharedRowStart = numRows;
  const sharedPrimary: number[] = [];
  const plantIndex = new Map(input.plants.map((plant, i) => [plant.id, i]));
  const rowOfPrimary = new Map<number, number>();
  input.plants.forEach((plant, i) => {
    const primary = plant.sharesCapacityOf === undefined ? undefined : plantIndex.get(plant.sharesCapacityOf);
    if (primary === undefined || primary === i) return;
    let row = rowOfPrimary.get(primary);
    if (row === undefined) {
      row = numRows++;
      rowOfPrimary.set(primary, row);
      sharedPrimary.push(primary);
      for (let j = plantBandStart[primary]; j < plantBandStart[primary + 1]; j++) addEntry(j, row, 1);
    }
    for (let j = plantBandStart[i]; j < plantBandStart[i + 1]; j++) addEntry(j, row, 1);
  });

  const numCols = b.kind.length;
  const { starts, indices, values } = mergeExtraEntries(b, extra);
  const tierWtp = Float64Array.from(b.wtp);
  const linkCols: number[] = [];
  const supplyCols: number[] = [];
  for (let j = 0; j < numCols; j++) {
    const kind = b.kind[j];
    if (kind === COL.trade || kind === COL.leak || kind === COL.ship) linkCols.push(j);
    for (let e = starts[j]; e < starts[j + 1]; e++)
      if (indices[e] < N && values[e] > 0) {
        supplyCols.push(j);
        break;
      }
  }
  return {
    regions: R,
    products: P,
    balanceRows: N,
    numRows,
    numCols,
    colKind: Uint8Array.from(b.kind),
    colRef: Int32Array.from(b.ref),
    colSub: Int32Array.from(b.sub),
    baseCost: Float64Array.from(b.cost),
    starts,
    indices,
    values,
    plantBandStart,
    tradeCol,
    leakCol,
    shipCol,
    shipDelay,
    tierStart,
    tierCount,
    tierWtp,
    gridTop,
    shapeStart,
    shapeDrop: Float64Array.from(shapes),
    defsStart,
    defsOf,
    backstopCol,
    sinkCol,
    buildCol,
    chokeMax,
    policies,
    worldPolicyCount: input.worldPolicies.length,
    quotaRow,
    originRowOf,
    originRowStart,
    sharedRowStart,
    sharedPrimary: Int32Array.from(sharedPrimary),
    coverage,
    initialStock,
    initialStrategic,
    linkCols: Int32Array.from(linkCols),
    supplyCols: Int32Array.from(supplyCols),
    tierHome: Int32Array.from({ length: N }, (_, rp) => {
      let k = 0;
      while (k < tierCount[rp] && tierWtp[tierStart[rp] + k] < input.products[rp % P].referencePrice) k++;
      return k;
    }),
    tierWindow: Math.max(0, Math.floor(input.market.tierWindow ?? 0)),
  };
}

/** [product, origin, destination] of a link index. */
export function splitLink(R: number, l: number): [number, number, number] {
  const d = l % R;
  const o = Math.floor(l / R) % R;
  const p = Math.floor(l / (R * R));
  return [p, o, d];
}

function linkEntries(P: number, p: number, o: number, d: number): Map<number, number> {
  return new Map([
    [o * P + p, -1],
    [d * P + p, 1],
  ]);
}

/** Adds the quota-row coefficients to their columns, keeping row indices sorted within each column. */
function mergeExtraEntries(
  b: ColumnBuilder,
  extra: Map<number, Map<number, number>>,
): { starts: Int32Array; indices: Int32Array; values: Float64Array } {
  const numCols = b.kind.length;
  let nnz = b.indices.length;
  for (const m of extra.values()) nnz += m.size;
  const starts = new Int32Array(numCols + 1);
  const indices = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  let k = 0;
  for (let c = 0; c < numCols; c++) {
    starts[c] = k;
    for (let e = b.starts[c]; e < b.starts[c + 1]; e++) {
      indices[k] = b.indices[e];
      values[k++] = b.values[e];
    }
    const more = extra.get(c);
    if (more)
      for (const [row, v] of [...more.entries()].sort((x, y) => x[0] - y[0])) {
        indices[k] = row;
        values[k++] = v;
      }
  }
  starts[numCols] = k;
  return { starts, indices, values };
}
