import { describe, expect, it } from 'vitest';
import { copyInto } from '../../src/builders/copy-into-table.js';
import { createStage } from '../../src/builders/create-stage.js';
import { insertInto } from '../../src/builders/insert.js';
import { selectFromStage } from '../../src/builders/select-stage.js';
import { sql } from '../../src/builders/sql.js';
import { staged } from '../../src/builders/staged-columns.js';
import { inferSchema, listStageFiles } from '../../src/builders/table-functions.js';
import { createTable, render } from '../../src/index.js';
import { renderExpression } from '../../src/render/expression.js';
import * as t from '../../src/schema/column-types.js';
import { table } from '../../src/schema/table.js';
import { expectValidation } from '../support/expect-validation.js';

const driveStage = createStage('drive_stage').url('s3://everdrive-lakehouse/raw/');
const items = table('items', { id: t.int().notNull(), title: t.string(), doc: t.variant(), src: t.string() });

describe('staged columns', () => {
  it('renders $n, metadata columns, casts and aliases', () => {
    expect(renderExpression(staged.col(1).expression)).toBe('$1');
    expect(renderExpression(staged.col(12).cast(t.int()).expression)).toBe('$12::INT');
    expect(renderExpression(staged.filename.expression)).toBe('metadata$filename');
    expect(renderExpression(staged.fileRowNumber.cast(t.string()).expression)).toBe('metadata$file_row_number::STRING');
    expect(renderExpression(staged.col(1).cast(t.array(t.int())).expression)).toBe('$1::ARRAY(INT NULL)');
    expect(staged.col(2).as('title').alias).toBe('title');
    expect(staged.col(2).name).toBe('$2');
    expect(staged.filename.name).toBe('metadata$filename');
    // The engine's own name: one lower-case plain key as rendered; a second key, a cast, upper case or a keyword, none.
    expect(staged.path(1, 'title').name).toBe('$1:title');
    expect(staged.path(2, 'a_1').name).toBe('$2:a_1');
    expect(staged.path(1, 'a', 'b').name).toBeUndefined();
    expect(staged.path(1, 0).name).toBeUndefined();
    expect(staged.path(1, 'a').cast(t.int()).name).toBeUndefined();
    expect(staged.path(1, 'Title').name).toBeUndefined();
    expect(staged.path(1, 'select').name).toBeUndefined();
    expect(staged.path(1, 'x y').name).toBeUndefined();
  });

  it('selects a path of one lower-case key without an alias, by the name the engine gives it', () => {
    const q = selectFromStage('ndjson_query_stage').fileFormat({ formatName: 'ndjson_query_format' }).select(staged.path(1, 'title'), staged.path(1, 'author'));
    expect(render(q.toNode())).toBe("SELECT $1:title,\n       $1:author\nFROM @ndjson_query_stage (FILE_FORMAT => 'ndjson_query_format')");
  });

  it('renders paths: plain keys bare (case kept), keywords and other keys bracketed and escaped, indexes', () => {
    expect(renderExpression(staged.path(1, 'title').expression)).toBe('$1:title');
    expect(renderExpression(staged.path(1, 'a', 'b', 0).expression)).toBe('$1:a.b[0]');
    expect(renderExpression(staged.path(1, 'Title', '_x1').expression)).toBe('$1:Title._x1');
    expect(renderExpression(staged.path(1, 0, 'b').expression)).toBe('$1[0].b');
    expect(renderExpression(staged.path(1, 'select', 'from').expression)).toBe("$1['select']['from']");
    expect(renderExpression(staged.path(1, 'x y', "it's", 'a\\b\n').expression)).toBe("$1['x y']['it\\'s']['a\\\\b\\n']");
    expect(renderExpression(staged.path(1, '1a', 'é').expression)).toBe("$1['1a']['é']");
    expect(renderExpression(staged.path(2, 'a').cast(t.bigint()).expression)).toBe('$2:a::BIGINT');
  });

  it('is immutable: as() and cast() return new expressions', () => {
    const column = staged.col(1);
    const aliased = column.as('a');
    const cast = aliased.cast(t.int());
    expect(column.alias).toBeUndefined();
    expect(aliased.expression).toBe(column.expression);
    expect(cast.alias).toBe('a');
    expect(Object.isFrozen(cast)).toBe(true);
    expect(Object.isFrozen(cast.expression)).toBe(true);
  });
});

describe('selectFromStage().select()', () => {
  it('renders the items, one per line, by name or alias', () => {
    expect(
      selectFromStage(driveStage, 'frames/')
        .fileFormat('CSV')
        .select(staged.col(1).cast(t.int()).as('id'), staged.col(2), staged.filename, staged.fileRowNumber.as('n'))
        .where(sql`$1 <> ${'id'}`)
        .limit(3)
        .compile(),
    ).toBe(
      [
        'SELECT $1::INT AS id,',
        '       $2,',
        '       metadata$filename,',
        '       metadata$file_row_number AS n',
        "FROM @drive_stage/frames/ (FILE_FORMAT => 'CSV')",
        "WHERE $1 <> 'id'",
        'LIMIT 3',
      ].join('\n'),
    );
  });

  it("renders '*' beside the metadata columns (Parquet), and quotes an alias that is a keyword", () => {
    expect(selectFromStage('s').fileFormat('PARQUET').select('*', staged.filename.as('from')).compile()).toBe(
      ['SELECT *,', '       metadata$filename AS "from"', "FROM @s (FILE_FORMAT => 'PARQUET')"].join('\n'),
    );
    expect(selectFromStage('s').select('*', staged.filename).compile()).toBe(['SELECT *,', '       metadata$filename', 'FROM @s'].join('\n'));
  });

  it('replaces a typedAs() projection and drops its table; typedAs() takes staged columns as mapping sources', () => {
    const typed = selectFromStage('s').typedAs(items);
    const selected = typed.select(staged.col(1).as('x'));
    expect(selected.rowTable).toBeUndefined();
    expect(typed.rowTable).toBe(items);
    expect(
      selectFromStage('s')
        .fileFormat('NDJSON')
        .typedAs(items, { id: staged.path(1, 'id'), title: staged.path(1, 't').cast(t.string()), doc: staged.col(1), src: staged.filename })
        .compile(),
    ).toBe(
      [
        'SELECT $1:id::INT AS id,',
        '       $1:t::STRING AS title,',
        '       $1::VARIANT AS doc,',
        '       metadata$filename::STRING AS src',
        "FROM @s (FILE_FORMAT => 'NDJSON')",
      ].join('\n'),
    );
  });

  it('checks the items against the format whichever comes last', () => {
    expectValidation(() => selectFromStage('s').select(staged.col(2)).fileFormat('PARQUET'), { reason: 'unsupported', field: undefined });
    expectValidation(() => selectFromStage('s').fileFormat('TSV').select(staged.path(1, 'a').as('a')), { reason: 'unsupported', field: undefined });
    expectValidation(() => selectFromStage('s').select('*', staged.filename).fileFormat('NDJSON'), { reason: 'unsupported', field: undefined });
    expectValidation(() => selectFromStage('s').select('*', '*' as never), { reason: 'conflict', field: 'items[1]' });
    expectValidation(() => selectFromStage('s').select(), { reason: 'too_small', field: undefined });
    // A named format's type is not known: the engine says.
    expect(() => selectFromStage('s').fileFormat({ formatName: 'my_csv' }).select('*', staged.col(2))).not.toThrow();
  });
});

describe('staged columns in COPY and INSERT', () => {
  it('casts an uncast staged column to the target type (VARIANT bare), keeps a cast one', () => {
    expect(
      copyInto(items)
        .fromStage('s', 'in/')
        .map({ id: staged.col(1), title: staged.col(2).cast(t.string()), doc: staged.col(3), src: staged.filename })
        .compile(),
    ).toBe(
      [
        'COPY INTO items (id, title, doc, src)',
        'FROM (',
        '  SELECT $1::INT,',
        '         $2::STRING,',
        '         $3,',
        '         metadata$filename::STRING',
        '  FROM @s/in/',
        ')',
      ].join('\n'),
    );
  });

  it('an INSERT from a stage casts them as COPY does', () => {
    expect(
      insertInto(items)
        .fromStage('s', 'in/')
        .map({ title: staged.path(1, 't'), src: staged.filename })
        .compile(),
    ).toBe(
      [
        'INSERT INTO items (id, title, doc, src)',
        'SELECT id::INT,',
        '       $1:t::STRING,',
        '       doc,',
        '       metadata$filename::STRING',
        'FROM @s/in/',
      ].join('\n'),
    );
  });
});

describe('table functions', () => {
  it('renders INFER_SCHEMA with its arguments in the order given, each once', () => {
    expect(inferSchema(driveStage, 'sessions/').compile()).toBe("SELECT *\nFROM INFER_SCHEMA(location => '@drive_stage/sessions/')");
    expect(
      inferSchema('s', "it's/")
        .fileFormat('CSV')
        .pattern('.*[.]csv')
        .maxRecordsPerFile(100)
        .maxFileCount(5)
        .connectionName('my_conn')
        .fileFormat({ formatName: 'my_csv' })
        .limit(10)
        .compile(),
    ).toBe(
      [
        'SELECT *',
        "FROM INFER_SCHEMA(location => '@s/it\\'s/', file_format => 'my_csv', pattern => '.*[.]csv', max_records_pre_file => 100, max_file_count => 5, connection_name => 'my_conn')",
        'LIMIT 10',
      ].join('\n'),
    );
  });

  it('renders list_stage with a pattern any LIST refuses, WHERE and LIMIT', () => {
    expect(listStageFiles('s', 'a b/').pattern("x'\\y").where(sql`size > ${10}`).limit(1).compile()).toBe(
      ['SELECT *', "FROM LIST_STAGE(location => '@s/a b/', pattern => 'x\\'\\\\y')", 'WHERE size > 10', 'LIMIT 1'].join('\n'),
    );
  });

  it('renders a projection and ORDER BY over the table functions', () => {
    expect(listStageFiles('partitioned_stage').columns('name').orderBy('name').compile()).toBe(
      "SELECT name\nFROM LIST_STAGE(location => '@partitioned_stage/')\nORDER BY name",
    );
    expect(listStageFiles('s').columns('name', 'size').where(sql`size > ${0}`).orderBy('size', 'DESC').orderBy('name', 'ASC').limit(2).compile()).toBe(
      ['SELECT name, size', "FROM LIST_STAGE(location => '@s/')", 'WHERE size > 0', 'ORDER BY size DESC, name ASC', 'LIMIT 2'].join('\n'),
    );
    // `type` is a keyword: quoted, in the engine's lower case.
    expect(inferSchema('s', 'p/').fileFormat('CSV').columns('column_name', 'type').orderBy('order_id').compile()).toBe(
      ['SELECT column_name, "type"', "FROM INFER_SCHEMA(location => '@s/p/', file_format => 'CSV')", 'ORDER BY order_id'].join('\n'),
    );
    const base = listStageFiles('s').columns('name');
    base.orderBy('name');
    expect(base.compile()).toBe("SELECT name\nFROM LIST_STAGE(location => '@s/')");
  });

  it("checks the columns and ORDER BY keys against the function's columns", () => {
    expectValidation(() => listStageFiles('s').columns(), { reason: 'too_small', field: 'names' });
    expectValidation(() => listStageFiles('s').columns('nme' as never), { reason: 'invalid_value', field: 'names' });
    expectValidation(() => listStageFiles('s').columns('column_name' as never), { reason: 'invalid_value', field: 'names' });
    expectValidation(() => listStageFiles('s').columns('name', 'name'), { reason: 'conflict', field: 'names' });
    expectValidation(() => listStageFiles('s').columns(1 as never), { reason: 'invalid_type', field: 'names' });
    expectValidation(() => listStageFiles('s').orderBy('name; DROP TABLE t' as never), { reason: 'invalid_value', field: 'column' });
    expectValidation(() => listStageFiles('s').orderBy('name', 'desc' as never), { reason: 'invalid_value', field: 'direction' });
    expectValidation(() => listStageFiles('s').orderBy('name').orderBy('name', 'DESC'), { reason: 'conflict', field: 'column' });
    expectValidation(() => inferSchema('s').orderBy('size' as never), { reason: 'invalid_value', field: 'column' });
  });

  it('is immutable, and a node written by hand with an unknown function or argument is not well formed', () => {
    const base = listStageFiles('s');
    base.pattern('x');
    expect(base.compile()).toBe("SELECT *\nFROM LIST_STAGE(location => '@s/')");
    const node = base.toNode();
    expectValidation(() => render({ ...node, name: 'READ_PARQUET' as never }), { reason: 'invalid_type', field: 'statement' });
    expectValidation(() => render({ ...node, arguments: [{ name: 'location) UNION SELECT (1', value: { kind: 'string', value: 'x' } }] }), {
      reason: 'invalid_type',
      field: 'statement',
    });
  });
});

describe('count() and columns by name', () => {
  it('renders COUNT($1) named as the engine names it, and a count with an alias', () => {
    const q = selectFromStage('parquet_unload_stage')
      .fileFormat({ formatName: 'parquet_unload_format' })
      .pattern('.*[.]parquet')
      .select(staged.count(staged.col(1)));
    expect(q.compile()).toBe("SELECT COUNT($1)\nFROM @parquet_unload_stage (FILE_FORMAT => 'parquet_unload_format', PATTERN => '.*[.]parquet')");
    expect(staged.count(staged.col(3)).name).toBe('count($3)');
    expect(staged.count(staged.col(1)).cast(t.int()).name).toBe('count($1)');
    expect(staged.count(staged.path(1, 'title')).name).toBeUndefined();
    expect(
      selectFromStage('s')
        .fileFormat('CSV')
        .select(staged.count(staged.col(2)), staged.count(staged.filename).as('n_files'), staged.count(staged.col(1).cast(t.int())).as('ids'))
        .compile(),
    ).toBe("SELECT COUNT($2),\n       COUNT(metadata$filename) AS n_files,\n       COUNT($1::INT) AS ids\nFROM @s (FILE_FORMAT => 'CSV')");
  });

  it('renders columns by name through the identifier rules, named after the column, cast or not', () => {
    const q = selectFromStage('my_internal_stage', 'iris.parquet').select(
      staged.filename.as('iris_file'),
      staged.column('sepal_length'),
      staged.column('Species'),
      staged.column('petal length').cast(t.double()),
      staged.column('select'),
      staged.column('it"s'),
    );
    expect(q.compile()).toBe(
      [
        'SELECT metadata$filename AS iris_file,',
        '       sepal_length,',
        '       "Species",',
        '       "petal length"::DOUBLE,',
        '       "select",',
        '       "it""s"',
        'FROM @my_internal_stage/iris.parquet',
      ].join('\n'),
    );
    expect(staged.column('Species').cast(t.string()).name).toBe('Species');
    expect(
      createTable('iris_with_meta')
        .as(selectFromStage('st', 'iris.parquet').select(staged.column('species')))
        .compile(),
    ).toBe('CREATE TABLE iris_with_meta\nAS SELECT species\nFROM @st/iris.parquet');
  });

  it('refuses what the engine refuses: aggregates beside other items, names in CSV/TSV/NDJSON, aggregates in a load', () => {
    expectValidation(() => selectFromStage('s').select(staged.count(staged.col(1)), staged.col(1)), { reason: 'conflict', field: undefined });
    expectValidation(() => selectFromStage('s').select('*', staged.count(staged.col(1))), { reason: 'conflict', field: undefined });
    expectValidation(() => selectFromStage('s').select(staged.count(staged.path(1, 'a', 'b')) as never), { reason: 'missing', field: 'items[0]' });
    expectValidation(() => staged.count(staged.col(1).as('x')), { reason: 'conflict', field: 'expression' });
    expectValidation(() => staged.count(staged.count(staged.col(1))), { reason: 'conflict', field: 'expression' });
    expectValidation(() => staged.count(staged.count(staged.col(1)).cast(t.int())), { reason: 'conflict', field: 'expression' });
    expectValidation(() => staged.count('$1' as never), { reason: 'invalid_type', field: 'expression' });
    expectValidation(() => staged.column(''), { reason: 'too_small', field: 'name' });
    expectValidation(() => staged.column(1 as never), { reason: 'invalid_type', field: 'name' });
    expectValidation(() => selectFromStage('s').fileFormat('CSV').select(staged.column('a')), { reason: 'unsupported', field: undefined });
    // columns('$1') is left to the engine, as before staged.column().
    expect(selectFromStage('s').columns('$1').fileFormat('CSV').compile()).toBe('SELECT "$1"\nFROM @s (FILE_FORMAT => \'CSV\')');
    expectValidation(() => selectFromStage('s').select(staged.column('a')).fileFormat('NDJSON'), { reason: 'unsupported', field: undefined });
    expectValidation(
      () =>
        selectFromStage('s')
          .fileFormat('TSV')
          .select(staged.count(staged.column('a')).as('n')),
      { reason: 'unsupported', field: undefined },
    );
    expectValidation(
      () =>
        selectFromStage('s')
          .fileFormat('NDJSON')
          .select(staged.count(staged.col(2))),
      { reason: 'unsupported', field: undefined },
    );
    expectValidation(
      () =>
        copyInto(items)
          .fromStage('s')
          .map({ id: staged.count(staged.col(1)) as never }),
      { reason: 'unsupported', field: 'id' },
    );
  });
});
