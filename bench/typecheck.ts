// Type-checking cost: a generated project with the four EverDrive tables plus 50 tables of 30 columns and 100 typed
// queries, checked by `tsc --extendedDiagnostics`, against the same schemas and queries declared with Drizzle
// (pg-core), the schema-as-code model users compare with. Each library is also checked with an import and no
// schema, so that the schemas' own cost can be told from loading the library's declarations.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const WIDE_TABLES = 50;
const WIDE_COLUMNS = 30;
const QUERIES = 100;

interface Library {
  readonly header: (sdkEntry: string) => string[];
  /** `everdrive` declarations: the four tables of examples/everdrive/tables.ts. */
  readonly everdrive: string[];
  readonly types: readonly string[];
  readonly notNull: string;
  readonly table: string;
  /** One typed query over `t`, its rows assigned to the table's inferred row type, two columns read with their types. */
  readonly query: (q: number, t: Target) => string;
}

/** A table a query reads, and its first two columns: a STRING NOT NULL and a nullable one of type `secondType`. */
interface Target {
  readonly name: string;
  readonly first: string;
  readonly second: string;
  readonly secondType: string;
}

const EVERDRIVE_TARGETS: readonly Target[] = [
  { name: 'e0', first: 'session_id', second: 'vehicle_id', secondType: 'string | null' },
  { name: 'e1', first: 'frame_id', second: 'session_id', secondType: 'string | null' },
  { name: 'e2', first: 'frame_id', second: 'run_stage', secondType: 'string | null' },
  { name: 'e3', first: 'frame_id', second: 'session_id', secondType: 'string | null' },
];
// Wide tables: c0 STRING NOT NULL, c1 INT, c2 DOUBLE, c3 TIMESTAMP, c4 STRING, ...
const wideTarget = (t: number): Target => ({ name: `t${t}`, first: 'c0', second: 'c1', secondType: 'number | null' });

// The rows are annotated after the call, not on it: `const r: Row<typeof t>[] = await client.query(...)` (a contextual
// return type) fails with TS2589 "excessively deep" in databend-etl, see docs/benchmarks.md.
const typedQuery = (q: number, t: Target, call: string) =>
  `  const q${q} = await ${call}; const r${q}: (typeof ${t.name}.$inferSelect)[] = q${q}; const a${q}: string | undefined = r${q}[0]?.${t.first}; const b${q}: ${t.secondType} | undefined = r${q}[0]?.${t.second};`;

const SDK: Library = {
  header: (entry) => [
    `import { table, string, int, double, timestamp, variant, vector, type DatabendClient } from '${entry}';`,
    'declare const client: DatabendClient;',
  ],
  everdrive: [
    `export const e0 = table('drive_sessions', { session_id: string().notNull().comment('one road-test session'), vehicle_id: string(), route_name: string(), start_time: timestamp(), end_time: timestamp(), weather: string(), camera_setup: string() }, { comment: 'EverDrive road-test sessions' });`,
    `export const e1 = table('frame_events', { frame_id: string().notNull(), session_id: string(), frame_index: int(), captured_at: timestamp(), event_type: string(), risk_score: double() }, { clusterBy: ['session_id', 'captured_at'], comment: 'one row per captured frame' });`,
    `export const e2 = table('frame_payloads', { frame_id: string().notNull(), run_stage: string(), payload: variant().comment('detections as nested JSON'), logged_at: timestamp() }, { comment: 'detection payloads' });`,
    `export const e3 = table('frame_embeddings', { frame_id: string().notNull(), session_id: string(), embedding: vector(4), model_version: string(), created_at: timestamp() }, { comment: 'frame embeddings for similarity search' });`,
  ],
  types: ['string()', 'int()', 'double()', 'timestamp()'],
  notNull: '.notNull()',
  table: 'table',
  query: (q, t) => typedQuery(q, t, `client.query('SELECT * FROM ${t.name}', { table: ${t.name} })`),
};

const DRIZZLE: Library = {
  header: () => [
    `import { pgTable, text, integer, doublePrecision, timestamp, jsonb, vector, type PgDatabase } from '${root}/node_modules/drizzle-orm/pg-core/index.js';`,
    'declare const db: PgDatabase<any>;',
  ],
  everdrive: [
    `export const e0 = pgTable('drive_sessions', { session_id: text().notNull(), vehicle_id: text(), route_name: text(), start_time: timestamp(), end_time: timestamp(), weather: text(), camera_setup: text() });`,
    `export const e1 = pgTable('frame_events', { frame_id: text().notNull(), session_id: text(), frame_index: integer(), captured_at: timestamp(), event_type: text(), risk_score: doublePrecision() });`,
    `export const e2 = pgTable('frame_payloads', { frame_id: text().notNull(), run_stage: text(), payload: jsonb(), logged_at: timestamp() });`,
    `export const e3 = pgTable('frame_embeddings', { frame_id: text().notNull(), session_id: text(), embedding: vector({ dimensions: 4 }), model_version: text(), created_at: timestamp() });`,
  ],
  types: ['text()', 'integer()', 'doublePrecision()', 'timestamp()'],
  notNull: '.notNull()',
  table: 'pgTable',
  query: (q, t) => typedQuery(q, t, `db.select().from(${t.name})`),
};

export function project(lib: 'sdk' | 'drizzle', sdkEntry: string, withSchemas: boolean): string {
  return projectOf(lib === 'sdk' ? SDK : DRIZZLE, sdkEntry, withSchemas);
}

function projectOf(lib: Library, sdkEntry: string, withSchemas: boolean): string {
  const lines = [...lib.header(sdkEntry)];
  if (!withSchemas) return [...lines, `export const used = [${lib.table}];`].join('\n');
  lines.push(...lib.everdrive);
  for (let t = 0; t < WIDE_TABLES; t++) {
    const cols = Array.from({ length: WIDE_COLUMNS }, (_, c) => `c${c}: ${lib.types[c % 4]}${c === 0 ? lib.notNull : ''}`).join(', ');
    lines.push(`export const t${t} = ${lib.table}('t${t}', { ${cols} });`);
  }
  lines.push('export async function queries() {');
  for (let q = 0; q < QUERIES; q++) {
    const t = q % (WIDE_TABLES + 4);
    lines.push(lib.query(q, t < WIDE_TABLES ? wideTarget(t) : EVERDRIVE_TARGETS[t - WIDE_TABLES]!));
  }
  lines.push('}');
  return lines.join('\n');
}

export interface TypecheckFigures {
  readonly name: string;
  /** Median over `runs` tsc runs; the counts are the same every run. */
  readonly checkSeconds: number;
  readonly totalSeconds: number;
  readonly runs: number;
  readonly instantiations: number;
  readonly types: number;
  readonly memoryKb: number;
}

function tsc(dir: string, file: string): Omit<TypecheckFigures, 'name' | 'runs'> {
  let out = '';
  try {
    out = execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(dir, `tsconfig.${file}.json`), '--extendedDiagnostics'], {
      encoding: 'utf8',
    });
  } catch (error) {
    throw new Error(`tsc failed on ${file}: ${(error as { stdout?: string }).stdout?.slice(0, 3000)}`);
  }
  const value = (label: string) => Number(new RegExp(`^${label}:\\s+([\\d.]+)`, 'm').exec(out)?.[1] ?? Number.NaN);
  return {
    checkSeconds: value('Check time'),
    totalSeconds: value('Total time'),
    instantiations: value('Instantiations'),
    types: value('Types'),
    memoryKb: value('Memory used'),
  };
}

const medianOf = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * `sdkEntry` is the built root entry (its `.d.ts` beside it), so both libraries are checked as a user installs them:
 * declarations only, under `skipLibCheck`. The same project is also checked against the SDK's sources, which adds
 * checking the SDK itself (what a contributor, or a monorepo importing the sources, pays).
 */
export async function typecheckBenchmarks(sdkEntry: string, runs: number, progress: (line: string) => void): Promise<TypecheckFigures[]> {
  const dir = await mkdtemp(join(root, 'tmp', 'bench-typecheck-'));
  const drizzleVersion = (JSON.parse(await readFile(join(root, 'node_modules/drizzle-orm/package.json'), 'utf8')) as { version: string }).version;
  const projects = [
    { file: 'sdk-empty', name: 'databend-etl: import only', text: projectOf(SDK, sdkEntry, false) },
    { file: 'sdk', name: `databend-etl: 54 tables, ${QUERIES} typed queries`, text: projectOf(SDK, sdkEntry, true) },
    { file: 'sdk-source', name: `databend-etl from its TypeScript sources: the same project`, text: projectOf(SDK, join(root, 'src/index.ts'), true) },
    { file: 'drizzle-empty', name: `Drizzle pg-core ${drizzleVersion}: import only`, text: projectOf(DRIZZLE, sdkEntry, false) },
    { file: 'drizzle', name: `Drizzle pg-core ${drizzleVersion}: same schemas and queries`, text: projectOf(DRIZZLE, sdkEntry, true) },
  ];
  try {
    for (const p of projects) {
      await writeFile(join(dir, `${p.file}.ts`), p.text);
      const compilerOptions = {
        strict: true,
        noEmit: true,
        target: 'ES2022',
        module: 'ESNext',
        moduleResolution: 'Bundler',
        skipLibCheck: true,
        allowImportingTsExtensions: true,
        types: ['node'],
      };
      await writeFile(join(dir, `tsconfig.${p.file}.json`), JSON.stringify({ compilerOptions, files: [`${p.file}.ts`] }));
    }
    const results: TypecheckFigures[] = [];
    for (const p of projects) {
      progress(`typecheck: ${p.name} (${runs} tsc runs)`);
      const samples = Array.from({ length: runs }, () => tsc(dir, p.file));
      const first = samples[0]!;
      results.push({
        name: p.name,
        checkSeconds: medianOf(samples.map((s) => s.checkSeconds)),
        totalSeconds: medianOf(samples.map((s) => s.totalSeconds)),
        runs,
        instantiations: first.instantiations,
        types: first.types,
        memoryKb: medianOf(samples.map((s) => s.memoryKb)),
      });
    }
    return results;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
