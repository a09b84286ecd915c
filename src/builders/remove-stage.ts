import type { RemoveStageStmt } from '../ast/stage.js';
import { StageFilesBuilder } from './stage-files.js';
import { bareStageLocation } from './stage-location.js';
import type { NameRef } from './statement-builder.js';
import { made } from './statement-builder.js';

/**
 * REMOVE @stage[/path]: deletes staged files; the stage itself stays.
 *
 * @example
 * removeFromStage('drive_stage', 'sessions/').pattern('.*_2024_08_16[.]parquet')
 * // REMOVE @drive_stage/sessions/ PATTERN = '.*_2024_08_16[.]parquet'
 */
export class RemoveStageBuilder extends StageFilesBuilder<RemoveStageStmt> {}

/**
 * Removes the files under a stage path (all of them without a path). Like LIST, REMOVE takes only the bare
 * `@stage/path`, so paths that need quoting are refused (remove from a parent folder with `pattern()`).
 *
 * @example
 * removeFromStage('drive_stage', 'sessions/session_2024_08_16.parquet')   // REMOVE @drive_stage/sessions/session_2024_08_16.parquet
 */
export function removeFromStage(stage: NameRef, path?: string): RemoveStageBuilder {
  return new RemoveStageBuilder(made({ kind: 'RemoveStageStmt', location: bareStageLocation(stage, path, 'removeFromStage()', 'REMOVE'), pattern: undefined }));
}
