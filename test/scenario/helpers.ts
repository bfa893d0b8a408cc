// Test helpers: write small scenario files into a fresh temporary directory and load them, with the
// directory stripped from error messages so that snapshots are stable.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadScenario, ScenarioError, type LoadedScenario, type LoadOptions } from '../../src/scenario/index.js';

/** The three-region fixture world. */
export const WORLD = readFileSync(new URL('../fixtures/world-3.yaml', import.meta.url), 'utf8');

/** Writes files (name → text or bytes) into a new temp dir; returns the dir. */
export function writeFiles(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'reesim-scenario-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

/** Loads `entry` from the given files; the world fixture is available as world.yaml. */
export async function load(files: Record<string, string | Uint8Array>, entry = 'scenario.yaml', options?: LoadOptions): Promise<LoadedScenario> {
  const dir = writeFiles({ 'world.yaml': WORLD, ...files });
  return loadScenario(path.join(dir, entry), options);
}

/** A scenario over the fixture world with the given extra YAML. */
export function scenario(body: string, name = 'test'): Record<string, string> {
  return { 'scenario.yaml': `name: ${name}\nextends: world.yaml\n${body}` };
}

/** The error text of a load expected to fail (temp dir stripped), or throws if it loads. */
export async function errors(files: Record<string, string | Uint8Array>, entry = 'scenario.yaml', options?: LoadOptions): Promise<string> {
  const dir = writeFiles({ 'world.yaml': WORLD, ...files });
  try {
    await loadScenario(path.join(dir, entry), options);
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw e;
    return e.message.split(`${dir}${path.sep}`).join('');
  }
  throw new Error('expected a ScenarioError');
}
