/** Pieces shared by several statement families. */

/** `[database.]name`. */
export interface ObjectName {
  readonly database?: string | undefined;
  readonly name: string;
}

/** CREATE, CREATE OR REPLACE, or CREATE ... IF NOT EXISTS (Databend refuses the two together). */
export type CreateOption = 'Create' | 'CreateOrReplace' | 'CreateIfNotExists';

/**
 * The fields a node copy changes. Each node kind has one copy function beside its interface (as Kysely's
 * `cloneWith`), the only place a builder's next node is made: every field spelled out, since a spread of a frozen
 * node, or patches of varying shapes, make V8 copy slowly.
 */
export type Patch<N extends { readonly kind: string }> = Partial<Omit<N, 'kind'>>;

/** `@stage[/path]`. */
export interface StageLocation {
  readonly stage: string;
  readonly path: string;
}
