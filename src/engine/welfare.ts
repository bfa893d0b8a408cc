/**
 * Who pays: the period's welfare by region, read off the cleared LP at its canonical prices.
 *
 * By LP duality the objective splits exactly into pieces that belong to someone: −objective =
 * Σ_columns x_j·s_j − Σ_market rows y_i·b_i − Σ_side rows μ_i·u_i, where s_j is column j's surplus at
 * the prices (what it delivers at the row duals minus its cost), b_i a market row's right-hand side and
 * μ_i·u_i a binding side row's rent. Each piece is attributed to a region and a kind of agent:
 *
 * - **consumers**: final demand's tiers (willingness to pay − price) × quantity, the critical
 *   requirement valued at its choke price less what it pays, the switching of mix columns;
 * - **holders**: cash of stock holding — the beginning stock and arrivals sold into the market at the
 *   price, less the stock carried into the next period bought at the price (their reservation value of
 *   it, the holding curve's willingness to pay, is not money and stays out); importers pay for licensed
 *   shipments when they leave and are credited with them when they arrive;
 * - **producers**: plant bands (output value − input value − cost, floor subsidies received included),
 *   the rents of shared lines, surplus disposal;
 * - **government**: tariff revenue (the importer's) and export-tax revenue (the exporter's), less floor
 *   subsidies paid; strategic purchases (valued at the policy's willingness to pay) and releases;
 * - **rents**: the rents of capped links, quotas (to the exporter) and rules of origin (to the third
 *   country whose own output is worth a premium).
 *
 * Transport, smuggling surcharges, switching costs and qualification premiums are real costs: they sit
 * between the prices where they are paid and appear in no one's account. The terms add up to
 * −objective + Σ choke × critical requirement + tariff and tax revenue − subsidies − the holders'
 * reservation value of the stock carried − payments for shipments in transit (checkWelfare).
 */
import type { ModelInput } from '../model/types.js';
import { COL, outputRow, splitLink, type LpLayout } from './layout.js';
import { contentFrom, type MarketOutcome, type MarketSetup } from './market.js';

/** The welfare terms of a region, in this order (USD per period). */
export const WELFARE_TERMS = ['consumers', 'holders', 'producers', 'government', 'rents'] as const;
const [CONSUMERS, HOLDERS, PRODUCERS, GOVERNMENT, RENTS] = [0, 1, 2, 3, 4];
const T = WELFARE_TERMS.length;
/** USD in one USD/kg × t (a price times tonnes): the factor of every money total. */
export const KUSD_TO_USD = 1000;

/** A period's welfare by region and the identity it must satisfy. */
export interface PeriodWelfare {
  /** Region × term (index r·WELFARE_TERMS.length + k), USD. */
  readonly byRegion: Float64Array;
  /** The LP objective (cost, USD). */
  readonly objectiveUsd: number;
  /**
   * What the terms sum to (USD): −objective + Σ choke × critical requirement + tariff and tax revenue −
   * subsidies − holders' reservation value of the stock they carry − payments for shipments in transit.
   */
  readonly identityUsd: number;
}

/** Welfare of the cleared period (see the module comment); `x` are the reported (snapped) column values. */
export function periodWelfare(input: ModelInput, layout: LpLayout, setup: MarketSetup, outcome: MarketOutcome, x: Float64Array, activity: Float64Array): PeriodWelfare {
  const R = layout.regions;
  const P = layout.products;
  const N = layout.balanceRows;
  const y = outcome.rowDual;
  const lp = outcome.lp;
  const c = setup.controls;
  const w = new Float64Array(R * T);
  const add = (r: number, k: number, v: number) => (w[r * T + k] += v);
  let objective = 0;
  let transfers = 0;
  let reservation = 0;
  let payments = 0;
  const wp = outcome.wedgePrice;

  for (let j = 0; j < layout.numCols; j++) {
    const v = x[j];
    if (v === 0) continue;
    const cost = lp.colCost[j];
    objective += cost * v;
    let value = 0;
    for (let e = layout.starts[j]; e < layout.starts[j + 1]; e++) value += layout.values[e] * y[layout.indices[e]];
    const surplus = (value - cost) * v;
    const ref = layout.colRef[j];
    switch (layout.colKind[j]) {
      case COL.band:
        add(input.plants[ref].region, PRODUCERS, surplus);
        break;
      case COL.tier: {
        const total = outcome.demandTier[j] + outcome.stockTier[j];
        const toDemand = total > 0 ? outcome.demandTier[j] / total : 0;
        add(Math.floor(ref / P), CONSUMERS, surplus * toDemand);
        // Stock carried into the next period: holders pay the market price for it now and sell it then;
        // their reservation value (the holding curve's willingness to pay) is not money and stays out.
        const held = v * (1 - toDemand);
        add(Math.floor(ref / P), HOLDERS, value * held);
        reservation += -cost * held;
        break;
      }
      case COL.backstop:
      case COL.mix:
        add(layout.colKind[j] === COL.mix ? Math.floor(ref / P) : input.demands[ref].region, CONSUMERS, surplus);
        break;
      case COL.hold:
      case COL.dispose:
        add(Math.floor(ref / P), PRODUCERS, surplus);
        break;
      case COL.build:
        add(Math.floor(ref / P), GOVERNMENT, surplus);
        break;
      case COL.downgrade:
        add(layout.rowRegion[ref], PRODUCERS, surplus);
        break;
      default: {
        // Links: the rent of a capped link goes to the exporter; the wedge is revenue of whoever levies it.
        const [, o, d] = splitLink(R, ref);
        add(o, RENTS, surplus);
        if (layout.colKind[j] === COL.ship) {
          // A licensed shipment is sold at the destination's price when it leaves: its buyers pay now
          // and receive the goods when they arrive (then valued at that period's price, below).
          const paid = Math.max(0, wp[layout.linkToRow[ref]]) * v;
          add(d, HOLDERS, -paid);
          payments += paid;
        }
        const from = layout.colKind[j] === COL.content || layout.colKind[j] === COL.contentFresh ? contentFrom(layout, ref) : layout.linkFromRow[ref];
        const wedge = Math.max(0, wp[from]) * v;
        for (const [rate, region] of wedgeShares(R, c, ref)) {
          add(region, GOVERNMENT, rate * wedge);
          transfers += rate * wedge;
        }
      }
    }
  }
  // Floor subsidies: received by producers (inside their surplus), paid by their government.
  input.plants.forEach((plant, i) => {
    if (activity[i] === 0) return;
    for (const out of plant.outputs) {
      const rp = plant.region * P + out.product;
      if (!c.hasFloor[rp]) continue;
      const paid = Math.max(0, c.floor[rp] - wp[outputRow(layout, rp)]) * out.perUnit * activity[i];
      add(plant.region, GOVERNMENT, -paid);
      transfers -= paid;
    }
  });
  // Right-hand sides of the market rows, valued at their prices.
  let criticalValue = 0;
  for (let rp = 0; rp < N; rp++) {
    const r = Math.floor(rp / P);
    let critical = 0;
    for (let i = layout.defsStart[rp]; i < layout.defsStart[rp + 1]; i++) {
      const s = layout.defsOf[i];
      const need = input.demands[s].criticalShare * setup.q[s];
      critical += need;
      criticalValue += input.demands[s].chokePrice * need;
      add(r, CONSUMERS, input.demands[s].chokePrice * need);
    }
    add(r, CONSUMERS, -y[rp] * critical);
    add(r, HOLDERS, y[rp] * (setup.arrivals[rp] + (setup.holding[rp] ? setup.stockBegin[rp] : 0)));
    add(r, GOVERNMENT, y[rp] * setup.release[rp]);
  }
  for (let i = N; i < layout.marketRows; i++) add(layout.rowRegion[i], HOLDERS, y[i] * setup.arrivals[i]);
  // Rents of binding side rows: −μ·u (μ ≤ 0).
  for (let i = layout.marketRows; i < layout.numRows; i++) {
    const u = lp.rowUpper[i];
    if (!Number.isFinite(u) || y[i] === 0) continue;
    const [region, k] = sideRowOwner(input, layout, i);
    add(region, k, -y[i] * u);
  }
  for (let i = 0; i < w.length; i++) w[i] *= KUSD_TO_USD;
  return {
    byRegion: w,
    objectiveUsd: objective * KUSD_TO_USD,
    identityUsd: (-objective + criticalValue + transfers - reservation - payments) * KUSD_TO_USD,
  };
}

/** Who levies the ad valorem wedges of link l: the importer its tariffs, the exporter its export taxes. */
function wedgeShares(R: number, c: MarketSetup['controls'], l: number): [number, number][] {
  if (c.adValorem[l] === 0) return [];
  const [, o, d] = splitLink(R, l);
  return [
    [c.tariffRate[l], d],
    [c.adValorem[l] - c.tariffRate[l], o],
  ];
}

/** The region and term a side row's rent belongs to. */
function sideRowOwner(input: ModelInput, layout: LpLayout, row: number): [number, number] {
  if (row >= layout.bandRowStart) return [input.plants[layout.bandRowPlant[row - layout.bandRowStart]].region, PRODUCERS];
  if (row >= layout.sharedRowStart) return [input.plants[layout.sharedPrimary[row - layout.sharedRowStart]].region, PRODUCERS];
  if (row >= layout.originRowStart) return [splitLink(layout.regions, layout.originRowLink[row - layout.originRowStart])[1], RENTS];
  const pol = layout.policies[layout.quotaRow.indexOf(row)];
  return ['from' in pol ? pol.from[0] : 0, RENTS];
}
