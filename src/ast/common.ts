/** Pieces shared by several statement families. */

/** `[database.]name`. */
export interface ObjectName {
  readonly database?: string | undefined;
  readonly name: string;
}

/** CREATE, CREATE OR REPLACE, or CREATE ... IF NOT EXISTS (Databend refuses the two together). */
export type CreateOption = 'Create' | 'CreateOrReplace' | 'CreateIfNotExists';

/** `@stage[/path]`. */
export interface StageLocation {
  readonly stage: string;
  readonly path: string;
}
