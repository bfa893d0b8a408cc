/** `reesim calibrate [targets]`: run the world and print how close it comes to the observed figures. */
import type { CommandModule } from 'yargs';
import { loadSolvers } from '../../engine/index.js';
import { runCalibration, sig } from '../../calibrate/run.js';
import { textTable } from '../../output/textTable.js';

interface CalibrateArgs {
  targets: string;
  out: string;
  quiet: boolean;
  check: boolean;
}

export const calibrateCommand: CommandModule<object, CalibrateArgs> = {
  command: 'calibrate [targets]',
  describe: 'Run a world and compare it with calibration targets (default: the 2024 world)',
  builder: (y) => y
    .positional('targets', { type: 'string', default: 'scenarios/calibration/targets-2024.yaml', describe: 'Target file' })
    .option('out', { type: 'string', default: 'results', describe: 'Folder that receives calibration-<year>/' })
    .option('quiet', { type: 'boolean', default: false, describe: 'Print only the verdict line' })
    .option('check', { type: 'boolean', default: false, describe: 'Check balance, equilibrium and policy limits every period (slower)' }) as never,
  handler: async (args) => {
    const { dir, results } = await runCalibration(args.targets, await loadSolvers(), args.out, args.check);
    const checked = results.filter((r) => r.target.check);
    const ok = checked.filter((r) => r.ok).length;
    const reported = results.length - checked.length;
    if (!args.quiet) {
      process.stdout.write(`${textTable([
        ['target', 'unit', 'observed', 'model', 'error', 'tolerance', 'ok'],
        ...results.map((r) => [r.target.id, r.target.unit, sig(r.target.value), sig(r.model),
          'relative' in r.target.tolerance ? `${sig(r.error * 100, 3)}%` : sig(r.error, 3),
          'relative' in r.target.tolerance ? `±${sig(r.target.tolerance.relative * 100, 3)}%` : `±${sig(r.target.tolerance.absolute, 3)}`,
          r.target.check ? (r.ok ? 'yes' : 'NO') : 'n/a']),
      ])}\n`);
    }
    process.stdout.write(`${ok} of ${checked.length} checked targets within tolerance${reported ? ` (${reported} reported only)` : ''} → ${dir}/calibration.csv\n`);
  },
};
