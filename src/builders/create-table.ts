import type { SelectTableStmt } from '../ast/copy.js';
import { cloneCreateTable, TABLE_ENGINES, type CreateTableStmt, type TableEngine, type TableEngineOptions, type TableQuery } from '../ast/ddl.js';
import type { SelectStageStmt } from '../ast/stage.js';
import { isSqlFragment, type SqlFragment } from '../ast/expression.js';
import { argText, check, checkPlainObject, checkString, describeValue, flag, refuse, type CallSite } from '../checks.js';
import { lowerTable } from '../schema/lower.js';
import { checkEngineOptions, isTable, type AnyTable } from '../schema/table.js';
import { toUriLocation, type LocationInput, type WritableScheme } from './location.js';
import { tableRef, type TableRef } from './refs.js';
import { StatementBuilder, type Compilable, made } from './statement-builder.js';

/** What CREATE TABLE ... AS takes: an sql`` fragment, or a SELECT builder (selectFromStage(), selectFromStream()). */
export type TableQuerySource = SqlFragment | Compilable<SelectStageStmt | SelectTableStmt>;

/**
 * CREATE TABLE from a declared table, `LIKE` another, or `AS` a query.
 *
 * @example
 * createTable(frameEvents).orReplace()
 * // CREATE OR REPLACE TABLE frame_events (
 * //   frame_id STRING NOT NULL,
 * //   ...
 * // )
 */
export class CreateTableBuilder extends StatementBuilder<CreateTableStmt> {
  /** CREATE OR REPLACE TABLE. */
  orReplace(): CreateTableBuilder {
    return new CreateTableBuilder(made(cloneCreateTable(this.node, { createOption: 'CreateOrReplace' })));
  }

  /** CREATE TABLE IF NOT EXISTS. */
  ifNotExists(): CreateTableBuilder {
    return new CreateTableBuilder(made(cloneCreateTable(this.node, { createOption: 'CreateIfNotExists' })));
  }

  /** CREATE TRANSIENT TABLE: no time-travel history is kept. */
  transient(...args: [value?: boolean]): CreateTableBuilder {
    const value = flag(args, () => `createTable('${this.node.table.name}').transient()`);
    return new CreateTableBuilder(made(cloneCreateTable(this.node, { transient: value })));
  }

  /** COMMENT = 'text' (overrides the declaration's comment). */
  comment(text: string): CreateTableBuilder {
    checkString(text, () => `createTable('${this.node.table.name}').comment()`, 'comment');
    return new CreateTableBuilder(made(cloneCreateTable(this.node, { comment: text })));
  }

  /**
   * `key = value ...`: Fuse options such as `{ compression: 'lz4' }`, after the columns (or LIKE) and before AS; they
   * are added to the declaration's `engineOptions`, a key given again replacing its value.
   *
   * @example
   * createTable('frames_lz4').engineOptions({ compression: 'lz4' }).as(sql`SELECT * FROM frame_events`)
   * // CREATE TABLE frames_lz4
   * // compression = 'lz4'
   * // AS SELECT * FROM frame_events
   */
  engineOptions(options: TableEngineOptions): CreateTableBuilder {
    const call = () => `createTable('${this.node.table.name}').engineOptions()`;
    checkPlainObject(options, call, 'options');
    check(Object.keys(options).length > 0, 'too_small', call, 'engineOptions() needs at least one option', 'options');
    checkEngineOptions(options, call, 'options');
    return new CreateTableBuilder(made(cloneCreateTable(this.node, { engineOptions: Object.freeze({ ...this.node.engineOptions, ...options }) })));
  }

  /**
   * `ENGINE = FUSE | MEMORY | NULL | RANDOM`: the table engine, after the columns (or LIKE); FUSE when none is named.
   *
   * @example
   * createTable(table('scratch', { a: int() })).engine('MEMORY')
   * // CREATE TABLE scratch (
   * //   a INT NULL
   * // )
   * // ENGINE = MEMORY
   */
  engine(engine: TableEngine): CreateTableBuilder {
    const call = () => `createTable('${this.node.table.name}').engine()`;
    check(
      (TABLE_ENGINES as readonly unknown[]).includes(engine),
      'invalid_value',
      call,
      () => `engine must be one of ${TABLE_ENGINES.join(', ')}, not ${describeValue(engine)}`,
      'engine',
    );
    return new CreateTableBuilder(made(cloneCreateTable(this.node, { engine })));
  }

  /**
   * `'url' [CONNECTION = (...)]`: the table's data is kept at a URL (an object store, or `fs:///abs/path/`) rather
   * than in the database's storage. The location is writable (not http(s) nor ipfs); its connection is a name, a
   * createConnection() builder or the storage's parameters, secrets masked as a stage's.
   *
   * @example
   * createTable(books).location(location('s3://databend-toronto', { connection: 'toronto' }))
   * // CREATE TABLE books (...)
   * // 's3://databend-toronto' CONNECTION = (CONNECTION_NAME = 'toronto')
   */
  location(where: LocationInput<WritableScheme>): CreateTableBuilder {
    const call = () => `createTable('${this.node.table.name}').location()`;
    return new CreateTableBuilder(made(cloneCreateTable(this.node, { location: toUriLocation(where, call, 'a table') })));
  }

  /**
   * `AS <query>`: the table is created with the query's rows. A declared table keeps its columns (the query's columns
   * are cast to them by position); `createTable('name').as(...)` takes the query's.
   *
   * @example
   * createTable(dailyRisk).as(sql`SELECT frame_id, max(risk_score) FROM frame_events GROUP BY frame_id`)
   * // CREATE TABLE daily_risk (...)
   * // AS SELECT frame_id, max(risk_score) FROM frame_events GROUP BY frame_id
   */
  as(query: TableQuerySource): CreateTableBuilder {
    const call = () => `createTable('${this.node.table.name}').as()`;
    check(this.node.like === undefined, 'conflict', call, 'CREATE TABLE ... LIKE takes no AS query');
    return new CreateTableBuilder(made(cloneCreateTable(this.node, { asQuery: tableQuery(query, call) })));
  }
}

/** CREATE TABLE by name: its columns come from another table (LIKE) or a query (AS). */
export interface CreateTableStart {
  /**
   * `LIKE other`: the columns of another table, without its rows (nor its CLUSTER BY or options).
   *
   * @example
   * createTable('frame_events_copy').like(frameEvents)   // CREATE TABLE frame_events_copy LIKE frame_events
   */
  like(other: TableRef): CreateTableBuilder;
  /**
   * `AS <query>`: the columns and rows of a query.
   *
   * @example
   * createTable('risky').as(sql`SELECT * FROM frame_events WHERE risk_score > 0.8`)
   * // CREATE TABLE risky
   * // AS SELECT * FROM frame_events WHERE risk_score > 0.8
   */
  as(query: TableQuerySource): CreateTableBuilder;
}

/** The query of CTAS: a fragment, or the node of a SELECT builder; a builder of any other statement is refused. */
function tableQuery(query: unknown, call: CallSite): TableQuery {
  if (isSqlFragment(query)) return query;
  const node = query instanceof StatementBuilder ? StatementBuilder.nodeOf(query as StatementBuilder<never>) : undefined;
  check(
    node !== undefined && ((node as { kind: string }).kind === 'SelectStageStmt' || (node as { kind: string }).kind === 'SelectTableStmt'),
    'invalid_type',
    call,
    () => `query must be an sql\`\` fragment or a SELECT builder (selectFromStage(), selectFromStream()), not ${describeValue(query)}`,
    'query',
  );
  return node as TableQuery;
}

/**
 * CREATE TABLE for a table declared with `table()`; or, given a name, a table made `LIKE` another or `AS` a query.
 *
 * @example
 * createTable(frameEvents)                      // CREATE TABLE frame_events (...)
 * createTable('frame_events_copy').like(frameEvents)   // CREATE TABLE frame_events_copy LIKE frame_events
 */
export function createTable(table: AnyTable): CreateTableBuilder;
export function createTable(name: string): CreateTableStart;
export function createTable(table: AnyTable | string): CreateTableBuilder | CreateTableStart {
  if (isTable(table)) {
    // Databend's CREATE TABLE reads `ASYNC VECTOR ...` as a column named ASYNC of type VECTOR, and its VECTOR type
    // insists on `(`: an inline ASYNC VECTOR INDEX is a syntax error (1005) on every server, while ASYNC INVERTED and
    // ASYNC NGRAM parse. Leaving ASYNC out would change the declaration silently, so it is refused here.
    const inline = table.options.indexes?.find((index) => index.async && index.type === 'VECTOR');
    if (inline !== undefined)
      refuse(
        'unsupported',
        'createTable()',
        `ASYNC VECTOR index '${inline.name}' cannot be declared inside CREATE TABLE (Databend reads ASYNC there as a column name): create the table without it, then createIndex() it, as diff() and push() do`,
        'indexes',
      );
    return new CreateTableBuilder(made(lowerTable(table)));
  }
  check(
    typeof table === 'string',
    'invalid_type',
    'createTable()',
    () => `table must be a table declared with table() or a table name, not ${describeValue(table)}`,
    'table',
  );
  const name = tableRef(table, 'createTable()');
  const base: CreateTableStmt = {
    kind: 'CreateTableStmt',
    createOption: 'Create',
    transient: false,
    table: name,
    columns: [],
    clusterBy: undefined,
    comment: undefined,
    engineOptions: {},
  };
  const call = (method: string) => () => `createTable('${argText(table)}').${method}()`;
  return {
    like: (other) => new CreateTableBuilder(made(cloneCreateTable(base, { like: tableRef(other, call('like')) }))),
    as: (query) => new CreateTableBuilder(made(cloneCreateTable(base, { asQuery: tableQuery(query, call('as')) }))),
  };
}
