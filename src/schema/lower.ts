import type { ObjectName } from '../ast/common.js';
import type { ColumnDefinition, CreateTableStmt } from '../ast/ddl.js';
import type { SqlFragment } from '../ast/expression.js';
import { deepFreeze, share } from '../ast/freeze.js';
import { keptPerTable, type AnyTable, type Columns } from './table.js';

// A declared table is frozen, so what is derived from it is derived once per table and shared by every statement.

/** A table's `[database.]name`. */
export const tableName = keptPerTable(
  (table: AnyTable): ObjectName => share(table.options.database === undefined ? { name: table.name } : { database: table.options.database, name: table.name }),
);

/**
 * The columns a load or an insert writes, in declaration order: every column but the computed ones, which the engine
 * works out itself.
 */
export const columnNamesOf = keptPerTable((table: AnyTable): readonly string[] =>
  share(Object.keys(table.columns).filter((name) => (table.columns as Columns)[name]!.spec.computed === undefined)),
);

/** A table's columns as statement data, in declaration order. */
export const columnDefinitions = keptPerTable((table: AnyTable): readonly ColumnDefinition[] =>
  share(
    Object.entries(table.columns as Columns).map(([name, column]) => {
      // renamedFrom is for diff() only: the statement data of a column is what it renders. Made frozen, so that
      // share() need not walk it: its parts are the column's frozen spec's own (a checked type, a frozen DEFAULT).
      // Written out, not a rest pattern (a runtime call per column); computed and autoIncrement are keys of a spec
      // only when set, so here too.
      const spec = column.spec;
      const definition: { -readonly [K in keyof ColumnDefinition]: ColumnDefinition[K] } = {
        name,
        type: spec.type,
        nullable: spec.nullable,
        default: spec.default,
        comment: spec.comment,
      };
      if (spec.computed !== undefined) definition.computed = spec.computed;
      if (spec.autoIncrement !== undefined) definition.autoIncrement = spec.autoIncrement;
      return Object.freeze(definition);
    }),
  ),
);

/** The engine options of every table that sets none: one shared value, not a new one per table. */
const NO_ENGINE_OPTIONS = share({});

/**
 * The one function that turns a declared table into statement data: CREATE TABLE, COPY projections and previews
 * all start here, so they cannot disagree about a column.
 */
export const lowerTable = keptPerTable((table: AnyTable): CreateTableStmt => {
  const { clusterBy, comment, transient, engineOptions, indexes } = table.options;
  // Deep-frozen; its parts are shared (the renderer asks about them, never about the statement itself).
  return deepFreeze({
    kind: 'CreateTableStmt',
    createOption: 'Create',
    transient: transient ?? false,
    table: tableName(table),
    columns: columnDefinitions(table),
    // The parts are shared too, so that the renderer may keep the text of a CREATE TABLE that kept them.
    clusterBy:
      clusterBy === undefined
        ? undefined
        : share(
            'columns' in clusterBy
              ? { type: clusterBy.type, columns: clusterBy.columns }
              : { type: undefined, columns: clusterBy as readonly (string | SqlFragment)[] },
          ),
    comment,
    engineOptions: engineOptions === undefined ? NO_ENGINE_OPTIONS : share(engineOptions),
    // Only present when declared, so the statement data of a table without indexes is as it was.
    ...(indexes === undefined || indexes.length === 0 ? {} : { indexes: share(indexes) }),
  });
});
