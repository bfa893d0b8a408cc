/**
 * What policies do to a period's market: caps, wedges, right-hand-side changes. Each policy plug-in
 * writes into a `PeriodControls` (typed arrays reset every period); `finaliseControls` then derives the
 * bounds of each link's columns; the market builder reads them.
 *
 * Combination rules when several policies touch the same thing. On one link the most restrictive policy
 * in force wins, for every cap and for leakage: the legal flow (same-period trade plus licensed
 * shipments) is capped at the smallest cap of any ban, licence or import ban; the leakage allowance is
 * the smallest allowance of any capping policy (an import ban allows none); a licence's delay is the
 * longest delay of the licences in force (shipments then go through the pipeline, never the same-period
 * column). Quotas cap the sum over their links in their own row. Ad valorem rates add up, floors take the
 * maximum, demand factors multiply, capacity changes and stockpile quantities add up.
 */
import type { LinkSelection, ModelInput, PolicyInput } from '../../model/types.js';
import { forEachSelectedLink, forEachThirdCountryLink, type LpLayout } from '../layout.js';

/** Per-period policy effects on the market, indexed like the layout. */
export interface PeriodControls {
  /** Cap on the legal flow (same-period trade + licensed shipments) of each link (t); Infinity when none. */
  readonly linkLimit: Float64Array;
  /** Leakage allowance of each link (t): Infinity until a capping policy sets one (then 0 where none). */
  readonly leakLimit: Float64Array;
  /** Longest licensing delay in force on each link (periods); 0 when shipments arrive the same period. */
  readonly shipDelay: Int32Array;
  /** Upper bound on the same-period trade column of each link (t) — derived by finaliseControls. */
  readonly linkCap: Float64Array;
  /** Upper bound on the licensed (delayed) shipment column of each link (t); 0 when none — derived. */
  readonly shipCap: Float64Array;
  /** Upper bound on the via-third-countries column of each link (t); 0 when none — derived. */
  readonly leakCap: Float64Array;
  /** 1 when a per-link cap is in force (ban, licence, import ban), 2 when only a quota caps the link. */
  readonly capKind: Uint8Array;
  /** Reference flow of the capping policy on each capped link (t), for `blocked`. */
  readonly referenceFlow: Float64Array;
  /** Ad valorem rate on each link: tariff + export tax (fraction of the origin price). */
  readonly adValorem: Float64Array;
  /** The tariff part of `adValorem` (levied by the importer; the rest, export taxes, by the exporter). */
  readonly tariffRate: Float64Array;
  /** Limit of each quota row, indexed by policy index (Infinity when not in force). */
  readonly quotaLimit: Float64Array;
  /** Producer floor price of each region × product (USD/kg); only where hasFloor. */
  readonly floor: Float64Array;
  readonly hasFloor: Uint8Array;
  /** Multiplier of each demand definition's reference quantity (demand shocks). */
  readonly demandFactor: Float64Array;
  /** Capacity added by scheduled `capacity` policies (t activity per period), per plant. */
  readonly capacityAdded: Float64Array;
  /** Planned strategic release and purchases (t) per region × product. */
  readonly release: Float64Array;
  readonly build: Float64Array;
  /** Extra coverage (periods of use) of importers hoarding ahead of an announced restriction. */
  readonly extraCoverage: Float64Array;
  /** 1 for each origin row (index − layout.originRowStart) whose rule of origin is in force. */
  readonly originActive: Uint8Array;
  /**
   * Cap on the flow of goods carrying tracked material (foreign-made reach) on each link from a region
   * outside the tracked origins (t); Infinity when no such reach is in force.
   */
  readonly contentLimit: Float64Array;
  /** Upper bound on each link's content-trade column (t) — derived by finaliseControls. */
  readonly contentCap: Float64Array;
}

/** Everything a policy plug-in may read. */
export interface PolicyContext {
  readonly input: ModelInput;
  readonly layout: LpLayout;
  readonly period: number;
  /**
   * Reference flow of link l for the policy at `policyIndex` (index in layout.policies): for a scenario
   * policy, the baseline run's flow on that link in the same period; for a world policy (which is in
   * force in the baseline too), the baseline flow of the period before the policy starts (0 when it
   * starts at or before the first period).
   */
  referenceFlow(policyIndex: number, link: number): number;
  /** Like referenceFlow, for the part of the flow that carries tracked material (PeriodResult.contentFlow). */
  referenceContentFlow(policyIndex: number, link: number): number;
}

/** A policy type: turns one policy's parameters into this period's controls. */
export interface PolicyPlugin<T extends PolicyInput['type']> {
  readonly type: T;
  /** Writes the effect of `policy` (at `index` in layout.policies) in the context's period. */
  apply(policy: Extract<PolicyInput, { type: T }>, index: number, ctx: PolicyContext, out: PeriodControls): void;
}

/** Fresh controls with no policy in force. */
export function emptyControls(input: ModelInput, layout: LpLayout): PeriodControls {
  const L = layout.regions * layout.regions * layout.products;
  const N = layout.balanceRows;
  return {
    linkLimit: new Float64Array(L).fill(Infinity),
    leakLimit: new Float64Array(L).fill(Infinity),
    shipDelay: new Int32Array(L),
    linkCap: new Float64Array(L).fill(Infinity),
    shipCap: new Float64Array(L),
    leakCap: new Float64Array(L),
    capKind: new Uint8Array(L),
    referenceFlow: new Float64Array(L),
    adValorem: new Float64Array(L),
    tariffRate: new Float64Array(L),
    quotaLimit: new Float64Array(layout.policies.length).fill(Infinity),
    floor: new Float64Array(N),
    hasFloor: new Uint8Array(N),
    demandFactor: new Float64Array(input.demands.length).fill(1),
    capacityAdded: new Float64Array(input.plants.length),
    release: new Float64Array(N),
    build: new Float64Array(N),
    extraCoverage: new Float64Array(N),
    originActive: new Uint8Array(layout.sharedRowStart - layout.originRowStart),
    contentLimit: new Float64Array(L).fill(Infinity),
    contentCap: new Float64Array(L).fill(Infinity),
  };
}

/** In force in period t: start ≤ t < end. */
export function inForce(pol: PolicyInput, t: number): boolean {
  return pol.start <= t && t < pol.end;
}

/** Known to the market in period t: from the announcement (or the start) until the end. */
export function announced(pol: PolicyInput, t: number): boolean {
  return newsPeriod(pol) <= t && t < pol.end;
}

/** Value of a series in period t (0 outside the series, never NaN). */
export function at(series: Float64Array, t: number): number {
  const v = series[Math.min(Math.max(t, 0), series.length - 1)];
  return Number.isFinite(v) ? v : 0;
}

/** Period the market learns of a policy: its announcement, or its start when it comes unannounced. */
export function newsPeriod(pol: PolicyInput): number {
  return pol.announce === null ? pol.start : Math.min(pol.announce, pol.start);
}

/**
 * Marks the importers of a restriction's links as hoarding `coverage` extra periods of use from the
 * news until the restriction ends. A restriction that was known before the run began (news at or
 * before period 0) is old news: the initial stocks already reflect it, so it triggers no hoarding.
 */
export function markHoarding(
  pol: PolicyInput & { readonly to: readonly number[]; readonly products: readonly number[] },
  ctx: PolicyContext,
  out: PeriodControls,
): void {
  if (newsPeriod(pol) <= 0 || !announced(pol, ctx.period)) return;
  const extra = ctx.input.dynamics.inventory.announcementCoverage;
  const P = ctx.layout.products;
  for (const d of pol.to) for (const p of pol.products) out.extraCoverage[d * P + p] = Math.max(out.extraCoverage[d * P + p], extra);
}

/**
 * Caps the legal flow of link l at `cap` (t). Leakage share `leak` applies to the flow the cap keeps off
 * the reference flow `ref` (all of it for a ban; the unlicensed part for a licence: `keptOff`).
 */
export function capLink(out: PeriodControls, l: number, cap: number, ref: number, leak: number, keptOff = ref): void {
  out.linkLimit[l] = Math.min(out.linkLimit[l], Math.max(0, cap));
  limitLeakage(out, l, ref, leak, keptOff);
  out.capKind[l] = 1;
}

/** Lowers link l's leakage allowance to share `leak` of `keptOff` (default: the reference flow `ref`), and records `ref`. */
export function limitLeakage(out: PeriodControls, l: number, ref: number, leak: number, keptOff = ref): void {
  out.leakLimit[l] = Math.min(out.leakLimit[l], Math.max(0, leak) * Math.max(0, keptOff));
  out.referenceFlow[l] = Math.max(out.referenceFlow[l], ref);
}

/**
 * The column bounds of every link from the combined restrictions: a link with a licensing delay ships
 * only through its pipeline column (the same-period column is closed), and the leakage route is open
 * only where some capping policy allows it.
 */
export function finaliseControls(layout: LpLayout, out: PeriodControls): void {
  for (let l = 0; l < out.linkLimit.length; l++) {
    const delayed = out.shipDelay[l] > 0 && layout.shipCol[l] >= 0;
    out.linkCap[l] = delayed ? 0 : out.linkLimit[l];
    out.shipCap[l] = delayed ? out.linkLimit[l] : 0;
    out.leakCap[l] = Number.isFinite(out.leakLimit[l]) ? out.leakLimit[l] : 0;
    // Goods with tracked material on a link some other policy caps do not move at all (conservative:
    // the two caps would otherwise need a joint row).
    out.contentCap[l] = Number.isFinite(out.linkLimit[l]) ? 0 : out.contentLimit[l];
  }
}

/**
 * The foreign-made reach of an export restriction: on every link from a region outside the policy's
 * origins to its destinations, goods carrying the origins' material may carry at most `cap(ref)` (ref:
 * the reference content flow of that link).
 */
export function capForeignMade(
  pol: PolicyInput & LinkSelection,
  index: number,
  ctx: PolicyContext,
  out: PeriodControls,
  cap: (ref: number) => number,
): void {
  forEachThirdCountryLink(ctx.layout.regions, pol, (l) => {
    const ref = Math.max(0, ctx.referenceContentFlow(index, l));
    out.contentLimit[l] = Math.min(out.contentLimit[l], Math.max(0, cap(ref)));
  });
}

/** Calls fn for every link o→d (o ≠ d) selected by a link policy. */
export function forEachLinkOf(
  ctx: PolicyContext,
  sel: { readonly from: readonly number[]; readonly to: readonly number[]; readonly products: readonly number[] },
  fn: (link: number, p: number, o: number, d: number) => void,
): void {
  forEachSelectedLink(ctx.layout.regions, sel, fn);
}

/**
 * Puts the rules of origin of a restrictive link policy in force: a region outside the policy's origins
 * may send its destinations at most what it produced (layout.ts, origin rows). Plug-ins call it only in
 * periods where the policy restricts (a 0 % tariff does not).
 */
export function markOriginRules(
  pol: PolicyInput & LinkSelection,
  ctx: PolicyContext,
  out: PeriodControls,
): void {
  const { layout } = ctx;
  forEachThirdCountryLink(layout.regions, pol, (l) => {
    const row = layout.originRowOf[l];
    if (row >= 0) out.originActive[row - layout.originRowStart] = 1;
  });
}
