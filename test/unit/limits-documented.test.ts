// README's table of limits states the numbers of src/scenario/limits.ts: a limit changed in code but not
// in the documentation (or the reverse) fails here.
import { expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  MAX_CHOKE_MULTIPLE, MAX_DEMAND_GROWTH_FACTOR, MAX_DRAWS, MAX_EXCERPT, MAX_FILE_BYTES, MAX_ISSUES_SHOWN, MAX_NAME_LENGTH, MAX_SEED,
  MAX_SWEEP_POINTS, MAX_WORKERS, MAX_YAML_ALIAS_COUNT, MAX_YAML_VALUES, MAX_YEAR, MIN_YEAR, SETTING_RANGES as R,
} from '../../src/scenario/limits.js';
import { MAX_PERIODS } from '../../src/scenario/timeline.js';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const section = README.slice(README.indexOf('### Errors, exit codes and limits'), README.indexOf('## Scenario files'));
const row = (label: string): string => section.split('\n').find((l) => l.startsWith(`| ${label}`)) ?? `(no row "${label}")`;

it('README lists the limits of src/scenario/limits.ts', () => {
  expect(row('scenario, world and data files')).toContain(`(${MAX_FILE_BYTES} bytes)`);
  expect(row('YAML aliases')).toContain(`\`maxAliasCount\` ${MAX_YAML_ALIAS_COUNT}`);
  expect(row('YAML aliases')).toContain(`at most ${MAX_YAML_VALUES} values`);
  expect(row('names')).toContain(`at most ${MAX_NAME_LENGTH} characters`);
  expect(row('dates')).toContain(`years ${MIN_YEAR}–${MAX_YEAR}`);
  expect(row('dates')).toContain(`at most ${MAX_PERIODS} periods`);
  expect(row('draws')).toContain(`1…${MAX_DRAWS}`);
  expect(row('seed')).toContain(`0…${MAX_SEED}`);
  expect(row('`--workers`')).toContain(`1…${MAX_WORKERS}`);
  expect(row('`--shard i/n`')).toContain(`n ≤ ${MAX_DRAWS}`);
  expect(row('`reesim sweep` grid')).toContain(`at most ${MAX_SWEEP_POINTS} points`);
  expect(row('`market.tierRatio`')).toContain(`${R.tierRatio.min}…${R.tierRatio.max}`);
  expect(row('`market.tierFloor`')).toContain(`${R.tierFloor.min}…${R.tierFloor.max}`);
  expect(row('`market.fixedPointTolerance`')).toContain(`${R.fixedPointTolerance.min}…${R.fixedPointTolerance.max}`);
  expect(row('`market.maxFixedPointIterations`')).toContain(`${R.maxFixedPointIterations.min}…${R.maxFixedPointIterations.max}`);
  expect(row('`dynamics.inventory.adjustment`')).toContain(`at most ${R.duration.max} periods`);
  expect(row('`momentumCoverage`')).toContain(`${R.coverage.min}…${R.coverage.max} periods`);
  expect(row('`dynamics.inventory.priceResponse`')).toContain(`${R.priceResponse.min}…${R.priceResponse.max}`);
  expect(row('`dynamics.inventory.carryingCost`')).toContain(`0…${R.carryingCost.max * 100} %`);
  expect(row('`dynamics.leakage.extraCost`')).toContain(`0…${R.extraCost.max * 100} %`);
  expect(row('demand `elasticity`')).toContain(`−${-R.elasticity.min}…${R.elasticity.max}`);
  expect(row('demand `growth`')).toContain(`at most ${R.growth.max * 100} %/yr`);
  expect(row('demand `growth`')).toContain(`×${MAX_DEMAND_GROWTH_FACTOR}`);
  expect(row("a process's `maxGrowth`")).toContain(`0…${R.maxGrowth.max * 100} %/yr`);
  expect(row('demand `choke`')).toContain(`${MAX_CHOKE_MULTIPLE} × the reference price`);
  expect(row('messages')).toContain(`at most ${MAX_EXCERPT} characters`);
  expect(row('messages')).toContain(`at most ${MAX_ISSUES_SHOWN} problems`);
});
