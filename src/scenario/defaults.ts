/**
 * Default values of optional fields, written in the scenario language (they are compiled like user
 * values, so durations follow the run's period). Documented in docs/file-format.md.
 */

/** Between-period mechanisms (model.md §5). */
export const DEFAULT_DYNAMICS = {
  inventory: {
    enabled: true,
    /** Holders close the gap to their target stock over 3 months. */
    adjustment: '3 months',
    /** Desired stock falls by 1.5 × the relative price excess over the expected price. */
    priceResponse: 1.5,
    /** Extra cover per unit of relative price momentum (hoarding when prices rise). */
    momentumCoverage: '2 months',
    /** Extra cover sought by importers once a restriction is announced (the 2010 precautionary buying). */
    announcementCoverage: '2 months',
    /** Weight of the newest price in the expected price. */
    expectationWeight: 0.3,
    /** Weight of the newest price in the normal price that ordinary restocking is valued at (≈ 20-month memory). */
    normalPriceWeight: 0.05,
    /** Cost of holding stock, a share of its value per month. */
    carryingCost: '1%/month',
  },
  capacity: {
    enabled: true,
    /** Margins are averaged over a year before investing. */
    lookback: '12 months',
  },
  demand: {
    enabled: true,
    /** Share of the gap to long-run demand closed each month (≈ 2 years to adjust, as after 2011). */
    adjustment: '5%/month',
    /** Weight of the newest price in the price that drives substitution. */
    priceSmoothing: 0.2,
  },
  leakage: {
    /** Routing through third countries costs 30 % of the origin price on top (smuggling premium). */
    extraCost: '30%',
  },
} as const;

/** Numerical settings of the market clearing. */
export const DEFAULT_MARKET = {
  /** 2 % price steps in the discretised demand curves. */
  tierRatio: 1.02,
  /** The lowest step is 5 % of the reference price. */
  tierFloor: 0.05,
  fixedPointTolerance: 1e-6,
  maxFixedPointIterations: 50,
  /** 0 = the solver sees every demand tier (the exact full LP); > 0 is an opt-in speed-up (engine/windowSolver.ts). */
  tierWindow: 0,
  /** Regions export at most their own production (no transshipment). */
  reexport: false,
} as const;

/** Defaults of demand entries. */
export const DEFAULT_DEMAND = {
  sector: 'all',
  growth: '0%/yr',
  /** Middle of the −0.2…−0.4 arc elasticity derived for 2010→2011 (shared/data/README.md). */
  elasticity: -0.3,
  critical: '50%',
  /** Critical demand pays up to 10 × the reference price (model.md §2). */
  chokeMultiple: 10,
} as const;

/** Defaults of endogenous expansion of a process (lead times by stage from model.md §5). */
export const DEFAULT_EXPANSION = {
  leadTimeByStage: { mine: '72 months', separation: '30 months', metal: '18 months', magnet: '18 months', recycling: '18 months' } as Record<string, string>,
  /** Lead time of stages not listed above. */
  leadTime: '24 months',
  maxGrowth: '15%/yr',
  minStep: '0 t/yr',
  /** Full cost = operating cost of the dearest band × this markup (capital charge). */
  fullCostMarkup: 1.25,
} as const;
