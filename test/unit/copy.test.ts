import { describe, expect, it } from 'vitest';
import { frameEmbeddings, framePayloads } from '../../examples/everdrive/tables.js';
import { copyInto } from '../../src/builders/copy-into-table.js';
import { sql } from '../../src/builders/sql.js';
import { int, variant } from '../../src/schema/column-types.js';
import { table } from '../../src/schema/table.js';
import { expectValidation } from '../support/expect-validation.js';

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

  it('quotes source names that differ only in case, each then matched exactly (bare, both are ambiguous: 1065)', () => {
    const pair = table('pair', { b: int(), B: int(), payload: variant() });
    expect(copyInto(pair).fromStage('s', 'p/').compile()).toBe(
      ['COPY INTO pair (b, "B", payload)', 'FROM (', '  SELECT "b"::INT,', '         "B"::INT,', '         payload', '  FROM @s/p/', ')'].join('\n'),
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
    expect(raw.columns(['frame_id', 'session_id']).compile()).toBe(
      ['COPY INTO frame_embeddings (frame_id, session_id)', 'FROM @drive_stage/embeddings/'].join('\n'),
    );
  });

  it('refuses a mapping, which needs the transform', () => {
    expectValidation(() => raw.map({ frame_id: 'id' }), { reason: 'conflict', field: undefined, call: "copyInto('frame_embeddings').map()" });
    expectValidation(() => load.map({ frame_id: 'id' }).raw(), { reason: 'conflict', field: undefined, call: "copyInto('frame_embeddings').raw()" });
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
    for (const file of ['back\\slash.csv', 'new\nline.csv', 'nul\0.csv', 'del\x7f.csv']) {
      expectValidation(() => raw.files([file]), { reason: 'invalid_format', field: 'files', call: "copyInto('frame_embeddings').files()" });
    }
    expectValidation(() => raw.files(['a'.repeat(1025)]), { reason: 'too_big', field: 'files', call: "copyInto('frame_embeddings').files()" });
    expectValidation(() => raw.files([' lead.csv']), { reason: 'invalid_format', field: 'files', call: "copyInto('frame_embeddings').files()" });
    expect(clauses(raw.pattern("^.*\\.(csv|tsv)$'; DROP TABLE x; --").compile())).toBe("PATTERN = '^.*\\\\.(csv|tsv)$\\'; DROP TABLE x; --'");
  });

  it('refuses FILES together with PATTERN, in either order', () => {
    expectValidation(() => raw.files(['a']).pattern('.*'), { reason: 'conflict', field: undefined, call: "copyInto('frame_embeddings').pattern()" });
    expectValidation(() => raw.pattern('.*').files(['a']), { reason: 'conflict', field: undefined, call: "copyInto('frame_embeddings').files()" });
  });

  it('refuses empty FILES and PATTERN', () => {
    expectValidation(() => raw.files([]), { reason: 'too_small', field: 'files', call: "copyInto('frame_embeddings').files()" });
    expectValidation(() => raw.files(['']), { reason: 'too_small', field: 'files' });
    expectValidation(() => raw.pattern(''), { reason: 'too_small', field: 'pattern', call: "copyInto('frame_embeddings').pattern()" });
  });

  it('renders inline and named file formats', () => {
    expect(clauses(raw.fileFormat({ type: 'CSV', skipHeader: 1, fieldDelimiter: '|' }).compile())).toBe(
      "FILE_FORMAT = (TYPE = 'CSV', SKIP_HEADER = 1, FIELD_DELIMITER = '|')",
    );
    expect(clauses(raw.fileFormat({ formatName: 'everdrive_csv' }).compile())).toBe("FILE_FORMAT = (FORMAT_NAME = 'everdrive_csv')");
  });

  it('refuses a file format option the type does not have', () => {
    expectValidation(() => raw.fileFormat({ type: 'CSV', useLogicType: true } as never), {
      reason: 'unknown_key',
      field: 'useLogicType',
      call: "copyInto('frame_embeddings').fileFormat()",
    });
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
    expectValidation(() => raw.onError('IGNORE' as never), { reason: 'invalid_value', field: undefined, call: "copyInto('frame_embeddings').onError()" });
    expectValidation(() => raw.onError({ abortAfter: 0 }), { reason: 'too_small', field: undefined, call: "copyInto('frame_embeddings').onError()" });
    expectValidation(() => raw.onError({ skipFileAfter: 2.5 }), { reason: 'invalid_type', field: undefined, call: "copyInto('frame_embeddings').onError()" });
    expectValidation(() => raw.maxFiles(15001), { reason: 'too_big', field: undefined, call: "copyInto('frame_embeddings').maxFiles()" });
    expectValidation(() => raw.maxFiles(0), { reason: 'too_small', field: undefined });
    expectValidation(() => raw.sizeLimit(-1), { reason: 'too_small', field: 'SIZE_LIMIT' });
    expectValidation(() => raw.splitSize(0.5), { reason: 'invalid_type', field: 'SPLIT_SIZE' });
    expectValidation(() => raw.columnMatchMode('case-sensitive' as never), { reason: 'invalid_value', field: undefined });
  });

  it('refuses COLUMN_MATCH_MODE with a format other than Parquet, in either order', () => {
    expectValidation(() => raw.fileFormat({ type: 'CSV' }).columnMatchMode('CASE_SENSITIVE'), {
      reason: 'conflict',
      field: undefined,
      call: "copyInto('frame_embeddings').columnMatchMode()",
    });
    expectValidation(() => raw.columnMatchMode('CASE_SENSITIVE').fileFormat({ type: 'NDJSON' }), {
      reason: 'conflict',
      field: undefined,
      call: "copyInto('frame_embeddings').fileFormat()",
    });
    expect(() => raw.columnMatchMode('CASE_SENSITIVE').fileFormat({ formatName: 'f' })).not.toThrow();
  });
});

describe('copyInto: columns', () => {
  it('refuses unknown, repeated or no columns', () => {
    expectValidation(() => load.columns(['frame_idx' as never]), { reason: 'unknown_key', field: 'frame_idx', call: "copyInto('frame_embeddings').columns()" });
    expectValidation(() => load.columns(['frame_id', 'frame_id']), { reason: 'conflict', field: undefined });
    expectValidation(() => load.columns([]), { reason: 'too_small', field: undefined });
  });

  it('refuses a mapping key that is not among the chosen columns, whichever of columns() and map() comes last', () => {
    expectValidation(() => load.columns(['frame_id']).map({ frame_id: 'id', session_id: 'sid' }), {
      reason: 'conflict',
      field: 'session_id',
      call: "copyInto('frame_embeddings').map()",
    });
    expectValidation(() => load.map({ frame_id: 'id', session_id: 'sid' }).columns(['frame_id']), {
      reason: 'conflict',
      field: 'session_id',
      call: "copyInto('frame_embeddings').columns()",
    });
    expectValidation(() => load.columns(['frame_id']).map({ session_id: sql`$2` }), {
      reason: 'conflict',
      field: 'session_id',
      call: "copyInto('frame_embeddings').map()",
    });
  });

  it('maps the chosen columns and leaves the others to their own names', () => {
    expect(load.columns(['frame_id', 'session_id']).map({ session_id: 'sid' }).compile()).toBe(
      [
        'COPY INTO frame_embeddings (frame_id, session_id)',
        'FROM (',
        '  SELECT frame_id::STRING,',
        '         sid::STRING',
        '  FROM @drive_stage/embeddings/',
        ')',
      ].join('\n'),
    );
    // A key left undefined is no mapping at all.
    expect(load.columns(['frame_id']).map({ frame_id: 'id', session_id: undefined }).compile().split('\n')[2]).toBe('  SELECT id::STRING');
  });

  it('refuses a mapping of an unknown column', () => {
    expectValidation(() => load.map({ nope: 'x' } as never), { reason: 'unknown_key', field: 'nope' });
  });

  it('refuses a hostile stage path', () => {
    expectValidation(() => copyInto(frameEmbeddings).fromStage('drive_stage', "a\\'; DROP TABLE x"), {
      reason: 'invalid_format',
      field: 'path',
      call: "copyInto('frame_embeddings').fromStage()",
    });
    expectValidation(() => copyInto(frameEmbeddings).fromStage('drive_stage', 'a/\n'), { reason: 'invalid_format', field: 'path' });
    expectValidation(() => copyInto(frameEmbeddings).fromStage('drive stage'), { reason: 'invalid_format', field: 'stage name' });
  });

  it("reads a path holding a space or a quote through the quoted location, '@stage/path', escaped", () => {
    const from = (path: string) => copyInto(frameEmbeddings).fromStage('drive_stage', path);
    expect(from('path with space/').compile().split('\n').at(-2)).toBe("  FROM '@drive_stage/path with space/'");
    expect(from("a b'; DROP TABLE x").compile().split('\n').at(-2)).toBe("  FROM '@drive_stage/a b\\'; DROP TABLE x'");
    expect(from('path with space/').raw().files(['a b.parquet']).compile()).toBe(
      ['COPY INTO frame_embeddings', "FROM '@drive_stage/path with space/'", "FILES = ('a b.parquet')"].join('\n'),
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
