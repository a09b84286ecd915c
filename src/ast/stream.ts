import type { CreateOption, ObjectName } from './common.js';
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
