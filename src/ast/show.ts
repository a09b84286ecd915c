import type { ObjectName, Patch } from './common.js';
import type { SqlFragment } from './expression.js';

/** The objects SHOW lists, in the statement's spelling. */
export const SHOWABLE_OBJECTS = ['STAGES', 'CONNECTIONS', 'FILE FORMATS', 'STREAMS', 'TASKS'] as const;
export type ShowableObject = (typeof SHOWABLE_OBJECTS)[number];

/** `LIKE 'pattern'` or `WHERE condition`: which rows SHOW keeps (the grammar takes one of the two). */
export type ShowFilter = { readonly kind: 'like'; readonly pattern: string } | { readonly kind: 'where'; readonly condition: SqlFragment };

/**
 * SHOW STAGES [LIKE | WHERE] [LIMIT n] | SHOW CONNECTIONS | SHOW FILE FORMATS | SHOW [FULL] STREAMS [FROM db]
 * [LIKE | WHERE] | SHOW TASKS [LIKE | WHERE]; one node for every object, as DROP's, since they share one shape.
 */
export interface ShowStmt {
  readonly kind: 'ShowStmt';
  readonly object: ShowableObject;
  /** SHOW FULL STREAMS. */
  readonly full: boolean;
  /** SHOW STREAMS FROM database. */
  readonly database: string | undefined;
  readonly filter: ShowFilter | undefined;
  /** SHOW STAGES ... LIMIT n. */
  readonly limit: number | undefined;
}

export function cloneShow(node: ShowStmt, patch: Patch<ShowStmt>): ShowStmt {
  return {
    kind: 'ShowStmt',
    object: patch.object ?? node.object,
    full: patch.full ?? node.full,
    database: 'database' in patch ? patch.database : node.database,
    filter: 'filter' in patch ? patch.filter : node.filter,
    limit: 'limit' in patch ? patch.limit : node.limit,
  };
}

/** The objects DESC describes. */
export const DESCRIBABLE_OBJECTS = ['STAGE', 'CONNECTION', 'STREAM', 'TASK'] as const;
export type DescribableObject = (typeof DESCRIBABLE_OBJECTS)[number];

/** DESC STAGE name | DESC CONNECTION name | DESC STREAM [db.]name | DESC TASK name */
export interface DescribeStmt {
  readonly kind: 'DescribeStmt';
  readonly object: DescribableObject;
  readonly name: ObjectName;
}
