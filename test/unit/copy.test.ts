import { describe, expect, it } from 'vitest';
import { frameEmbeddings, framePayloads } from '../../examples/everdrive/tables.js';
import { copyInto } from '../../src/builders/copy-into-table.js';
import { sql } from '../../src/builders/sql.js';
import { ValidationError } from '../../src/errors.js';

const load = copyInto(frameEmbeddings).fromStage('drive_stage', 'embeddings/');
const raw = copyInto(frameEmbeddings).fromStage('drive_stage', 'embeddings/').raw();
/** The lines after the source of a raw load: the clauses under test. */
const clauses = (sqlText: string) => sqlText.split('\n').slice(2).join('\n');

describe('copyInto: the transform', () => {
  it("renders the guide's statement, casting each column to its type", () => {
    expect(load.fileFormat({ type: 'PARQUET' }).compile()).toBe(
      [
        'COPY INTO frame_embeddings (frame_id, session_id, embedding, model_version, created_at)',
        'FROM (',
        '  SELECT frame_id::STRING,',
        '         session_id::STRING,',
        '         embedding::VECTOR(4),',
        '         model_version::STRING,',
        '         created_at::TIMESTAMP',
        '  FROM @drive_stage/embeddings/',
        ')',
        "FILE_FORMAT = (TYPE = 'PARQUET')",
      ].join('\n'),
    );
  });

  it('projects a VARIANT column bare', () => {
    expect(copyInto(framePayloads).fromStage('drive_stage', 'payloads/').compile()).toBe(
      [
        'COPY INTO frame_payloads (frame_id, run_stage, payload, logged_at)',
        'FROM (',
        '  SELECT frame_id::STRING,',
        '         run_stage::STRING,',
        '         payload,',
        '         logged_at::TIMESTAMP',
        '  FROM @drive_stage/payloads/',
        ')',
      ].join('\n'),
    );
  });

  it('loads a subset of columns', () => {
    expect(load.columns(['frame_id', 'embedding']).compile()).toBe(
      [
        'COPY INTO frame_embeddings (frame_id, embedding)',
        'FROM (',
        '  SELECT frame_id::STRING,',
        '         embedding::VECTOR(4)',
        '  FROM @drive_stage/embeddings/',
        ')',
      ].join('\n'),
    );
  });

  it('maps a column from another source column or an expression', () => {
    const mapped = load.columns(['frame_id', 'embedding', 'created_at']).map({ frame_id: 'id', created_at: sql`to_timestamp(ts_ms / 1000)` });
    expect(mapped.compile()).toBe(
      [
        'COPY INTO frame_embeddings (frame_id, embedding, created_at)',
        'FROM (',
        '  SELECT id::STRING,',
        '         embedding::VECTOR(4),',
        '         to_timestamp(ts_ms / 1000)',
        '  FROM @drive_stage/embeddings/',
        ')',
      ].join('\n'),
    );
  });

  it('reads the whole stage without a path', () => {
    expect(copyInto(frameEmbeddings).fromStage('drive_stage').columns(['frame_id']).compile().split('\n')[3]).toBe('  FROM @drive_stage');
  });

  it('takes a stage by anything with a name', () => {
    expect(copyInto(frameEmbeddings).fromStage({ name: 'drive_stage' }, 'e/').raw().compile()).toBe('COPY INTO frame_embeddings\nFROM @drive_stage/e/');
  });
});

describe('copyInto: raw loads', () => {
  it('loads without a transform', () => {
    expect(raw.compile()).toBe(['COPY INTO frame_embeddings', 'FROM @drive_stage/embeddings/'].join('\n'));
  });

  it('keeps a column list', () => {
    expect(raw.columns(['frame_id', 'session_id']).compile()).toBe(['COPY INTO frame_embeddings (frame_id, session_id)', 'FROM @drive_stage/embeddings/'].join('\n'));
  });

  it('refuses a mapping, which needs the transform', () => {
    const rule = 'raw() loads the files as they are, so there is no transform for map() to change';
    expect(() => raw.map({ frame_id: 'id' })).toThrow(new ValidationError('conflict', "copyInto('frame_embeddings').map()", rule));
    expect(() => load.map({ frame_id: 'id' }).raw()).toThrow(new ValidationError('conflict', "copyInto('frame_embeddings').raw()", rule));
  });
});

describe('copyInto: file selection and format', () => {
  it('renders FILES and PATTERN', () => {
    expect(clauses(raw.files(['a.parquet', 'b.parquet']).compile())).toBe("FILES = ('a.parquet', 'b.parquet')");
    expect(clauses(raw.pattern('.*[.]parquet').compile())).toBe("PATTERN = '.*[.]parquet'");
  });

  it('renders them after the transform', () => {
    expect(load.columns(['frame_id']).pattern('.*').fileFormat({ type: 'PARQUET' }).compile().split('\n').slice(-2).join('\n')).toBe(
      ["PATTERN = '.*'", "FILE_FORMAT = (TYPE = 'PARQUET')"].join('\n'),
    );
  });

  it('escapes hostile file names and patterns; refuses in FILES what a stage path refuses', () => {
    expect(clauses(raw.files(["it's.csv", 'a "b".csv', '$$;--.csv', 'ünï😀.csv', 'x\u0085y.csv']).compile())).toBe(
      "FILES = ('it\\'s.csv', 'a \"b\".csv', '$$;--.csv', 'ünï😀.csv', 'x\u0085y.csv')",
    );
    const rule = 'a FILES entry must not contain backslashes or control characters';
    for (const file of ['back\\slash.csv', 'new\nline.csv', 'nul\0.csv', 'del\x7f.csv']) {
      expect(() => raw.files([file])).toThrow(new ValidationError('invalid_format', "copyInto('frame_embeddings').files()", rule, 'files'));
    }
    expect(() => raw.files(['a'.repeat(1025)])).toThrow(new ValidationError('too_big', "copyInto('frame_embeddings').files()", 'a FILES entry must be at most 1024 characters', 'files'));
    expect(() => raw.files([' lead.csv'])).toThrow(new ValidationError('invalid_format', "copyInto('frame_embeddings').files()", 'a FILES entry must not start or end with white space (the engine trims it)', 'files'));
    expect(clauses(raw.pattern("^.*\\.(csv|tsv)$'; DROP TABLE x; --").compile())).toBe("PATTERN = '^.*\\\\.(csv|tsv)$\\'; DROP TABLE x; --'");
  });

  it('refuses FILES together with PATTERN, in either order', () => {
    const rule = 'FILES and PATTERN cannot be used together: list the files or match them, not both';
    expect(() => raw.files(['a']).pattern('.*')).toThrow(new ValidationError('conflict', "copyInto('frame_embeddings').pattern()", rule));
    expect(() => raw.pattern('.*').files(['a'])).toThrow(new ValidationError('conflict', "copyInto('frame_embeddings').files()", rule));
  });

  it('refuses empty FILES and PATTERN', () => {
    expect(() => raw.files([])).toThrow("copyInto('frame_embeddings').files(): FILES needs at least one file name");
    expect(() => raw.files([''])).toThrow('FILES entries must be non-empty strings');
    expect(() => raw.pattern('')).toThrow("copyInto('frame_embeddings').pattern(): PATTERN must be a non-empty regular expression");
  });

  it('renders inline and named file formats', () => {
    expect(clauses(raw.fileFormat({ type: 'CSV', skipHeader: 1, fieldDelimiter: '|' }).compile())).toBe(
      "FILE_FORMAT = (TYPE = 'CSV', SKIP_HEADER = 1, FIELD_DELIMITER = '|')",
    );
    expect(clauses(raw.fileFormat({ formatName: 'everdrive_csv' }).compile())).toBe("FILE_FORMAT = (FORMAT_NAME = 'everdrive_csv')");
  });

  it('refuses a file format option the type does not have', () => {
    expect(() => raw.fileFormat({ type: 'CSV', useLogicType: true } as never)).toThrow(
      "copyInto('frame_embeddings').fileFormat(): CSV files have no option 'useLogicType'",
    );
  });
});

describe('copyInto: options', () => {
  it('renders each option', () => {
    expect(clauses(raw.onError('CONTINUE').compile())).toBe('ON_ERROR = CONTINUE');
    expect(clauses(raw.onError('ABORT').compile())).toBe('ON_ERROR = ABORT');
    expect(clauses(raw.onError('SKIP_FILE').compile())).toBe('ON_ERROR = SKIP_FILE');
    expect(clauses(raw.onError({ abortAfter: 3 }).compile())).toBe('ON_ERROR = ABORT_3');
    expect(clauses(raw.onError({ skipFileAfter: 3 }).compile())).toBe('ON_ERROR = SKIP_FILE_3');
    expect(clauses(raw.force().compile())).toBe('FORCE = TRUE');
    expect(clauses(raw.force(false).compile())).toBe('FORCE = FALSE');
    expect(clauses(raw.purge().compile())).toBe('PURGE = TRUE');
    expect(clauses(raw.maxFiles(100).compile())).toBe('MAX_FILES = 100');
    expect(clauses(raw.maxFiles(15000).compile())).toBe('MAX_FILES = 15000');
    expect(clauses(raw.sizeLimit(1000).compile())).toBe('SIZE_LIMIT = 1000');
    expect(clauses(raw.splitSize(4096).compile())).toBe('SPLIT_SIZE = 4096');
    expect(clauses(raw.disableVariantCheck().compile())).toBe('DISABLE_VARIANT_CHECK = TRUE');
    expect(clauses(raw.returnFailedOnly().compile())).toBe('RETURN_FAILED_ONLY = TRUE');
    expect(clauses(raw.columnMatchMode('CASE_SENSITIVE').compile())).toBe('COLUMN_MATCH_MODE = CASE_SENSITIVE');
    expect(clauses(raw.columnMatchMode('CASE_INSENSITIVE').compile())).toBe('COLUMN_MATCH_MODE = CASE_INSENSITIVE');
  });

  it('renders the clauses in a fixed order, one per line', () => {
    const all = raw
      .columnMatchMode('CASE_INSENSITIVE')
      .returnFailedOnly()
      .disableVariantCheck()
      .splitSize(2)
      .sizeLimit(1)
      .maxFiles(10)
      .purge()
      .force()
      .onError('CONTINUE')
      .fileFormat({ type: 'PARQUET' })
      .pattern('.*');
    expect(clauses(all.compile())).toBe(
      [
        "PATTERN = '.*'",
        "FILE_FORMAT = (TYPE = 'PARQUET')",
        'ON_ERROR = CONTINUE',
        'FORCE = TRUE',
        'PURGE = TRUE',
        'MAX_FILES = 10',
        'SIZE_LIMIT = 1',
        'SPLIT_SIZE = 2',
        'DISABLE_VARIANT_CHECK = TRUE',
        'RETURN_FAILED_ONLY = TRUE',
        'COLUMN_MATCH_MODE = CASE_INSENSITIVE',
      ].join('\n'),
    );
  });

  it('refuses values outside each domain with the rule', () => {
    const onError = "copyInto('frame_embeddings').onError()";
    const thresholdRule = 'ON_ERROR takes ABORT, CONTINUE, SKIP_FILE, { abortAfter: n } or { skipFileAfter: n } with n a positive integer';
    expect(() => raw.onError('IGNORE' as never)).toThrow(new ValidationError('invalid_value', onError, 'ON_ERROR must be one of ABORT, CONTINUE, SKIP_FILE'));
    expect(() => raw.onError({ abortAfter: 0 })).toThrow(new ValidationError('too_small', onError, thresholdRule));
    expect(() => raw.onError({ skipFileAfter: 2.5 })).toThrow(thresholdRule);
    expect(() => raw.maxFiles(15001)).toThrow("copyInto('frame_embeddings').maxFiles(): MAX_FILES must be an integer from 1 to 15000");
    expect(() => raw.maxFiles(0)).toThrow('MAX_FILES must be an integer from 1 to 15000');
    expect(() => raw.sizeLimit(-1)).toThrow('SIZE_LIMIT must be a positive integer');
    expect(() => raw.splitSize(0.5)).toThrow('SPLIT_SIZE must be a positive integer');
    expect(() => raw.columnMatchMode('case-sensitive' as never)).toThrow('COLUMN_MATCH_MODE must be one of CASE_SENSITIVE, CASE_INSENSITIVE, POSITION');
  });

  it('refuses COLUMN_MATCH_MODE with a format other than Parquet, in either order', () => {
    const rule = 'COLUMN_MATCH_MODE applies only to PARQUET files';
    expect(() => raw.fileFormat({ type: 'CSV' }).columnMatchMode('CASE_SENSITIVE')).toThrow(
      new ValidationError('conflict', "copyInto('frame_embeddings').columnMatchMode()", rule),
    );
    expect(() => raw.columnMatchMode('CASE_SENSITIVE').fileFormat({ type: 'NDJSON' })).toThrow(rule);
    expect(() => raw.columnMatchMode('CASE_SENSITIVE').fileFormat({ formatName: 'f' })).not.toThrow();
  });
});

describe('copyInto: columns', () => {
  it('refuses unknown, repeated or no columns', () => {
    expect(() => load.columns(['frame_idx' as never])).toThrow(
      new ValidationError('unknown_key', "copyInto('frame_embeddings').columns()", "'frame_idx' is not a column of frame_embeddings", 'frame_idx'),
    );
    expect(() => load.columns(['frame_id', 'frame_id'])).toThrow('columns() lists a column twice');
    expect(() => load.columns([])).toThrow('columns() needs at least one column');
  });

  it('refuses a mapping key that is not among the chosen columns, whichever of columns() and map() comes last', () => {
    const rule = "map() key 'session_id' is not among the columns chosen with columns() (frame_id): a mapping key must be one of the chosen columns, or its source is ignored";
    expect(() => load.columns(['frame_id']).map({ frame_id: 'id', session_id: 'sid' })).toThrow(
      new ValidationError('conflict', "copyInto('frame_embeddings').map()", rule, 'session_id'),
    );
    expect(() => load.map({ frame_id: 'id', session_id: 'sid' }).columns(['frame_id'])).toThrow(
      new ValidationError('conflict', "copyInto('frame_embeddings').columns()", rule, 'session_id'),
    );
    expect(() => load.columns(['frame_id']).map({ session_id: sql`$2` })).toThrow("copyInto('frame_embeddings').map(): map() key 'session_id'");
  });

  it('maps the chosen columns and leaves the others to their own names', () => {
    expect(load.columns(['frame_id', 'session_id']).map({ session_id: 'sid' }).compile()).toBe(
      ['COPY INTO frame_embeddings (frame_id, session_id)', 'FROM (', '  SELECT frame_id::STRING,', '         sid::STRING', '  FROM @drive_stage/embeddings/', ')'].join('\n'),
    );
    // A key left undefined is no mapping at all.
    expect(load.columns(['frame_id']).map({ frame_id: 'id', session_id: undefined }).compile().split('\n')[2]).toBe('  SELECT id::STRING');
  });

  it('refuses a mapping of an unknown column', () => {
    expect(() => load.map({ nope: 'x' } as never)).toThrow(ValidationError);
  });

  it('refuses a hostile stage path', () => {
    expect(() => copyInto(frameEmbeddings).fromStage('drive_stage', "a\\'; DROP TABLE x")).toThrow(
      "copyInto('frame_embeddings').fromStage(): a stage path must not contain backslashes or control characters",
    );
    expect(() => copyInto(frameEmbeddings).fromStage('drive_stage', 'a/\n')).toThrow(ValidationError);
    expect(() => copyInto(frameEmbeddings).fromStage('drive stage')).toThrow(ValidationError);
  });

  it("reads a path holding a space or a quote through the quoted location, '@stage/path', escaped", () => {
    const from = (path: string) => copyInto(frameEmbeddings).fromStage('drive_stage', path);
    expect(from('path with space/').compile().split('\n').at(-2)).toBe("  FROM '@drive_stage/path with space/'");
    expect(from("a b'; DROP TABLE x").compile().split('\n').at(-2)).toBe("  FROM '@drive_stage/a b\\'; DROP TABLE x'");
    expect(from('path with space/').raw().files(['a b.parquet']).compile()).toBe(
      ["COPY INTO frame_embeddings", "FROM '@drive_stage/path with space/'", "FILES = ('a b.parquet')"].join('\n'),
    );
    expect(from('embeddings/').compile().split('\n').at(-2)).toBe('  FROM @drive_stage/embeddings/');
  });
});

describe('copyInto: immutability', () => {
  it('never changes the builder it was called on', () => {
    const before = raw.toNode();
    raw.files(['a']).force().onError('CONTINUE').fileFormat({ type: 'PARQUET' }).columns(['frame_id']);
    load.map({ frame_id: 'id' }).columns(['frame_id']);
    expect(raw.toNode()).toBe(before);
    expect(raw.compile()).toBe('COPY INTO frame_embeddings\nFROM @drive_stage/embeddings/');
    expect(load.compile().split('\n')[0]).toBe('COPY INTO frame_embeddings (frame_id, session_id, embedding, model_version, created_at)');
    expect(Object.isFrozen(before.options)).toBe(true);
  });
});
