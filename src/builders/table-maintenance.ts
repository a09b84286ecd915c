// TRUNCATE TABLE and OPTIMIZE TABLE: the statements that empty or compact a table.
import { cloneOptimizeTable, type OptimizeTableAction, type OptimizeTableStmt, type TravelPoint, type TruncateTableStmt } from '../ast/dml.js';
import { isSqlFragment, type SqlFragment } from '../ast/expression.js';
import { check, checkInteger, checkNonEmptyString, checkRecord, refuse } from '../checks.js';
import type { ObjectName } from '../ast/common.js';
import { sql } from './sql.js';
import { tableRef, type TableRef } from './refs.js';
import { StatementBuilder, made } from './statement-builder.js';

/**
 * TRUNCATE TABLE: removes every row, keeping the table.
 *
 * @example
 * truncateTable(deviceRollup)   // TRUNCATE TABLE device_rollup
 */
export class TruncateTableBuilder extends StatementBuilder<TruncateTableStmt> {}

export function truncateTable(table: TableRef): TruncateTableBuilder {
  return new TruncateTableBuilder(made({ kind: 'TruncateTableStmt', table: tableRef(table, 'truncateTable()') }));
}

/**
 * OPTIMIZE TABLE: compacts blocks or segments, purges old snapshots, or both; `.limit(n)` bounds the work.
 *
 * @example
 * optimizeTable(frameEvents).compact({ segment: true }).limit(10)   // OPTIMIZE TABLE frame_events COMPACT SEGMENT LIMIT 10
 */
export class OptimizeTableBuilder extends StatementBuilder<OptimizeTableStmt> {
  /** LIMIT n: at most n segments (COMPACT) or snapshots (PURGE) this run. */
  limit(count: number): OptimizeTableBuilder {
    checkInteger(count, 1, Number.MAX_SAFE_INTEGER, `optimizeTable('${this.node.table.name}').limit()`, 'LIMIT must be a positive integer', 'limit');
    return new OptimizeTableBuilder(made(cloneOptimizeTable(this.node, { limit: count })));
  }
}

/** The point PURGE keeps history from: a snapshot id, or a timestamp (a Date or an sql`` expression). */
export type PurgeBefore = { readonly snapshot: string } | { readonly timestamp: Date | SqlFragment };

/** OPTIMIZE TABLE t: choose what to do. */
export interface OptimizeStart {
  /** ALL: compact, then purge. */
  all(): OptimizeTableBuilder;
  /** COMPACT (blocks), or COMPACT SEGMENT with `{ segment: true }`. */
  compact(options?: { readonly segment?: boolean }): OptimizeTableBuilder;
  /** PURGE [BEFORE (SNAPSHOT => 'id' | TIMESTAMP => ...)]: removes the history older than the point. */
  purge(before?: PurgeBefore): OptimizeTableBuilder;
}

function travelPoint(before: unknown, call: string): TravelPoint {
  checkRecord(before, call, 'before', ['snapshot', 'timestamp']);
  const { snapshot, timestamp } = before;
  check((snapshot === undefined) !== (timestamp === undefined), 'conflict', call, 'before takes one of snapshot and timestamp', 'before');
  if (snapshot !== undefined) {
    checkNonEmptyString(snapshot, call, 'snapshot must be a non-empty snapshot id', 'snapshot');
    return { kind: 'snapshot', value: snapshot };
  }
  if (isSqlFragment(timestamp)) return { kind: 'timestamp', value: timestamp };
  if (timestamp instanceof Date) {
    check(!Number.isNaN(timestamp.getTime()), 'invalid_value', call, 'timestamp is an invalid Date', 'timestamp');
    return { kind: 'timestamp', value: sql`${timestamp}` };
  }
  refuse('invalid_type', call, 'timestamp must be a Date or an sql`` expression', 'timestamp');
}

export function optimizeTable(table: TableRef): OptimizeStart {
  const name: ObjectName = tableRef(table, 'optimizeTable()');
  const call = (method: string) => `optimizeTable('${name.name}').${method}()`;
  const make = (action: OptimizeTableAction) => new OptimizeTableBuilder(made({ kind: 'OptimizeTableStmt', table: name, action, limit: undefined }));
  return {
    all: () => make({ kind: 'All' }),
    compact: (options = {}) => {
      checkRecord(options, call('compact'), 'options', ['segment']);
      const segment = options.segment;
      check(segment === undefined || typeof segment === 'boolean', 'invalid_type', call('compact'), 'segment must be a boolean', 'segment');
      return make({ kind: 'Compact', target: segment === true ? 'Segment' : 'Block' });
    },
    purge: (before) => make({ kind: 'Purge', before: before === undefined ? undefined : travelPoint(before, call('purge')) }),
  };
}
