import type { MergeClause, MergeIntoStmt, MergeSource } from '../ast/dml.js';
import { cloneMergeInto } from '../ast/dml.js';
import { readsWithConsume } from '../ast/copy.js';
import { isSqlFragment, type SqlFragment } from '../ast/expression.js';
import { check, refuse, type CallSite } from '../checks.js';
import { checkIdentifier } from '../schema/identifier.js';
import { tableName } from '../schema/lower.js';
import { checkTable, isTable, type AnyTable } from '../schema/table.js';
import { toAssignments, type ColumnValues } from './assignments.js';
import { tableRef, type TableRef } from './refs.js';
import { SelectFromStreamBuilder } from './select-stream.js';
import { StatementBuilder, made } from './statement-builder.js';
import { sqlStatementOf, type StatementInput } from './statement-input.js';

/** What MERGE reads: a table (declared or by name), or a query: a stream read, sql``, or a Kysely-compiled SELECT. */
export type MergeSourceInput = TableRef | SelectFromStreamBuilder | SqlFragment | Exclude<StatementInput, StatementBuilder<never>>;

function checkCondition(condition: unknown, call: CallSite, what: string): asserts condition is SqlFragment | undefined {
  check(condition === undefined || isSqlFragment(condition), 'invalid_type', call, () => `${what} takes an sql\`\` expression`, 'condition');
}

function mergeSource(source: unknown, alias: unknown, call: CallSite): MergeSource {
  if (alias !== undefined) checkIdentifier(alias, call, 'alias');
  if (typeof source === 'string') return { kind: 'table', table: tableRef(source, call), alias: alias as string | undefined };
  if (isTable(source as object)) return { kind: 'table', table: tableName(source as never), alias: alias as string | undefined };
  const query = source instanceof SelectFromStreamBuilder ? StatementBuilder.nodeOf(source) : sqlStatementOf(source, call, 'source');
  if (query === undefined)
    refuse('invalid_type', call, 'the source must be a table, a selectFromStream() read, an sql`` query or a Kysely-compiled query', 'source');
  // DML consumes the streams it reads; Databend refuses WITH CONSUME inside one (its sqllogictest 06_0002_stream_txn_consume).
  if (query.kind === 'SelectTableStmt' && readsWithConsume(query))
    refuse(
      'conflict',
      call,
      'a MERGE source cannot read WITH CONSUME: MERGE consumes the streams it reads, and Databend refuses WITH CONSUME inside DML',
      'source',
    );
  // Databend requires an alias for a subquery source.
  check(alias !== undefined, 'missing', call, 'a query source needs an alias to name its columns by', 'alias');
  return { kind: 'query', query, alias: alias as string };
}

/**
 * MERGE INTO a declared table: WHEN MATCHED / WHEN NOT MATCHED clauses, each with an optional AND condition, in the
 * order given (Databend runs the first whose condition holds). Values are literals of the target's column types or
 * sql`` expressions over the source.
 *
 * @example
 * mergeInto(rollup).using(selectFromStream('readings_stream'), 's').on(sql`rollup.device = s.device`)
 *   .whenMatchedThenUpdate({ n: sql`rollup.n + s.n` })
 *   .whenNotMatchedThenInsert({ device: sql`s.device`, n: sql`s.n` })
 * // MERGE INTO rollup
 * // USING (SELECT * FROM readings_stream) AS s
 * // ON rollup.device = s.device
 * // WHEN MATCHED THEN UPDATE SET n = rollup.n + s.n
 * // WHEN NOT MATCHED THEN INSERT (device, n) VALUES (s.device, s.n)
 */
export class MergeIntoBuilder<T extends AnyTable = AnyTable> extends StatementBuilder<MergeIntoStmt> {
  readonly #table: T;

  constructor(node: MergeIntoStmt, table: T) {
    super(node);
    checkTable(table, `new ${new.target.name}()`);
    this.#table = table;
  }

  #call(method: string): string {
    return `mergeInto('${this.node.table.name}').${method}()`;
  }

  #add(clause: MergeClause): MergeIntoBuilder<T> {
    return new MergeIntoBuilder(made(cloneMergeInto(this.node, { clauses: [...this.node.clauses, clause] })), this.#table);
  }

  /** WHEN MATCHED [AND condition] THEN UPDATE SET column = value, .... */
  whenMatchedThenUpdate(values: ColumnValues<T>, condition?: SqlFragment): MergeIntoBuilder<T> {
    const call = this.#call('whenMatchedThenUpdate');
    checkCondition(condition, call, 'AND');
    return this.#add({ kind: 'MatchedUpdate', and: condition, set: toAssignments(this.#table, values, call, 'values') });
  }

  /** WHEN MATCHED [AND condition] THEN UPDATE *: every column from the source's column of the same name. */
  whenMatchedThenUpdateAll(condition?: SqlFragment): MergeIntoBuilder<T> {
    checkCondition(condition, this.#call('whenMatchedThenUpdateAll'), 'AND');
    return this.#add({ kind: 'MatchedUpdate', and: condition, set: 'all' });
  }

  /** WHEN MATCHED [AND condition] THEN DELETE. */
  whenMatchedThenDelete(condition?: SqlFragment): MergeIntoBuilder<T> {
    checkCondition(condition, this.#call('whenMatchedThenDelete'), 'AND');
    return this.#add({ kind: 'MatchedDelete', and: condition });
  }

  /** WHEN NOT MATCHED [AND condition] THEN INSERT (columns) VALUES (values). */
  whenNotMatchedThenInsert(values: ColumnValues<T>, condition?: SqlFragment): MergeIntoBuilder<T> {
    const call = this.#call('whenNotMatchedThenInsert');
    checkCondition(condition, call, 'AND');
    return this.#add({ kind: 'NotMatchedInsert', and: condition, values: toAssignments(this.#table, values, call, 'values') });
  }

  /** WHEN NOT MATCHED [AND condition] THEN INSERT *: every column from the source's column of the same name. */
  whenNotMatchedThenInsertAll(condition?: SqlFragment): MergeIntoBuilder<T> {
    checkCondition(condition, this.#call('whenNotMatchedThenInsertAll'), 'AND');
    return this.#add({ kind: 'NotMatchedInsert', and: condition, values: 'all' });
  }
}

/** MERGE INTO ... USING ... ON ...: a WHEN clause is needed before it can compile. */
export type MergeDraft<T extends AnyTable> = Pick<
  MergeIntoBuilder<T>,
  'whenMatchedThenUpdate' | 'whenMatchedThenUpdateAll' | 'whenMatchedThenDelete' | 'whenNotMatchedThenInsert' | 'whenNotMatchedThenInsertAll'
>;

/** MERGE INTO a declared table: `.using(source, alias).on(condition)`, then the WHEN clauses. */
export function mergeInto<T extends AnyTable>(
  table: T,
): {
  using(source: MergeSourceInput, alias?: string): { on(condition: SqlFragment): MergeDraft<T> };
} {
  checkTable(table, 'mergeInto()');
  const call = (method: string) => `mergeInto('${table.name}').${method}()`;
  return {
    using: (source, alias) => {
      const from = mergeSource(source, alias, call('using'));
      return {
        on: (condition) => {
          check(isSqlFragment(condition), 'invalid_type', call('on'), 'ON takes an sql`` expression', 'condition');
          return new MergeIntoBuilder(made({ kind: 'MergeIntoStmt', table: tableName(table), source: from, on: condition, clauses: [] }), table);
        },
      };
    },
  };
}
