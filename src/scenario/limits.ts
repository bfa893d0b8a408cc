/**
 * The one table of limits on what reesim reads: file sizes, YAML expansion, names, dates, Monte Carlo
 * sizes and the numeric settings of the market and the dynamics. The schema, the loader, the command-line
 * flags and README's limits table all read these constants, so a file field and the flag that overrides
 * it can never disagree. Every limit is generous for real studies and exists so that a mistake or a
 * hostile file gets a located error (exit 2) instead of a hang, an out-of-memory crash or a solver
 * failure.
 */
import type { Range } from './fields.js';

/** Largest scenario, world or data file read (a scenario is a few kilobytes, the 2024 world ~60 KiB). */
export const MAX_FILE_BYTES = 4 * 1024 * 1024;

/**
 * Most values (mappings, lists and scalars, aliases expanded) one YAML/JSON file may produce. The 2024
 * world has ~3 000; the limit stops "billion laughs" alias bombs and merge-key chains, which a few
 * hundred bytes can make expand to billions of values. `REESIM_MAX_YAML_VALUES` lowers it (tests).
 */
export const MAX_YAML_VALUES = 250_000;

/**
 * The `yaml` library's own alias guard (`maxAliasCount`: uses of an anchor × the aliases inside it).
 * It rejects deep alias bombs early; MAX_YAML_VALUES also catches wide ones, which this metric misses.
 */
export const MAX_YAML_ALIAS_COUNT = 1_000;

/** Longest name of a world or scenario: it becomes a folder name (with suffixes such as `.shard-i-of-n`). */
export const MAX_NAME_LENGTH = 100;

/** Names that become folder names: letters, digits, `.`, `_`, `-`, starting with a letter or digit. */
export const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Years a date may name (the schema checks every date; the run's calendar stays within them). */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2200;

/** Most Monte Carlo draws of one study (file `draws:` and `--draws`); larger studies: several seeds. */
export const MAX_DRAWS = 100_000;

/** Most worker threads (`--workers`); never more than the draws that run. */
export const MAX_WORKERS = 64;

/** Seeds are whole numbers in [0, MAX_SEED] (file `seed:` and `--seed`). */
export const MAX_SEED = 2 ** 31 - 1;

/** Largest magnitude of any number after conversion to canonical units (t, USD/kg, periods, fractions). */
export const MAX_MAGNITUDE = 1e12;

/**
 * Largest factor by which compounded demand growth may multiply a demand over the run (central values;
 * drawn values are capped at it). 8 %/yr for 100 years is ×2 200.
 */
export const MAX_DEMAND_GROWTH_FACTOR = 1e6;

/** Largest choke price as a multiple of the demand's reference price (the default is 10). */
export const MAX_CHOKE_MULTIPLE = 1_000;

/** Longest quotation of a file's content or of a value in a message. */
export const MAX_EXCERPT = 80;

/** Most problems printed for one command (the rest are counted in a final line). */
export const MAX_ISSUES_SHOWN = 100;

/** Most grid points of one `reesim sweep`. */
export const MAX_SWEEP_POINTS = 1_000;

/** Longest duration setting in periods (the longest run has 1200). */
const MAX_DURATION = 1200;

/**
 * Ranges of the numeric settings (canonical units: durations in periods, rates per period). A tier
 * ratio of 1e308 leaves demand curves with no steps; one of 1.0001 makes the LP a hundred times larger;
 * a floor of 1e-9 does the same from below. Exclusive bounds use `above`.
 */
export const SETTING_RANGES = {
  tierRatio: { min: 1.005, max: 1.5, text: 'between 1.005 and 1.5' },
  tierFloor: { min: 0.001, max: 1, text: 'between 0.001 and 1' },
  fixedPointTolerance: { min: 1e-12, max: 0.1, text: 'between 1e-12 and 0.1' },
  maxFixedPointIterations: { min: 1, max: 1000, integer: true, text: 'a whole number between 1 and 1000' },
  duration: { above: 0, max: MAX_DURATION, text: `above 0 and at most ${MAX_DURATION} periods` },
  coverage: { min: 0, max: MAX_DURATION, text: `between 0 and ${MAX_DURATION} periods` },
  priceResponse: { min: 0, max: 20, text: 'between 0 and 20' },
  carryingCost: { min: 0, max: 1, text: 'between 0% and 100% per period' },
  extraCost: { min: 0, max: 10, text: 'between 0% and 1000%' },
  elasticity: { min: -5, max: 0, text: 'between -5 and 0' },
  growth: { above: -1, max: 1, text: 'above -100%/yr and at most 100%/yr' },
  maxGrowth: { min: 0, max: 1, text: 'between 0%/yr and 100%/yr' },
  substitution: { min: 0.5, max: 100, text: 'between 0.5 and 100' },
  premium: { min: 0, max: 10, text: 'between 0% and 1000%' },
} satisfies Record<string, Range>;

/** A whole-number limit of a command-line flag and of the file field it overrides. */
export interface CountLimit {
  readonly min: number;
  readonly max: number;
}

export const DRAWS_LIMIT: CountLimit = { min: 1, max: MAX_DRAWS };
export const SEED_LIMIT: CountLimit = { min: 0, max: MAX_SEED };
export const WORKERS_LIMIT: CountLimit = { min: 1, max: MAX_WORKERS };

/** Why `value` is not a whole number within `limit`, or null. Reads "expected …, got …" in messages. */
export function countProblem(value: number, limit: CountLimit): string | null {
  if (!Number.isInteger(value)) return `expected a whole number between ${limit.min} and ${limit.max}, got ${value}`;
  if (value > limit.max) return `${value} is above the limit of ${limit.max}`;
  if (value < limit.min) return `${value} is below the minimum of ${limit.min}`;
  return null;
}

/** Why `name` cannot be a folder name written by reesim, or null. The one check of every name read from a file. */
export function nameProblem(name: unknown): string | null {
  if (typeof name !== 'string') return 'expected a name';
  if (name.length > MAX_NAME_LENGTH) return `expected a name of at most ${MAX_NAME_LENGTH} characters, got ${name.length}`;
  if (!NAME_PATTERN.test(name)) return 'expected a name of letters, digits, ., _ or - (it becomes results/<name>/)';
  return null;
}

/** The YAML value limit in force: MAX_YAML_VALUES, or a lower one from `REESIM_MAX_YAML_VALUES`. */
export function yamlValueLimit(): number {
  const fromEnv = Number(process.env.REESIM_MAX_YAML_VALUES);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? Math.min(fromEnv, MAX_YAML_VALUES) : MAX_YAML_VALUES;
}

/** `text` cut to MAX_EXCERPT characters (with "..."), control characters shown as escapes: safe to quote on one line. */
export function excerpt(text: string, max = MAX_EXCERPT): string {
  const cut = text.length > max ? `${text.slice(0, max - 3)}...` : text;
  return JSON.stringify(cut);
}
