/**
 * `reesim new <name> [--from <scenario>]`: start a study — write `<name>.yaml`, a commented scenario
 * that extends the shipped world (or the given world or scenario), validated before it appears: the
 * file is written under a temporary name, loaded, and renamed into place only when it is valid.
 */
import type { CommandModule } from 'yargs';
import { rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadScenario, ScenarioError } from '../../scenario/index.js';
import { PACKAGE_NAME, resolvePackagePath } from '../../scenario/extendsPath.js';
import { scenarioTemplate } from '../../scenario/template.js';
import { UsageError } from '../errors.js';

/** What a new scenario extends when no --from is given: the shipped world, by package path. */
const SHIPPED_WORLD = `${PACKAGE_NAME}/scenarios/world-2024.yaml`;
const SHIPPED_SCHEMA = `${PACKAGE_NAME}/scenarios/scenario.schema.json`;

interface NewArgs {
  name: string;
  from?: string;
  force: boolean;
}

/** A path as written in a file: relative to `dir`, with forward slashes. */
function relativeFrom(dir: string, file: string): string {
  return path.relative(path.resolve(dir), path.resolve(file)).split(path.sep).join('/');
}

export const newCommand: CommandModule<object, NewArgs> = {
  command: 'new <name>',
  describe: 'Write a commented scenario file <name>.yaml that extends the shipped world (or --from a scenario)',
  builder: (y) => y
    .positional('name', { type: 'string', demandOption: true, describe: 'Scenario name, or a path such as scenarios/my-study(.yaml)' })
    .option('from', { type: 'string', describe: `World or scenario file to extend (default: ${SHIPPED_WORLD})` })
    .option('force', { type: 'boolean', default: false, describe: 'Replace an existing file' }) as never,
  handler: async (args) => {
    const file = /\.ya?ml$/i.test(args.name) ? args.name : `${args.name}.yaml`;
    const name = path.basename(file).replace(/\.ya?ml$/i, '');
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) throw new UsageError(`"${name}" cannot name a scenario: use letters, digits, ., _ or - (it becomes results/${name}/)`);
    const dir = path.dirname(file);
    if (!(await stat(dir).catch(() => null))?.isDirectory()) throw new UsageError(`${dir}: no such folder`);
    if (!args.force && (await stat(file).catch(() => null))) throw new UsageError(`${file} exists: choose another name, or pass --force to replace it`);

    let baseFile: string;
    let extendsPath: string;
    if (args.from !== undefined) {
      if (!(await stat(args.from).catch(() => null))?.isFile()) throw new UsageError(`--from ${args.from}: no such file`);
      baseFile = args.from;
      extendsPath = relativeFrom(dir, args.from);
    } else {
      const shipped = resolvePackagePath(SHIPPED_WORLD, dir);
      if (!shipped) throw new Error(`cannot find the shipped world ${SHIPPED_WORLD}`);
      baseFile = shipped;
      extendsPath = SHIPPED_WORLD;
    }
    const base = await loadScenario(baseFile);
    const schema = resolvePackagePath(SHIPPED_SCHEMA, dir);
    const text = scenarioTemplate({ name, file, extendsPath, schemaPath: schema ? relativeFrom(dir, schema) : null, base: base.resolved as Record<string, unknown> });

    // Validate under a temporary name beside the target (so that `extends` resolves the same way).
    const tmp = path.join(dir, `.${name}.tmp-${process.pid}.yaml`);
    await writeFile(tmp, text);
    try {
      await loadScenario(tmp);
    } catch (err) {
      await rm(tmp, { force: true });
      if (err instanceof ScenarioError) throw new ScenarioError(err.issues.map((i) => (i.file === tmp ? { ...i, file } : i)));
      throw err;
    }
    await rename(tmp, file);
    process.stdout.write(`wrote ${file} (extends ${extendsPath}); edit it, then: npx reesim run ${file}\n`);
  },
};
