// Statement generation: the SDK against hand-written template strings that produce the same SQL (the floor), and
// against Kysely compiling what it can express (CREATE TABLE, SELECT).
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely';
import { everdrivePipeline, GUIDE_CONFIG } from '../examples/everdrive/pipeline.js';
import { createTable, double, int, renderPlan, selectFromStage, string, table, timestamp, type AnyTable } from '../src/index.js';
import { templatePlan, templateCreateTable, templateSelect, type PlainTable } from './template-baseline.js';
import { measure, type Measurement } from './measure.js';

const TYPES = [string, int, double, timestamp] as const;
const TYPE_SQL = ['STRING', 'INT', 'DOUBLE', 'TIMESTAMP'];

/** 50 tables of 30 columns, declared with the SDK and as plain data for the baselines. */
export function wideSchema(): { tables: AnyTable[]; plain: PlainTable[] } {
  const tables: AnyTable[] = [];
  const plain: PlainTable[] = [];
  for (let t = 0; t < 50; t++) {
    const columns: Record<string, ReturnType<(typeof TYPES)[number]>> = {};
    const plainColumns: PlainTable['columns'][number][] = [];
    for (let c = 0; c < 30; c++) {
      const name = `col_${c}`;
      columns[name] = c === 0 ? TYPES[c % 4]!().notNull() : TYPES[c % 4]!();
      plainColumns.push({ name, type: TYPE_SQL[c % 4]!, nullable: c !== 0 });
    }
    tables.push(table(`wide_${t}`, columns));
    plain.push({ name: `wide_${t}`, columns: plainColumns });
  }
  return { tables, plain };
}

const kysely = new Kysely<any>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createQueryCompiler: () => new PostgresQueryCompiler(),
    createIntrospector: (db) => new PostgresIntrospector(db),
  },
});

const KYSELY_TYPES: Record<string, 'text' | 'integer' | 'double precision' | 'timestamp'> = {
  STRING: 'text',
  INT: 'integer',
  DOUBLE: 'double precision',
  TIMESTAMP: 'timestamp',
};

function kyselyStatements(plain: PlainTable[]): string[] {
  const out: string[] = [];
  for (const t of plain) {
    let create = kysely.schema.createTable(t.name).ifNotExists();
    for (const c of t.columns) create = create.addColumn(c.name, KYSELY_TYPES[c.type]!, (col) => (c.nullable ? col : col.notNull()));
    out.push(create.compile().sql);
    out.push(kysely.selectFrom(t.name).select(t.columns.map((c) => c.name)).compile().sql);
  }
  return out;
}

export async function statementBenchmarks(): Promise<{ figures: Measurement[]; notes: string[] }> {
  const sdkPlan = () => renderPlan(everdrivePipeline(GUIDE_CONFIG), { revealSecrets: true });
  if (sdkPlan() !== templatePlan()) throw new Error('the template baseline does not render the same EverDrive plan as the SDK');
  const { tables, plain } = wideSchema();
  const sdkWide = () => tables.flatMap((t) => [createTable(t).ifNotExists().compile(), selectFromStage('s', `${t.name}/`).typedAs(t).compile()]);
  const templateWide = () => plain.flatMap((t) => [templateCreateTable(t), templateSelect(t)]);
  if (JSON.stringify(sdkWide()) !== JSON.stringify(templateWide())) throw new Error('the template baseline does not render the same 50-table SQL as the SDK');
  // The same declarations built from scratch each time, as a script would.
  const sdkWideFromScratch = () => {
    const fresh = wideSchema().tables;
    return fresh.flatMap((t) => [createTable(t).ifNotExists().compile(), selectFromStage('s', `${t.name}/`).typedAs(t).compile()]);
  };
  const figures = [
    await measure('EverDrive plan (27 statements): SDK build + render', sdkPlan),
    await measure('EverDrive plan: template strings (same SQL)', templatePlan),
    await measure('50 tables x 30 columns, CREATE TABLE + typed SELECT: SDK (declared once)', sdkWide),
    await measure('50 tables: SDK declaring the tables and rendering', sdkWideFromScratch),
    await measure('50 tables: template strings (same SQL)', templateWide),
    await measure('50 tables: Kysely compiling CREATE TABLE + SELECT', () => kyselyStatements(plain)),
  ];
  return { figures, notes: [`EverDrive plan: ${sdkPlan().length} characters; 50-table variant: 100 statements, identical to the baseline (checked before timing).`] };
}
