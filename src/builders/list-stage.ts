import type { ListStageStmt } from '../ast/stage.js';
import { StageFilesBuilder } from './stage-files.js';
import { bareStageLocation } from './stage-location.js';
import type { NameRef } from './statement-builder.js';
import { made } from './statement-builder.js';

/**
 * LIST @stage[/path]: the staged files (name, size, md5, last_modified, creator).
 *
 * @example
 * listStage(driveStage, 'sessions/').pattern('.*[.]parquet')   // LIST @drive_stage/sessions/ PATTERN = '.*[.]parquet'
 */
export class ListStageBuilder extends StageFilesBuilder<ListStageStmt> {}

/**
 * Lists the files under a stage path; a path without a trailing '/' is a prefix (`sessions` lists
 * `sessions/...` and `sessions_old/...`). LIST takes only the bare `@stage/path`: a path with a space, a quote, a
 * comma, a semicolon, a parenthesis or a backtick is refused (list a parent folder with `pattern()`).
 *
 * @example
 * listStage('drive_stage', 'sessions/')   // LIST @drive_stage/sessions/
 */
export function listStage(stage: NameRef, path?: string): ListStageBuilder {
  return new ListStageBuilder(made({ kind: 'ListStageStmt', location: bareStageLocation(stage, path, 'listStage()', 'LIST'), pattern: undefined }));
}
