/**
 * Default values of optional fields, written in the scenario language (they are compiled like user
 * values, so durations follow the run's period). Documented in docs/file-format.md.
 *
 * The engine knows nothing of rare earths, and neither do its defaults: a default here is either
 * neutral (a mechanism that does nothing until a world file switches it on: no hoarding on news, no
 * long-run substitution, no smuggling premium, no endogenous growth) or a generic numerical or
 * behavioural setting. Every number with rare-earth knowledge behind it — lead times by stage, demand
 * elasticities, choke prices, the smuggling premium of 2010 — is stated in the world files with its
 * source, and the fields that have no neutral value (demand `elasticity`, `critical`, `choke`; a
 * process's `leadTime`) are required.
 */

/** Between-period mechanisms (docs/spec/model.md §5). Weights and adjustment shares are per month. */
export const DEFAULT_DYNAMICS = {
  inventory: {
    enabled: true,
    /** Holders close the gap to their target stock over 3 months. */
    adjustment: '3 months',
    /** Desired stock falls by 1.5 × the relative price excess over the expected price. */
    priceResponse: 1.5,
    /** Neutral: no extra cover when prices rise (momentum hoarding is a world-file setting). */
    momentumCoverage: '0 months',
    /** Neutral: no extra cover on the news of a restriction (precautionary buying is a world-file setting). */
    announcementCoverage: '0 months',
    /** Weight of the newest month's price in the expected price. */
    expectationWeight: 0.3,
    /** Weight of the newest month's price in the normal price that ordinary restocking is valued at (≈ 20-month memory). */
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
    /** Neutral: no long-run substitution unless the world sets a monthly adjustment. */
    adjustment: '0%/month',
    /** Weight of the newest month's price in the price that drives substitution. */
    priceSmoothing: 0.2,
  },
  leakage: {
    /** Neutral: routing through third countries costs only its transport (the smuggling premium is a world-file setting). */
    extraCost: '0%',
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
  /** Regions export at most their own production (no transshipment). */
  reexport: false,
  /** The engine's own dual simplex clears the period LPs (HiGHS stays the reference: `highs`). */
  solver: 'native',
} as const;

/** Defaults of demand entries (`elasticity`, `critical` and `choke` are required). */
export const DEFAULT_DEMAND = {
  sector: 'all',
  growth: '0%/yr',
} as const;

/** Defaults of endogenous expansion of a process (its `leadTime` is required). */
export const DEFAULT_EXPANSION = {
  /** Neutral: no endogenous growth unless the process states how fast it may grow. */
  maxGrowth: '0%/yr',
  minStep: '0 t/yr',
  /** Full cost = operating cost of the dearest band × this markup (a generic capital charge). */
  fullCostMarkup: 1.25,
} as const;
