import { cloneStageFiles, type ListStageStmt, type RemoveStageStmt } from '../ast/stage.js';
import type { Patch } from '../ast/common.js';
import { check } from '../errors.js';
import { checkPattern } from './copy.js';
import { bareStageLocation } from './stage-location.js';
import { StatementBuilder, type NameRef } from './statement-builder.js';

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
    // The engine (v1.2.895) rewrites LIST into `SELECT * FROM LIST_STAGE(..., pattern => '<pattern>')`, pasting the
    // unescaped pattern between quotes (Statement::ListStage in src/query/sql/src/planner/binder/binder.rs): a quote
    // or a backslash in it is re-read as SQL. REMOVE, COPY and stage queries take any pattern.
    check(
      this.node.kind !== 'ListStageStmt' || !/['\\]/.test(regex),
      call,
      "LIST's PATTERN must not contain a quote or a backslash: the engine pastes it unescaped into another query (write [.] for a literal dot)",
      'pattern',
    );
    // The next builder is of this one's class, made without a `protected` method (public at run time).
    return new (this.constructor as new (node: N) => this)(cloneStageFiles(this.node, { pattern: regex } as Patch<N>));
  }
}

/**
 * LIST @stage[/path]: the staged files (name, size, md5, last_modified, creator).
 *
 * @example
 * listStage(driveStage, 'sessions/').pattern('.*[.]parquet')   // LIST @drive_stage/sessions/ PATTERN = '.*[.]parquet'
 */
export class ListStageBuilder extends StageFilesBuilder<ListStageStmt> {}

/**
 * REMOVE @stage[/path]: deletes staged files; the stage itself stays.
 *
 * @example
 * removeFromStage('drive_stage', 'sessions/').pattern('.*_2024_08_16[.]parquet')
 * // REMOVE @drive_stage/sessions/ PATTERN = '.*_2024_08_16[.]parquet'
 */
export class RemoveStageBuilder extends StageFilesBuilder<RemoveStageStmt> {}

/**
 * Lists the files under a stage path; a path without a trailing '/' is a prefix (`sessions` lists
 * `sessions/...` and `sessions_old/...`). LIST takes only the bare `@stage/path`: a path with a space, a quote, a
 * comma, a semicolon, a parenthesis or a backtick is refused (list a parent folder with `pattern()`).
 *
 * @example
 * listStage('drive_stage', 'sessions/')   // LIST @drive_stage/sessions/
 */
export function listStage(stage: NameRef, path?: string): ListStageBuilder {
  return new ListStageBuilder({ kind: 'ListStageStmt', location: bareStageLocation(stage, path, 'listStage()', 'LIST'), pattern: undefined });
}

/**
 * Removes the files under a stage path (all of them without a path). Like LIST, REMOVE takes only the bare
 * `@stage/path`, so paths that need quoting are refused (remove from a parent folder with `pattern()`).
 *
 * @example
 * removeFromStage('drive_stage', 'sessions/session_2024_08_16.parquet')   // REMOVE @drive_stage/sessions/session_2024_08_16.parquet
 */
export function removeFromStage(stage: NameRef, path?: string): RemoveStageBuilder {
  return new RemoveStageBuilder({ kind: 'RemoveStageStmt', location: bareStageLocation(stage, path, 'removeFromStage()', 'REMOVE'), pattern: undefined });
}
