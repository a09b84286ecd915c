import { describe, expect, it } from 'vitest';
import { createFileFormat } from '../../src/builders/create-file-format.js';
import { aliasedCastProjection, castProjection } from '../../src/builders/projection.js';
import { selectFromStage } from '../../src/builders/select-stage.js';
import { sql } from '../../src/builders/sql.js';
import { createStage } from '../../src/builders/create-stage.js';
import { renderExpression } from '../../src/render/expression.js';
import { table, type AnyTable } from '../../src/schema/table.js';
import * as t from '../../src/schema/column-types.js';
import { expectValidation } from '../support/expect-validation.js';

const driveStage = createStage('drive_stage').url('s3://everdrive-lakehouse/raw/');
const driveSessions = table('drive_sessions', {
  session_id: t.string().notNull(),
  frame_index: t.int(),
  payload: t.variant(),
  embedding: t.vector(4),
  'Start Time': t.timestamp(),
});

describe('selectFromStage', () => {
  it("renders the guide's previews", () => {
    expect(selectFromStage(driveStage, 'sessions/session_2024_08_16.parquet').limit(5).compile()).toBe(
      ['SELECT *', 'FROM @drive_stage/sessions/session_2024_08_16.parquet', 'LIMIT 5'].join('\n'),
    );
    expect(selectFromStage('drive_stage', 'frame-events/frame_events_2024_08_16.parquet').limit(5).compile()).toBe(
      ['SELECT *', 'FROM @drive_stage/frame-events/frame_events_2024_08_16.parquet', 'LIMIT 5'].join('\n'),
    );
  });

  it("quotes the location, '@stage/path', when the path holds a space, a quote, a comma, a semicolon, a parenthesis or a backtick", () => {
    expect(selectFromStage('drive_stage', 'path with space/').compile()).toBe("SELECT *\nFROM '@drive_stage/path with space/'");
    expect(
      selectFromStage('drive_stage', 'path with space/').typedAs(driveSessions).columns('session_id').fileFormat('PARQUET').pattern('.*').limit(1).compile(),
    ).toBe(
      ['SELECT session_id::STRING AS session_id', "FROM '@drive_stage/path with space/' (FILE_FORMAT => 'PARQUET', PATTERN => '.*')", 'LIMIT 1'].join('\n'),
    );
    expect(selectFromStage('drive_stage', 'it\'s (v2), a;b`c"d/').compile()).toBe("SELECT *\nFROM '@drive_stage/it\\'s (v2), a;b`c\"d/'");
    expect(selectFromStage('~', 'u s/').compile()).toBe("SELECT *\nFROM '@~/u s/'");
    expect(selectFromStage('drive_stage', 'a\u0085b/').compile()).toBe("SELECT *\nFROM '@drive_stage/a\u0085b/'");
  });

  it('keeps an ordinary path bare', () => {
    expect(selectFromStage('drive_stage', 'sessions/2024-08-16/@x~y=z+%20.parquet').compile()).toBe(
      'SELECT *\nFROM @drive_stage/sessions/2024-08-16/@x~y=z+%20.parquet',
    );
  });

  it('renders the whole stage without LIMIT', () => {
    expect(selectFromStage('drive_stage').compile()).toBe('SELECT *\nFROM @drive_stage');
    expect(selectFromStage('drive_stage').limit(0).compile()).toBe('SELECT *\nFROM @drive_stage\nLIMIT 0');
  });

  it('renders FILE_FORMAT by type and by name', () => {
    expect(selectFromStage('s', 'p/').fileFormat('PARQUET').compile().split('\n')[1]).toBe("FROM @s/p/ (FILE_FORMAT => 'PARQUET')");
    expect(selectFromStage('s', 'p/').fileFormat({ formatName: 'everdrive_csv' }).compile().split('\n')[1]).toBe("FROM @s/p/ (FILE_FORMAT => 'everdrive_csv')");
    const csv = createFileFormat('everdrive_csv', { type: 'CSV', skipHeader: 1 });
    expect(selectFromStage('s', 'p/').fileFormat(csv).compile().split('\n')[1]).toBe("FROM @s/p/ (FILE_FORMAT => 'everdrive_csv')");
  });

  it('renders PATTERN and FILES, escaped', () => {
    expect(selectFromStage('s', 'p/').pattern('.*[.]parquet').compile().split('\n')[1]).toBe("FROM @s/p/ (PATTERN => '.*[.]parquet')");
    expect(selectFromStage('s', 'p/').files(['a.parquet', "b'c.parquet"]).compile().split('\n')[1]).toBe(
      "FROM @s/p/ (FILES => ('a.parquet', 'b\\'c.parquet'))",
    );
    expect(selectFromStage('s', 'p/').files(['a.parquet']).fileFormat('PARQUET').compile().split('\n')[1]).toBe(
      "FROM @s/p/ (FILE_FORMAT => 'PARQUET', FILES => ('a.parquet'))",
    );
    expect(selectFromStage('s').pattern('x').fileFormat('NDJSON').compile().split('\n')[1]).toBe("FROM @s (FILE_FORMAT => 'NDJSON', PATTERN => 'x')");
  });

  it('renders WHERE after FROM and before LIMIT', () => {
    expect(selectFromStage('s', 'p/').limit(10).where(sql`frame_index > ${5} AND session_id = ${"it's"}`).compile()).toBe(
      ['SELECT *', 'FROM @s/p/', "WHERE frame_index > 5 AND session_id = 'it\\'s'", 'LIMIT 10'].join('\n'),
    );
  });

  it('renders columns by name, quoted when they must be', () => {
    expect(selectFromStage('s', 'p/').columns('session_id', 'Start Time', 'select').compile()).toBe(
      ['SELECT session_id,', '       "Start Time",', '       "select"', 'FROM @s/p/'].join('\n'),
    );
  });

  it('quotes names that differ only in case, and only those: bare, the engine finds both in a Parquet file (1065)', () => {
    const pair = table('pair', { b: t.int(), B: t.int(), c: t.int() });
    expect(selectFromStage('s', 'p/').typedAs(pair).compile()).toBe(
      ['SELECT "b"::INT AS "b",', '       "B"::INT AS "B",', '       c::INT AS c', 'FROM @s/p/'].join('\n'),
    );
    expect(selectFromStage('s', 'p/').columns('b', 'B', 'c').compile()).toBe(['SELECT "b",', '       "B",', '       c', 'FROM @s/p/'].join('\n'));
    // A mapping's source names count: `b` read beside a column named `B`.
    const mapped = table('mapped', { x: t.int(), B: t.int() });
    expect(selectFromStage('s', 'p/').typedAs(mapped, { x: 'b' }).compile()).toBe(['SELECT "b"::INT AS x,', '       "B"::INT AS "B"', 'FROM @s/p/'].join('\n'));
    // An alias is matched against nothing: `X` read from `x` keeps the engine's matching in any case.
    expect(
      selectFromStage('s', 'p/')
        .typedAs(table('upper', { X: t.int() }), { X: 'x' })
        .compile(),
    ).toBe(['SELECT x::INT AS "X"', 'FROM @s/p/'].join('\n'));
    // The same name twice is no collision.
    expect(
      selectFromStage('s', 'p/')
        .typedAs(table('same', { b: t.int(), c: t.int() }), { c: 'b' })
        .compile(),
    ).toBe(['SELECT b::INT AS b,', '       b::INT AS c', 'FROM @s/p/'].join('\n'));
  });

  it('renders typedAs: every column cast to its type and named after it, VARIANT included', () => {
    expect(selectFromStage(driveStage, 'sessions/').typedAs(driveSessions).limit(5).compile()).toBe(
      [
        'SELECT session_id::STRING AS session_id,',
        '       frame_index::INT AS frame_index,',
        // Bare, a Parquet JSON string column would come back as text (checked on the engine).
        '       payload::VARIANT AS payload,',
        '       embedding::VECTOR(4) AS embedding,',
        '       "Start Time"::TIMESTAMP AS "Start Time"',
        'FROM @drive_stage/sessions/',
        'LIMIT 5',
      ].join('\n'),
    );
  });

  it('renders typedAs with a mapping and columns', () => {
    const select = selectFromStage('s', 'x.csv')
      .fileFormat('CSV')
      .typedAs(driveSessions, { session_id: sql`$1`, frame_index: 'idx', payload: 'body' })
      .columns('session_id', 'frame_index', 'payload');
    expect(select.compile()).toBe(
      ['SELECT $1 AS session_id,', '       idx::INT AS frame_index,', '       body::VARIANT AS payload', "FROM @s/x.csv (FILE_FORMAT => 'CSV')"].join('\n'),
    );
  });

  it("keeps typedAs()'s mapping for the whole table when columns() then narrows the SELECT list", () => {
    // typedAs() says how each column of the table is read from the files; columns() picks some of them to preview, so
    // a mapping of a column left out is not a mistake here, unlike copyInto(t).columns([...]).map({...}).
    const csv = selectFromStage('s', 'x.csv').fileFormat('CSV').typedAs(driveSessions, { session_id: sql`$1`, frame_index: sql`$2`, payload: sql`$3` });
    expect(csv.columns('frame_index').compile()).toBe(['SELECT $2 AS frame_index', "FROM @s/x.csv (FILE_FORMAT => 'CSV')"].join('\n'));
  });

  it('resets columns() when typedAs() is called', () => {
    expect(
      selectFromStage('s')
        .columns('a')
        .typedAs(table('t', { b: t.string() }))
        .compile(),
    ).toBe('SELECT b::STRING AS b\nFROM @s');
  });

  it('keeps the node shape other statements reuse', () => {
    expect(selectFromStage('s', 'p/').fileFormat('PARQUET').toNode()).toEqual({
      kind: 'SelectStageStmt',
      projection: [],
      location: { stage: 's', path: 'p/' },
      options: { fileFormat: 'PARQUET', pattern: undefined, files: undefined },
      alias: undefined,
      where: undefined,
      limit: undefined,
    });
  });
});

describe('selectFromStage: invalid input', () => {
  const s = selectFromStage('drive_stage', 'p/');

  it('refuses FILES with PATTERN, naming the second call', () => {
    expectValidation(() => s.files(['a']).pattern('b'), { reason: 'conflict', field: undefined, call: "selectFromStage('drive_stage').pattern()" });
    expectValidation(() => s.pattern('b').files(['a']), { reason: 'conflict', field: undefined, call: "selectFromStage('drive_stage').files()" });
  });

  it('refuses invalid options', () => {
    expectValidation(() => s.fileFormat('XML' as never), { reason: 'invalid_value', field: 'format', call: "selectFromStage('drive_stage').fileFormat()" });
    expectValidation(() => s.fileFormat({ formatName: 'a b' }), { reason: 'invalid_format', field: 'formatName' });
    expectValidation(() => s.pattern(''), { reason: 'too_small', field: 'pattern', call: "selectFromStage('drive_stage').pattern()" });
    expectValidation(() => s.files([]), { reason: 'too_small', field: 'files', call: "selectFromStage('drive_stage').files()" });
    expectValidation(() => s.files(['']), { reason: 'too_small', field: 'files' });
    expectValidation(() => s.limit(-1), { reason: 'too_small', field: undefined, call: "selectFromStage('drive_stage').limit()" });
    expectValidation(() => s.limit(1.5), { reason: 'invalid_type', field: undefined });
    expectValidation(() => s.where('1 = 1' as never), { reason: 'invalid_type', field: undefined, call: "selectFromStage('drive_stage').where()" });
  });

  it('refuses invalid columns', () => {
    expectValidation(() => s.columns(), { reason: 'too_small', field: undefined, call: "selectFromStage('drive_stage').columns()" });
    expectValidation(() => s.columns('a', 'a'), { reason: 'conflict', field: undefined });
    expectValidation(() => s.columns('a\u0000'), { reason: 'invalid_format', field: 'column name' });
    expectValidation(() => s.typedAs(driveSessions).columns('nope' as never), {
      reason: 'unknown_key',
      field: 'nope',
      call: "selectFromStage('drive_stage').columns()",
    });
    expectValidation(() => s.typedAs(driveSessions, { nope: 'x' } as never), {
      reason: 'unknown_key',
      field: 'nope',
      call: "selectFromStage('drive_stage').typedAs()",
    });
    // A block body: inferring expect()'s type from the row of a table of unknown columns goes too deep for tsc.
    expectValidation(
      () => {
        s.typedAs({} as AnyTable);
      },
      { reason: 'invalid_type', field: 'table', call: "selectFromStage('drive_stage').typedAs()" },
    );
  });

  it('refuses invalid stage paths', () => {
    expectValidation(() => selectFromStage('s', 'a\\b'), { reason: 'invalid_format', field: 'path', call: 'selectFromStage()' });
    expectValidation(() => selectFromStage('s', 'a\nb'), { reason: 'invalid_format', field: 'path', call: 'selectFromStage()' });
    expectValidation(() => selectFromStage('s', 'a b '), { reason: 'invalid_format', field: 'path', call: 'selectFromStage()' });
    expectValidation(() => selectFromStage('s', '/a'), { reason: 'invalid_format', field: 'path', call: 'selectFromStage()' });
    expectValidation(() => selectFromStage('s', '../a'), { reason: 'invalid_format', field: 'path', call: 'selectFromStage()' });
  });
});

describe('selectFromStage: immutability', () => {
  it('never changes the builder it was called on', () => {
    const s = selectFromStage('s', 'p/');
    const before = s.toNode();
    s.limit(5).where(sql`x`).fileFormat('PARQUET').pattern('x').columns('a');
    s.files(['a']);
    s.typedAs(driveSessions);
    expect(s.toNode()).toBe(before);
    expect(s.compile()).toBe('SELECT *\nFROM @s/p/');
  });
});

describe('castProjection', () => {
  // Cast nodes: the renderer writes `source::TYPE`.
  it('casts without aliases, the COPY form', () => {
    expect(castProjection(driveSessions, 'test').map((item) => [renderExpression(item.expression), item.alias])).toEqual([
      ['session_id::STRING', undefined],
      ['frame_index::INT', undefined],
      ['payload', undefined],
      ['embedding::VECTOR(4)', undefined],
      ['"Start Time"::TIMESTAMP', undefined],
    ]);
  });

  it('aliases every item and casts VARIANT too', () => {
    expect(
      aliasedCastProjection(driveSessions, 'test', ['payload', 'frame_index'], { payload: 'body' }).map((item) => [
        renderExpression(item.expression),
        item.alias,
      ]),
    ).toEqual([
      ['body::VARIANT', 'payload'],
      ['frame_index::INT', 'frame_index'],
    ]);
    expect(aliasedCastProjection(driveSessions, 'test', ['payload']).map((item) => [renderExpression(item.expression), item.alias])).toEqual([
      ['payload::VARIANT', 'payload'],
    ]);
  });

  it('quotes hostile source column names', () => {
    expect(renderExpression(castProjection(driveSessions, 'test', ['session_id'], { session_id: 'a"b' })[0]!.expression)).toBe('"a""b"::STRING');
  });
});
