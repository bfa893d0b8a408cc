/**
 * An oracle of policy semantics that reads the scenario, not the engine.
 *
 * The equilibrium checks (invariants.ts) certify that each period's LP was solved: they take the caps
 * and wedges from the engine's own controls, so they cannot see a policy that the controls translate
 * wrongly (a leak through a combination, an origin hoarding against itself). This module states what the
 * policies of a `ModelInput` allow, written from the scenario-format contract (docs/spec/scenario-format.md) alone — it shares no code
 * with the policy plug-ins — and checks a finished run's reported flows against it:
 *
 * - **legal flow** (same-period trade + licensed shipments) on a link ≤ the smallest cap of the bans
 *   (0), import bans (0) and licences (approval × reference flow) in force on it;
 * - **leaked flow** (via third countries) ≤ the smallest leakage allowance of the capping policies in
 *   force (a ban or quota: leakage × reference flow; a licence: leakage × the unlicensed share of it; an
 *   import ban: none), and 0 where none is;
 * - under a licence with a delay nothing moves the same period, shipments arrive the longest delay in
 *   force later, and nothing is shipped with a delay where no such licence is;
 * - each **quota**'s links carry at most its limit;
 * - **rules of origin** (unless `market.reexport`): while a policy restricts a destination and product, a
 *   region outside its origins sends that destination at most what it produced;
 * - an export-side policy (ban, quota, licence, export tax) never applies to a destination that is one
 *   of its own origins;
 * - a policy with a **foreign-made reach** also limits, on every link from a region outside its origins
 *   to its destinations, the goods carrying the origins' material (`contentFlow`): to the leakage share
 *   (ban) or the approved share plus the leakage of the rest (licence) of the reference content flow, or
 *   within the quota's sum;
 * - a product differentiated by origin (`substitution`) is exported only by those who made it: each
 *   region's exports of it (all destinations, shipments included) ≤ its production — with or without
 *   any policy, since an origin's goods keep their origin.
 *
 * Reference flows are the baseline run's reported flows: the same period for a scenario policy, the
 * period before it starts for a world policy. A world policy in force from before the run has no such
 * period (the engine uses an unrestricted clearing the oracle cannot see), so only its zero caps are
 * checked. Returns one message per violation.
 */
import type { ModelInput, PeriodResult, PolicyInput, RunResult } from '../model/types.js';

type LinkPolicy = Extract<PolicyInput, { from: readonly number[] }>;

const EXPORT_SIDE = new Set(['export_ban', 'export_quota', 'export_license', 'export_tax']);
const CAPPING = new Set(['export_ban', 'export_quota', 'export_license', 'import_ban']);

/** Relative tolerance of the comparisons. */
const TOL = 1e-6;

function value(series: Float64Array, t: number): number {
  const v = series[Math.min(Math.max(t, 0), series.length - 1)];
  return Number.isFinite(v) ? v : 0;
}

/** Whether policy `pol` covers link o→d of product p (an export-side policy never targets its own origins). */
function covers(pol: LinkPolicy, p: number, o: number, d: number): boolean {
  if (o === d || !pol.products.includes(p) || !pol.from.includes(o) || !pol.to.includes(d)) return false;
  return !(EXPORT_SIDE.has(pol.type) && pol.from.includes(d));
}

/** Whether a link policy restricts trade in period t (a zero tariff or tax does not). */
function restricts(pol: LinkPolicy, t: number): boolean {
  if (pol.type === 'tariff' || pol.type === 'export_tax') return value(pol.rate, t) > 0;
  return true;
}

function inForce(pol: PolicyInput, t: number): boolean {
  return pol.start <= t && t < pol.end;
}

/**
 * Reference flow (`flow`, or `contentFlow` for the reach to goods made abroad) of a policy on link l in
 * period t, or null when the oracle cannot know it.
 */
function referenceFlow(world: boolean, pol: PolicyInput, baseline: readonly PeriodResult[], t: number, l: number, field: 'flow' | 'contentFlow' = 'flow'): number | null {
  if (!world) return baseline[t]?.[field][l] ?? 0;
  const before = pol.start - 1;
  if (before < 0) return null;
  return before < baseline.length ? baseline[before][field][l] : 0;
}

/** Checks every period of both runs against the policies' limits (see the module comment). */
export function checkPolicyLimits(input: ModelInput, run: RunResult): string[] {
  const out: string[] = [];
  const world = input.worldPolicies.filter((p): p is LinkPolicy => 'from' in p);
  const scenario = input.scenarioPolicies.filter((p): p is LinkPolicy => 'from' in p);
  const tagged = (list: readonly LinkPolicy[], isWorld: boolean) => list.map((pol) => ({ pol, isWorld }));
  checkRun(input, 'baseline', run.baseline, run.baseline, tagged(world, true), out);
  checkRun(input, 'scenario', run.scenario, run.baseline, [...tagged(world, true), ...tagged(scenario, false)], out);
  return out;
}

function checkRun(
  input: ModelInput,
  kind: string,
  periods: readonly PeriodResult[],
  baseline: readonly PeriodResult[],
  policies: readonly { pol: LinkPolicy; isWorld: boolean }[],
  out: string[],
): void {
  const R = input.regions.length;
  const P = input.products.length;
  const T = periods.length;
  const arrivals = new Float64Array((T + 1) * R * P);
  const name = (p: number, o: number, d: number) => `${input.products[p].id} ${input.regions[o].id}→${input.regions[d].id}`;
  for (let t = 0; t < T; t++) {
    const res = periods[t];
    const at = `${kind} run, ${input.timeline.labels[t]}`;
    const active = policies.filter(({ pol }) => inForce(pol, t));
    for (let p = 0; p < P; p++)
      for (let o = 0; o < R; o++)
        for (let d = 0; d < R; d++) {
          if (o === d) continue;
          const l = (p * R + o) * R + d;
          const flow = res.flow[l];
          const leaked = res.leaked[l];
          const shipped = res.shipped[l];
          const legal = flow - leaked;
          let legalCap = Infinity;
          let leakCap = Infinity;
          let capped = false;
          let delay = 0;
          for (const { pol, isWorld } of active) {
            if (!covers(pol, p, o, d) || !CAPPING.has(pol.type)) continue;
            capped = true;
            const ref = referenceFlow(isWorld, pol, baseline, t, l);
            if (pol.type === 'export_ban' || pol.type === 'import_ban') legalCap = 0;
            let keptOff = ref === null ? null : Math.max(0, ref);
            if (pol.type === 'export_license') {
              const approval = Math.min(1, Math.max(0, value(pol.approval, t)));
              if (ref !== null) legalCap = Math.min(legalCap, approval * Math.max(0, ref));
              if (keptOff !== null) keptOff *= 1 - approval;
              delay = Math.max(delay, Math.round(pol.delay));
            }
            if (pol.type === 'import_ban') leakCap = 0;
            else if (keptOff !== null && 'leakage' in pol) leakCap = Math.min(leakCap, Math.max(0, value(pol.leakage, t)) * keptOff);
          }
          if (!capped) leakCap = 0;
          if (exceeds(legal, legalCap)) out.push(`${at}: ${name(p, o, d)} carries ${legal} t legally, more than its policies allow (${legalCap} t)`);
          if (exceeds(leaked, leakCap)) out.push(`${at}: ${name(p, o, d)} leaks ${leaked} t via third countries, more than its policies allow (${leakCap} t)`);
          if (delay > 0 && exceeds(legal - shipped, 0)) out.push(`${at}: ${name(p, o, d)} moves ${legal - shipped} t in the same period under a licence with a ${delay}-period delay`);
          if (delay === 0 && exceeds(shipped, 0)) out.push(`${at}: ${name(p, o, d)} ships ${shipped} t with a delay, but no licence with a delay is in force`);
          if (shipped > 0 && t + delay <= T) arrivals[(t + delay) * R * P + d * P + p] += shipped;
        }
    for (let rp = 0; rp < R * P; rp++)
      if (!near(res.arrivals[rp], arrivals[t * R * P + rp]))
        out.push(`${at}: ${input.regions[Math.floor(rp / P)].id} received ${res.arrivals[rp]} t of ${input.products[rp % P].id} from licensed shipments, but ${arrivals[t * R * P + rp]} t were due`);
    checkQuotas(input, at, res, active.map((a) => a.pol), t, out);
    checkForeignMade(input, at, res, active, baseline, t, out);
    if (!input.market.reexport) checkRulesOfOrigin(input, at, res, active.map((a) => a.pol), t, out);
    checkOwnOutputOnly(input, at, res, out);
  }
}

/** A differentiated product's exports come from its exporter's own production. */
function checkOwnOutputOnly(input: ModelInput, at: string, res: PeriodResult, out: string[]): void {
  const R = input.regions.length;
  const P = input.products.length;
  input.products.forEach((prod, p) => {
    if (prod.substitution == null) return;
    for (let o = 0; o < R; o++) {
      let sent = 0;
      for (let d = 0; d < R; d++) if (d !== o) sent += res.flow[(p * R + o) * R + d];
      const made = res.production[o * P + p];
      if (exceeds(sent, made))
        out.push(`${at}: ${input.regions[o].id} exports ${sent} t of ${prod.id}, a product that keeps its origin, but made only ${made} t`);
    }
  });
}

/**
 * The foreign-made reach of a ban or licence: on every link from a region outside its origins to its
 * destinations, the goods carrying tracked material (`contentFlow`) stay within the leakage allowance
 * (ban) or the approved share plus the leakage of the rest (licence) of the reference content flow.
 */
function checkForeignMade(
  input: ModelInput,
  at: string,
  res: PeriodResult,
  active: readonly { pol: LinkPolicy; isWorld: boolean }[],
  baseline: readonly PeriodResult[],
  t: number,
  out: string[],
): void {
  const R = input.regions.length;
  for (const { pol, isWorld } of active) {
    if ((pol.type !== 'export_ban' && pol.type !== 'export_license') || !pol.foreignMade) continue;
    for (const p of pol.products)
      for (const d of pol.to)
        for (let r = 0; r < R; r++) {
          if (r === d || pol.from.includes(r) || pol.from.includes(d)) continue;
          const l = (p * R + r) * R + d;
          const ref = referenceFlow(isWorld, pol, baseline, t, l, 'contentFlow');
          if (ref === null) continue;
          const leak = Math.max(0, value(pol.leakage, t));
          const approval = pol.type === 'export_license' ? Math.min(1, Math.max(0, value(pol.approval, t))) : 0;
          const cap = (approval + leak * (1 - approval)) * ref;
          if (exceeds(res.contentFlow[l], cap))
            out.push(`${at}: ${input.regions[r].id} sends ${input.regions[d].id} ${res.contentFlow[l]} t of ${input.products[p].id} containing material of ${pol.from.map((o) => input.regions[o].id).join(', ')}, more than ${pol.id}'s foreign-made reach allows (${cap} t)`);
        }
  }
}

/** Each quota's links carry at most its limit of legal flow. */
function checkQuotas(input: ModelInput, at: string, res: PeriodResult, active: readonly LinkPolicy[], t: number, out: string[]): void {
  const R = input.regions.length;
  for (const pol of active) {
    if (pol.type !== 'export_quota') continue;
    let sum = 0;
    for (const p of pol.products) for (const o of pol.from) for (const d of pol.to) if (covers(pol, p, o, d)) sum += res.flow[(p * R + o) * R + d] - res.leaked[(p * R + o) * R + d];
    // A quota with a foreign-made reach also counts third regions' goods carrying the origins' material.
    if (pol.foreignMade)
      for (const p of pol.products)
        for (const d of pol.to) {
          if (pol.from.includes(d)) continue;
          for (let r = 0; r < R; r++) if (r !== d && !pol.from.includes(r)) sum += res.contentFlow[(p * R + r) * R + d];
        }
    const limit = Math.max(0, value(pol.limit, t));
    if (exceeds(sum, limit)) out.push(`${at}: quota ${pol.id} lets ${sum} t through, above its limit ${limit} t`);
  }
}

/** While a policy restricts d and p, a region outside its origins sends d at most what it produced. */
function checkRulesOfOrigin(input: ModelInput, at: string, res: PeriodResult, active: readonly LinkPolicy[], t: number, out: string[]): void {
  const R = input.regions.length;
  const P = input.products.length;
  const seen = new Set<number>();
  for (const pol of active) {
    if (!restricts(pol, t)) continue;
    for (const p of pol.products)
      for (const d of pol.to) {
        if (EXPORT_SIDE.has(pol.type) && pol.from.includes(d)) continue;
        for (let r = 0; r < R; r++) {
          const l = (p * R + r) * R + d;
          if (r === d || pol.from.includes(r) || seen.has(l)) continue;
          seen.add(l);
          const made = res.production[r * P + p];
          if (exceeds(res.flow[l], made))
            out.push(`${at}: ${input.regions[r].id} sends ${res.flow[l]} t of ${input.products[p].id} to ${input.regions[d].id}, a restricted destination, but made only ${made} t (rule of origin, policy ${pol.id})`);
        }
      }
  }
}

function exceeds(x: number, cap: number): boolean {
  return Number.isFinite(cap) && x > cap + TOL * Math.max(1, Math.abs(cap));
}

function near(a: number, b: number): boolean {
  return Math.abs(a - b) <= TOL * Math.max(1, Math.abs(a), Math.abs(b));
}
