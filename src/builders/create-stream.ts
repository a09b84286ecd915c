import type { SqlFragment } from '../ast/expression.js';
import { isSqlFragment } from '../ast/expression.js';
import { cloneCreateStream, type CreateStreamStmt, type StreamPoint } from '../ast/stream.js';
import { argText, check, type CallSite, flag, checkNonEmptyString, checkPlainObject, checkString } from '../checks.js';
import { streamRef, tableRef, type StreamRef, type TableRef } from './refs.js';
import { StatementBuilder, made } from './statement-builder.js';

/** Where a stream starts: AT (TIMESTAMP => expr | SNAPSHOT => 'id' | STREAM => name). */
export type StreamStart = { readonly timestamp: SqlFragment } | { readonly snapshot: string } | { readonly stream: StreamRef };

/** A point of a table's history, as AT (...) and FLASHBACK TO (...) take it; `clause` names the clause in messages. */
export function streamPoint(start: StreamStart, call: CallSite, clause = 'AT'): StreamPoint {
  const count = typeof start === 'object' && start !== null ? Object.keys(start).length : -1;
  check(count === 1, count < 0 ? 'invalid_type' : count === 0 ? 'missing' : 'conflict', call, `${clause} takes exactly one of timestamp, snapshot or stream`);
  checkPlainObject(start, call, clause);
  if ('timestamp' in start) {
    check(isSqlFragment(start.timestamp), 'invalid_type', call, `${clause} timestamp must be an sql\`\` expression`, 'timestamp');
    return { kind: 'timestamp', value: start.timestamp };
  }
  if ('snapshot' in start) {
    checkNonEmptyString(start.snapshot, call, `${clause} snapshot must be a snapshot id`, 'snapshot');
    return { kind: 'snapshot', value: start.snapshot };
  }
  check('stream' in start, 'unknown_key', call, `${clause} takes exactly one of timestamp, snapshot or stream`);
  return { kind: 'stream', value: streamRef(start.stream, call) };
}

/**
 * CREATE STREAM: change tracking on a table. Streams are an Enterprise feature (the open-source engine answers
 * error 1402). The builder has the stream's `name`, so it can be passed wherever a stream is expected.
 *
 * @example
 * createStream('frame_events_stream').onTable(frameEvents).orReplace()
 * // CREATE OR REPLACE STREAM frame_events_stream ON TABLE frame_events
 */
export class CreateStreamBuilder extends StatementBuilder<CreateStreamStmt> {
  get name(): string {
    return this.node.stream.name;
  }

  get database(): string | undefined {
    return this.node.stream.database;
  }

  /** CREATE OR REPLACE STREAM. */
  orReplace(): CreateStreamBuilder {
    return new CreateStreamBuilder(made(cloneCreateStream(this.node, { createOption: 'CreateOrReplace' })));
  }

  /** CREATE STREAM IF NOT EXISTS. */
  ifNotExists(): CreateStreamBuilder {
    return new CreateStreamBuilder(made(cloneCreateStream(this.node, { createOption: 'CreateIfNotExists' })));
  }

  /** AT (TIMESTAMP => expr | SNAPSHOT => 'id' | STREAM => name): capture changes from that point on. */
  at(start: StreamStart): CreateStreamBuilder {
    return new CreateStreamBuilder(made(cloneCreateStream(this.node, { at: streamPoint(start, `createStream('${this.name}').at()`) })));
  }

  /** APPEND_ONLY = TRUE (Databend's default: inserts only) or FALSE (updates and deletes too). */
  appendOnly(...args: [value?: boolean]): CreateStreamBuilder {
    const value = flag(args, () => `createStream('${this.name}').appendOnly()`);
    return new CreateStreamBuilder(made(cloneCreateStream(this.node, { appendOnly: value })));
  }

  /** COMMENT = 'text'. */
  comment(text: string): CreateStreamBuilder {
    checkString(text, () => `createStream('${this.name}').comment()`, 'comment');
    return new CreateStreamBuilder(made(cloneCreateStream(this.node, { comment: text })));
  }
}

/** CREATE STREAM name; `.onTable(table)` is required before anything else. */
export function createStream(name: StreamRef): { onTable(table: TableRef): CreateStreamBuilder } {
  const given: unknown = typeof name === 'object' && name !== null ? (name as { name?: unknown }).name : name;
  const call = `createStream('${argText(given)}')`;
  const stream = streamRef(name, call);
  return {
    onTable: (table) =>
      new CreateStreamBuilder(
        made({
          kind: 'CreateStreamStmt',
          createOption: 'Create',
          stream,
          table: tableRef(table, `${call}.onTable()`),
          at: undefined,
          appendOnly: undefined,
          comment: undefined,
        }),
      ),
  };
}
