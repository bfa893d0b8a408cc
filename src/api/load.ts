/** `loadScenario`: read, check and compile a scenario file (the loader is imported on first use). */
import type { LoadedScenario, LoadOptions } from '../scenario/index.js';
import { loaderModule } from './engine.js';

/**
 * Loads a world or scenario file (YAML or JSON) with its `extends` chain; `options.set` overrides
 * parameters by path, as `set:` in a file does (`{ 'policies.us-tariff.rate': '50%' }`), and
 * `options.seed` / `options.draws` replace the file's. Throws ScenarioError listing every problem, located.
 */
export async function loadScenario(file: string, options: LoadOptions = {}): Promise<LoadedScenario> {
  const { loadScenario: load } = await loaderModule();
  return load(file, options);
}
