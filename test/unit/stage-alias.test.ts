// A table alias on staged files (COPY's transform, stage SELECTs) and format types in lower case.
import { describe, expect, it } from 'vitest';
import { copyInto, inferSchema, int, selectFromStage, sql, staged, string, table, timestamp } from '../../src/index.js';
import { expectValidation } from '../support/expect-validation.js';

const employees = table('employees', { id: int(), name: string(), onboarded: timestamp() });

describe('alias()', () => {
  it('names the staged files of a COPY transform, for mapped expressions that qualify their columns', () => {
    const copy = copyInto(employees).fromStage('my_parquet_stage').alias('t').map({ id: sql`t.id`, name: sql`t.name`, onboarded: sql`to_date(t.onboarded)` });
    expect(copy.compile()).toBe(
      [
        'COPY INTO employees (id, name, onboarded)',
        'FROM (',
        '  SELECT t.id,',
        '         t.name,',
        '         to_date(t.onboarded)',
        '  FROM @my_parquet_stage t',
        ')',
      ].join('\n'),
    );
    // Kept when the transform is derived again (columns() after alias()), quoted where it must be.
    expect(copyInto(employees).fromStage('s').alias('My Files').columns(['id']).compile()).toBe(
      ['COPY INTO employees (id)', 'FROM (', '  SELECT id::INT', '  FROM @s "My Files"', ')'].join('\n'),
    );
  });

  it('names the staged files of a stage SELECT', () => {
    expect(selectFromStage('orc_data_stage').fileFormat({ formatName: 'orc_ff' }).pattern('.*[.]orc').alias('t').limit(10).compile()).toBe(
      ['SELECT *', "FROM @orc_data_stage (FILE_FORMAT => 'orc_ff', PATTERN => '.*[.]orc') t", 'LIMIT 10'].join('\n'),
    );
    expect(selectFromStage('s', 'p/').alias('t').where(sql`t.$1 IS NOT NULL`).compile()).toBe(
      ['SELECT *', 'FROM @s/p/ t', 'WHERE t.$1 IS NOT NULL'].join('\n'),
    );
  });

  it('refuses what it cannot render, and raw() after it', () => {
    expectValidation(() => copyInto(employees).fromStage('s').alias(''), { reason: 'too_small', field: 'alias', call: "copyInto('employees').alias()" });
    expectValidation(() => selectFromStage('s').alias(3 as never), { reason: 'invalid_type', field: 'alias', call: "selectFromStage('s').alias()" });
    expectValidation(() => copyInto(employees).fromStage('s').raw().alias('t'), {
      reason: 'conflict',
      field: undefined,
      call: "copyInto('employees').alias()",
    });
    expectValidation(() => copyInto(employees).fromStage('s').alias('t').raw(), { reason: 'conflict', field: undefined, call: "copyInto('employees').raw()" });
  });

  it('never changes the builder it was called on', () => {
    const copy = copyInto(employees).fromStage('s');
    copy.alias('t');
    expect(copy.compile()).not.toContain(' t\n');
    const select = selectFromStage('s');
    select.alias('t');
    expect(select.compile()).toBe('SELECT *\nFROM @s');
  });
});

describe('format types in lower case', () => {
  it('are kept as written in stage queries, and read as the type', () => {
    expect(selectFromStage('s').fileFormat('orc').pattern('.*[.]orc').compile()).toBe("SELECT *\nFROM @s (FILE_FORMAT => 'orc', PATTERN => '.*[.]orc')");
    expect(inferSchema('s').fileFormat('ndjson').compile()).toBe("SELECT *\nFROM INFER_SCHEMA(location => '@s/', file_format => 'ndjson')");
    // As the type: `*` beside a column is for Parquet and ORC, a path into a CSV column is refused.
    expect(selectFromStage('s').fileFormat('orc').select(staged.filename, '*').compile()).toContain('metadata$filename,\n       *');
    expectValidation(() => selectFromStage('s').fileFormat('csv').select(staged.path(1, 'a').as('a')), { reason: 'unsupported', field: undefined });
    expectValidation(() => selectFromStage('s').fileFormat('json5' as never), { reason: 'invalid_value', field: 'format' });
  });
});
