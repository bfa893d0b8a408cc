/** `resolveDraw`: one draw of a loaded scenario as the engine's ModelInput. Pure and fast (no parsing). */
import type { ModelInput } from '../model/types.js';
import type { DrawnInput } from './fields.js';
import { planOf, type LoadedScenario } from './load.js';

/** Options of `resolveDraw`. */
export interface ResolveOptions {
  /** Scenario policies (by id) left out, for attribution runs. */
  withoutPolicies?: string[];
}

/**
 * The ModelInput of draw `draw` (0 = central values; k ≥ 1 samples every distribution from its own
 * stream, so draw k is the same however many draws run) and the drawn inputs, in a stable order.
 */
export function resolveDraw(s: LoadedScenario, draw: number, options: ResolveOptions = {}): { model: ModelInput; inputs: DrawnInput[] } {
  if (!Number.isInteger(draw) || draw < 0) throw new RangeError(`draw must be a whole number ≥ 0, got ${draw}`);
  const plan = planOf(s);
  const without = new Set(options.withoutPolicies ?? []);
  for (const id of without) {
    if (!plan.policies.some((p) => p.id === id && p.scope === 'scenario')) throw new RangeError(`withoutPolicies: "${id}" is not a scenario policy of ${s.name}`);
  }
  const inputs: DrawnInput[] = [];
  const v = plan.fields.evaluate(s.seed, draw, inputs);
  const plants = plan.plants.map((p) => p.build(v));
  const demands = plan.demand.build(v);
  const plantIndex = (id: string): number => plan.plantIndex.get(id)!;
  const { dynamics, market } = plan.settings.build(v);
  const products = plan.products.build(v);
  const model: ModelInput = {
    name: plan.name,
    timeline: plan.cal.timeline,
    regions: plan.regions,
    products,
    plants,
    demands,
    stocks: plan.stocks.build(v, demands, plants),
    transportCost: plan.transport.build(v),
    observedShares: plan.sources.build(v, products),
    worldPolicies: plan.policies.filter((p) => p.scope === 'world').map((p) => p.build(v, plantIndex)),
    scenarioPolicies: plan.policies.filter((p) => p.scope === 'scenario' && !without.has(p.id)).map((p) => p.build(v, plantIndex)),
    dynamics,
    market,
  };
  return { model, inputs };
}
