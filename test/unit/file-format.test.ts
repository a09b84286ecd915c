import { describe, expect, it } from 'vitest';
import { createFileFormat } from '../../src/builders/create-file-format.js';
import { dropFileFormat } from '../../src/builders/drop.js';
import { COMPRESSIONS, FILE_FORMAT_OPTIONS, FILE_FORMAT_TYPES, toFileFormatSpec, type FileFormat } from '../../src/builders/file-format.js';
import { render } from '../../src/render/index.js';
import { renderFileFormat } from '../../src/render/common.js';
import { expectValidation } from '../support/expect-validation.js';

/** `TYPE = X OPTION = value` after the name, the CREATE FILE FORMAT form. */
function body(format: FileFormat): string {
  return createFileFormat('f', format).compile().replace('CREATE FILE FORMAT f ', '');
}

/** The inline `FILE_FORMAT = (...)` form of the same options. */
function inline(format: FileFormat): string {
  return renderFileFormat(toFileFormatSpec(format, 'test'), {});
}

describe('file format options', () => {
  it('renders every CSV option', () => {
    const cases: [FileFormat, string][] = [
      [{ type: 'CSV', compression: 'GZIP' }, 'COMPRESSION = GZIP'],
      [{ type: 'CSV', skipHeader: 1 }, 'SKIP_HEADER = 1'],
      [{ type: 'CSV', fieldDelimiter: '|' }, "FIELD_DELIMITER = '|'"],
      [{ type: 'CSV', recordDelimiter: '\r\n' }, "RECORD_DELIMITER = '\\r\\n'"],
      [{ type: 'CSV', quote: "'" }, "QUOTE = '\\''"],
      [{ type: 'CSV', quote: '`' }, "QUOTE = '`'"],
      [{ type: 'CSV', escape: '\\' }, "ESCAPE = '\\\\'"],
      [{ type: 'CSV', escape: '' }, "ESCAPE = ''"],
      [{ type: 'CSV', nanDisplay: 'nan' }, "NAN_DISPLAY = 'nan'"],
      [{ type: 'CSV', nullDisplay: '\\N' }, "NULL_DISPLAY = '\\\\N'"],
      [{ type: 'CSV', emptyFieldAs: 'FIELD_DEFAULT' }, 'EMPTY_FIELD_AS = FIELD_DEFAULT'],
      [{ type: 'CSV', quotedEmptyFieldAs: 'NULL' }, 'QUOTED_EMPTY_FIELD_AS = NULL'],
      [{ type: 'CSV', binaryFormat: 'BASE64' }, 'BINARY_FORMAT = BASE64'],
      [{ type: 'CSV', errorOnColumnCountMismatch: false }, 'ERROR_ON_COLUMN_COUNT_MISMATCH = FALSE'],
      [{ type: 'CSV', allowQuotedNulls: true }, 'ALLOW_QUOTED_NULLS = TRUE'],
      [{ type: 'CSV', trimSpace: true }, 'TRIM_SPACE = TRUE'],
      [{ type: 'CSV', outputHeader: true }, 'OUTPUT_HEADER = TRUE'],
      [{ type: 'CSV', encoding: 'GBK' }, "ENCODING = 'GBK'"],
      [{ type: 'CSV', encodingErrorMode: 'REPLACE' }, "ENCODING_ERROR_MODE = 'REPLACE'"],
    ];
    for (const [format, option] of cases) {
      expect(body(format)).toBe(`TYPE = CSV ${option}`);
      expect(inline(format)).toBe(`FILE_FORMAT = (TYPE = 'CSV', ${option})`);
    }
    expect(cases.map(([format]) => Object.keys(format)[1])).toEqual(expect.arrayContaining(Object.keys(FILE_FORMAT_OPTIONS.CSV)));
  });

  it('renders every TSV option', () => {
    const cases: [FileFormat, string][] = [
      [{ type: 'TSV', compression: 'ZSTD' }, 'COMPRESSION = ZSTD'],
      [{ type: 'TSV', skipHeader: 2 }, 'SKIP_HEADER = 2'],
      [{ type: 'TSV', fieldDelimiter: '\t' }, "FIELD_DELIMITER = '\\t'"],
      [{ type: 'TSV', recordDelimiter: '\n' }, "RECORD_DELIMITER = '\\n'"],
      [{ type: 'TSV', quote: '"' }, "QUOTE = '\"'"],
      [{ type: 'TSV', escape: '\\' }, "ESCAPE = '\\\\'"],
      [{ type: 'TSV', nanDisplay: 'NaN' }, "NAN_DISPLAY = 'NaN'"],
      [{ type: 'TSV', nullDisplay: 'NULL' }, "NULL_DISPLAY = 'NULL'"],
      [{ type: 'TSV', emptyFieldAs: 'STRING' }, 'EMPTY_FIELD_AS = STRING'],
      [{ type: 'TSV', errorOnColumnCountMismatch: true }, 'ERROR_ON_COLUMN_COUNT_MISMATCH = TRUE'],
      [{ type: 'TSV', trimSpace: false }, 'TRIM_SPACE = FALSE'],
      [{ type: 'TSV', outputHeader: false }, 'OUTPUT_HEADER = FALSE'],
      [{ type: 'TSV', encoding: 'UTF-8' }, "ENCODING = 'UTF-8'"],
      [{ type: 'TSV', encodingErrorMode: 'STRICT' }, "ENCODING_ERROR_MODE = 'STRICT'"],
    ];
    for (const [format, option] of cases) {
      expect(body(format)).toBe(`TYPE = TSV ${option}`);
      expect(inline(format)).toBe(`FILE_FORMAT = (TYPE = 'TSV', ${option})`);
    }
    expect(cases.map(([format]) => Object.keys(format)[1]).sort()).toEqual(Object.keys(FILE_FORMAT_OPTIONS.TSV).sort());
  });

  it('renders every NDJSON, PARQUET, ORC and AVRO option', () => {
    const cases: [FileFormat, string][] = [
      [{ type: 'NDJSON', compression: 'BZ2' }, 'NDJSON COMPRESSION = BZ2'],
      [{ type: 'NDJSON', missingFieldAs: 'NULL' }, 'NDJSON MISSING_FIELD_AS = NULL'],
      [{ type: 'NDJSON', nullFieldAs: 'FIELD_DEFAULT' }, 'NDJSON NULL_FIELD_AS = FIELD_DEFAULT'],
      [{ type: 'NDJSON', nullIf: ['', "n'l"] }, "NDJSON NULL_IF = ('', 'n\\'l')"],
      [{ type: 'PARQUET', compression: 'SNAPPY' }, 'PARQUET COMPRESSION = SNAPPY'],
      [{ type: 'PARQUET', missingFieldAs: 'FIELD_DEFAULT' }, 'PARQUET MISSING_FIELD_AS = FIELD_DEFAULT'],
      [{ type: 'PARQUET', useLogicType: false }, 'PARQUET USE_LOGIC_TYPE = FALSE'],
      [{ type: 'PARQUET', nullIf: ['x'] }, "PARQUET NULL_IF = ('x')"],
      [{ type: 'ORC', missingFieldAs: 'ERROR' }, 'ORC MISSING_FIELD_AS = ERROR'],
      [{ type: 'AVRO', compression: 'NONE' }, 'AVRO COMPRESSION = NONE'],
      [{ type: 'AVRO', missingFieldAs: 'FIELD_DEFAULT' }, 'AVRO MISSING_FIELD_AS = FIELD_DEFAULT'],
      [{ type: 'AVRO', useLogicType: true }, 'AVRO USE_LOGIC_TYPE = TRUE'],
      [{ type: 'AVRO', nullIf: ['a', 'b'] }, "AVRO NULL_IF = ('a', 'b')"],
    ];
    for (const [format, expected] of cases) expect(body(format)).toBe(`TYPE = ${expected}`);
    for (const type of ['NDJSON', 'PARQUET', 'ORC', 'AVRO'] as const) {
      const covered = cases.filter(([format]) => format.type === type).map(([format]) => Object.keys(format)[1]);
      expect(covered.sort()).toEqual(Object.keys(FILE_FORMAT_OPTIONS[type]).sort());
    }
  });

  it('renders every compression, and keywords in upper case', () => {
    for (const compression of COMPRESSIONS) expect(body({ type: 'CSV', compression })).toBe(`TYPE = CSV COMPRESSION = ${compression}`);
    expect(body({ type: 'csv', compression: 'gzip', emptyFieldAs: 'string' } as never)).toBe('TYPE = CSV COMPRESSION = GZIP EMPTY_FIELD_AS = STRING');
  });

  it('renders options in the order given, several at once', () => {
    expect(body({ type: 'CSV', skipHeader: 1, fieldDelimiter: ',', compression: 'AUTO' })).toBe(
      "TYPE = CSV SKIP_HEADER = 1 FIELD_DELIMITER = ',' COMPRESSION = AUTO",
    );
    expect(FILE_FORMAT_TYPES).toEqual(['CSV', 'TSV', 'NDJSON', 'PARQUET', 'ORC', 'AVRO']);
  });

  it('escapes hostile string values', () => {
    expect(body({ type: 'CSV', nullDisplay: "a'b\\c\nd\0ü😀" })).toBe("TYPE = CSV NULL_DISPLAY = 'a\\'b\\\\c\\nd\\x00ü😀'");
  });
});

describe('file format options: invalid input', () => {
  const call = "createFileFormat('f')";

  it('refuses an option the type does not have', () => {
    expectValidation(() => body({ type: 'CSV', nullIf: ['a'] } as never), { reason: 'unknown_key', field: 'nullIf', call });
    expectValidation(() => body({ type: 'TSV', binaryFormat: 'HEX' } as never), { reason: 'unknown_key', field: 'binaryFormat' });
    expectValidation(() => body({ type: 'ORC', compression: 'AUTO' } as never), { reason: 'unknown_key', field: 'compression' });
  });

  it('refuses an unknown type', () => {
    expectValidation(() => body({ type: 'XML' } as never), { reason: 'invalid_value', field: 'type', call });
  });

  it('refuses values outside each option domain', () => {
    expectValidation(() => body({ type: 'CSV', skipHeader: -1 }), { reason: 'too_small', field: 'skipHeader' });
    expectValidation(() => body({ type: 'CSV', skipHeader: 1.5 }), { reason: 'invalid_type', field: 'skipHeader' });
    expectValidation(() => body({ type: 'CSV', trimSpace: 'yes' } as never), { reason: 'invalid_type', field: 'trimSpace' });
    expectValidation(() => body({ type: 'CSV', fieldDelimiter: 1 } as never), { reason: 'invalid_type', field: 'fieldDelimiter' });
    expectValidation(() => body({ type: 'CSV', compression: 'LZ4' } as never), { reason: 'invalid_value', field: 'compression' });
    expectValidation(() => body({ type: 'CSV', quote: '' } as never), { reason: 'invalid_value', field: 'quote' });
    expectValidation(() => body({ type: 'CSV', escape: '"' } as never), { reason: 'invalid_value', field: 'escape' });
    expectValidation(() => body({ type: 'CSV', encodingErrorMode: 'replace' } as never), { reason: 'invalid_value', field: 'encodingErrorMode' });
    expectValidation(() => body({ type: 'NDJSON', nullIf: 'x' } as never), { reason: 'invalid_type', field: 'nullIf' });
    expectValidation(() => body({ type: 'AVRO', missingFieldAs: 'NULL' } as never), { reason: 'invalid_value', field: 'missingFieldAs' });
  });

  // The domains the engine enforces with 1006; test/engine/loading.test.ts checks the same values on the engine.
  it('refuses delimiters, NAN_DISPLAY values and empty encodings the engine refuses, and keeps the ones it takes', () => {
    for (const bad of ['', 'a', '7', '||', '\n\r', 'é'])
      expectValidation(() => body({ type: 'CSV', recordDelimiter: bad }), { reason: 'invalid_format', field: 'recordDelimiter' });
    expect(body({ type: 'CSV', recordDelimiter: '\r\n' })).toBe("TYPE = CSV RECORD_DELIMITER = '\\r\\n'");
    expect(body({ type: 'TSV', recordDelimiter: '\0' })).toBe("TYPE = TSV RECORD_DELIMITER = '\\x00'");

    for (const bad of ['||', 'a', '\r\n', 'é'])
      expectValidation(() => body({ type: 'TSV', fieldDelimiter: bad }), { reason: 'invalid_format', field: 'fieldDelimiter' });
    expect(body({ type: 'TSV', fieldDelimiter: '' })).toBe("TYPE = TSV FIELD_DELIMITER = ''");

    for (const bad of ['', 'a', '1']) expectValidation(() => body({ type: 'CSV', fieldDelimiter: bad }), { reason: 'invalid_format', field: 'fieldDelimiter' });
    expect(body({ type: 'CSV', fieldDelimiter: 'ab' })).toBe("TYPE = CSV FIELD_DELIMITER = 'ab'");

    expectValidation(() => body({ type: 'TSV', quote: 'a' as never }), { reason: 'invalid_value', field: 'quote' });
    expectValidation(() => body({ type: 'TSV', escape: '"' as never }), { reason: 'invalid_value', field: 'escape' });
    expectValidation(() => body({ type: 'TSV', nanDisplay: 'NAN' as never }), { reason: 'invalid_value', field: 'nanDisplay' });
    expectValidation(() => body({ type: 'CSV', encoding: ' ' }), { reason: 'invalid_format', field: 'encoding' });
    expect(body({ type: 'CSV', encoding: 'gbk' })).toBe("TYPE = CSV ENCODING = 'gbk'");
  });
});

describe('createFileFormat', () => {
  it('renders CREATE FILE FORMAT without parentheses', () => {
    expect(createFileFormat('everdrive_csv', { type: 'CSV', skipHeader: 1 }).compile()).toBe('CREATE FILE FORMAT everdrive_csv TYPE = CSV SKIP_HEADER = 1');
    expect(createFileFormat('f', { type: 'PARQUET' }).compile()).toBe('CREATE FILE FORMAT f TYPE = PARQUET');
  });

  it('renders a LANCE format object, which takes no options', () => {
    expect(createFileFormat('my_lance', { type: 'LANCE' }).compile()).toBe('CREATE FILE FORMAT my_lance TYPE = LANCE');
    expect(createFileFormat('my_lance', { type: 'lance' } as never).compile()).toBe('CREATE FILE FORMAT my_lance TYPE = LANCE');
    expectValidation(() => createFileFormat('my_lance', { type: 'LANCE', compression: 'NONE' } as never), {
      reason: 'unknown_key',
      field: 'compression',
      call: "createFileFormat('my_lance')",
    });
  });

  it('renders OR REPLACE and IF NOT EXISTS', () => {
    expect(createFileFormat('f', { type: 'NDJSON' }).orReplace().compile()).toBe('CREATE OR REPLACE FILE FORMAT f TYPE = NDJSON');
    expect(createFileFormat('f', { type: 'NDJSON' }).ifNotExists().compile()).toBe('CREATE FILE FORMAT IF NOT EXISTS f TYPE = NDJSON');
  });

  it('renders through render() the same node', () => {
    const format = createFileFormat('f', { type: 'CSV' });
    expect(render(format.toNode())).toBe(format.compile());
    expect(format.name).toBe('f');
    expect(format.formatName).toBe('f');
  });

  it('refuses invalid names and OR REPLACE with IF NOT EXISTS', () => {
    expectValidation(() => createFileFormat('My Format', { type: 'CSV' }), {
      reason: 'invalid_format',
      field: 'file format name',
      call: "createFileFormat('My Format')",
    });
    expectValidation(() => createFileFormat('format', { type: 'CSV' }), { reason: 'reserved', field: 'file format name', call: "createFileFormat('format')" });
    expectValidation(() => createFileFormat('f', { type: 'CSV' }).orReplace().ifNotExists(), {
      reason: 'conflict',
      field: undefined,
      call: "createFileFormat('f').ifNotExists()",
    });
  });

  it('never changes the builder it was called on', () => {
    const format = createFileFormat('f', { type: 'CSV' });
    const before = format.toNode();
    format.orReplace();
    format.ifNotExists();
    expect(format.toNode()).toBe(before);
    expect(format.compile()).toBe('CREATE FILE FORMAT f TYPE = CSV');
  });
});

describe('dropFileFormat', () => {
  it('renders DROP FILE FORMAT', () => {
    expect(dropFileFormat('everdrive_csv').compile()).toBe('DROP FILE FORMAT everdrive_csv');
    expect(
      dropFileFormat(createFileFormat('f', { type: 'CSV' }))
        .ifExists()
        .compile(),
    ).toBe('DROP FILE FORMAT IF EXISTS f');
    expectValidation(() => dropFileFormat('a b'), { reason: 'invalid_format', field: 'file format name', call: 'dropFileFormat()' });
  });
});
