/**
 * The typed interface where the scenario language meets the engine.
 *
 * The loader (src/scenario/) turns world and scenario files into one `ModelInput` per draw: plain data,
 * canonical units, every id replaced by a dense index, every time series expanded to one value per
 * period, every distribution already drawn. The engine (src/engine/) consumes it and knows nothing of
 * files, YAML, units or rare earths.
 *
 * Canonical units (the engine never converts):
 * - quantity: tonnes (t). Flows, production, consumption and capacities are t **per period**.
 * - price and unit cost: USD/kg (= thousand USD per tonne). Objective values are therefore in kUSD.
 * - rates and shares: fractions (1 = 100 %).
 * - time: whole periods (month, quarter or year, as the timeline says).
 *
 * Array layouts (row-major, documented once here and used everywhere):
 * - region × product:      index = r * P + p
 * - product × from × to:   index = (p * R + o) * R + d
 */

/** One value per period of the run (length = timeline.labels.length). */
export type Series = Float64Array;

export type PeriodKind = 'month' | 'quarter' | 'year';

/** The run's calendar. Period t has label labels[t] (ISO: `2025-04`, `2025-Q2`, `2025`). */
export interface Timeline {
  readonly kind: PeriodKind;
  readonly periodsPerYear: 12 | 4 | 1;
  readonly labels: readonly string[];
}

export interface RegionDef {
  readonly id: string;
  readonly name: string;
}

export interface ProductDef {
  readonly id: string;
  readonly name: string;
  /** Display unit of quantities, e.g. "t REO". Informational. */
  readonly unit: string;
  /** Reference price (USD/kg): the starting point of price expectations and the default demand price. */
  readonly referencePrice: number;
  /** Cost of disposing one kg of surplus (USD/kg), or null when surplus cannot be disposed of. */
  readonly disposalCost: number | null;
  /**
   * Elasticity of substitution between origins, or null when the product is homogeneous (an origin's
   * goods are a perfect substitute for anyone's). With it, each destination mixes origin varieties into
   * a composite at a switching cost (an Armington composite; engine/layout.ts, mix columns).
   */
  readonly substitution?: number | null;
  /**
   * Qualification of new supply links: volume above a link's established level pays `premium` × the
   * origin price; the established level follows the flow with a lag of `leadTimePeriods`. Null: none.
   */
  readonly qualification?: { readonly leadTimePeriods: number; readonly premium: number } | null;
  /** Contracts: `share` of volume is bought at a contract price that follows spot over `lagPeriods`. Null: all spot. */
  readonly contracts?: { readonly share: number; readonly lagPeriods: number } | null;
}

/** A utilisation band of a plant's cost curve: `share` of capacity available at `unitCost`. */
export interface CostBand {
  /** Fraction of capacity in this band; the shares of a plant sum to 1. */
  readonly share: number;
  /** Operating cost per unit of activity (USD/kg of activity, i.e. per kg of the recipe's unit). */
  readonly unitCost: number;
}

/** One input or output of a recipe: `perUnit` tonnes of `product` per tonne of activity. */
export interface RecipeTerm {
  readonly product: number;
  readonly perUnit: number;
}

/** Endogenous capacity expansion of one plant. */
export interface ExpansionParams {
  readonly enabled: boolean;
  /** Periods between the investment decision and the new capacity producing. */
  readonly leadTimePeriods: number;
  /** Cap on capacity ordered per period, as a fraction of the plant's current capacity. */
  readonly maxGrowthPerPeriod: number;
  /** Capacity (t activity per period) that can be ordered even from zero (a greenfield plant's first step). */
  readonly minStep: number;
  /** Full unit cost (USD/kg activity) that the expected margin must cover: operating + capital charge. */
  readonly fullUnitCost: number;
}

/**
 * A plant: a process (recipe) run in one region, with capacity and a cost curve. Mines have no inputs
 * and output a fixed basket (joint production); separation turns a concentrate into oxides; and so on.
 */
export interface PlantDef {
  /** Stable id, `<region>.<process>`, e.g. `CN.magnet.sinter`. */
  readonly id: string;
  /** The process (technology) id, e.g. `magnet.sinter`. */
  readonly process: string;
  /** Stage name for reporting and lead-time defaults (mine, separation, metal, magnet, recycling…). */
  readonly stage: string;
  readonly region: number;
  readonly inputs: readonly RecipeTerm[];
  readonly outputs: readonly RecipeTerm[];
  /** Capacity at the start of the run (t of activity per period). */
  readonly capacity: number;
  readonly bands: readonly CostBand[];
  readonly expansion: ExpansionParams;
  /**
   * Id of the plant whose capacity this plant's activity also uses (an alternative recipe on the same
   * lines, e.g. a heavy-REE-free magnet grade on the magnet plant): the two plants' activities together
   * stay within that plant's capacity. Absent: the plant has only its own capacity.
   */
  readonly sharesCapacityOf?: string;
}

/**
 * Demand of one region for one product in one sector: `referenceQuantity[t]` (t per period) is what is
 * bought at `referencePrice` in period t, exogenous growth included. `criticalShare` of it has no
 * short-run substitute and is served up to `chokePrice`; the rest follows a constant-elasticity curve
 * q = Q·(p/p_ref)^shortRunElasticity, cut off at the choke price.
 */
export interface DemandDef {
  readonly region: number;
  readonly product: number;
  readonly sector: string;
  readonly referenceQuantity: Series;
  readonly referencePrice: number;
  /** ≤ 0. */
  readonly shortRunElasticity: number;
  /** ≤ 0; the structural adjustment (substitution, thrifting) converges to (p̄/p_ref)^longRunElasticity. */
  readonly longRunElasticity: number;
  readonly criticalShare: number;
  readonly chokePrice: number;
}

/** Initial stocks of one region and product. */
export interface StockDef {
  readonly region: number;
  readonly product: number;
  /** Commercial inventory at the start (t). */
  readonly commercial: number;
  /** Commercial holders' normal coverage target, in periods of use. */
  readonly coverage: number;
  /** Strategic stockpile at the start (t); moves only by policy. */
  readonly strategic: number;
}

/**
 * The reach of an export restriction beyond its origins' borders: it also covers exports, from any
 * region, of goods that contain material of the origins (made from their products, at any stage), unless
 * that material is less than `deMinimis` of the goods' value. Only products that keep their origin
 * (`substitution`) carry content (engine/layout.ts, content tracking).
 */
export interface ForeignMade {
  /** Share of the goods' value below which the origins' material does not count (0.001 = 0.1 %). */
  readonly deMinimis: number;
}

/** Period window of a policy: active when start ≤ t < end. Indices may fall outside the run. */
export interface PolicyWindow {
  readonly id: string;
  readonly start: number;
  /** Exclusive; `Number.MAX_SAFE_INTEGER` when open-ended. */
  readonly end: number;
  /** Period the policy is announced (≤ start), or null when it comes unannounced (announce = start). */
  readonly announce: number | null;
}

/** Links o→d for every o in `from`, d in `to` (d ≠ o), for every product in `products`. */
export interface LinkSelection {
  readonly from: readonly number[];
  readonly to: readonly number[];
  readonly products: readonly number[];
}

export type PolicyInput =
  | (PolicyWindow & LinkSelection & {
      readonly type: 'export_ban';
      /** Share of the baseline flow that still arrives through third countries (0 = none). */
      readonly leakage: Series;
      readonly foreignMade?: ForeignMade | null;
    })
  | (PolicyWindow & LinkSelection & {
      readonly type: 'export_quota';
      /** Cap on the sum of exports over all selected links (t per period). */
      readonly limit: Series;
      readonly leakage: Series;
      readonly foreignMade?: ForeignMade | null;
    })
  | (PolicyWindow & LinkSelection & {
      readonly type: 'export_license';
      /** Share of the baseline flow on each link that is licensed. */
      readonly approval: Series;
      /** Periods between shipment and arrival (licensing time). */
      readonly delay: number;
      readonly leakage: Series;
      readonly foreignMade?: ForeignMade | null;
    })
  | (PolicyWindow & LinkSelection & {
      readonly type: 'export_tax';
      /** Ad valorem on the origin price. */
      readonly rate: Series;
    })
  | (PolicyWindow & LinkSelection & {
      /** `to` holds the importers; `from` already has the exempt regions removed. */
      readonly type: 'tariff';
      readonly rate: Series;
    })
  | (PolicyWindow & LinkSelection & {
      readonly type: 'import_ban';
    })
  | (PolicyWindow & {
      readonly type: 'stockpile_release';
      readonly region: number;
      readonly product: number;
      /** Planned release (t per period); the engine caps it by the strategic stock left. */
      readonly rate: Series;
    })
  | (PolicyWindow & {
      readonly type: 'stockpile_build';
      readonly region: number;
      readonly product: number;
      /** Planned purchases (t per period), bought at any price up to the product's highest choke price. */
      readonly rate: Series;
    })
  | (PolicyWindow & {
      readonly type: 'capacity';
      readonly plant: number;
      /** Capacity added (negative: removed) by period t, cumulative, ramp included (t activity per period). */
      readonly added: Series;
    })
  | (PolicyWindow & {
      readonly type: 'price_floor';
      readonly regions: readonly number[];
      readonly product: number;
      /** Producers in the regions receive at least this price (USD/kg); the difference is a subsidy. */
      readonly price: Series;
    })
  | (PolicyWindow & {
      readonly type: 'demand_shock';
      readonly regions: readonly number[];
      readonly products: readonly number[];
      readonly factor: Series;
    });

export type PolicyType = PolicyInput['type'];

/** Commercial inventory behaviour (docs/spec/model.md §5). */
export interface InventoryParams {
  readonly enabled: boolean;
  /** Periods over which holders close the gap between stock and target. */
  readonly adjustmentPeriods: number;
  /** How strongly the desired stock falls as the price rises above the expected price (≥ 0). */
  readonly priceResponse: number;
  /** Extra coverage (in periods of use) per unit of relative price momentum over the last periods. */
  readonly momentumCoverage: number;
  /** Extra coverage (periods of use) targeted by importers of products under an announced restriction. */
  readonly announcementCoverage: number;
  /** Weight of the newest price in the exponentially smoothed expected price (0..1]. */
  readonly expectationWeight: number;
  /**
   * Weight of the newest price in the slow "normal" price (0..1] against which holders value ordinary
   * restocking towards their base coverage (precautionary buying is valued at the expected price).
   * Keeps holders from rebuilding stocks at spike prices once a spike's cause has gone.
   */
  readonly normalPriceWeight: number;
  /** Cost of holding stock one period, as a fraction of its value. */
  readonly carryingCost: number;
}

export interface CapacityParams {
  readonly enabled: boolean;
  /** Periods over which the margin is averaged before an investment decision. */
  readonly lookbackPeriods: number;
}

export interface DemandDynamicsParams {
  readonly enabled: boolean;
  /** Fraction of the gap to the long-run demand level closed per period (partial adjustment). */
  readonly adjustmentPerPeriod: number;
  /** Weight of the newest price in the smoothed price that drives substitution (0..1]. */
  readonly priceSmoothing: number;
}

export interface LeakageParams {
  /** Extra cost of routing through third countries, as a fraction of the origin price. */
  readonly extraCostShare: number;
}

export interface DynamicsParams {
  readonly inventory: InventoryParams;
  readonly capacity: CapacityParams;
  readonly demand: DemandDynamicsParams;
  readonly leakage: LeakageParams;
}

/** Numerical settings of the per-period market clearing. */
export interface MarketParams {
  /** Ratio between successive price steps of the discretised demand curves (e.g. 1.02 = 2 % steps). */
  readonly tierRatio: number;
  /** Lowest price step as a multiple of the reference price. */
  readonly tierFloor: number;
  /** Relative tolerance of the price fixed point used for ad valorem wedges and price floors. */
  readonly fixedPointTolerance: number;
  readonly maxFixedPointIterations: number;
  /**
   * Whether a region may export more of a product than it produced in the period, i.e. re-export
   * imports (transshipment). Default false: goods are homogeneous, so free re-export would let any
   * bilateral restriction be bypassed through a third region at one extra transport cost; routing
   * through third countries happens only through the explicit, capped leakage of bans, quotas and
   * licences. (A region may still export its own output and import for its own use.)
   */
  readonly reexport?: boolean;
  /**
   * Which solver clears the period LPs: `native` (the engine's own dual simplex, the default) or `highs`
   * (HiGHS, the reference). Both give the same canonical prices (within 1e-6, property-tested).
   */
  readonly solver?: 'native' | 'highs';
}

/** Everything one run (one draw of one scenario) needs. Produced by the loader, consumed by the engine. */
export interface ModelInput {
  readonly name: string;
  readonly timeline: Timeline;
  readonly regions: readonly RegionDef[];
  readonly products: readonly ProductDef[];
  readonly plants: readonly PlantDef[];
  readonly demands: readonly DemandDef[];
  readonly stocks: readonly StockDef[];
  /** Transport cost per link (USD/kg), layout product × from × to; the diagonal is ignored. */
  readonly transportCost: Float64Array;
  /**
   * Observed origin shares of products with `substitution` (`trade.sources`), layout (p·R + d)·R + o:
   * origin o's share of destination d's imports (o ≠ d) and d's home share (o = d); NaN where the world
   * states none (the engine's reference clearing fills them in: engine/benchmark.ts). Absent: none stated.
   */
  readonly observedShares?: Float64Array;
  /** Policies in force in the world: they apply to the baseline and to the scenario. */
  readonly worldPolicies: readonly PolicyInput[];
  /** The scenario's own policies: they apply to the scenario only. */
  readonly scenarioPolicies: readonly PolicyInput[];
  readonly dynamics: DynamicsParams;
  readonly market: MarketParams;
}

/**
 * What the engine reports for one period of one run. Region × product arrays use r * P + p; link
 * arrays use (p * R + o) * R + d. All quantities t per period; prices USD/kg; money USD.
 */
export interface PeriodResult {
  readonly period: number;
  /** What users pay (USD/kg): the market price of each region × product (a composite's, for a differentiated product). */
  readonly price: Float64Array;
  /** What producers get (USD/kg): a differentiated product's producer price at its origin; else the market price. */
  readonly producerPrice: Float64Array;
  /** Average price paid (USD/kg): contract share × the contract price + the rest at spot (= price without contracts). */
  readonly averagePrice: Float64Array;
  /** Price of each link's goods at its destination (USD/kg): an origin's variety there, or the destination's market price; 0 where there is no link. */
  readonly landedPrice: Float64Array;
  readonly production: Float64Array;
  /** Consumption by final demand (not process inputs). */
  readonly consumption: Float64Array;
  /** Reference demand: what final demand would buy at its reference price this period. */
  readonly demand: Float64Array;
  /** Critical demand not served even at the choke price. */
  readonly shortage: Float64Array;
  /** Reference demand − consumption (includes demand priced out), ≥ 0. */
  readonly unmet: Float64Array;
  readonly imports: Float64Array;
  readonly exports: Float64Array;
  /** Inputs consumed by plants. */
  readonly processInput: Float64Array;
  /** Commercial stock at the end of the period. */
  readonly stock: Float64Array;
  /** Strategic stock at the end of the period. */
  readonly strategicStock: Float64Array;
  /** Surplus disposed of. */
  readonly disposal: Float64Array;
  /** Licensed shipments that arrived this period (they left `delay` periods earlier). */
  readonly arrivals: Float64Array;
  /** Producer subsidy paid under price floors (USD). */
  readonly subsidyUsd: Float64Array;
  /** Everything that left on each link: same-period trade + leakage via third countries + licensed shipments. */
  readonly flow: Float64Array;
  /** The part of `flow` that went via third countries (the leakage route of a capped link). */
  readonly leaked: Float64Array;
  /** The part of `flow` shipped under a licence with a delay (it arrives later, see `arrivals`). */
  readonly shipped: Float64Array;
  /** Ad valorem tariff + export tax rate in force on each link. */
  readonly tariffRate: Float64Array;
  /** Tariff and export-tax revenue (USD). */
  readonly tariffUsd: Float64Array;
  /** Quota/ban/licence rent: (p_d − landed cost) × flow on capped links (USD). */
  readonly quotaRentUsd: Float64Array;
  /** Quantity kept off a link by a cap in force (baseline flow − allowed), ≥ 0. */
  readonly blocked: Float64Array;
  /** Activity (t per period) and capacity of each plant. */
  readonly activity: Float64Array;
  readonly capacity: Float64Array;
  /** Fixed-point iterations used to settle ad valorem wedges and floors (1 when none are in force). */
  readonly iterations: number;
  /** Whether the fixed point met `market.fixedPointTolerance` (false: it stopped at the iteration limit). */
  readonly converged: boolean;
  /** Rows whose dual the optimal quantities did not pin (0: the period's prices were unique before the canonical rule). */
  readonly freeDuals: number;
  /**
   * Part of `flow` that carries tracked material (t; the origins of `foreignMade` policies and goods made
   * from their material, products that keep their origin); all 0 when no policy tracks content.
   */
  readonly contentFlow: Float64Array;
  /** Welfare by region (USD): region × term, index r·5 + k, terms as in engine/welfare.ts (consumers, holders, producers, government, rents). */
  readonly welfareUsd: Float64Array;
  /** The period LP's objective (USD of cost) and what the welfare terms must add up to (checkWelfare). */
  readonly objectiveUsd: number;
  readonly welfareIdentityUsd: number;
}

/** A scenario run beside its baseline, period by period. */
export interface RunResult {
  readonly baseline: readonly PeriodResult[];
  readonly scenario: readonly PeriodResult[];
}
