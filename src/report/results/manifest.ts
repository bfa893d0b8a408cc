/**
 * manifest.json, read leniently: the report needs only a few fields and must not break when the run
 * command adds more. Fields it needs but cannot find fall back to readable defaults; only a file that is
 * missing or not JSON is an error.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../../cli/errors.js';

/** A date in the manifest: an ISO period label, a period index, or null (open / unannounced). */
export type ManifestDate = string | number | null;

/** One policy of the run as the manifest lists it. */
export interface ManifestPolicy {
  readonly id: string;
  readonly type: string;
  readonly start: ManifestDate;
  /** Exclusive end; null when open-ended. */
  readonly end: ManifestDate;
  readonly announce: ManifestDate;
  /** First period withdrawn (suspended); null when never. */
  readonly withdrawn: ManifestDate;
  /** `scenario` (this run only) or `world` (baseline too); other values are shown as they are. */
  readonly scope: string;
  /** Short "field: value" notes on what the policy targets (from, to, products…), for the report. */
  readonly targets: readonly string[];
}

/** The manifest fields the report and compare use. */
export interface Manifest {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly scenarioHash: string;
  readonly seed: number | null;
  readonly draws: number | null;
  readonly version: string;
  readonly policies: readonly ManifestPolicy[];
}

const TARGET_FIELDS = ['from', 'to', 'importer', 'region', 'regions', 'product', 'products', 'process', 'plant'];

/** Open-ended ends may be written as a huge index (Number.MAX_SAFE_INTEGER) by the engine's window type. */
const OPEN_END = 1e15;

function text(v: unknown, fallback = ''): string {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : fallback;
}

function date(v: unknown): ManifestDate {
  if (typeof v === 'string' && v.trim() !== '') return v.trim();
  if (typeof v === 'number' && Number.isFinite(v) && Math.abs(v) < OPEN_END) return v;
  return null;
}

function targetNote(key: string, v: unknown): string | null {
  if (typeof v === 'string' || typeof v === 'number') return `${key}: ${v}`;
  if (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string' || typeof x === 'number')) {
    return `${key}: ${v.join(', ')}`;
  }
  return null;
}

/** Reads one policy entry; anything not an object is skipped by the caller. */
export function parsePolicy(raw: Record<string, unknown>, i: number): ManifestPolicy {
  return {
    id: text(raw.id, `policy ${i + 1}`),
    type: text(raw.type, 'policy'),
    start: date(raw.start),
    end: date(raw.end),
    announce: date(raw.announce),
    withdrawn: date(raw.withdrawn),
    scope: text(raw.scope, 'scenario'),
    targets: TARGET_FIELDS.map((k) => targetNote(k, raw[k])).filter((s): s is string => s !== null),
  };
}

/** Interprets parsed manifest JSON; `fallbackName` (the folder name) names a run whose manifest has none. */
export function parseManifest(json: unknown, fallbackName: string): Manifest {
  const m = (json !== null && typeof json === 'object' ? json : {}) as Record<string, unknown>;
  const policies = Array.isArray(m.policies) ? m.policies : [];
  const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  return {
    name: text(m.name, fallbackName),
    title: text(m.title, text(m.name, fallbackName)),
    description: text(m.description),
    scenarioHash: text(m.scenarioHash, text(m.hash)),
    seed: num(m.seed),
    draws: num(m.draws),
    version: text(m.reesimVersion, text(m.version)),
    policies: policies
      .map((p, i) => (p !== null && typeof p === 'object' ? parsePolicy(p as Record<string, unknown>, i) : null))
      .filter((p): p is ManifestPolicy => p !== null),
  };
}

/** Reads `dir/manifest.json` as JSON, unchecked; missing or invalid JSON is a UsageError naming it. */
export async function readManifestJson(dir: string): Promise<unknown> {
  const file = join(dir, 'manifest.json');
  const body = await readFile(file, 'utf8').catch(() => null);
  if (body === null) throw new UsageError(`${file} is missing (is ${dir} a result folder written by 'reesim run'?)`);
  try {
    return JSON.parse(body);
  } catch (err) {
    throw new UsageError(`${file}: not valid JSON (${(err as Error).message})`);
  }
}

/** Reads `dir/manifest.json`; missing or invalid JSON is a UsageError. */
export async function readManifest(dir: string, fallbackName: string): Promise<Manifest> {
  return parseManifest(await readManifestJson(dir), fallbackName);
}
