import type { Patch } from '../ast/common.js';
import { cloneStageFiles, type ListStageStmt, type RemoveStageStmt } from '../ast/stage.js';
import { check } from '../checks.js';
import { checkPattern } from './stage-location.js';
import { StatementBuilder } from './statement-builder.js';

type LocationStmt = ListStageStmt | RemoveStageStmt;

/** LIST and REMOVE share their shape: `@stage[/path] [PATTERN = '...']`. */
export abstract class StageFilesBuilder<N extends LocationStmt> extends StatementBuilder<N> {
  /**
   * PATTERN = 'regex': only the files whose path after `@stage/path` matches. The engine anchors it textually as
   * `^` + regex + `$`, so a plain regex must match that whole remainder (under `sessions/`, `'session_.*[.]parquet'`
   * matches `sessions/session_1.parquet`, `'session'` does not), while a top-level `a|b` is `^a` or `b$`: group it.
   */
  pattern(regex: string): this {
    const verb = this.node.kind === 'ListStageStmt' ? 'listStage' : 'removeFromStage';
    const call = `${verb}('${this.node.location.stage}').pattern()`;
    checkPattern(regex, call);
    // The pinned engine rewrites LIST into `SELECT * FROM LIST_STAGE(..., pattern => '<pattern>')`, pasting the
    // unescaped pattern between quotes (Statement::ListStage in src/query/sql/src/planner/binder/binder.rs): a quote
    // or a backslash in it is re-read as SQL. REMOVE, COPY and stage queries take any pattern.
    check(
      this.node.kind !== 'ListStageStmt' || !/['\\]/.test(regex),
      'unsupported',
      call,
      "LIST's PATTERN must not contain a quote or a backslash: the engine pastes it unescaped into another query (write [.] for a literal dot)",
      'pattern',
    );
    // The next builder is of this one's class, made without a `protected` method (public at run time).
    return new (this.constructor as new (node: N) => this)(cloneStageFiles(this.node, { pattern: regex } as Patch<N>));
  }
}
