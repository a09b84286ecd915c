import type { CreateOption, StageLocation } from '../ast/common.js';
import { MASK } from '../ast/secret.js';
import { NOT_IN_BARE_STAGE_PATH } from '../grammar/stage-path.js';
import { isUriLocation, type ConnectionSpec, type FileFormatSpec, type FileLocation, type OptionEntry, type OptionValue } from '../ast/stage.js';
import type { RenderOptions } from './context.js';
import { memoizeShared } from './memo.js';
import { quoteString } from './quote.js';

/** `CREATE [OR REPLACE] <prefix> [IF NOT EXISTS]` around an object keyword such as `STAGE`. */
export function renderCreate(option: CreateOption, object: string): string {
  switch (option) {
    case 'Create':
      return `CREATE ${object}`;
    case 'CreateOrReplace':
      return `CREATE OR REPLACE ${object}`;
    case 'CreateIfNotExists':
      return `CREATE ${object} IF NOT EXISTS`;
  }
}

export function renderOptionValue(value: OptionValue, options: RenderOptions): string {
  switch (value.kind) {
    case 'string':
      return quoteString(value.value);
    case 'secret':
      return quoteString(options.maskSecrets ? MASK : value.value.reveal());
    case 'number':
      return String(value.value);
    case 'boolean':
      return value.value ? 'TRUE' : 'FALSE';
    case 'keyword':
      return value.value;
    case 'stringList':
      return `(${value.value.map(quoteString).join(', ')})`;
  }
}

/** `KEY = value KEY = value`, separated by `separator`. */
export function renderOptionEntries(entries: readonly OptionEntry[], options: RenderOptions, separator = ' '): string {
  return entries.map((e) => `${e.key} = ${renderOptionValue(e.value, options)}`).join(separator);
}

/** `FILE_FORMAT = (TYPE = 'PARQUET' ...)` or `FILE_FORMAT = (FORMAT_NAME = 'name')`. */
export function renderFileFormat(spec: FileFormatSpec, options: RenderOptions): string {
  if (spec.kind === 'named') return `FILE_FORMAT = (FORMAT_NAME = ${quoteString(spec.name)})`;
  // `{ type: 'PARQUET' }` and its like are one shared spec per type (file-format.ts), with no option to mask.
  if (spec.options.length === 0) return bareFileFormat(spec, '');
  let text = `FILE_FORMAT = (TYPE = ${quoteString(spec.type)}`;
  for (const e of spec.options) text += `, ${e.key} = ${renderOptionValue(e.value, options)}`;
  return `${text})`;
}

const bareFileFormat = memoizeShared((spec: FileFormatSpec & { readonly kind: 'inline' }): string => `FILE_FORMAT = (TYPE = ${quoteString(spec.type)})`);

/** `CONNECTION = (CONNECTION_NAME = 'c')` or `CONNECTION = (KEY = 'v' ...)`. */
export function renderConnection(spec: ConnectionSpec, options: RenderOptions): string {
  return `CONNECTION = ${renderConnectionOptions(spec, options)}`;
}

/** `(CONNECTION_NAME = 'c')` or `(KEY = 'v' ...)`, after `CONNECTION =` or a stage SELECT's `CONNECTION =>`. */
export function renderConnectionOptions(spec: ConnectionSpec, options: RenderOptions): string {
  if (spec.kind === 'named') return `(CONNECTION_NAME = ${quoteString(spec.name)})`;
  return `(${renderOptionEntries(spec.options, options)})`;
}

/**
 * `@stage/path`, or the quoted form `'@stage/path'` when the path holds a character the bare token cannot. COPY (both
 * ways), INSERT and a stage SELECT read a string literal as a stage location; LIST and REMOVE take only the bare
 * token, so their builders refuse such paths.
 */
export function renderStageLocation(location: StageLocation): string {
  const text = `@${location.stage}${location.path === '' ? '' : `/${location.path}`}`;
  return NOT_IN_BARE_STAGE_PATH.test(location.path) ? quoteString(text) : text;
}

/**
 * A COPY's location: `@stage/path`, or `'url'` followed by its `CONNECTION = (...)` (inside a COPY's transform
 * SELECT too: there the table-function form `(CONNECTION => ...)` is a syntax error, 1005).
 */
export function renderFileLocation(location: FileLocation, options: RenderOptions): string {
  if (!isUriLocation(location)) return renderStageLocation(location);
  const url = quoteString(location.url);
  return location.connection === undefined ? url : `${url} ${renderConnection(location.connection, options)}`;
}
