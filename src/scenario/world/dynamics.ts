/**
 * Dynamics and market parameters, every absent field taken from DEFAULT_DYNAMICS / DEFAULT_MARKET, each
 * within its range of SETTING_RANGES (limits.ts).
 *
 * Memories are stated per month and converted to the run's period by compounding, so that a quarterly or
 * yearly run forgets as fast per year as a monthly one: a smoothing weight w per month becomes
 * 1 − (1 − w)^m per period of m months, and so does the share of a gap closed per month (demand adjustment).
 */
import type { DynamicsParams, MarketParams } from '../../model/types.js';
import type { Ctx } from '../context.js';
import { DEFAULT_DYNAMICS, DEFAULT_MARKET } from '../defaults.js';
import { RANGES, type Range } from '../fields.js';
import { SETTING_RANGES as S } from '../limits.js';
import type { ValueKind } from '../schema.js';

type Doc = Record<string, unknown>;

/** Compiled dynamics and market parameters. */
export interface SettingsPlan {
  build(v: Float64Array): { dynamics: DynamicsParams; market: MarketParams };
}

/** Compiles `dynamics` and `market`. */
export function compileSettings(ctx: Ctx): SettingsPlan {
  const dyn = (ctx.doc.dynamics ?? {}) as Record<string, Doc | undefined>;
  const f = (section: string, mechanism: string, field: string, kind: ValueKind, range: Range, fallback: number | string): number =>
    ctx.scalar([section, ...(mechanism ? [mechanism] : []), field], `${section}.${mechanism ? `${mechanism}.` : ''}${field}`, kind, range, fallback);
  const on = (mechanism: keyof typeof DEFAULT_DYNAMICS): boolean => dyn[mechanism]?.enabled !== false;
  const I = DEFAULT_DYNAMICS.inventory;
  const inv = {
    adjustment: f('dynamics', 'inventory', 'adjustment', 'duration', S.duration, I.adjustment),
    priceResponse: f('dynamics', 'inventory', 'priceResponse', 'number', S.priceResponse, I.priceResponse),
    momentum: f('dynamics', 'inventory', 'momentumCoverage', 'duration', S.coverage, I.momentumCoverage),
    announcement: f('dynamics', 'inventory', 'announcementCoverage', 'duration', S.coverage, I.announcementCoverage),
    weight: f('dynamics', 'inventory', 'expectationWeight', 'fraction', RANGES.weight, I.expectationWeight),
    normalWeight: f('dynamics', 'inventory', 'normalPriceWeight', 'fraction', RANGES.weight, I.normalPriceWeight),
    carrying: f('dynamics', 'inventory', 'carryingCost', 'perTime', S.carryingCost, I.carryingCost),
  };
  const lookback = f('dynamics', 'capacity', 'lookback', 'duration', S.duration, DEFAULT_DYNAMICS.capacity.lookback);
  const dem = {
    adjustment: f('dynamics', 'demand', 'adjustment', 'perTime', RANGES.fraction, DEFAULT_DYNAMICS.demand.adjustment),
    smoothing: f('dynamics', 'demand', 'priceSmoothing', 'fraction', RANGES.weight, DEFAULT_DYNAMICS.demand.priceSmoothing),
  };
  const extraCost = f('dynamics', 'leakage', 'extraCost', 'rate', S.extraCost, DEFAULT_DYNAMICS.leakage.extraCost);
  const M = DEFAULT_MARKET;
  const market = {
    tierRatio: f('market', '', 'tierRatio', 'number', S.tierRatio, M.tierRatio),
    tierFloor: f('market', '', 'tierFloor', 'number', S.tierFloor, M.tierFloor),
    tolerance: f('market', '', 'fixedPointTolerance', 'number', S.fixedPointTolerance, M.fixedPointTolerance),
    iterations: f('market', '', 'maxFixedPointIterations', 'number', S.maxFixedPointIterations, M.maxFixedPointIterations),
  };
  const flags = { inventory: on('inventory'), capacity: on('capacity'), demand: on('demand') };
  const reexport = (ctx.doc.market as Doc | undefined)?.reexport === true;
  const solver = (ctx.doc.market as Doc | undefined)?.solver === 'highs' ? 'highs' : M.solver;
  const months = ctx.cal.monthsPerPeriod;
  /** A weight or share per month → per period (compounded). */
  const perPeriod = (w: number) => (months === 1 ? w : 1 - Math.pow(1 - Math.min(1, Math.max(0, w)), months));
  return {
    build: (v) => ({
      dynamics: {
        inventory: {
          enabled: flags.inventory,
          adjustmentPeriods: v[inv.adjustment],
          priceResponse: v[inv.priceResponse],
          momentumCoverage: v[inv.momentum],
          announcementCoverage: v[inv.announcement],
          expectationWeight: perPeriod(v[inv.weight]),
          normalPriceWeight: perPeriod(v[inv.normalWeight]),
          carryingCost: v[inv.carrying],
        },
        capacity: { enabled: flags.capacity, lookbackPeriods: Math.max(1, Math.round(v[lookback])) },
        // `adjustment` is a rate per time, already converted linearly to the period: back to per month, compounded.
        demand: { enabled: flags.demand, adjustmentPerPeriod: perPeriod(v[dem.adjustment] / months), priceSmoothing: perPeriod(v[dem.smoothing]) },
        leakage: { extraCostShare: v[extraCost] },
      },
      market: {
        tierRatio: v[market.tierRatio],
        tierFloor: v[market.tierFloor],
        fixedPointTolerance: v[market.tolerance],
        maxFixedPointIterations: v[market.iterations],
        reexport,
        solver,
      },
    }),
  };
}
