import type { Patch } from '../ast/common.js';
import { cloneDelete, cloneUpdate, type DeleteStmt, type UpdateStmt } from '../ast/dml.js';
import { isSqlFragment, type SqlFragment } from '../ast/expression.js';
import { check } from '../checks.js';
import { tableName } from '../schema/lower.js';
import { checkTable, type AnyTable } from '../schema/table.js';
import { toAssignments, type ColumnValues } from './assignments.js';
import { tableRef, type TableRef } from './refs.js';
import { StatementBuilder, made } from './statement-builder.js';

function checkWhere(condition: unknown, call: string): asserts condition is SqlFragment {
  check(isSqlFragment(condition), 'invalid_type', call, 'WHERE takes an sql`` expression', 'condition');
}

/**
 * UPDATE a declared table: `.set()` gives column values (literals of the columns' types, or sql`` expressions),
 * `.where()` the rows.
 *
 * @example
 * update(readings).set({ status: 'checked', v: sql`v * 2` }).where(sql`device = ${'a'}`)
 * // UPDATE readings
 * // SET status = 'checked', v = v * 2
 * // WHERE device = 'a'
 */
export class UpdateBuilder<T extends AnyTable = AnyTable> extends StatementBuilder<UpdateStmt> {
  readonly #table: T;

  constructor(node: UpdateStmt, table: T) {
    super(node);
    checkTable(table, `new ${new.target.name}()`);
    this.#table = table;
  }

  #call(method: string): string {
    return `update('${this.node.table.name}').${method}()`;
  }

  #next(patch: Patch<UpdateStmt>): UpdateBuilder<T> {
    return new UpdateBuilder(made(cloneUpdate(this.node, patch)), this.#table);
  }

  /** SET column = value, ...: added to the columns set so far (a column given again takes its new value). */
  set(values: ColumnValues<T>): UpdateBuilder<T> {
    const added = toAssignments(this.#table, values, this.#call('set'), 'values');
    const kept = this.node.set.filter((a) => !added.some((b) => b.column === a.column));
    return this.#next({ set: [...kept, ...added] });
  }

  /** WHERE condition. Without one every row is updated. */
  where(condition: SqlFragment): UpdateBuilder<T> {
    checkWhere(condition, this.#call('where'));
    return this.#next({ where: condition });
  }
}

/** UPDATE table: give the values with `.set()` before it can compile. */
export interface UpdateStart<T extends AnyTable> {
  set(values: ColumnValues<T>): UpdateBuilder<T>;
}

/** UPDATE a declared table (its columns' types write the values). */
export function update<T extends AnyTable>(table: T): UpdateStart<T> {
  checkTable(table, 'update()');
  const node: UpdateStmt = { kind: 'UpdateStmt', table: tableName(table), set: [], where: undefined };
  return {
    set: (values) => {
      const call = `update('${table.name}').set()`;
      return new UpdateBuilder({ ...node, set: toAssignments(table, values, call, 'values') }, table);
    },
  };
}

/**
 * DELETE FROM a table, the rows `.where()` picks (every row without it).
 *
 * @example
 * deleteFrom(readings).where(sql`v < ${0}`)
 * // DELETE FROM readings
 * // WHERE v < 0
 */
export class DeleteBuilder extends StatementBuilder<DeleteStmt> {
  /** WHERE condition. */
  where(condition: SqlFragment): DeleteBuilder {
    checkWhere(condition, `deleteFrom('${this.node.table.name}').where()`);
    return new DeleteBuilder(made(cloneDelete(this.node, { where: condition })));
  }
}

export function deleteFrom(table: TableRef): DeleteBuilder {
  return new DeleteBuilder(made({ kind: 'DeleteStmt', table: tableRef(table, 'deleteFrom()'), where: undefined }));
}
