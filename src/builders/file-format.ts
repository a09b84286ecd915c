import { share } from '../ast/freeze.js';
import type { FileFormatSpec, OptionEntry, OptionValue } from '../ast/stage.js';
import { check, refuse, checkInteger, checkList, checkPlainObject, checkRecord, type CallSite, isPlainObject } from '../checks.js';
import { checkObjectName } from './create-object.js';

/**
 * FILE_FORMAT options per format type, as one table: the TypeScript option types are derived from it and the
 * runtime checks read it, so they cannot drift apart. Keys are camelCase; `sql` is Databend's option name.
 * Source: databendlabs/databend src/meta/app/src/principal/file_format.rs (what each type accepts).
 */

export const COMPRESSIONS = ['AUTO', 'NONE', 'GZIP', 'BZ2', 'BROTLI', 'ZSTD', 'DEFLATE', 'RAWDEFLATE', 'XZ', 'SNAPPY', 'ZIP'] as const;
export type Compression = (typeof COMPRESSIONS)[number];

/** What the engine accepts of a string option beyond being a string, and the rule its error states. */
interface StringDomain {
  readonly accepts: (value: string) => boolean;
  readonly expects: string;
}

type OptionRule =
  | { readonly kind: 'string'; readonly sql: string; readonly domain?: StringDomain }
  | { readonly kind: 'uint'; readonly sql: string }
  | { readonly kind: 'boolean'; readonly sql: string }
  | { readonly kind: 'keyword'; readonly sql: string; readonly values: readonly string[] }
  | { readonly kind: 'choice'; readonly sql: string; readonly values: readonly string[] }
  | { readonly kind: 'stringList'; readonly sql: string };

const compression = { kind: 'keyword', sql: 'COMPRESSION', values: COMPRESSIONS } as const;
const skipHeader = { kind: 'uint', sql: 'SKIP_HEADER' } as const;
// Option domains the engine enforces with 1006 "Invalid CSV/TEXT option value", each value tried on the pinned engine
// (docs/engine-facts.md). A "one-byte character" is an ASCII one: 'é' and U+00A0 are refused, NUL and DEL accepted.
const ASCII_ALPHANUMERIC = /^[A-Za-z0-9]$/;
const isOneByteNonAlphanumeric = (value: string) => value.length === 1 && value.charCodeAt(0) < 0x80 && !ASCII_ALPHANUMERIC.test(value);
const csvFieldDelimiter = {
  kind: 'string',
  sql: 'FIELD_DELIMITER',
  // Several characters may be anything ('||', 'ab'); a single ASCII one must not be a letter or a digit.
  domain: { accepts: (v: string) => v !== '' && !ASCII_ALPHANUMERIC.test(v), expects: 'a non-empty string, and not a single letter or digit' },
} as const;
const tsvFieldDelimiter = {
  kind: 'string',
  sql: 'FIELD_DELIMITER',
  domain: { accepts: (v: string) => v === '' || isOneByteNonAlphanumeric(v), expects: 'one ASCII character that is not a letter or digit (or empty)' },
} as const;
const recordDelimiter = {
  kind: 'string',
  sql: 'RECORD_DELIMITER',
  domain: { accepts: (v: string) => v === '\r\n' || isOneByteNonAlphanumeric(v), expects: "one ASCII character that is not a letter or digit, or '\\r\\n'" },
} as const;
// The engine accepts only these quotes and escapes, for CSV and TSV alike (1006).
const quote = { kind: 'choice', sql: 'QUOTE', values: ["'", '"', '`'] } as const;
const escape = { kind: 'choice', sql: 'ESCAPE', values: ['\\', ''] } as const;
const nanDisplay = { kind: 'choice', sql: 'NAN_DISPLAY', values: ['nan', 'NaN', 'null', 'NULL'] } as const;
const nullDisplay = { kind: 'string', sql: 'NULL_DISPLAY' } as const;
const emptyFieldAs = { kind: 'keyword', sql: 'EMPTY_FIELD_AS', values: ['NULL', 'STRING', 'FIELD_DEFAULT'] } as const;
const errorOnColumnCountMismatch = { kind: 'boolean', sql: 'ERROR_ON_COLUMN_COUNT_MISMATCH' } as const;
const trimSpace = { kind: 'boolean', sql: 'TRIM_SPACE' } as const;
const outputHeader = { kind: 'boolean', sql: 'OUTPUT_HEADER' } as const;
// An encoding label of the WHATWG Encoding Standard (the engine also refuses unknown labels, 1006 "Unsupported encoding
// label"; that list is the engine's, so only the empty label is refused here). Surrounding white space is ignored.
const encoding = {
  kind: 'string',
  sql: 'ENCODING',
  domain: { accepts: (v: string) => v.trim() !== '', expects: 'an encoding label such as utf-8 or gbk, not empty' },
} as const;
// The parser takes only a string here: `ENCODING_ERROR_MODE = REPLACE` is a syntax error (1005).
const encodingErrorMode = { kind: 'choice', sql: 'ENCODING_ERROR_MODE', values: ['STRICT', 'REPLACE'] } as const;
const missingFieldAs = { kind: 'keyword', sql: 'MISSING_FIELD_AS', values: ['ERROR', 'NULL', 'FIELD_DEFAULT'] } as const;
const useLogicType = { kind: 'boolean', sql: 'USE_LOGIC_TYPE' } as const;
const nullIf = { kind: 'stringList', sql: 'NULL_IF' } as const;

export const FILE_FORMAT_OPTIONS = {
  CSV: {
    compression,
    skipHeader,
    fieldDelimiter: csvFieldDelimiter,
    recordDelimiter,
    quote,
    escape,
    nanDisplay,
    nullDisplay,
    emptyFieldAs,
    quotedEmptyFieldAs: { kind: 'keyword', sql: 'QUOTED_EMPTY_FIELD_AS', values: ['NULL', 'STRING', 'FIELD_DEFAULT'] },
    binaryFormat: { kind: 'keyword', sql: 'BINARY_FORMAT', values: ['HEX', 'BASE64'] },
    errorOnColumnCountMismatch,
    allowQuotedNulls: { kind: 'boolean', sql: 'ALLOW_QUOTED_NULLS' },
    trimSpace,
    outputHeader,
    encoding,
    encodingErrorMode,
  },
  TSV: {
    compression,
    skipHeader,
    fieldDelimiter: tsvFieldDelimiter,
    recordDelimiter,
    quote,
    escape,
    nanDisplay,
    nullDisplay,
    emptyFieldAs,
    errorOnColumnCountMismatch,
    trimSpace,
    outputHeader,
    encoding,
    encodingErrorMode,
  },
  NDJSON: {
    compression,
    missingFieldAs,
    nullFieldAs: { kind: 'keyword', sql: 'NULL_FIELD_AS', values: ['NULL', 'FIELD_DEFAULT'] },
    nullIf,
  },
  PARQUET: {
    compression,
    missingFieldAs: { kind: 'keyword', sql: 'MISSING_FIELD_AS', values: ['ERROR', 'FIELD_DEFAULT'] },
    useLogicType,
    nullIf,
  },
  ORC: {
    missingFieldAs: { kind: 'keyword', sql: 'MISSING_FIELD_AS', values: ['ERROR', 'FIELD_DEFAULT'] },
  },
  AVRO: {
    compression,
    missingFieldAs: { kind: 'keyword', sql: 'MISSING_FIELD_AS', values: ['ERROR', 'FIELD_DEFAULT'] },
    useLogicType,
    nullIf,
  },
} as const satisfies Record<string, Record<string, OptionRule>>;

export type FileFormatType = keyof typeof FILE_FORMAT_OPTIONS;
export const FILE_FORMAT_TYPES = Object.keys(FILE_FORMAT_OPTIONS) as FileFormatType[];

type ValueOfRule<R> = R extends { kind: 'string' }
  ? string
  : R extends { kind: 'uint' }
    ? number
    : R extends { kind: 'boolean' }
      ? boolean
      : R extends { kind: 'keyword' | 'choice'; values: readonly (infer V)[] }
        ? V
        : R extends { kind: 'stringList' }
          ? readonly string[]
          : never;

/** The options a format type accepts, e.g. `FileFormatOptions<'CSV'>` has `skipHeader?: number`. */
export type FileFormatOptions<T extends FileFormatType> = {
  readonly [K in keyof (typeof FILE_FORMAT_OPTIONS)[T]]?: ValueOfRule<(typeof FILE_FORMAT_OPTIONS)[T][K]>;
};

/** An inline file format: `{ type: 'CSV', skipHeader: 1 }`. */
export type FileFormat = { [T in FileFormatType]: { readonly type: T } & FileFormatOptions<T> }[FileFormatType];

/** A named FILE FORMAT object: `{ formatName: 'everdrive_csv' }`. */
export interface NamedFileFormat {
  readonly formatName: string;
}

export type FileFormatInput = FileFormat | NamedFileFormat;

/** A Lance dataset, `TYPE = LANCE`: written only by an unload (inline or as a FILE FORMAT object); it has no options. */
export interface LanceFileFormat {
  readonly type: 'LANCE';
}

/** The input given as LANCE (any case), checked to have no options, or undefined for any other format. */
export function lanceFormat(format: unknown, call: CallSite): 'LANCE' | undefined {
  const type = typeof format === 'object' && format !== null ? (format as { type?: unknown }).type : undefined;
  if (typeof type !== 'string' || type.toUpperCase() !== 'LANCE') return undefined;
  checkRecord(format, call, 'file format', ['type']);
  return 'LANCE';
}

function optionValue(rule: OptionRule, value: unknown, call: CallSite, key: string): OptionValue {
  const where = `${rule.sql} (${key})`;
  switch (rule.kind) {
    case 'string':
      check(typeof value === 'string', 'invalid_type', call, () => `${where} must be a string`, key);
      if (rule.domain !== undefined) check(rule.domain.accepts(value), 'invalid_format', call, () => `${where} must be ${rule.domain!.expects}`, key);
      return { kind: 'string', value };
    case 'uint':
      checkInteger(value, 0, Number.MAX_SAFE_INTEGER, call, () => `${where} must be a non-negative integer`, key);
      return { kind: 'number', value };
    case 'boolean':
      check(typeof value === 'boolean', 'invalid_type', call, () => `${where} must be true or false`, key);
      return { kind: 'boolean', value };
    case 'keyword': {
      const upper = typeof value === 'string' ? value.toUpperCase() : undefined;
      check(
        upper !== undefined && rule.values.includes(upper),
        upper === undefined ? 'invalid_type' : 'invalid_value',
        call,
        () => `${where} must be one of ${rule.values.join(', ')}`,
        key,
      );
      return { kind: 'keyword', value: upper };
    }
    case 'choice':
      check(
        typeof value === 'string' && rule.values.includes(value),
        typeof value === 'string' ? 'invalid_value' : 'invalid_type',
        call,
        () => `${where} must be one of ${rule.values.map((v) => JSON.stringify(v)).join(', ')}`,
        key,
      );
      return { kind: 'string', value };
    case 'stringList':
      check(Array.isArray(value), 'invalid_type', call, () => `${where} must be an array of strings`, key);
      checkList(value, call, where);
      check(
        value.every((v) => typeof v === 'string'),
        'invalid_type',
        call,
        () => `${where} must be an array of strings`,
        key,
      );
      return { kind: 'stringList', value: [...value] };
  }
}

/**
 * Checks a file format against the table above and turns it into statement data. An option the type does not
 * accept, or a value outside the option's domain, is a ValidationError naming the option and the rule.
 */
export function toFileFormatSpec(input: FileFormatInput, call: CallSite): FileFormatSpec {
  check(typeof input === 'object' && input !== null, 'invalid_type', call, 'a file format must be an object such as { type: "PARQUET" }');
  const given = input as Readonly<Record<string, unknown>>;
  // A { formatName } record, or a createFileFormat() builder (which has a formatName).
  if ('formatName' in given) {
    if (isPlainObject(given))
      for (const key of Object.keys(given))
        check(key === 'formatName', 'unknown_key', call, () => `a named file format { formatName } takes no other key, not '${key}'`, key);
    const name = given.formatName;
    checkObjectName(name, call, 'formatName');
    return { kind: 'named', name };
  }
  const { type, options } = fileFormatEntries(input as FileFormat, call);
  return options.length === 0 ? BARE_FORMATS[type] : { kind: 'inline', type, options };
}

/**
 * The FILE FORMAT object a stage query or an INSERT names: a format type ('PARQUET'), `{ formatName }`, or a
 * createFileFormat() builder. The name is rendered as a string; it must be a plain name, as CREATE FILE FORMAT's is.
 */
/** A format type as a stage query names it: `'ORC'` or `'orc'` (the engine reads either). */
export type StageFormatType = FileFormatType | Lowercase<FileFormatType>;

export function stageFileFormat(format: unknown, call: CallSite): string {
  if (typeof format === 'string') {
    // The engine reads a type in any case (`FILE_FORMAT => 'orc'`), and no FILE FORMAT object can be named after a
    // type in any case ("File format 'orc' is reserved"): kept as written, it is the type.
    check(
      (FILE_FORMAT_TYPES as readonly string[]).includes(format.toUpperCase()),
      'invalid_value',
      call,
      () => `file format TYPE must be one of ${FILE_FORMAT_TYPES.join(', ')} (in any case)`,
      'format',
    );
    return format;
  }
  check(
    typeof format === 'object' && format !== null && 'formatName' in format,
    'invalid_type',
    call,
    () => `a file format is a type such as 'PARQUET' or { formatName }`,
    'format',
  );
  if (isPlainObject(format))
    for (const key of Object.keys(format))
      check(key === 'formatName', 'unknown_key', call, () => `a named file format { formatName } takes no other key, not '${key}'`, key);
  const name = (format as { formatName: unknown }).formatName;
  checkObjectName(name, call, 'formatName');
  return name;
}

// `{ type: 'PARQUET' }` and its like, the usual case: one shared, frozen spec per type.
const BARE_FORMATS = Object.fromEntries(
  FILE_FORMAT_TYPES.map((type) => [type, share({ kind: 'inline', type, options: [] as OptionEntry[] })]),
) as unknown as Record<FileFormatType, FileFormatSpec>;

/** The TYPE and option entries of an inline file format, shared with CREATE FILE FORMAT. */
export function fileFormatEntries(input: FileFormat, call: CallSite): { type: FileFormatType; options: OptionEntry[] } {
  checkPlainObject(input, call, 'file format');
  const given: unknown = input.type;
  // The usual spelling ('PARQUET') is looked up as it is; other casings are upper-cased first.
  const type = typeof given !== 'string' ? undefined : ((Object.hasOwn(FILE_FORMAT_OPTIONS, given) ? given : given.toUpperCase()) as FileFormatType);
  check(
    type !== undefined && Object.hasOwn(FILE_FORMAT_OPTIONS, type),
    given === undefined ? 'missing' : type === undefined ? 'invalid_type' : 'invalid_value',
    call,
    () => `file format TYPE must be one of ${FILE_FORMAT_TYPES.join(', ')}`,
    'type',
  );
  const rules: Record<string, OptionRule> = FILE_FORMAT_OPTIONS[type];
  const options: OptionEntry[] = [];
  for (const key of Object.keys(input)) {
    const value = (input as Readonly<Record<string, unknown>>)[key];
    if (key === 'type' || value === undefined) continue;
    // Own keys only: rules['toString'] is Object.prototype's function, not an option.
    const rule = Object.hasOwn(rules, key) ? rules[key] : undefined;
    if (rule === undefined) refuse('unknown_key', call, `${type} files have no option '${key}' (accepted: ${Object.keys(rules).join(', ') || 'none'})`, key);
    options.push({ key: rule.sql, value: optionValue(rule, value, call, key) });
  }
  return { type, options };
}
