import type { CreateOption, ObjectName, Patch } from './common.js';
import type { SqlFragment } from './expression.js';

/** AT (TIMESTAMP => expr | SNAPSHOT => 'id' | STREAM => name): where a stream starts. */
export type StreamPoint =
  | { readonly kind: 'timestamp'; readonly value: SqlFragment }
  | { readonly kind: 'snapshot'; readonly value: string }
  | { readonly kind: 'stream'; readonly value: ObjectName };

/** CREATE [OR REPLACE] STREAM [IF NOT EXISTS] name ON TABLE table [AT (...)] [APPEND_ONLY = bool] [COMMENT = '...'] */
export interface CreateStreamStmt {
  readonly kind: 'CreateStreamStmt';
  readonly createOption: CreateOption;
  readonly stream: ObjectName;
  readonly table: ObjectName;
  readonly at: StreamPoint | undefined;
  readonly appendOnly: boolean | undefined;
  readonly comment: string | undefined;
}

export function cloneCreateStream(node: CreateStreamStmt, patch: Patch<CreateStreamStmt>): CreateStreamStmt {
  return {
    kind: 'CreateStreamStmt',
    createOption: patch.createOption ?? node.createOption,
    stream: patch.stream ?? node.stream,
    table: patch.table ?? node.table,
    at: 'at' in patch ? patch.at : node.at,
    appendOnly: 'appendOnly' in patch ? patch.appendOnly : node.appendOnly,
    comment: 'comment' in patch ? patch.comment : node.comment,
  };
}
