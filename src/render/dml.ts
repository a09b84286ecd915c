import type {
  Assignment,
  DeleteStmt,
  MergeClause,
  MergeIntoStmt,
  MergeSource,
  OptimizeTableAction,
  OptimizeTableStmt,
  TruncateTableStmt,
  UpdateStmt,
} from '../ast/dml.js';
import type { RenderContext } from './context.js';
import { renderSelectTable } from './copy.js';
import { renderValue } from './literal.js';
import { quoteIdentifier, quoteObjectName, quoteString } from './quote.js';

function renderSet(set: readonly Assignment[]): string {
  return set.map((a) => `${quoteIdentifier(a.column)} = ${renderValue(a.value)}`).join(', ');
}

/** UPDATE table, then SET and WHERE on lines of their own. */
export function renderUpdate(stmt: UpdateStmt, ctx: RenderContext): string {
  const where = stmt.where === undefined ? '' : `${ctx.nl}WHERE ${stmt.where.sql}`;
  return `UPDATE ${quoteObjectName(stmt.table)}${ctx.nl}SET ${renderSet(stmt.set)}${where}`;
}

/** DELETE FROM table [WHERE condition] */
export function renderDelete(stmt: DeleteStmt, ctx: RenderContext): string {
  const where = stmt.where === undefined ? '' : `${ctx.nl}WHERE ${stmt.where.sql}`;
  return `DELETE FROM ${quoteObjectName(stmt.table)}${where}`;
}

function renderMergeSource(source: MergeSource): string {
  if (source.kind === 'table') return `${quoteObjectName(source.table)}${source.alias === undefined ? '' : ` AS ${quoteIdentifier(source.alias)}`}`;
  const query = source.query.kind === 'SqlStmt' ? source.query.sql.sql : renderSelectTable(source.query);
  return `(${query}) AS ${quoteIdentifier(source.alias)}`;
}

function renderMergeClause(clause: MergeClause): string {
  const and = clause.and === undefined ? '' : ` AND ${clause.and.sql}`;
  switch (clause.kind) {
    case 'MatchedUpdate':
      return `WHEN MATCHED${and} THEN UPDATE ${clause.set === 'all' ? '*' : `SET ${renderSet(clause.set)}`}`;
    case 'MatchedDelete':
      return `WHEN MATCHED${and} THEN DELETE`;
    case 'NotMatchedInsert': {
      if (clause.values === 'all') return `WHEN NOT MATCHED${and} THEN INSERT *`;
      const columns = clause.values.map((a) => quoteIdentifier(a.column)).join(', ');
      return `WHEN NOT MATCHED${and} THEN INSERT (${columns}) VALUES (${clause.values.map((a) => renderValue(a.value)).join(', ')})`;
    }
  }
}

/** MERGE INTO table, then USING, ON and each WHEN clause on a line of its own. */
export function renderMergeInto(stmt: MergeIntoStmt, ctx: RenderContext): string {
  const { nl } = ctx;
  const clauses = stmt.clauses.map((clause) => `${nl}${renderMergeClause(clause)}`).join('');
  return `MERGE INTO ${quoteObjectName(stmt.table)}${nl}USING ${renderMergeSource(stmt.source)}${nl}ON ${stmt.on.sql}${clauses}`;
}

/** TRUNCATE TABLE table */
export function renderTruncateTable(stmt: TruncateTableStmt): string {
  return `TRUNCATE TABLE ${quoteObjectName(stmt.table)}`;
}

function renderOptimizeAction(action: OptimizeTableAction): string {
  switch (action.kind) {
    case 'All':
      return 'ALL';
    case 'Compact':
      return action.target === 'Segment' ? 'COMPACT SEGMENT' : 'COMPACT';
    case 'Purge': {
      const before = action.before;
      if (before === undefined) return 'PURGE';
      return `PURGE BEFORE (${before.kind === 'snapshot' ? `SNAPSHOT => ${quoteString(before.value)}` : `TIMESTAMP => ${before.value.sql}`})`;
    }
  }
}

/** OPTIMIZE TABLE table { ALL | PURGE [BEFORE (...)] | COMPACT [SEGMENT] } [LIMIT n] */
export function renderOptimizeTable(stmt: OptimizeTableStmt): string {
  const limit = stmt.limit === undefined ? '' : ` LIMIT ${stmt.limit}`;
  return `OPTIMIZE TABLE ${quoteObjectName(stmt.table)} ${renderOptimizeAction(stmt.action)}${limit}`;
}
