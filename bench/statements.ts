// Statement generation: build and render with the SDK vs hand-written template strings producing the same SQL (the
// floor), vs Kysely compiling what it can express (CREATE TABLE, SELECT) with a compile-only instance.
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, sql, type ColumnDataType, type Expression } from 'kysely';
import { everdrivePipeline, GUIDE_CONFIG } from '../examples/everdrive/pipeline.js';
import { everdriveTables } from '../examples/everdrive/tables.js';
import { createTable, double, int, renderPlan, selectFromStage, string, table, timestamp, type AnyTable } from '../src/index.js';
import { measure, type Measurement, type MeasureOptions } from './measure.js';
import { EVERDRIVE, templateCreateTable, templatePlan, templateSelect, type PlainTable } from './template-baseline.js';

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

/** Per table: CREATE TABLE IF NOT EXISTS and a SELECT of every column cast to its type (the SDK's typed preview). */
export const sdkStatements = (tables: readonly AnyTable[]) =>
  tables.flatMap((t) => [createTable(t).ifNotExists().compile(), selectFromStage('s', `${t.name}/`).typedAs(t).compile()]);
export const templateStatements = (plain: readonly PlainTable[]) => plain.flatMap((t) => [templateCreateTable(t), templateSelect(t)]);
export const sdkPlan = () => renderPlan(everdrivePipeline(GUIDE_CONFIG), { revealSecrets: true });

// Compile-only Kysely: PostgreSQL's adapter and compiler over a driver that never connects. The SDK's own Kysely
// dialect is not used, so this is Kysely as a user would meet it.
const kysely = new Kysely<any>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createQueryCompiler: () => new PostgresQueryCompiler(),
    createIntrospector: (db) => new PostgresIntrospector(db),
  },
});

const KYSELY_TYPES: Record<string, ColumnDataType | Expression<unknown>> = {
  STRING: 'text',
  INT: 'integer',
  DOUBLE: 'double precision',
  TIMESTAMP: 'timestamp',
  VARIANT: 'jsonb',
  'VECTOR(4)': sql`vector(4)`,
};

/** The same statements as far as Kysely expresses them: column comments and CLUSTER BY through `modifyEnd`. */
export function kyselyStatements(plain: readonly PlainTable[]): string[] {
  const out: string[] = [];
  for (const t of plain) {
    let create = kysely.schema.createTable(t.name).ifNotExists();
    for (const c of t.columns) {
      create = create.addColumn(c.name, KYSELY_TYPES[c.type]!, (col) => {
        const typed = c.nullable ? col : col.notNull();
        return c.comment === undefined ? typed : typed.modifyEnd(sql`comment ${sql.lit(c.comment)}`);
      });
    }
    if (t.clusterBy) create = create.modifyEnd(sql`cluster by (${sql.join(t.clusterBy.map((c) => sql.ref(c)))})`);
    out.push(create.compile().sql);
    out.push(
      kysely
        .selectFrom(t.name)
        .select((eb) => t.columns.map((c) => eb.cast(eb.ref(c.name), KYSELY_TYPES[c.type]!).as(c.name)))
        .compile().sql,
    );
  }
  return out;
}

export interface StatementFigures {
  readonly plan: { readonly sdk: Measurement; readonly template: Measurement };
  readonly everdriveTables: { readonly sdk: Measurement; readonly template: Measurement; readonly kysely: Measurement };
  readonly wide: { readonly sdk: Measurement; readonly sdkDeclaring: Measurement; readonly template: Measurement; readonly kysely: Measurement };
  readonly notes: string[];
}

/** Throws unless the template baselines render byte-identical SQL: a floor that renders less is no floor. */
export function checkBaselines(): { planChars: number; wideStatements: number } {
  const plan = sdkPlan();
  if (plan !== templatePlan()) throw new Error('the template baseline does not render the same EverDrive plan as the SDK');
  const everdrive = sdkStatements(everdriveTables);
  if (JSON.stringify(everdrive) !== JSON.stringify(templateStatements(EVERDRIVE)))
    throw new Error('the template baseline does not render the same EverDrive tables as the SDK');
  const { tables, plain } = wideSchema();
  const wide = sdkStatements(tables);
  if (JSON.stringify(wide) !== JSON.stringify(templateStatements(plain)))
    throw new Error('the template baseline does not render the same 50-table SQL as the SDK');
  return { planChars: plan.length, wideStatements: wide.length };
}

export async function statementBenchmarks(options: MeasureOptions = { minTimeMs: 3_000 }): Promise<StatementFigures> {
  const checked = checkBaselines();
  const { tables, plain } = wideSchema();
  const kyselyEverdrive = kyselyStatements(EVERDRIVE);
  const kyselyWide = kyselyStatements(plain);
  const [planSdk, planTemplate] = await measure(
    [
      { name: 'EverDrive plan, 27 statements: SDK build + render', fn: sdkPlan },
      { name: 'EverDrive plan: template strings (same SQL)', fn: templatePlan },
    ],
    options,
  );
  const [edSdk, edTemplate, edKysely] = await measure(
    [
      { name: 'EverDrive 4 tables, CREATE TABLE + typed SELECT: SDK', fn: () => sdkStatements(everdriveTables) },
      { name: 'EverDrive 4 tables: template strings (same SQL)', fn: () => templateStatements(EVERDRIVE) },
      { name: 'EverDrive 4 tables: Kysely compile (PostgreSQL compiler)', fn: () => kyselyStatements(EVERDRIVE) },
    ],
    options,
  );
  const [wideSdk, wideDeclaring, wideTemplate, wideKysely] = await measure(
    [
      { name: '50 tables x 30 columns, CREATE TABLE + typed SELECT: SDK (tables declared once)', fn: () => sdkStatements(tables) },
      { name: '50 tables: SDK declaring the tables on every call', fn: () => sdkStatements(wideSchema().tables) },
      { name: '50 tables: template strings (same SQL)', fn: () => templateStatements(plain) },
      { name: '50 tables: Kysely compile (PostgreSQL compiler)', fn: () => kyselyStatements(plain) },
    ],
    options,
  );
  return {
    plan: { sdk: planSdk!, template: planTemplate! },
    everdriveTables: { sdk: edSdk!, template: edTemplate!, kysely: edKysely! },
    wide: { sdk: wideSdk!, sdkDeclaring: wideDeclaring!, template: wideTemplate!, kysely: wideKysely! },
    notes: [
      `The template strings render byte-identical SQL (checked before timing): the EverDrive plan (${checked.planChars} characters), the 4 EverDrive tables' 8 statements and the 50-table variant's ${checked.wideStatements}.`,
      `Kysely renders the same statements in its PostgreSQL form (${kyselyEverdrive.join('').length} and ${kyselyWide.join('').length} characters against the SDK's ${sdkStatements(everdriveTables).join('').length} and ${sdkStatements(tables).join('').length}): quoted names, cast(x as t), COMMENT and CLUSTER BY through modifyEnd. It cannot express the other 23 plan statements (connection, stage, LIST, COPY, stream, task).`,
    ],
  };
}
