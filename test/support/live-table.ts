// A live table written by hand, as introspectTable() reads one back: for the unit tests of diffTable() and friends.
import type { DataType, LiveColumn, LiveTable } from '../../src/index.js';

/** Columns default to nullable, of `type`; the table to database `db`, no cluster key, comment or options. */
export function liveTable(columns: readonly Partial<LiveColumn>[], rest: Partial<LiveTable>, type: DataType): LiveTable {
  return {
    database: 'db',
    name: 't',
    columns: columns.map((c) => ({
      name: c.name!,
      type: c.type ?? type,
      nullable: c.nullable ?? true,
      default: c.default,
      comment: c.comment,
      computed: c.computed,
      autoIncrement: c.autoIncrement,
    })),
    clusterBy: undefined,
    comment: undefined,
    options: {},
    transient: false,
    ...rest,
  };
}
