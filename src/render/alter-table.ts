import type { AlterTableAction, AlterTableStmt } from '../ast/alter-table.js';
import type { CreateTableIndexStmt, DropTableIndexStmt, RefreshTableIndexStmt } from '../ast/table-index.js';
import { renderConnection, renderCreate } from './common.js';
import type { RenderContext, RenderOptions } from './context.js';
import { renderClusterBy, renderColumn, renderTableOptions } from './ddl.js';
import { quoteIdentifier, quoteObjectName, quoteString } from './quote.js';
import { renderTravelPoint } from './stream.js';

// The action forms of Databend's parser (src/query/ast/src/parser/statement.rs, `alter_table_action`).
function renderAction(action: AlterTableAction, options: RenderOptions): string {
  switch (action.kind) {
    case 'AddColumn': {
      const position = action.position === undefined ? '' : action.position.kind === 'First' ? ' FIRST' : ` AFTER ${quoteIdentifier(action.position.column)}`;
      return `ADD COLUMN ${action.ifNotExists ? 'IF NOT EXISTS ' : ''}${renderColumn(action.column)}${position}`;
    }
    case 'DropColumn':
      return `DROP COLUMN ${quoteIdentifier(action.column)}`;
    case 'ModifyColumnType':
      return `MODIFY COLUMN ${renderColumn(action.column)}`;
    case 'ModifyColumnTypes':
      return `MODIFY ${action.columns.map((column) => `COLUMN ${renderColumn(column)}`).join(', ')}`;
    case 'ModifyColumnComment':
      return `MODIFY COLUMN ${quoteIdentifier(action.column)} COMMENT ${quoteString(action.comment)}`;
    case 'RenameColumn':
      return `RENAME COLUMN ${quoteIdentifier(action.from)} TO ${quoteIdentifier(action.to)}`;
    case 'RenameTable':
      return `RENAME TO ${quoteIdentifier(action.to)}`;
    case 'SetOptions':
      // SET OPTIONS separates its options with commas, where CREATE TABLE takes none.
      return `SET OPTIONS (${renderTableOptions(action.options, ', ')})`;
    case 'UnsetOptions':
      return `UNSET OPTIONS (${action.options.join(', ')})`;
    case 'FlashbackTo':
      return `FLASHBACK TO ${renderTravelPoint(action.point)}`;
    case 'SwapWith':
      return `SWAP WITH ${quoteIdentifier(action.other)}`;
    case 'ClusterBy':
      return `CLUSTER BY ${renderClusterBy(action.clusterBy)}`;
    case 'DropClusterKey':
      return 'DROP CLUSTER KEY';
    case 'Comment':
      return `COMMENT = ${quoteString(action.comment)}`;
    case 'Connection':
      return renderConnection(action.connection, options);
    // Policy and tag names are plain names (checked by the builder), rendered bare: the engine keeps a quoted
    // masking policy name with its quotes and then finds no such policy.
    case 'SetMaskingPolicy': {
      const using = action.using === undefined ? '' : ` USING (${action.using.map(quoteIdentifier).join(', ')})`;
      return `MODIFY COLUMN ${quoteIdentifier(action.column)} SET MASKING POLICY ${action.policy}${using}`;
    }
    case 'UnsetMaskingPolicy':
      return `MODIFY COLUMN ${quoteIdentifier(action.column)} UNSET MASKING POLICY`;
    case 'AddRowAccessPolicy':
      return `ADD ROW ACCESS POLICY ${action.policy} ON (${action.columns.map(quoteIdentifier).join(', ')})`;
    case 'DropRowAccessPolicy':
      return `DROP ROW ACCESS POLICY ${action.policy}`;
    case 'DropAllRowAccessPolicies':
      return 'DROP ALL ROW ACCESS POLICIES';
    case 'SetTag':
      return `SET TAG ${action.tags.map((tag) => `${tag.name} = ${quoteString(tag.value)}`).join(', ')}`;
    case 'UnsetTag':
      return `UNSET TAG ${action.tags.join(', ')}`;
    default:
      // A node written by hand: render() and the constructors report this TypeError as the call's ValidationError.
      throw new TypeError(`unknown ALTER TABLE action kind ${JSON.stringify((action as { kind?: unknown }).kind)}`);
  }
}

/** ALTER TABLE [IF EXISTS] t <action> */
export function renderAlterTable(stmt: AlterTableStmt, context: RenderContext): string {
  return `ALTER TABLE ${stmt.ifExists ? 'IF EXISTS ' : ''}${quoteObjectName(stmt.table)} ${renderAction(stmt.action, context.options)}`;
}

/** CREATE [OR REPLACE] [ASYNC] <type> INDEX [IF NOT EXISTS] name ON t (columns) [options] */
export function renderCreateTableIndex(stmt: CreateTableIndexStmt): string {
  const { index } = stmt;
  // The parser reads CREATE [OR REPLACE] [ASYNC] <type> INDEX [IF NOT EXISTS] <name>: ASYNC and the type come first.
  const head = renderCreate(stmt.createOption, `${index.async ? 'ASYNC ' : ''}${index.type} INDEX`);
  const options = renderTableOptions(index.options);
  const columns = index.columns.map(quoteIdentifier).join(', ');
  return `${head} ${quoteIdentifier(index.name)} ON ${quoteObjectName(stmt.table)} (${columns})${options === '' ? '' : ` ${options}`}`;
}

/** DROP <type> INDEX [IF EXISTS] name ON t */
export function renderDropTableIndex(stmt: DropTableIndexStmt): string {
  return `DROP ${stmt.type} INDEX ${stmt.ifExists ? 'IF EXISTS ' : ''}${quoteIdentifier(stmt.name)} ON ${quoteObjectName(stmt.table)}`;
}

/** REFRESH <type> INDEX name ON t [LIMIT n] */
export function renderRefreshTableIndex(stmt: RefreshTableIndexStmt): string {
  return `REFRESH ${stmt.type} INDEX ${quoteIdentifier(stmt.name)} ON ${quoteObjectName(stmt.table)}${stmt.limit === undefined ? '' : ` LIMIT ${stmt.limit}`}`;
}
