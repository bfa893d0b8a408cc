/** `alternativeTo`: a process whose plants run on another process's lines in the same region. */
import { describe, expect, it } from 'vitest';
import { resolveDraw } from '../../src/scenario/index.js';
import { WORLD, errors, load, scenario } from './helpers.js';

const ALT = `
  magnet.free:
    stage: magnet
    alternativeTo: magnet.sinter
    inputs: {oxide.NdPr: 0.33}
    outputs: {magnet: 1}
    cost: [{share: 100%, cost: 45 USD/kg}]
    leadTime: 12 months
`;
const withAlt = (plants: string) => WORLD.replace('\nplants:\n', `${ALT}\nplants:\n${plants}`);

describe('alternative recipes', () => {
  it('point a plant at the plant whose capacity it shares', async () => {
    const s = await load({ 'world.yaml': withAlt('  - {region: JP, process: magnet.free, capacity: 12 kt/yr}\n'), ...scenario('') });
    const { model } = resolveDraw(s, 0);
    const free = model.plants.find((p) => p.id === 'JP.magnet.free');
    expect(free?.sharesCapacityOf).toBe('JP.magnet.sinter');
    expect(model.plants.find((p) => p.id === 'JP.magnet.sinter')?.sharesCapacityOf).toBeUndefined();
  });

  it('need that plant in the same region, and a known process', async () => {
    const missing = await errors({ 'world.yaml': withAlt('  - {region: US, process: magnet.free, capacity: 1 kt/yr}\n'), ...scenario('') });
    expect(missing).toMatch(/world\.yaml:\d+:\d+ plants\[0\]\.process: magnet\.free runs on the lines of magnet\.sinter \(alternativeTo\), but US has no plant of magnet\.sinter/);
    const unknown = await errors({ 'world.yaml': withAlt('').replace('alternativeTo: magnet.sinter', 'alternativeTo: magnet.sintr'), ...scenario('') });
    expect(unknown).toMatch(/processes\.magnet\.free\.alternativeTo: unknown process "magnet\.sintr"/);
  });
});
