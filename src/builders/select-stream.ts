import { cloneSelectTable, type SelectTableStmt } from '../ast/copy.js';
import { isSqlFragment, type SqlFragment } from '../ast/expression.js';
import { check, checkInteger, checkList, flag } from '../checks.js';
import { checkIdentifier } from '../schema/identifier.js';
import { streamRef, type StreamRef } from './refs.js';
import { StatementBuilder } from './statement-builder.js';

/**
 * SELECT from a stream. A plain SELECT shows the captured changes without consuming them; `.consume()` adds
 * WITH CONSUME, which advances the stream's offset when the statement commits. (Databend has no CONSUME STREAM
 * statement; any DML that reads the stream, such as `insertInto(t).fromStream(s)`, consumes it too.)
 *
 * @example
 * selectFromStream('frame_events_stream').consume()
 * // SELECT * FROM frame_events_stream WITH CONSUME
 */
export class SelectFromStreamBuilder extends StatementBuilder<SelectTableStmt> {
  private get call(): string {
    return `selectFromStream('${this.node.from.name}')`;
  }

  /** WITH CONSUME: reading advances the stream, even past rows a WHERE filters out. */
  consume(...args: [value?: boolean]): SelectFromStreamBuilder {
    const value = flag(args, () => `${this.call}.consume()`);
    return new SelectFromStreamBuilder(cloneSelectTable(this.node, { consume: value }));
  }

  /** The columns to read instead of `*`; `change$action`, `change$is_update` and `change$row_id` are among them. */
  columns(names: readonly string[]): SelectFromStreamBuilder {
    const call = `${this.call}.columns()`;
    checkList(names, call, 'columns');
    check(names.length > 0, 'too_small', call, 'columns() needs at least one column');
    names.forEach((name) => checkIdentifier(name, call, 'column name'));
    return new SelectFromStreamBuilder(
      cloneSelectTable(this.node, { projection: names.map((name) => ({ expression: { kind: 'ColumnRef', name }, alias: undefined })) }),
    );
  }

  /** WHERE condition. */
  where(condition: SqlFragment): SelectFromStreamBuilder {
    check(isSqlFragment(condition), 'invalid_type', `${this.call}.where()`, 'WHERE takes an sql`` expression');
    return new SelectFromStreamBuilder(cloneSelectTable(this.node, { where: condition }));
  }

  /** LIMIT n. */
  limit(count: number): SelectFromStreamBuilder {
    checkInteger(count, 0, Number.MAX_SAFE_INTEGER, `${this.call}.limit()`, 'LIMIT must be a non-negative integer');
    return new SelectFromStreamBuilder(cloneSelectTable(this.node, { limit: count }));
  }
}

/** SELECT * FROM stream, the guide's read of new rows. */
export function selectFromStream(stream: StreamRef): SelectFromStreamBuilder {
  return new SelectFromStreamBuilder({
    kind: 'SelectTableStmt',
    projection: [],
    from: streamRef(stream, 'selectFromStream()'),
    consume: false,
    where: undefined,
    limit: undefined,
  });
}
