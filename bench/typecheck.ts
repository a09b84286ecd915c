// Type-checking cost: a generated project with the four EverDrive tables plus 50 tables of 30 columns and 100 typed
// queries, checked by `tsc --extendedDiagnostics`, against the same schemas and queries declared with Drizzle
// (pg-core), the schema-as-code model users compare with.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const TYPES = ['string', 'int', 'double', 'timestamp'] as const;
const DRIZZLE_TYPES = ['text', 'integer', 'doublePrecision', 'timestamp'] as const;

function sdkProject(): string {
  const lines = [
    `import { table, string, int, double, timestamp, type DatabendClient } from '${root}/src/index.ts';`,
    `import { everdriveTables } from '${root}/examples/everdrive/tables.ts';`,
    'declare const client: DatabendClient;',
  ];
  for (let t = 0; t < 50; t++) {
    const cols = Array.from({ length: 30 }, (_, c) => `c${c}: ${TYPES[c % 4]}()${c === 0 ? '.notNull()' : ''}`).join(', ');
    lines.push(`export const t${t} = table('t${t}', { ${cols} });`);
  }
  lines.push('export async function queries() {');
  for (let q = 0; q < 100; q++) {
    const t = q % 54;
    const target = t < 50 ? `t${t}` : `everdriveTables[${t - 50}]`;
    lines.push(`  const r${q} = await client.query('SELECT * FROM x', { table: ${target} }); const v${q}: unknown = r${q}[0];`);
  }
  lines.push('}');
  return lines.join('\n');
}

function drizzleProject(): string {
  const lines = [
    `import { pgTable, text, integer, doublePrecision, timestamp, vector, jsonb, type PgDatabase } from '${root}/node_modules/drizzle-orm/pg-core/index.js';`,
    'declare const db: PgDatabase<any>;',
    `export const driveSessions = pgTable('drive_sessions', { session_id: text().notNull(), vehicle_id: text(), route_name: text(), start_time: timestamp(), end_time: timestamp(), weather: text(), camera_setup: text() });`,
    `export const frameEvents = pgTable('frame_events', { frame_id: text().notNull(), session_id: text(), frame_index: integer(), captured_at: timestamp(), event_type: text(), risk_score: doublePrecision() });`,
    `export const framePayloads = pgTable('frame_payloads', { frame_id: text().notNull(), run_stage: text(), payload: jsonb(), logged_at: timestamp() });`,
    `export const frameEmbeddings = pgTable('frame_embeddings', { frame_id: text().notNull(), session_id: text(), embedding: vector({ dimensions: 4 }), model_version: text(), created_at: timestamp() });`,
    'const everdrive = [driveSessions, frameEvents, framePayloads, frameEmbeddings] as const;',
  ];
  for (let t = 0; t < 50; t++) {
    const cols = Array.from({ length: 30 }, (_, c) => `c${c}: ${DRIZZLE_TYPES[c % 4]}()${c === 0 ? '.notNull()' : ''}`).join(', ');
    lines.push(`export const t${t} = pgTable('t${t}', { ${cols} });`);
  }
  lines.push('export async function queries() {');
  for (let q = 0; q < 100; q++) {
    const t = q % 54;
    const target = t < 50 ? `t${t}` : `everdrive[${t - 50}]`;
    lines.push(`  const r${q} = await db.select().from(${target}); const v${q}: unknown = r${q}[0];`);
  }
  lines.push('}');
  return lines.join('\n');
}

export interface TypecheckFigures {
  readonly name: string;
  readonly checkSeconds: number;
  readonly totalSeconds: number;
  readonly instantiations: number;
  readonly types: number;
  readonly memoryKb: number;
}

function diagnostics(dir: string, file: string): Omit<TypecheckFigures, 'name'> {
  const tsconfig = { compilerOptions: { strict: true, noEmit: true, target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', skipLibCheck: true, allowImportingTsExtensions: true, types: ['node'] }, files: [file] };
  const configPath = join(dir, `tsconfig.${file}.json`);
  execFileSync('node', ['-e', `require('fs').writeFileSync(${JSON.stringify(configPath)}, ${JSON.stringify(JSON.stringify(tsconfig))})`]);
  let out = '';
  try {
    out = execFileSync(join(root, 'node_modules/.bin/tsc'), ['-p', configPath, '--extendedDiagnostics'], { encoding: 'utf8' });
  } catch (error) {
    throw new Error(`tsc failed on ${file}: ${(error as { stdout?: string }).stdout?.slice(0, 2000)}`);
  }
  const value = (label: string) => Number(new RegExp(`^${label}:\\s+([\\d.]+)`, 'm').exec(out)?.[1] ?? Number.NaN);
  return { checkSeconds: value('Check time'), totalSeconds: value('Total time'), instantiations: value('Instantiations'), types: value('Types'), memoryKb: value('Memory used') };
}

export async function typecheckBenchmarks(): Promise<TypecheckFigures[]> {
  const dir = await mkdtemp(join(root, 'tmp', 'bench-typecheck-'));
  try {
    await writeFile(join(dir, 'sdk.ts'), sdkProject());
    await writeFile(join(dir, 'drizzle.ts'), drizzleProject());
    return [
      { name: 'databend-etl: 54 tables, 100 typed queries', ...diagnostics(dir, 'sdk.ts') },
      { name: 'Drizzle pg-core 0.45.4: same schemas and queries', ...diagnostics(dir, 'drizzle.ts') },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
