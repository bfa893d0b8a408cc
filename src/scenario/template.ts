/**
 * The text of a new scenario file (`reesim new`): the schema line, `extends` of the world or scenario it
 * builds on, and commented-out examples — the run settings, a `set`, one policy of each type and two
 * expectations — written with ids taken from that world, so that uncommenting any of them gives a valid
 * file. Nothing here knows a particular world: the examples are picked from the one given.
 */
import { POLICY_TYPES, type PolicyTypeName } from './schema.js';
import { parseDate, periodLabel } from './timeline.js';

type Doc = Record<string, unknown>;

/** What the template needs to know. */
export interface TemplateInput {
  /** The scenario's name (also its file name without extension). */
  readonly name: string;
  /** The new file's path as the user names it (in the header's commands). */
  readonly file: string;
  /** The `extends` value, as written into the file. */
  readonly extendsPath: string;
  /** Path of scenario.schema.json relative to the new file, or null when unknown. */
  readonly schemaPath: string | null;
  /** The merged document of the world or scenario it builds on (a LoadedScenario's `resolved`). */
  readonly base: Doc;
}

const keysOf = (x: unknown): string[] => (x !== null && typeof x === 'object' && !Array.isArray(x) ? Object.keys(x) : []);
const listOf = (x: unknown): Doc[] => (Array.isArray(x) ? x.filter((e): e is Doc => e !== null && typeof e === 'object') : []);

/** A YAML scalar for an id or value: quoted when plain YAML would read it otherwise. */
function scalar(x: unknown): string {
  const text = String(x);
  return /^[A-Za-z0-9._](?:[A-Za-z0-9._/ -]*[A-Za-z0-9._/])?$/.test(text) && !/^(true|false|null|yes|no|on|off|~)$/i.test(text) ? text : JSON.stringify(text);
}

const monthText = (month: number): string => periodLabel('month', month);

/** The ids the examples use, picked from the base world (the most-demanded product, a maker and a buyer of it). */
interface ExampleIds {
  readonly exporter: string;
  readonly importer: string;
  readonly product: string;
  readonly process: string;
  readonly start: number;
  readonly price: unknown;
  readonly taken: Set<string>;
}

function exampleIds(base: Doc): ExampleIds {
  const regions = keysOf(base.regions);
  const products = keysOf(base.products);
  const processes = base.processes as Record<string, Doc> | undefined;
  const demand = listOf(base.demand);
  const plants = listOf(base.plants);
  const count = (p: string) => demand.filter((d) => d.product === p).length;
  const product = [...products].sort((a, b) => count(b) - count(a))[0] ?? 'PRODUCT';
  const makes = (plant: Doc) => keysOf(plant.outputs ?? processes?.[String(plant.process)]?.outputs).includes(product);
  const maker = plants.find(makes);
  const exporter = String(maker?.region ?? regions[0] ?? 'REGION');
  const buyer = demand.find((d) => d.product === product && d.region !== exporter)?.region;
  const importer = String(buyer ?? regions.find((r) => r !== exporter) ?? exporter);
  const process = String(maker?.process ?? keysOf(processes)[0] ?? 'PROCESS');
  const first = parseDate(base.start);
  const price = (base.products as Record<string, Doc> | undefined)?.[product]?.price ?? '100 USD/kg';
  return { exporter, importer, product, process, start: (first ?? 2025 * 12) + 3, price, taken: new Set(listOf(base.policies).map((p) => String(p.id))) };
}

/** One example policy of each type, as flow mappings (`{id: …, type: …}`), in POLICY_TYPES order. */
function examplePolicies({ exporter, importer, product, process, start, price, taken }: ExampleIds): string[] {
  const [R0, R1, P, PROC, D, D6] = [scalar(exporter), scalar(importer), scalar(product), scalar(process), monthText(start), monthText(start + 6)];
  const fields: Record<PolicyTypeName, string> = {
    export_ban: `from: ${R0}, to: ${R1}, products: [${P}], start: ${D}, leakage: 10%`,
    export_quota: `from: ${R0}, products: [${P}], limit: 1 kt/yr, start: ${D}`,
    export_license: `from: ${R0}, to: "*", products: [${P}], approval: {${D}: 20%, ${D6}: 60%}, delay: 2 months, start: ${D}`,
    export_tax: `from: ${R0}, products: [${P}], rate: 15%, start: ${D}`,
    tariff: `importer: ${R1}, from: ${R0}, products: [${P}], rate: 25%, start: ${D}`,
    import_ban: `importer: ${R1}, from: ${R0}, products: [${P}], start: ${D}`,
    stockpile_release: `region: ${R1}, product: ${P}, quantity: 100 t, over: 6 months, start: ${D}`,
    stockpile_build: `region: ${R1}, product: ${P}, quantity: 100 t, over: 12 months, start: ${D}`,
    capacity: `region: ${R1}, process: ${PROC}, change: 1 kt/yr, ramp: 12 months, start: ${D}`,
    price_floor: `region: ${R1}, product: ${P}, price: ${scalar(price)}, start: ${D}`,
    demand_shock: `region: ${R1}, product: ${P}, factor: 80%, start: ${D}`,
  };
  const idOf = (type: string): string => {
    const plain = type.replaceAll('_', '-');
    let id = plain;
    for (let k = 2; taken.has(id); k++) id = `${plain}-${k}`;
    return id;
  };
  return POLICY_TYPES.map((type) => `{id: ${idOf(type)}, type: ${type}, ${fields[type]}}`);
}

/** The file's text. */
export function scenarioTemplate({ name, file, extendsPath, schemaPath, base }: TemplateInput): string {
  const ids = exampleIds(base);
  const { importer, product } = ids;
  const [R1, P] = [scalar(importer), scalar(product)];
  const run = [base.start, base.end].every((x) => x !== undefined)
    ? `${String(base.start)} to ${String(base.end)}, ${String(base.draws ?? 1)} draw${base.draws === 1 || base.draws === undefined ? '' : 's'}`
    : 'start and end as the world says';
  const lines = [
    ...(schemaPath ? [`# yaml-language-server: $schema=${schemaPath}`] : []),
    `# ${name}: a reesim scenario built on ${extendsPath}.`,
    `#   npx reesim validate ${file}   check it (every mistake is reported, located)`,
    `#   npx reesim run ${file}        simulate it beside its baseline into results/${name}/`,
    `#   npx reesim check ${file}      verify its expect: list (exit code 3 when one fails)`,
    '# Uncomment and edit what you need. Every field is described in reesim\'s docs/file-format.md (and, through',
    '# the schema line, by your editor). Values carry units: 45 kt/yr, 60 USD/kg, 25%, 2 months.',
    `name: ${name}`,
    `title: ${name} (say in one line what this scenario asks)`,
    `extends: ${scalar(extendsPath)}`,
    '',
    `# The run is inherited (${run}); override it here:`,
    `# start: ${monthText(ids.start - 3)}`,
    `# end: ${monthText(ids.start + 32)}`,
    '# draws: 200        # Monte Carlo draws of every uncertain value; 1 = central values only',
    '# seed: 1',
    '',
    '# Parameters of the world, changed by path (docs/file-format.md, "set"):',
    '# set:',
    `#   demand.${R1}.${P}.growth: 8%/yr`,
    '',
    '# Policies, one example of each type. Each is in force from `start`; add `end: YYYY-MM` to lift it',
    '# (docs/file-format.md, "Dates, series and policy windows") and `announce: YYYY-MM` to make it known earlier.',
    '# policies:',
    ...examplePolicies(ids).map((p) => `#   - ${p}`),
    '',
    '# What must hold. `reesim check` runs the scenario and verifies each line (exit code 3 when one fails);',
    '# `measure` is any column of summary.csv; `statistic` is central (default), mean, p5, p50, p95 or every.',
    '# expect:',
    `#   - {region: ${R1}, product: ${P}, measure: cumulative_shortage_t, max: 100 t}`,
    `#   - {region: ${R1}, product: ${P}, measure: max_price_change_pct, max: 50, statistic: p95}`,
    '',
  ];
  return lines.join('\n');
}
