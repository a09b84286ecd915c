// Every family's expressions and missing features, merged; ids are unique across families (the family is their prefix).
import type { Expressions, Missing } from './types.js';
import * as connection from './connection.js';
import * as stage from './stage.js';
import * as fileFormat from './file-format.js';
import * as listRemove from './list-remove.js';
import * as listStage from './list-stage.js';
import * as stageQuery from './stage-query.js';
import * as insertFromStage from './insert-from-stage.js';
import * as copyIntoTable from './copy-into-table.js';
import * as copyIntoLocation from './copy-into-location.js';
import * as inferSchema from './infer-schema.js';
import * as presign from './presign.js';
import * as stream from './stream.js';
import * as task from './task.js';
import * as createTable from './create-table.js';
import * as alterTable from './alter-table.js';
import * as index from './index.js';

const FAMILY_FILES = [
  connection,
  stage,
  fileFormat,
  listRemove,
  listStage,
  stageQuery,
  insertFromStage,
  copyIntoTable,
  copyIntoLocation,
  inferSchema,
  presign,
  stream,
  task,
  createTable,
  alterTable,
  index,
];

export const ALL_EXPRESSIONS: Expressions = Object.assign({}, ...FAMILY_FILES.map((f) => f.expressions));
export const ALL_MISSING: Missing = Object.assign({}, ...FAMILY_FILES.map((f) => f.missing));
/**
 * SDK expressions of documentation errata that are the documentation ahead of the pinned engine (a newer grammar):
 * only rendered and compared, never counted as expressed nor run in place of the original.
 */
export const AHEAD_OF_ENGINE: Expressions = Object.assign({}, ...FAMILY_FILES.map((f) => ('aheadOfEngine' in f ? f.aheadOfEngine : {})));
/** Expressed statements whose query is a whole `sql` fragment (no query builder in the SDK). */
export const VIA_SQL_QUERY: ReadonlySet<string> = new Set(FAMILY_FILES.flatMap((f) => f.viaSqlQuery));
/** Expressed statements whose query is built with Kysely over the SDK's dialect (a family lists them if it has any). */
export const VIA_KYSELY: ReadonlySet<string> = new Set(
  (FAMILY_FILES as readonly { readonly viaKysely?: readonly string[] }[]).flatMap((f) => f.viaKysely ?? []),
);
