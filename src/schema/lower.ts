import type { ObjectName } from '../ast/common.js';
import type { ColumnDefinition, CreateTableStmt } from '../ast/ddl.js';
import type { AnyTable, Columns } from './table.js';

/** A table's `[database.]name`. */
export function tableName(table: AnyTable): ObjectName {
  return table.options.database === undefined ? { name: table.name } : { database: table.options.database, name: table.name };
}

/** A table's columns as statement data, in declaration order. */
export function columnDefinitions(table: AnyTable): ColumnDefinition[] {
  return Object.entries(table.columns as Columns).map(([name, column]) => ({ name, ...column.spec }));
}

/**
 * The one function that turns a declared table into statement data: CREATE TABLE, COPY projections and previews
 * all start here, so they cannot disagree about a column.
 */
export function lowerTable(table: AnyTable): CreateTableStmt {
  const { clusterBy, comment, transient, engineOptions } = table.options;
  return {
    kind: 'CreateTableStmt',
    createOption: 'Create',
    transient: transient ?? false,
    table: tableName(table),
    columns: columnDefinitions(table),
    clusterBy:
      clusterBy === undefined
        ? undefined
        : 'columns' in clusterBy
          ? { type: clusterBy.type, columns: clusterBy.columns }
          : { type: undefined, columns: clusterBy as readonly string[] },
    comment,
    engineOptions: engineOptions ?? {},
  };
}
