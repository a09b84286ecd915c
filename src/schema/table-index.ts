import type { TableEngineOptions, TableIndexDefinition, TableIndexType } from '../ast/ddl.js';
import { argText, check, checkBoolean, checkInteger, checkList, checkRecord, describeValue, type CallSite } from '../checks.js';
import { checkIdentifier } from './identifier.js';

// The option values Databend's binder accepts (src/query/sql/src/planner/binder/ddl/index.rs): anything else is
// refused there with 1129 IndexOptionInvalid, so it is refused here before SQL exists.

/** The distances a VECTOR index answers: `cosine_distance`, `l1_distance`, `l2_distance`. */
export const VECTOR_DISTANCES = ['cosine', 'l1', 'l2'] as const;
export type VectorDistance = (typeof VECTOR_DISTANCES)[number];
/** INVERTED index tokenizers. */
export const INVERTED_TOKENIZERS = ['english', 'chinese'] as const;
/** INVERTED index token filters. */
export const INVERTED_FILTERS = ['english_stop', 'english_stemmer', 'chinese_stop'] as const;
/** What an INVERTED index records of each term. */
export const INVERTED_INDEX_RECORDS = ['basic', 'freq', 'position'] as const;

export interface IndexOptionsBase {
  /** ASYNC: the index is built by REFRESH (or in the background), not while rows are written. */
  readonly async?: boolean;
}

/** `vectorIndex()`'s options: `distance` is required by the engine; `m` and `ef_construct` tune the HNSW graph. */
export interface VectorIndexOptions extends IndexOptionsBase {
  readonly distance: readonly VectorDistance[];
  /** HNSW: links per node (at least 1). */
  readonly m?: number;
  /** HNSW: candidates kept while building (at least 4). */
  readonly efConstruct?: number;
}

export interface InvertedIndexOptions extends IndexOptionsBase {
  readonly tokenizer?: (typeof INVERTED_TOKENIZERS)[number];
  readonly filters?: readonly (typeof INVERTED_FILTERS)[number][];
  readonly indexRecord?: (typeof INVERTED_INDEX_RECORDS)[number];
}

export interface NgramIndexOptions extends IndexOptionsBase {
  /** Characters per gram (at least 1). */
  readonly gramSize?: number;
  /** The bloom filter's size in bytes (the engine takes 512 to 10485760). */
  readonly bloomSize?: number;
}

/** The bloom sizes the engine accepts (MINIMUM_BLOOM_SIZE, MAXIMUM_BLOOM_SIZE in its binder). */
const BLOOM_SIZE_RANGE = [512, 10_485_760] as const;

/** The index definitions the helpers here made: a definition is recognised by identity, never by its shape. */
const made = new WeakSet<object>();

function definition(
  type: TableIndexType,
  name: unknown,
  columns: unknown,
  options: Record<string, unknown>,
  call: CallSite,
  sqlOptions: TableEngineOptions,
): TableIndexDefinition {
  checkIdentifier(name, call, 'index name');
  checkList(columns, call, 'columns');
  check(columns.length > 0, 'too_small', call, 'an index needs at least one column', 'columns');
  for (const column of columns) checkIdentifier(column, call, 'column name');
  check(new Set(columns).size === columns.length, 'conflict', call, 'an index lists a column twice', 'columns');
  // null is no boolean: only a missing key takes the default.
  const async = options.async === undefined ? false : options.async;
  checkBoolean(async, call, 'async');
  const index: TableIndexDefinition = Object.freeze({
    type,
    name,
    columns: Object.freeze([...(columns as string[])]),
    async,
    options: Object.freeze(sqlOptions),
  });
  made.add(index);
  return index;
}

function checkOneOf(value: unknown, list: readonly string[], call: CallSite, field: string): asserts value is string {
  check(
    typeof value === 'string' && list.includes(value),
    'invalid_value',
    call,
    () => `${field} must be one of ${list.join(', ')}, not ${describeValue(value)}`,
    field,
  );
}

function checkDistinctList(value: unknown, list: readonly string[], call: CallSite, field: string): asserts value is readonly string[] {
  checkList(value, call, field);
  check(value.length > 0, 'too_small', call, () => `${field} needs at least one of ${list.join(', ')}`, field);
  for (const item of value) checkOneOf(item, list, call, field);
  check(new Set(value).size === value.length, 'conflict', call, () => `${field} lists a value twice`, field);
}

/**
 * A VECTOR index (HNSW) on VECTOR columns, for `table(..., { indexes: [...] })` or `createIndex()`.
 *
 * @example
 * vectorIndex('frame_embedding_idx', ['embedding'], { distance: ['cosine', 'l2'], m: 16, efConstruct: 100 })
 * // VECTOR INDEX frame_embedding_idx (embedding) distance = 'cosine,l2' m = 16 ef_construct = 100
 */
export function vectorIndex(name: string, columns: readonly string[], options: VectorIndexOptions): TableIndexDefinition {
  const call = () => `vectorIndex('${argText(name)}')`;
  checkRecord(options, call, 'options', ['distance', 'm', 'efConstruct', 'async']);
  checkDistinctList(options.distance, VECTOR_DISTANCES, call, 'distance');
  const sql: Record<string, string | number> = { distance: options.distance.join(',') };
  if (options.m !== undefined) {
    checkInteger(options.m, 1, Number.MAX_SAFE_INTEGER, call, 'm must be a positive integer', 'm');
    sql.m = options.m;
  }
  if (options.efConstruct !== undefined) {
    checkInteger(options.efConstruct, 4, Number.MAX_SAFE_INTEGER, call, 'efConstruct must be an integer of at least 4', 'efConstruct');
    sql.ef_construct = options.efConstruct;
  }
  return definition('VECTOR', name, columns, options as unknown as Record<string, unknown>, call, sql);
}

/**
 * An INVERTED (full-text) index on STRING or VARIANT columns, queried with `match()` and `query()`.
 *
 * @example
 * invertedIndex('notes_idx', ['notes'], { tokenizer: 'english', filters: ['english_stop'] })
 * // INVERTED INDEX notes_idx (notes) tokenizer = 'english' filters = 'english_stop'
 */
export function invertedIndex(name: string, columns: readonly string[], options: InvertedIndexOptions = {}): TableIndexDefinition {
  const call = () => `invertedIndex('${argText(name)}')`;
  checkRecord(options, call, 'options', ['tokenizer', 'filters', 'indexRecord', 'async']);
  const sql: Record<string, string> = {};
  if (options.tokenizer !== undefined) {
    checkOneOf(options.tokenizer, INVERTED_TOKENIZERS, call, 'tokenizer');
    sql.tokenizer = options.tokenizer;
  }
  if (options.filters !== undefined) {
    checkDistinctList(options.filters, INVERTED_FILTERS, call, 'filters');
    sql.filters = options.filters.join(',');
  }
  if (options.indexRecord !== undefined) {
    checkOneOf(options.indexRecord, INVERTED_INDEX_RECORDS, call, 'indexRecord');
    sql.index_record = options.indexRecord;
  }
  return definition('INVERTED', name, columns, options as Record<string, unknown>, call, sql);
}

/**
 * An NGRAM index on STRING columns, which speeds up `LIKE '%...%'`.
 *
 * @example
 * ngramIndex('camera_ngram', ['camera_setup'], { gramSize: 3 })
 * // NGRAM INDEX camera_ngram (camera_setup) gram_size = 3
 */
export function ngramIndex(name: string, columns: readonly string[], options: NgramIndexOptions = {}): TableIndexDefinition {
  const call = () => `ngramIndex('${argText(name)}')`;
  checkRecord(options, call, 'options', ['gramSize', 'bloomSize', 'async']);
  const sql: Record<string, number> = {};
  if (options.gramSize !== undefined) {
    checkInteger(options.gramSize, 1, Number.MAX_SAFE_INTEGER, call, 'gramSize must be a positive integer', 'gramSize');
    sql.gram_size = options.gramSize;
  }
  if (options.bloomSize !== undefined) {
    const [min, max] = BLOOM_SIZE_RANGE;
    checkInteger(options.bloomSize, min, max, call, `bloomSize must be an integer from ${min} to ${max}`, 'bloomSize');
    sql.bloom_size = options.bloomSize;
  }
  return definition('NGRAM', name, columns, options as Record<string, unknown>, call, sql);
}

export function isIndexDefinition(value: unknown): value is TableIndexDefinition {
  return typeof value === 'object' && value !== null && made.has(value);
}
