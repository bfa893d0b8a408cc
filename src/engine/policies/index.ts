/**
 * The policy registry: one plug-in per policy type. Adding a type = one file here + one table entry
 * (+ its schema entry in src/scenario and its test).
 */
import type { PolicyInput } from '../../model/types.js';
import { capacity } from './capacity.js';
import { emptyControls, finaliseControls, type PeriodControls, type PolicyContext, type PolicyPlugin } from './controls.js';
import { demandShock } from './demandShock.js';
import { exportBan } from './exportBan.js';
import { exportLicense } from './exportLicense.js';
import { exportQuota } from './exportQuota.js';
import { exportTax } from './exportTax.js';
import { importBan } from './importBan.js';
import { priceFloor } from './priceFloor.js';
import { stockpileBuild } from './stockpileBuild.js';
import { stockpileRelease } from './stockpileRelease.js';
import { tariff } from './tariff.js';

export type { PeriodControls, PolicyContext, PolicyPlugin } from './controls.js';
export { emptyControls, inForce, announced } from './controls.js';

/** Every policy type's plug-in, by type. */
export const POLICY_PLUGINS: { readonly [T in PolicyInput['type']]: PolicyPlugin<T> } = {
  export_ban: exportBan,
  export_quota: exportQuota,
  export_license: exportLicense,
  export_tax: exportTax,
  tariff,
  import_ban: importBan,
  stockpile_release: stockpileRelease,
  stockpile_build: stockpileBuild,
  capacity,
  price_floor: priceFloor,
  demand_shock: demandShock,
};

/**
 * Applies the policies at the given indices of layout.policies to fresh controls for the context's
 * period, then derives the link bounds from the combined restrictions (the result does not depend on the
 * policies' order).
 */
export function periodControls(ctx: PolicyContext, policyIndices: readonly number[]): PeriodControls {
  const out = emptyControls(ctx.input, ctx.layout);
  for (const i of policyIndices) {
    const pol = ctx.layout.policies[i];
    (POLICY_PLUGINS[pol.type] as PolicyPlugin<typeof pol.type>).apply(pol as never, i, ctx, out);
  }
  finaliseControls(ctx.layout, out);
  return out;
}
