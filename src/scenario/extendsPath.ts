/**
 * Where an `extends` target lives. A path is relative to the file that names it (or absolute), as it
 * always was; a package path such as `reesim/scenarios/world-2024.yaml` — no leading `.` or `/` and no
 * file of that name next to the extending file — is resolved like an import, through the installed
 * package's `exports` (from the extending file's folder upwards through node_modules). reesim's own
 * shipped files are also found from reesim's install location, so `npx reesim` works on a folder that
 * has no node_modules of its own.
 */
import { readdir, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { suggest } from './zodIssues.js';

/** reesim's package name, whose shipped files (`reesim/scenarios/…`) are always resolvable. */
export const PACKAGE_NAME = 'reesim';

/** `name/rest` or `@scope/name/rest`: a path inside an npm package. */
const PACKAGE_PATH = /^(@[A-Za-z0-9._-]+\/)?[A-Za-z0-9][A-Za-z0-9._-]*\/.+/;

/** Where an extends target was found, or why it was not. */
type ExtendsTarget = { readonly file: string } | { readonly missing: string };

/** Whether `target` may name a file inside a package (it is neither absolute nor explicitly relative). */
function isPackagePath(target: string): boolean {
  return !path.isAbsolute(target) && !target.startsWith('.') && PACKAGE_PATH.test(target.replaceAll('\\', '/'));
}

async function isFile(file: string): Promise<boolean> {
  return (await stat(file).catch(() => null))?.isFile() ?? false;
}

/** The package name of a package path (`@scope/name` or `name`). */
function packageName(target: string): string {
  const parts = target.split('/');
  return target.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
}

/** Resolves a package path from a folder, through node_modules and the package's `exports`; null when it is not there. */
export function resolvePackageFile(target: string, fromDir: string): string | null {
  try {
    return createRequire(path.join(path.resolve(fromDir), 'noop.js')).resolve(target);
  } catch {
    return null;
  }
}

/** reesim's own copy of one of its shipped files (`reesim/…`), resolved from where this module is installed. */
function resolveOwnFile(target: string): string | null {
  if (packageName(target) !== PACKAGE_NAME) return null;
  try {
    return createRequire(import.meta.url).resolve(target);
  } catch {
    return null;
  }
}

/** A package path resolved from `fromDir` (node_modules upwards), else reesim's own shipped file; null when neither has it. */
export function resolvePackagePath(target: string, fromDir: string): string | null {
  return resolvePackageFile(target, fromDir) ?? resolveOwnFile(target);
}

/** For a missing `reesim/scenarios/x`: " (did you mean …?)" against the files reesim ships there. */
async function ownSuggestion(target: string): Promise<string> {
  const own = resolveOwnFile(`${PACKAGE_NAME}/package.json`);
  if (!own || packageName(target) !== PACKAGE_NAME) return '';
  const rest = target.slice(PACKAGE_NAME.length + 1);
  const folder = path.posix.dirname(rest);
  const shipped = await readdir(path.join(path.dirname(own), folder)).catch(() => [] as string[]);
  const names = shipped.filter((n) => /\.(ya?ml|json)$/i.test(n)).map((n) => `${PACKAGE_NAME}/${folder}/${n}`);
  return suggest(target, names);
}

/** Resolves the `extends` value `target` written in `fromFile`. */
export async function resolveExtends(target: string, fromFile: string): Promise<ExtendsTarget> {
  if (path.isAbsolute(target)) return { file: target };
  const relative = path.join(path.dirname(fromFile), target);
  if (!isPackagePath(target) || (await isFile(relative))) return { file: relative };
  const found = resolvePackagePath(target, path.dirname(fromFile));
  if (found) return { file: found };
  const hint = await ownSuggestion(target);
  return {
    missing: `file not found: ${relative}, and no installed package provides "${target}"${hint || ` (is the package "${packageName(target)}" installed, and does it export that file?)`}`,
  };
}
