/**
 * The period LP, laid out once per run.
 *
 * Every period of a run solves the same LP structure; only column bounds, column costs and row bounds
 * change. This module fixes the columns, rows and the sparse matrix (CSC, typed arrays, and its transpose)
 * from the world and from the union of world and scenario policies, so that the baseline and the scenario
 * run share one layout (their LPs differ only in bounds and costs, which is what makes "no scenario policy
 * ⇒ scenario identical to baseline" hold bit for bit).
 *
 * Rows
 * - one **balance row** per region × product (row index = r·P + p), an equality:
 *   Σ supply columns − Σ use columns = critical requirement − beginning stock − arrivals − strategic release.
 *   Its dual is the regional price (USD/kg): HiGHS reports, for a minimisation, the marginal cost of
 *   one more tonne of required net supply, which is the price (checked in the hand-case tests). Where
 *   the duals are not unique the engine picks canonical ones (canonical.ts).
 * - one **quota row** per `export_quota` policy: Σ trade and licensed shipments on its links ≤ limit.
 * - **origin rows** (rules of origin), unless `market.reexport`: for every destination d and product p
 *   that some restrictive link policy (ban, quota, licence, tariff, export tax, import ban) covers, and
 *   every third region r outside that policy's origins: Σ exports r→d of p ≤ r's production of p. In
 *   force only while such a policy restricts (otherwise the row is relaxed), so goods are homogeneous and
 *   freely re-exported in unrestricted trade, but a restricted origin's goods cannot reach d relabelled
 *   by a third country — that route exists only as the policy's explicit leakage. The row's dual is
 *   the premium d pays for goods of non-restricted origin; a third region may still export its own
 *   output to d and import for its own use (fungibility).
 *   Each restricted destination is bounded separately, so a region could send its whole output to each
 *   of two restricted destinations at once: generous when several destinations are restricted together.
 * - **shared-capacity rows**: a plant and the plants running alternative recipes on its lines
 *   (PlantDef.sharesCapacityOf) together stay within its capacity; the row's dual is the capacity rent.
 *
 * Columns (t per period; the objective is a cost to minimise in kUSD = USD/kg × t)
 * - band: a plant's activity in one cost band; +perUnit in each output row, −perUnit in each input row.
 * - trade: shipment o→d that arrives in the same period; −1 at o, +1 at d.
 * - leak: the "via third countries" route of a capped link (ban, quota, licence); −1 at o, +1 at d.
 * - ship: a licensed shipment with a delay; −1 at o only, it arrives the licence's delay later.
 * - tier: a step of the region's demand-for-consumption-and-holding curve on a geometric price grid;
 *   −1, cost −w_k (willingness to pay). Final demand and commercial stock holding share the grid, so
 *   they share the columns: two columns with the same WTP and the same matrix column are perfect
 *   substitutes for the LP, and the solution is split between them pro rata after the solve.
 * - backstop: unserved critical demand of one demand definition, +1, cost = its choke price.
 * - hold / dispose: the surplus sink of each balance row (hold: involuntary stock at zero value for
 *   products that cannot be disposed of; dispose: at `disposalCost` otherwise). It keeps the LP feasible.
 * - build: strategic purchases under a `stockpile_build` policy, −1, WTP = the product's highest choke.
 *
 * Products with an elasticity of substitution between origins (Armington; armington.ts) are laid out
 * per origin: a **pool row** per producing region (its plants' output: its dual is the producer price),
 * a **variety row** per origin and destination (origin o's goods at d: its dual is their landed price),
 * and **mix columns** at each destination that turn origin varieties into the composite the balance row
 * supplies to users, 1 t for 1 t, at a switching cost. Trade, leak, licensed-shipment and new-volume
 * columns of such products run from a pool row to a variety row, so imports cannot be re-exported (no
 * rules of origin are needed) and a destination's buyers do not treat origins as one good. Equality
 * rows — balance, pool, variety — are rows 0 … marketRows − 1; quota, origin and shared rows follow.
 * - fresh: the new-volume column of a link whose product must qualify (ProductDef.qualification): volume
 *   above the link's established level pays a premium on the origin price (engine/policies finalise the
 *   split of the link's legal cap between trade and fresh).
 * - mix: one recipe of a destination's composite (armington.ts): −u_o in each origin's variety (or the
 *   home pool), +1 in the destination's balance row; its cost is friction × the composite's price level.
 *
 * Policies are taken with their link selections normalised (`normaliseSelection`): an export-side
 * policy (ban, quota, licence, export tax) never has one of its own origins as a destination.
 */
import { mixesOf, normalisedOver } from './armington.js';
import type { ForeignMade, LinkSelection, ModelInput, PolicyInput } from '../model/types.js';

/**
 * Each destination's benchmark mix of a product that keeps its origin, and the preference weights that
 * make it the buyers' choice at the reference prices (benchmark.ts); layout (p·R + d)·R + o.
 */
export interface ArmingtonBenchmark {
  readonly shares: Float64Array;
  readonly weights: Float64Array;
  /** 1 where the origin supplied the destination in the benchmark (the others are entrants: armington.ts). */
  readonly active: Uint8Array;
  /** Prices of the benchmark clearing (USD/kg) per region × product, and landed per link (p·R + o)·R + d. */
  readonly price: Float64Array;
  readonly landed: Float64Array;
}

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
  mix: 9,
  fresh: 10,
  content: 11,
  downgrade: 12,
  contentFresh: 13,
} as const;
/** One of the `COL` values. */
export type ColKind = (typeof COL)[keyof typeof COL];

/** Names of the column kinds, for messages. */
export const COL_NAMES: readonly string[] = Object.entries(COL).sort((a, b) => a[1] - b[1]).map(([name]) => name);

/** Top of the price grid when a product has no demand anywhere: this multiple of its reference price. */
const DEFAULT_TOP_MULTIPLE = 10;
/** Guard against absurd grids (tierRatio ≈ 1). */
const MAX_TIERS_PER_ROW = 5000;

/** The fixed structure of a run's period LP (see the module comment). */
export interface LpLayout {
  readonly regions: number;
  readonly products: number;
  /** Balance rows = regions × products. */
  readonly balanceRows: number;
  /** Equality rows (balance, pool, variety): rows 0 … marketRows − 1; their duals are prices. */
  readonly marketRows: number;
  /**
   * Prices a run starts from, every row (USD/kg): the products' reference prices, or with an Armington
   * benchmark its clearing's prices (the switching costs' price level must start where the benchmark
   * mixes were calibrated, or the first period would not reproduce them). 0 on side rows.
   */
  readonly startPrice: Float64Array;
  readonly numRows: number;
  /** Product of each market row. */
  readonly rowProduct: Int32Array;
  /** Region of each market row (a variety row's destination). */
  readonly rowRegion: Int32Array;
  /** Pool row of each region × product (a producer's own output of a differentiated product), −1 when none. */
  readonly poolRow: Int32Array;
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
  /** The same matrix by rows (CSR): the columns of row i are rowCols[rowStarts[i] .. rowStarts[i+1]). */
  readonly rowStarts: Int32Array;
  readonly rowCols: Int32Array;
  readonly rowVals: Float64Array;
  /** Reference price of each product (USD/kg). */
  readonly referencePrice: Float64Array;
  /** First band column of plant i is plantBandStart[i]; its bands run to plantBandStart[i+1]. */
  readonly plantBandStart: Int32Array;
  /** Delayed-shipment column of each link (layout (p·R+o)·R+d), −1 on the diagonal or when absent. */
  readonly shipCol: Int32Array;
  /** New-volume column of each link whose product must qualify, −1 when none. */
  readonly freshCol: Int32Array;
  /** Switching cost per tonne of each mix column, as a multiple of the composite's price level (0 elsewhere). */
  readonly mixFriction: Float64Array;
  /** Longest licensing delay of any policy (periods): how far ahead the pipeline must reach. */
  readonly maxShipDelay: number;
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
  /** Strategic build column of each balance row, −1 when no policy can build there. */
  readonly buildCol: Int32Array;
  /** Highest choke price of each product over all regions (USD/kg); DEFAULT_TOP_MULTIPLE·p_ref if none. */
  readonly chokeMax: Float64Array;
  /** World policies then scenario policies, in input order, selections normalised. */
  readonly policies: readonly PolicyInput[];
  /** Number of world policies: policies[i] is a scenario policy iff i ≥ worldPolicyCount. */
  readonly worldPolicyCount: number;
  /** Quota row of each policy (by index in `policies`), −1 when not a quota. */
  readonly quotaRow: Int32Array;
  /**
   * Rules of origin (see the module comment): the origin row of link (p, r, d) — "r exports to d at most
   * what r produced of p" — or −1 when no restrictive policy can cover d and p, or re-export is allowed.
   * Origin rows are numbered originRowStart … sharedRowStart − 1.
   */
  readonly originRowOf: Int32Array;
  readonly originRowStart: number;
  /** The link of each origin row (index − originRowStart): the inverse of originRowOf. */
  readonly originRowLink: Int32Array;
  /**
   * Shared-capacity rows: row sharedRowStart + k caps the summed activity of plant sharedPrimary[k] and
   * of the plants that run alternative recipes on its lines (PlantDef.sharesCapacityOf). Where every
   * alternative has as many cost bands as the primary, the lines are shared band by band (band
   * sharedBand[k] of each, within that band's share of the primary's capacity: cheap lines are cheap
   * whichever recipe runs on them); otherwise one row holds all bands within the primary's capacity
   * (sharedBand[k] = −1). They come after the origin rows.
   */
  readonly sharedRowStart: number;
  readonly sharedPrimary: Int32Array;
  readonly sharedBand: Int32Array;
  /**
   * Content tracking (policies with `foreignMade`; all empty without one): regions whose material is
   * tracked, products that carry it, and per region × product the *any-content* pool row (output that may
   * contain tracked material; the pool row is then certified free of it) and the *clean composite* row
   * (inputs certified free, for the clean recipe of a plant), per link the any-content variety row and the
   * content-trade column; plants with a clean and an any-content recipe lay their bands twice (colSub
   * k and bands + k), and band rows keep the two within each band's capacity.
   */
  readonly contentOrigins: Uint8Array;
  readonly tracked: Uint8Array;
  readonly anyPool: Int32Array;
  /** Content-trade and content new-volume columns, ascending. */
  readonly contentCols: Int32Array;
  /**
   * Qualification routes: index q < L is link q's ordinary trade, L + l its content trade; each has its
   * new-volume column (−1: none), and the rows it runs from and to. Established levels, qualification
   * progress and legal flows are indexed by route.
   */
  readonly routeFresh: Int32Array;
  readonly routeFrom: Int32Array;
  readonly routeTo: Int32Array;
  /** Band rows: row bandRowStart + k caps band bandRowBand[k] of plant bandRowPlant[k] (both recipes). */
  readonly bandRowStart: number;
  readonly bandRowPlant: Int32Array;
  readonly bandRowBand: Int32Array;
  /** Coverage target (periods of use) of each region × product, from the stock definitions. */
  readonly coverage: Float64Array;
  /** Initial commercial and strategic stocks (t) of each region × product. */
  readonly initialStock: Float64Array;
  readonly initialStrategic: Float64Array;
  /** Trade, leak, ship and fresh columns, ascending: with the mix columns, those whose cost depends on prices. */
  readonly linkCols: Int32Array;
  /** Mix columns, ascending. */
  readonly mixCols: Int32Array;
  /**
   * The market row a link's goods leave (the origin's balance row, or its pool row) and reach (the
   * destination's balance row, or the origin's variety row there): the hot path's link decoding.
   */
  readonly linkFromRow: Int32Array;
  readonly linkToRow: Int32Array;
}

/** Link index of product p from o to d (types.ts layout). */
export function linkIndex(R: number, p: number, o: number, d: number): number {
  return (p * R + o) * R + d;
}

/** Index of origin o's share at destination d (destination-major: ArmingtonBenchmark.shares, weights, active). */
export function shareIndex(R: number, p: number, d: number, o: number): number {
  return (p * R + d) * R + o;
}

/** The row a plant's output of region × product `rp` goes to: its pool row, or the balance row. */
export function outputRow(layout: { readonly poolRow: Int32Array }, rp: number): number {
  return layout.poolRow[rp] >= 0 ? layout.poolRow[rp] : rp;
}

/** [product, origin, destination] of a link index. */
export function splitLink(R: number, l: number): [number, number, number] {
  const d = l % R;
  const o = Math.floor(l / R) % R;
  const p = Math.floor(l / (R * R));
  return [p, o, d];
}

/**
 * Calls fn for every link r→d of a third region r (outside the selection's origins, r ≠ d) into one of
 * the selection's destinations, for each of its products: the links a rule of origin bounds.
 */
export function forEachThirdCountryLink(R: number, sel: LinkSelection, fn: (link: number) => void): void {
  for (const p of sel.products)
    for (const d of sel.to)
      for (let r = 0; r < R; r++) if (r !== d && !sel.from.includes(r)) fn(linkIndex(R, p, r, d));
}

/** Calls fn for every link o→d (o ≠ d) of a link selection. */
export function forEachSelectedLink(R: number, sel: LinkSelection, fn: (link: number, p: number, o: number, d: number) => void): void {
  for (const p of sel.products) for (const o of sel.from) for (const d of sel.to) if (o !== d) fn(linkIndex(R, p, o, d), p, o, d);
}

/** Transport cost of link l (USD/kg, ≥ 0; 0 where the world gives none). */
function linkTransport(input: ModelInput, l: number): number {
  return Math.max(0, input.transportCost[l] ?? 0);
}

/** Price of grid step k of a product: w_k = tierFloor · p_ref · tierRatio^k. */
function gridPrice(input: ModelInput, p: number, k: number): number {
  return input.market.tierFloor * input.products[p].referencePrice * Math.pow(input.market.tierRatio, k);
}

/** Number of grid steps strictly below `top`. At least one, so every row with demand has a tier. */
function gridSteps(input: ModelInput, p: number, top: number): number {
  let k = 0;
  while (k < MAX_TIERS_PER_ROW && gridPrice(input, p, k) < top) k++;
  return Math.max(1, k);
}

/** Whether a link policy restricts imports into its `to` regions (so importers may hoard on announcement). */
function isRestrictiveLinkPolicy(pol: PolicyInput): pol is PolicyInput & LinkSelection {
  return (
    pol.type === 'export_ban' ||
    pol.type === 'export_quota' ||
    pol.type === 'export_license' ||
    pol.type === 'export_tax' ||
    pol.type === 'tariff' ||
    pol.type === 'import_ban'
  );
}

/** Whether a policy caps what its origins export (and may reach goods made abroad: `foreignMade`). */
export function isExportCap(pol: PolicyInput): pol is Extract<PolicyInput, { type: 'export_ban' | 'export_quota' | 'export_license' }> {
  return pol.type === 'export_ban' || pol.type === 'export_quota' || pol.type === 'export_license';
}

/** Whether a policy is set by its origins (export side) rather than by its importers. */
function isExportSide(pol: PolicyInput): boolean {
  return isExportCap(pol) || pol.type === 'export_tax';
}

/**
 * An export-side policy never has one of its own origins as a destination: `to` loses its `from`
 * regions (so `to: "*"` means every other region: the origin neither hoards against its own controls
 * nor gets rules of origin on its own imports). Import-side policies (tariffs, import bans) keep their
 * selections: their links already exclude o = d.
 */
function normaliseSelection(pol: PolicyInput): PolicyInput {
  if (!isExportSide(pol) || !('to' in pol)) return pol;
  const to = pol.to.filter((d) => !pol.from.includes(d));
  return to.length === pol.to.length ? pol : { ...pol, to };
}

/** Columns being laid out: parallel arrays, and the sparse entries of each column. */
class Columns {
  readonly kind: number[] = [];
  readonly ref: number[] = [];
  readonly sub: number[] = [];
  readonly cost: number[] = [];
  readonly starts: number[] = [0];
  readonly indices: number[] = [];
  readonly values: number[] = [];

  get count(): number {
    return this.kind.length;
  }

  /** Appends a column with its balance-row entries (row → coefficient); returns its index. */
  push(kind: ColKind, ref: number, sub: number, cost: number, entries: Map<number, number>): number {
    const col = this.kind.length;
    this.kind.push(kind);
    this.ref.push(ref);
    this.sub.push(sub);
    this.cost.push(cost);
    const rows = [...entries.keys()].filter((r) => entries.get(r) !== 0).sort((a, c) => a - c);
    for (const r of rows) {
      this.indices.push(r);
      this.values.push(entries.get(r)!);
    }
    this.starts.push(this.indices.length);
    return col;
  }
}

/** Non-balance rows being laid out: their count so far and their entries by column. */
class SideRows {
  numRows: number;
  /** col → row → coefficient. */
  readonly entries = new Map<number, Map<number, number>>();

  constructor(balanceRows: number) {
    this.numRows = balanceRows;
  }

  next(): number {
    return this.numRows++;
  }

  /** Adds coefficient v of column col (none when col < 0) in a side row. */
  add(col: number, row: number, v: number): void {
    if (col < 0) return;
    let m = this.entries.get(col);
    if (!m) this.entries.set(col, (m = new Map()));
    m.set(row, (m.get(row) ?? 0) + v);
  }
}

/** Rows where someone consumes, holds stock or uses the product as a plant input. */
function usingRows(input: ModelInput): Uint8Array {
  const P = input.products.length;
  const uses = new Uint8Array(input.regions.length * P);
  for (const s of input.stocks) uses[s.region * P + s.product] = 1;
  for (const dem of input.demands) uses[dem.region * P + dem.product] = 1;
  for (const plant of input.plants) for (const inp of plant.inputs) uses[plant.region * P + inp.product] = 1;
  return uses;
}

/** Rows that may hold stock: the using rows, and the destinations of a restriction (which may hoard ahead of it). */
function holdingRows(uses: Uint8Array, P: number, policies: readonly PolicyInput[]): Uint8Array {
  const holds = Uint8Array.from(uses);
  for (const pol of policies) if (isRestrictiveLinkPolicy(pol)) for (const d of pol.to) for (const p of pol.products) holds[d * P + p] = 1;
  return holds;
}

/**
 * Region × product pairs that can make the product during a run: a plant with an output of it that has
 * capacity, may expand, or is the target of a capacity policy. Only they are origins of a product that
 * keeps its origin (a region that can never make it needs no producer price and no varieties).
 */
export function possibleOrigins(input: ModelInput): Uint8Array {
  const P = input.products.length;
  const out = new Uint8Array(input.regions.length * P);
  const targeted = new Set<number>();
  for (const pol of [...input.worldPolicies, ...input.scenarioPolicies]) if (pol.type === 'capacity') targeted.add(pol.plant);
  input.plants.forEach((plant, i) => {
    if (!(plant.capacity > 0) && !plant.expansion.enabled && !targeted.has(i)) return;
    for (const o of plant.outputs) if (o.perUnit > 0) out[plant.region * P + o.product] = 1;
  });
  return out;
}

/** The market rows: balance rows, then a pool row per producer and a variety row per origin × destination of each differentiated product. */
interface Markets {
  readonly differentiated: Uint8Array;
  readonly poolRow: Int32Array;
  readonly varietyRow: Int32Array;
  readonly marketRows: number;
  readonly rowProduct: Int32Array;
  readonly rowRegion: Int32Array;
  /** Region × product rows that receive supply: using rows, and the producers of differentiated products. */
  readonly receives: Uint8Array;
  readonly content: Content;
}

/** Content tracking laid out with the markets (LpLayout.contentOrigins …). */
interface Content {
  readonly origins: Uint8Array;
  readonly tracked: Uint8Array;
  readonly anyPool: Int32Array;
  /** A producer's supply to its own users: its certified-free and its any-content output (home mixes draw on it). */
  readonly anyHome: Int32Array;
  readonly anyVariety: Int32Array;
  readonly cleanComp: Int32Array;
  /** Plants with a clean and an any-content recipe. */
  readonly variants: Uint8Array;
  /** Per plant and input: the input is tracked (its value share reaches the de minimis). */
  readonly trackedInput: readonly Uint8Array[];
}

/** Policies whose reach extends to foreign-made goods. */
function foreignMadePolicies(policies: readonly PolicyInput[]): (PolicyInput & LinkSelection & { foreignMade: ForeignMade })[] {
  return policies.filter((pol): pol is PolicyInput & LinkSelection & { foreignMade: ForeignMade } => isExportCap(pol) && pol.foreignMade != null);
}

/**
 * Which material is tracked and where (see LpLayout.contentOrigins): the origins of the foreign-made
 * policies, and the products they name that keep their origin — those are both what the reach covers
 * and what counts as the origins' material (a control on dysprosium and magnets reaches a magnet made
 * abroad from the origins' dysprosium metal, not one made only from their neodymium). Plants outside
 * the origins with a tracked output and a tracked input whose value share (at reference prices) reaches
 * the smallest de minimis get two recipes. Rows are appended to the market rows.
 */
function layContent(input: ModelInput, policies: readonly PolicyInput[], m: { differentiated: Uint8Array; poolRow: Int32Array; varietyRow: Int32Array; rowProduct: number[]; rowRegion: number[] }): Content {
  const R = input.regions.length;
  const P = input.products.length;
  const reach = foreignMadePolicies(policies);
  const origins = new Uint8Array(R);
  const tracked = new Uint8Array(P);
  const anyPool = new Int32Array(R * P).fill(-1);
  const anyHome = new Int32Array(R * P).fill(-1);
  const anyVariety = new Int32Array(P * R * R).fill(-1);
  const cleanComp = new Int32Array(R * P).fill(-1);
  const variants = new Uint8Array(input.plants.length);
  const trackedInput = input.plants.map((plant) => new Uint8Array(plant.inputs.length));
  if (reach.length === 0) return { origins, tracked, anyPool, anyHome, anyVariety, cleanComp, variants, trackedInput };
  for (const pol of reach) {
    for (const o of pol.from) origins[o] = 1;
    for (const p of pol.products) if (m.differentiated[p]) tracked[p] = 1;
  }
  const threshold = Math.min(...reach.map((pol) => pol.foreignMade.deMinimis));
  input.plants.forEach((plant, i) => {
    if (origins[plant.region] || !plant.outputs.some((o) => tracked[o.product] && o.perUnit > 0)) return;
    const value = plant.outputs.reduce((sum, o) => sum + Math.max(0, o.perUnit) * input.products[o.product].referencePrice, 0);
    plant.inputs.forEach((inp, k) => {
      const share = value > 0 ? (inp.perUnit * input.products[inp.product].referencePrice) / value : 1;
      if (tracked[inp.product] && share >= threshold) trackedInput[i][k] = 1;
    });
    if (trackedInput[i].some((x) => x)) variants[i] = 1;
  });
  const push = (p: number, r: number) => {
    m.rowProduct.push(p);
    m.rowRegion.push(r);
    return m.rowProduct.length - 1;
  };
  for (let rp = 0; rp < R * P; rp++) {
    const r = Math.floor(rp / P);
    if (tracked[rp % P] && !origins[r] && m.poolRow[rp] >= 0) {
      anyPool[rp] = push(rp % P, r);
      anyHome[rp] = push(rp % P, r);
    }
  }
  for (let l = 0; l < P * R * R; l++) {
    const [p, o, d] = splitLink(R, l);
    if (tracked[p] && !origins[o] && m.varietyRow[l] >= 0) anyVariety[l] = push(p, d);
  }
  input.plants.forEach((plant, i) => {
    if (!variants[i]) return;
    plant.inputs.forEach((inp, k) => {
      const rp = plant.region * P + inp.product;
      if (trackedInput[i][k] && cleanComp[rp] < 0) cleanComp[rp] = push(inp.product, plant.region);
    });
  });
  return { origins, tracked, anyPool, anyHome, anyVariety, cleanComp, variants, trackedInput };
}

function layMarkets(input: ModelInput, uses: Uint8Array, benchmark: ArmingtonBenchmark | null, policies: readonly PolicyInput[]): Markets {
  const R = input.regions.length;
  const P = input.products.length;
  const N = R * P;
  const differentiated = Uint8Array.from(input.products, (p) => (p.substitution != null && benchmark ? 1 : 0));
  const poolRow = new Int32Array(N).fill(-1);
  const varietyRow = new Int32Array(P * R * R).fill(-1);
  const rowProduct: number[] = Array.from({ length: N }, (_, rp) => rp % P);
  const rowRegion: number[] = Array.from({ length: N }, (_, rp) => Math.floor(rp / P));
  const makes = possibleOrigins(input);
  const receives = Uint8Array.from(uses);
  for (let rp = 0; rp < N; rp++) {
    if (!differentiated[rp % P] || !makes[rp]) continue;
    poolRow[rp] = rowProduct.length;
    rowProduct.push(rp % P);
    rowRegion.push(Math.floor(rp / P));
    receives[rp] = 1; // a producer absorbs its own unsold output through its home composite
  }
  for (let p = 0; p < P; p++) {
    if (!differentiated[p]) continue;
    for (let o = 0; o < R; o++)
      for (let d = 0; d < R; d++) {
        if (o === d || poolRow[o * P + p] < 0 || !receives[d * P + p]) continue;
        varietyRow[linkIndex(R, p, o, d)] = rowProduct.length;
        rowProduct.push(p);
        rowRegion.push(d);
      }
  }
  const content = layContent(input, policies, { differentiated, poolRow, varietyRow, rowProduct, rowRegion });
  return {
    differentiated, poolRow, varietyRow, marketRows: rowProduct.length,
    rowProduct: Int32Array.from(rowProduct), rowRegion: Int32Array.from(rowRegion), receives, content,
  };
}

/** Highest choke price per product and per region × product. */
function chokePrices(input: ModelInput): { chokeMax: Float64Array; chokeRp: Float64Array } {
  const P = input.products.length;
  const chokeMax = new Float64Array(P);
  const chokeRp = new Float64Array(input.regions.length * P);
  for (const dem of input.demands) {
    chokeMax[dem.product] = Math.max(chokeMax[dem.product], dem.chokePrice);
    const rp = dem.region * P + dem.product;
    chokeRp[rp] = Math.max(chokeRp[rp], dem.chokePrice);
  }
  for (let p = 0; p < P; p++) if (chokeMax[p] <= 0) chokeMax[p] = DEFAULT_TOP_MULTIPLE * input.products[p].referencePrice;
  return { chokeMax, chokeRp };
}

/**
 * 1. Plant bands: +perUnit in each output row (the pool row of a differentiated product), −perUnit in
 * each input row (the balance row: plants use the composite), at the band's unit cost.
 */
function layPlantBands(input: ModelInput, markets: Markets, cols: Columns): Int32Array {
  const P = input.products.length;
  const { content } = markets;
  const plantBandStart = new Int32Array(input.plants.length + 1);
  input.plants.forEach((plant, i) => {
    plantBandStart[i] = cols.count;
    // A plant with two recipes: the clean one takes its tracked inputs from the clean composites and
    // makes certified-free output; the any-content one takes any input and makes output that may carry
    // the tracked material (its any-content pool).
    const recipe = (clean: boolean) => {
      const entries = new Map<number, number>();
      const add = (row: number, v: number) => entries.set(row, (entries.get(row) ?? 0) + v);
      for (const o of plant.outputs) {
        const rp = plant.region * P + o.product;
        add(!clean && content.anyPool[rp] >= 0 ? content.anyPool[rp] : outputRow(markets, rp), o.perUnit);
      }
      plant.inputs.forEach((inp, k) => {
        const rp = plant.region * P + inp.product;
        add(clean && content.trackedInput[i][k] ? content.cleanComp[rp] : rp, -inp.perUnit);
      });
      return entries;
    };
    const first = recipe(true);
    plant.bands.forEach((band, k) => cols.push(COL.band, i, k, band.unitCost, first));
    if (content.variants[i]) {
      const second = recipe(false);
      plant.bands.forEach((band, k) => cols.push(COL.band, i, plant.bands.length + k, anyContentCost(band.unitCost), second));
    }
  });
  plantBandStart[input.plants.length] = cols.count;
  return plantBandStart;
}

/**
 * Unit cost of a band's any-content recipe: a millionth above the clean recipe's, so that where the two
 * are otherwise alike (no tracked material within reach of the plant's inputs) output is certified free
 * rather than labelled at random. Checks recompute it (invariants.ts).
 */
export function anyContentCost(unitCost: number): number {
  return unitCost + 1e-6 * Math.max(1, Math.abs(unitCost));
}

/**
 * Content columns: downgrades (goods certified free may always be used where any content is accepted:
 * a producer's certified-free and any-content output both serve its own users, and an origin's
 * certified-free variety at a destination its any-content variety there, at no cost; certified-free
 * output never becomes exportable as any-content) and content trade (an origin's any-content output to
 * its any-content variety at a destination, at the link's transport cost).
 */
function layContentColumns(input: ModelInput, markets: Markets, cols: Columns): { contentCol: Int32Array; contentFreshCol: Int32Array } {
  const R = input.regions.length;
  const { content } = markets;
  content.anyHome.forEach((row, rp) => {
    if (row < 0) return;
    cols.push(COL.downgrade, markets.poolRow[rp], 0, 0, new Map([[markets.poolRow[rp], -1], [row, 1]]));
    cols.push(COL.downgrade, content.anyPool[rp], 0, 0, new Map([[content.anyPool[rp], -1], [row, 1]]));
  });
  content.anyVariety.forEach((row, l) => {
    if (row >= 0) cols.push(COL.downgrade, markets.varietyRow[l], 0, 0, new Map([[markets.varietyRow[l], -1], [row, 1]]));
  });
  const contentCol = new Int32Array(content.anyVariety.length).fill(-1);
  const contentFreshCol = new Int32Array(content.anyVariety.length).fill(-1);
  content.anyVariety.forEach((row, l) => {
    if (row < 0) return;
    const [p, o] = splitLink(R, l);
    const from = content.anyPool[o * input.products.length + p];
    if (from < 0) return;
    const transport = linkTransport(input, l);
    contentCol[l] = cols.push(COL.content, l, 0, transport, new Map([[from, -1], [row, 1]]));
    // Content trade qualifies like ordinary trade: volume above its own established level is new.
    if (input.products[p].qualification) contentFreshCol[l] = cols.push(COL.contentFresh, l, 0, transport, new Map([[from, -1], [row, 1]]));
  });
  return { contentCol, contentFreshCol };
}

/** The qualification routes (LpLayout.routeFresh …): ordinary trade, then content trade. */
function qualificationRoutes(
  links: { freshCol: Int32Array },
  rows: { linkFromRow: Int32Array; linkToRow: Int32Array },
  contentFreshCol: Int32Array,
  content: Content,
  R: number,
  P: number,
): { routeFresh: Int32Array; routeFrom: Int32Array; routeTo: Int32Array } {
  const L = links.freshCol.length;
  const routeFresh = new Int32Array(2 * L).fill(-1);
  const routeFrom = new Int32Array(2 * L).fill(-1);
  const routeTo = new Int32Array(2 * L).fill(-1);
  for (let l = 0; l < L; l++) {
    routeFresh[l] = links.freshCol[l];
    routeFrom[l] = rows.linkFromRow[l];
    routeTo[l] = rows.linkToRow[l];
    const [p, o] = splitLink(R, l);
    routeFresh[L + l] = contentFreshCol[l];
    routeFrom[L + l] = content.anyPool[o * P + p];
    routeTo[L + l] = content.anyVariety[l];
  }
  return { routeFresh, routeFrom, routeTo };
}

/**
 * The rows each link runs between: a homogeneous product's from the origin's balance row to the
 * destination's; a differentiated product's from the origin's pool row to its variety row at the
 * destination (−1 where there is no such link: the origin makes none, or the destination takes none).
 */
function linkRows(input: ModelInput, markets: Markets): { linkFromRow: Int32Array; linkToRow: Int32Array } {
  const R = input.regions.length;
  const P = input.products.length;
  const L = P * R * R;
  const linkFromRow = new Int32Array(L).fill(-1);
  const linkToRow = new Int32Array(L).fill(-1);
  for (let l = 0; l < L; l++) {
    const [p, o, d] = splitLink(R, l);
    if (o === d) continue;
    if (!markets.differentiated[p]) {
      linkFromRow[l] = o * P + p;
      linkToRow[l] = d * P + p;
    } else if (markets.varietyRow[l] >= 0) {
      linkFromRow[l] = markets.poolRow[o * P + p];
      linkToRow[l] = markets.varietyRow[l];
    }
  }
  return { linkFromRow, linkToRow };
}

/**
 * 2. Trade on every link, the leak and delayed-shipment routes of links that some policy caps, and the
 * new-volume route of links whose product must qualify.
 */
function layLinks(
  input: ModelInput,
  policies: readonly PolicyInput[],
  rows: { linkFromRow: Int32Array; linkToRow: Int32Array },
  cols: Columns,
): { tradeCol: Int32Array; leakCol: Int32Array; shipCol: Int32Array; freshCol: Int32Array; maxShipDelay: number } {
  const R = input.regions.length;
  const L = input.products.length * R * R;
  const tradeCol = new Int32Array(L).fill(-1);
  const leakCol = new Int32Array(L).fill(-1);
  const shipCol = new Int32Array(L).fill(-1);
  const freshCol = new Int32Array(L).fill(-1);
  const transport = (l: number) => linkTransport(input, l);
  const entries = (l: number) => new Map([[rows.linkFromRow[l], -1], [rows.linkToRow[l], 1]]);
  const exists = (l: number) => rows.linkFromRow[l] >= 0;
  for (let l = 0; l < L; l++) if (exists(l)) tradeCol[l] = cols.push(COL.trade, l, 0, transport(l), entries(l));
  const leaky = new Uint8Array(L);
  const delayed = new Uint8Array(L);
  let maxShipDelay = 0;
  for (const pol of policies) {
    if (isExportCap(pol)) forEachSelectedLink(R, pol, (l) => (leaky[l] = 1));
    if (pol.type === 'export_license' && pol.delay > 0) {
      forEachSelectedLink(R, pol, (l) => (delayed[l] = 1));
      maxShipDelay = Math.max(maxShipDelay, Math.round(pol.delay));
    }
  }
  for (let l = 0; l < L; l++) if (leaky[l] && exists(l)) leakCol[l] = cols.push(COL.leak, l, 0, transport(l), entries(l));
  for (let l = 0; l < L; l++)
    if (delayed[l] && exists(l)) shipCol[l] = cols.push(COL.ship, l, 0, transport(l), new Map([[rows.linkFromRow[l], -1]]));
  for (let l = 0; l < L; l++) {
    const [p] = splitLink(R, l);
    if (exists(l) && input.products[p].qualification) freshCol[l] = cols.push(COL.fresh, l, 0, transport(l), entries(l));
  }
  return { tradeCol, leakCol, shipCol, freshCol, maxShipDelay };
}

/** Stock definitions summed per region × product. */
function stockTables(input: ModelInput): { coverage: Float64Array; initialStock: Float64Array; initialStrategic: Float64Array } {
  const P = input.products.length;
  const N = input.regions.length * P;
  const coverage = new Float64Array(N);
  const initialStock = new Float64Array(N);
  const initialStrategic = new Float64Array(N);
  for (const s of input.stocks) {
    const rp = s.region * P + s.product;
    coverage[rp] += s.coverage;
    initialStock[rp] += s.commercial;
    initialStrategic[rp] += s.strategic;
  }
  return { coverage, initialStock, initialStrategic };
}

/**
 * 3. Demand-and-holding tiers on each product's price grid, for every row where someone consumes, may
 * hold stock, uses the product as a plant input, or imports it under a restriction (and may hoard).
 */
function layTiers(input: ModelInput, holds: Uint8Array, chokeMax: Float64Array, chokeRp: Float64Array, cols: Columns) {
  const P = input.products.length;
  const N = input.regions.length * P;
  const tierStart = new Int32Array(N);
  const tierCount = new Int32Array(N);
  const gridTop = new Float64Array(N);
  for (let rp = 0; rp < N; rp++) {
    const p = rp % P;
    gridTop[rp] = chokeRp[rp] > 0 ? chokeRp[rp] : chokeMax[p];
    tierStart[rp] = cols.count;
    if (!holds[rp]) continue;
    const K = gridSteps(input, p, gridTop[rp]);
    tierCount[rp] = K;
    for (let k = 0; k < K; k++) cols.push(COL.tier, rp, k, -gridPrice(input, p, k), new Map([[rp, -1]]));
  }
  return { tierStart, tierCount, gridTop };
}

/** 4. Each demand definition's elastic shape on its row's grid, and its backstop (unserved critical demand). */
function layDemand(input: ModelInput, tierCount: Int32Array, cols: Columns) {
  const P = input.products.length;
  const N = input.regions.length * P;
  const D = input.demands.length;
  const shapeStart = new Int32Array(D + 1);
  const shapes: number[] = [];
  const defsStart = new Int32Array(N + 1);
  for (const dem of input.demands) defsStart[dem.region * P + dem.product + 1]++;
  for (let rp = 0; rp < N; rp++) defsStart[rp + 1] += defsStart[rp];
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
    backstopCol[s] = cols.push(COL.backstop, s, 0, dem.chokePrice, new Map([[rp, 1]]));
  });
  shapeStart[D] = shapes.length;
  return { shapeStart, shapeDrop: Float64Array.from(shapes), defsStart, defsOf, backstopCol };
}

/**
 * 5. Surplus sinks (hold or dispose) of every balance row, and disposal at the pool rows of disposable
 * differentiated products (a non-disposable one's unsold output goes home through a mix and is held
 * there); 6. strategic build columns.
 */
function laySinksAndBuilds(input: ModelInput, policies: readonly PolicyInput[], markets: Markets, chokeMax: Float64Array, cols: Columns) {
  const P = input.products.length;
  const N = input.regions.length * P;
  const sinkCol = new Int32Array(N);
  for (let rp = 0; rp < N; rp++) {
    const dc = input.products[rp % P].disposalCost;
    const one = new Map([[rp, -1]]);
    sinkCol[rp] = dc === null ? cols.push(COL.hold, rp, 0, 0, one) : cols.push(COL.dispose, rp, 0, dc, one);
  }
  for (let rp = 0; rp < N; rp++) {
    const dc = input.products[rp % P].disposalCost;
    if (markets.poolRow[rp] >= 0 && dc !== null) cols.push(COL.dispose, rp, 0, dc, new Map([[markets.poolRow[rp], -1]]));
  }
  const buildCol = new Int32Array(N).fill(-1);
  for (const pol of policies) {
    if (pol.type !== 'stockpile_build') continue;
    const rp = pol.region * P + pol.product;
    if (buildCol[rp] < 0) buildCol[rp] = cols.push(COL.build, rp, 0, -chokeMax[pol.product], new Map([[rp, -1]]));
  }
  return { sinkCol, buildCol };
}

/**
 * Mix columns of every destination of a differentiated product (armington.ts): one per recipe, over the
 * product's origins in region order with the destination's benchmark shares. Returns each column's
 * friction (a multiple of the composite's price level).
 */
function layMixes(input: ModelInput, markets: Markets, benchmark: ArmingtonBenchmark | null, cols: Columns): Map<number, number> {
  const R = input.regions.length;
  const P = input.products.length;
  const friction = new Map<number, number>();
  if (!benchmark) return friction;
  const { shares, weights } = benchmark;
  for (let p = 0; p < P; p++) {
    if (!markets.differentiated[p]) continue;
    const origins = Array.from({ length: R }, (_, o) => o).filter((o) => markets.poolRow[o * P + p] >= 0);
    for (let d = 0; d < R; d++) {
      const rp = d * P + p;
      if (!markets.receives[rp] || origins.length === 0) continue;
      const normalised = normalisedOver(origins, Float64Array.from({ length: R }, (_, o) => shares[shareIndex(R, p, d, o)]));
      const s = origins.map((o) => normalised[o]);
      const a = origins.map((o, i) => (weights[shareIndex(R, p, d, o)] > 0 ? weights[shareIndex(R, p, d, o)] : s[i]));
      const active = origins.map((o) => benchmark.active[shareIndex(R, p, d, o)] === 1);
      const { content } = markets;
      // Users accept any content: where material is tracked, their mixes draw on the any-content rows.
      const cleanRow = (o: number) => (o === d ? markets.poolRow[rp] : markets.varietyRow[linkIndex(R, p, o, d)]);
      const anyRow = (o: number) => {
        const row = o === d ? content.anyHome[rp] : content.anyVariety[linkIndex(R, p, o, d)];
        return row >= 0 ? row : cleanRow(o);
      };
      const mixes = mixesOf(s, a, input.products[p].substitution!, active);
      mixes.forEach((mix, k) => {
        const entries = new Map<number, number>([[rp, 1]]);
        mix.u.forEach((u, i) => {
          if (u > 0) entries.set(anyRow(origins[i]), -u);
        });
        friction.set(cols.push(COL.mix, rp, k, 0, entries), mix.friction);
      });
      // The clean composite of a plant's certified-free recipe: the mixes without the tracked origins.
      if (content.cleanComp[rp] >= 0)
        mixes.forEach((mix, k) => {
          if (mix.u.some((u, i) => u > 0 && content.origins[origins[i]])) return;
          const entries = new Map<number, number>([[content.cleanComp[rp], 1]]);
          mix.u.forEach((u, i) => {
            if (u > 0) entries.set(cleanRow(origins[i]), -u);
          });
          friction.set(cols.push(COL.mix, rp, mixes.length + k, 0, entries), mix.friction);
        });
    }
  }
  return friction;
}

/** 7. Quota rows: +1 on the trade, new-volume and shipment columns of the quota's links. */
function layQuotaRows(
  R: number,
  policies: readonly PolicyInput[],
  links: { tradeCol: Int32Array; shipCol: Int32Array; freshCol: Int32Array },
  contentCol: Int32Array,
  side: SideRows,
): Int32Array {
  const quotaRow = new Int32Array(policies.length).fill(-1);
  policies.forEach((pol, i) => {
    if (pol.type !== 'export_quota') return;
    const row = (quotaRow[i] = side.next());
    forEachSelectedLink(R, pol, (l) => {
      side.add(links.tradeCol[l], row, 1);
      side.add(links.shipCol[l], row, 1);
      side.add(links.freshCol[l], row, 1);
    });
    // A quota that reaches foreign-made goods also counts third regions' goods with the origins' material.
    if (pol.foreignMade) forEachThirdCountryLink(R, pol, (l) => side.add(contentCol[l], row, 1));
  });
  return quotaRow;
}

/**
 * 8. Origin rows of homogeneous products (a differentiated product's imports cannot be re-exported):
 * exports r→d of p (+1 on trade, leak, ship, fresh) ≤ production of p in r (−perUnit on bands).
 */
function layOriginRows(
  input: ModelInput,
  policies: readonly PolicyInput[],
  markets: Markets,
  links: { tradeCol: Int32Array; leakCol: Int32Array; shipCol: Int32Array; freshCol: Int32Array },
  plantBandStart: Int32Array,
  side: SideRows,
): Int32Array {
  const R = input.regions.length;
  const P = input.products.length;
  const originRowOf = new Int32Array(P * R * R).fill(-1);
  if (input.market.reexport) return originRowOf;
  for (const pol of policies)
    if (isRestrictiveLinkPolicy(pol))
      forEachThirdCountryLink(R, pol, (l) => {
        if (originRowOf[l] < 0 && !markets.differentiated[splitLink(R, l)[0]] && links.tradeCol[l] >= 0) originRowOf[l] = side.next();
      });
  const producers: { plant: number; out: number }[][] = Array.from({ length: R * P }, () => []);
  input.plants.forEach((plant, i) => {
    for (const o of plant.outputs) if (o.perUnit > 0) producers[plant.region * P + o.product].push({ plant: i, out: o.perUnit });
  });
  originRowOf.forEach((row, l) => {
    if (row < 0) return;
    const [p, r] = splitLink(R, l);
    side.add(links.tradeCol[l], row, 1);
    side.add(links.leakCol[l], row, 1);
    side.add(links.shipCol[l], row, 1);
    side.add(links.freshCol[l], row, 1);
    for (const { plant, out } of producers[r * P + p])
      for (let j = plantBandStart[plant]; j < plantBandStart[plant + 1]; j++) side.add(j, row, -out);
  });
  return originRowOf;
}

/**
 * 9. Shared-capacity rows: the primary plant's lines and the alternative recipes run on them, band by
 * band where the band structures match (LpLayout.sharedBand), else all bands in one row.
 */
function laySharedRows(input: ModelInput, markets: Markets, plantBandStart: Int32Array, side: SideRows): { sharedRowStart: number; sharedPrimary: Int32Array; sharedBand: Int32Array } {
  const sharedRowStart = side.numRows;
  const sharedPrimary: number[] = [];
  const sharedBand: number[] = [];
  const plantIndex = new Map(input.plants.map((plant, i) => [plant.id, i]));
  const groups = new Map<number, number[]>();
  input.plants.forEach((plant, i) => {
    const primary = plant.sharesCapacityOf === undefined ? undefined : plantIndex.get(plant.sharesCapacityOf);
    if (primary === undefined || primary === i) return;
    const group = groups.get(primary) ?? [primary];
    group.push(i);
    groups.set(primary, group);
  });
  const addBand = (i: number, k: number, row: number) => addBandColumns(input, markets, plantBandStart, side, i, k, row);
  for (const [primary, group] of groups) {
    const nb = input.plants[primary].bands.length;
    const byBand = group.every((i) => input.plants[i].bands.length === nb);
    for (let k = 0; k < (byBand ? nb : 1); k++) {
      const row = side.next();
      sharedPrimary.push(primary);
      sharedBand.push(byBand ? k : -1);
      for (const i of group) {
        if (byBand) addBand(i, k, row);
        else for (let j = plantBandStart[i]; j < plantBandStart[i + 1]; j++) side.add(j, row, 1);
      }
    }
  }
  return { sharedRowStart, sharedPrimary: Int32Array.from(sharedPrimary), sharedBand: Int32Array.from(sharedBand) };
}

/** Puts band k of plant i in `row`: its column k and, for a plant with a clean and an any-content recipe, nb + k. */
function addBandColumns(input: ModelInput, markets: Markets, plantBandStart: Int32Array, side: SideRows, i: number, k: number, row: number): void {
  const nb = input.plants[i].bands.length;
  side.add(plantBandStart[i] + k, row, 1);
  if (markets.content.variants[i]) side.add(plantBandStart[i] + nb + k, row, 1);
}

/** 10. Band rows of plants with two recipes: the two columns of each band within the band's capacity. */
function layBandRows(input: ModelInput, markets: Markets, plantBandStart: Int32Array, side: SideRows): { bandRowStart: number; bandRowPlant: Int32Array; bandRowBand: Int32Array } {
  const bandRowStart = side.numRows;
  const plant: number[] = [];
  const band: number[] = [];
  input.plants.forEach((p, i) => {
    if (!markets.content.variants[i]) return;
    const nb = p.bands.length;
    for (let k = 0; k < nb; k++) {
      addBandColumns(input, markets, plantBandStart, side, i, k, side.next());
      plant.push(i);
      band.push(k);
    }
  });
  return { bandRowStart, bandRowPlant: Int32Array.from(plant), bandRowBand: Int32Array.from(band) };
}

/** Prices a run starts from (LpLayout.startPrice). */
function startPrices(input: ModelInput, markets: Markets, rows: { linkToRow: Int32Array }, numRows: number, benchmark: ArmingtonBenchmark | null): Float64Array {
  const P = input.products.length;
  const R = input.regions.length;
  const out = new Float64Array(numRows);
  for (let i = 0; i < markets.marketRows; i++) out[i] = input.products[markets.rowProduct[i]].referencePrice;
  if (!benchmark) return out;
  for (let rp = 0; rp < R * P; rp++) {
    out[rp] = benchmark.price[rp];
    if (markets.poolRow[rp] >= 0) out[markets.poolRow[rp]] = benchmark.price[rp];
  }
  rows.linkToRow.forEach((row, l) => {
    if (row >= R * P) out[row] = benchmark.landed[l];
  });
  const { content } = markets;
  content.anyPool.forEach((row, rp) => row >= 0 && (out[row] = benchmark.price[rp]));
  content.anyHome.forEach((row, rp) => row >= 0 && (out[row] = benchmark.price[rp]));
  content.cleanComp.forEach((row, rp) => row >= 0 && (out[row] = benchmark.price[rp]));
  content.anyVariety.forEach((row, l) => row >= 0 && (out[row] = benchmark.landed[l]));
  return out;
}

/** The link of each origin row. */
function inverseOriginRows(originRowOf: Int32Array, start: number, end: number): Int32Array {
  const out = new Int32Array(end - start).fill(-1);
  originRowOf.forEach((row, l) => {
    if (row >= 0) out[row - start] = l;
  });
  return out;
}

/** The CSC matrix: balance entries, then each column's side-row entries in row order. */
function assembleMatrix(cols: Columns, side: SideRows): { starts: Int32Array; indices: Int32Array; values: Float64Array } {
  const numCols = cols.count;
  let nnz = cols.indices.length;
  for (const m of side.entries.values()) nnz += m.size;
  const starts = new Int32Array(numCols + 1);
  const indices = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  let k = 0;
  for (let c = 0; c < numCols; c++) {
    starts[c] = k;
    for (let e = cols.starts[c]; e < cols.starts[c + 1]; e++) {
      indices[k] = cols.indices[e];
      values[k++] = cols.values[e];
    }
    const more = side.entries.get(c);
    if (more)
      for (const [row, v] of [...more.entries()].sort((x, y) => x[0] - y[0])) {
        indices[k] = row;
        values[k++] = v;
      }
  }
  starts[numCols] = k;
  return { starts, indices, values };
}

/**
 * The transpose of a compressed matrix (CSC → CSR, or CSR → CSC), ascending within each new line; with
 * `keep`, only the columns (lines) it accepts.
 */
export function transpose(
  numRows: number,
  starts: Int32Array,
  indices: Int32Array,
  values: Float64Array,
  keep: (j: number) => boolean = () => true,
): { rowStarts: Int32Array; rowCols: Int32Array; rowVals: Float64Array } {
  const rowStarts = new Int32Array(numRows + 1);
  for (let j = 0; j + 1 < starts.length; j++) if (keep(j)) for (let e = starts[j]; e < starts[j + 1]; e++) rowStarts[indices[e] + 1]++;
  for (let i = 0; i < numRows; i++) rowStarts[i + 1] += rowStarts[i];
  const fill = rowStarts.slice(0, numRows);
  const rowCols = new Int32Array(rowStarts[numRows]);
  const rowVals = new Float64Array(rowStarts[numRows]);
  for (let j = 0; j + 1 < starts.length; j++)
    if (keep(j))
      for (let e = starts[j]; e < starts[j + 1]; e++) {
        const i = indices[e];
        rowCols[fill[i]] = j;
        rowVals[fill[i]++] = values[e];
      }
  return { rowStarts, rowCols, rowVals };
}

/**
 * Lays out the period LP of a run (see the module comment). Pure; called once per run. Products with
 * `substitution` are laid out by origin only given their `benchmark` (benchmark.ts; `simulate` computes
 * it); without one every product is laid out homogeneous.
 */
export function buildLayout(input: ModelInput, benchmark: ArmingtonBenchmark | null = null): LpLayout {
  const R = input.regions.length;
  const P = input.products.length;
  const N = R * P;
  const policies = [...input.worldPolicies, ...input.scenarioPolicies].map(normaliseSelection);
  const cols = new Columns();
  const { chokeMax, chokeRp } = chokePrices(input);
  const uses = usingRows(input);
  const holds = holdingRows(uses, P, policies);
  // Origin varieties reach the rows that use a product: a restriction's destination that uses none has
  // nothing to hoard against (its coverage target is a multiple of its use).
  const markets = layMarkets(input, uses, benchmark, policies);
  const rows = linkRows(input, markets);

  const plantBandStart = layPlantBands(input, markets, cols);
  const links = layLinks(input, policies, rows, cols);
  const tiers = layTiers(input, holds, chokeMax, chokeRp, cols);
  const demand = layDemand(input, tiers.tierCount, cols);
  const sinks = laySinksAndBuilds(input, policies, markets, chokeMax, cols);
  const friction = layMixes(input, markets, benchmark, cols);
  const { contentCol, contentFreshCol } = layContentColumns(input, markets, cols);

  const side = new SideRows(markets.marketRows);
  const quotaRow = layQuotaRows(R, policies, links, contentCol, side);
  const originRowStart = side.numRows;
  const originRowOf = layOriginRows(input, policies, markets, links, plantBandStart, side);
  const shared = laySharedRows(input, markets, plantBandStart, side);
  const bands = layBandRows(input, markets, plantBandStart, side);

  const numRows = side.numRows;
  const matrix = assembleMatrix(cols, side);
  const linkCols: number[] = [];
  const mixCols: number[] = [];
  const contentCols: number[] = [];
  cols.kind.forEach((kind, j) => {
    if (kind === COL.trade || kind === COL.leak || kind === COL.ship || kind === COL.fresh) linkCols.push(j);
    if (kind === COL.mix) mixCols.push(j);
    if (kind === COL.content || kind === COL.contentFresh) contentCols.push(j);
  });
  const { content } = markets;
  return {
    regions: R,
    products: P,
    balanceRows: N,
    marketRows: markets.marketRows,
    numRows,
    startPrice: startPrices(input, markets, rows, numRows, benchmark),
    rowProduct: markets.rowProduct,
    rowRegion: markets.rowRegion,
    poolRow: markets.poolRow,
    numCols: cols.count,
    colKind: Uint8Array.from(cols.kind),
    colRef: Int32Array.from(cols.ref),
    colSub: Int32Array.from(cols.sub),
    baseCost: Float64Array.from(cols.cost),
    ...matrix,
    ...transpose(numRows, matrix.starts, matrix.indices, matrix.values),
    referencePrice: Float64Array.from(input.products, (p) => p.referencePrice),
    plantBandStart,
    shipCol: links.shipCol,
    freshCol: links.freshCol,
    maxShipDelay: links.maxShipDelay,
    mixFriction: Float64Array.from({ length: cols.count }, (_, j) => friction.get(j) ?? 0),
    ...tiers,
    tierWtp: Float64Array.from(cols.kind, (kind, j) => (kind === COL.tier ? -cols.cost[j] : 0)),
    shapeStart: demand.shapeStart,
    shapeDrop: demand.shapeDrop,
    defsStart: demand.defsStart,
    defsOf: demand.defsOf,
    buildCol: sinks.buildCol,
    chokeMax,
    policies,
    worldPolicyCount: input.worldPolicies.length,
    quotaRow,
    originRowOf,
    originRowStart,
    originRowLink: inverseOriginRows(originRowOf, originRowStart, shared.sharedRowStart),
    ...shared,
    ...bands,
    contentOrigins: content.origins,
    tracked: content.tracked,
    anyPool: content.anyPool,
    contentCols: Int32Array.from(contentCols),
    ...qualificationRoutes(links, rows, contentFreshCol, content, R, P),
    ...stockTables(input),
    linkCols: Int32Array.from(linkCols),
    mixCols: Int32Array.from(mixCols),
    ...rows,
  };
}
