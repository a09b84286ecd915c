import { describe, expect, it } from 'vitest';
import {
  alterTable,
  bigint,
  Column,
  copyInto,
  createIndex,
  createTable,
  double,
  dropIndex,
  insertInto,
  insertSchema,
  int,
  invertedIndex,
  ngramIndex,
  refreshIndex,
  render,
  selectFromStage,
  selectFromStream,
  sql,
  string,
  table,
  timestamp,
  variant,
  vector,
  vectorIndex,
} from '../../src/index.js';
import { expectValidation } from '../support/expect-validation.js';

const frames = table('frames', {
  id: bigint().notNull(),
  ts: timestamp(),
  device_id: string(),
  embedding: vector(3),
  notes: string(),
  payload: variant(),
});

describe('computed columns and AUTOINCREMENT', () => {
  it('renders AS (expr) STORED and VIRTUAL after NULL, before COMMENT', () => {
    const t = table('c', {
      id: bigint(),
      next_id: bigint().storedAs(sql`id + 1`).comment('next'),
      label: string().notNull().virtualAs(sql`concat('f-', id::STRING)`),
    });
    expect(createTable(t).compile()).toBe(
      [
        'CREATE TABLE c (',
        '  id BIGINT NULL,',
        "  next_id BIGINT NULL AS (id + 1) STORED COMMENT 'next',",
        "  label STRING NOT NULL AS (concat('f-', id::STRING)) VIRTUAL",
        ')',
      ].join('\n'),
    );
  });

  it('renders AUTOINCREMENT with (start, step) and NOORDER only where they differ from the defaults', () => {
    const column = (c: Column) =>
      createTable(table('a', { id: c }))
        .compile()
        .split('\n')[1];
    expect(column(bigint().autoIncrement())).toBe('  id BIGINT NULL AUTOINCREMENT');
    expect(column(bigint().notNull().autoIncrement({ start: 0, step: 1, order: true }))).toBe('  id BIGINT NOT NULL AUTOINCREMENT');
    expect(column(bigint().autoIncrement({ start: 10, step: 5 }))).toBe('  id BIGINT NULL AUTOINCREMENT (10, 5)');
    expect(column(bigint().autoIncrement({ order: false }))).toBe('  id BIGINT NULL AUTOINCREMENT NOORDER');
  });

  it('leaves computed columns out of COPY, INSERT and the insert schema', () => {
    const t = table('c', { id: bigint().notNull(), next_id: bigint().storedAs(sql`id + 1`), name: string() });
    expect(copyInto(t).fromStage('s', 'p/').compile()).toBe('COPY INTO c (id, name)\nFROM (\n  SELECT id::BIGINT,\n         name::STRING\n  FROM @s/p/\n)');
    expect(insertInto(t).fromTable('src').compile()).toBe('INSERT INTO c (id, name)\nSELECT id, name FROM src');
    expect(insertSchema(t).safeParse({ id: 1n, name: 'a' }).success).toBe(true);
    expect(insertSchema(t).safeParse({ id: 1n, next_id: 2n }).success).toBe(false);
    // An AUTOINCREMENT column may be left out of an insert.
    const a = table('a', { id: bigint().notNull().autoIncrement(), name: string() });
    expect(insertSchema(a).safeParse({ name: 'a' }).success).toBe(true);
  });

  it('takes one of DEFAULT, a computed expression and AUTOINCREMENT', () => {
    expectValidation(() => bigint().default(1).storedAs(sql`1`), { reason: 'conflict', field: undefined, call: 'column.storedAs()' });
    expectValidation(() => bigint().virtualAs(sql`1`).default(1), { reason: 'conflict', field: undefined, call: 'column.default()' });
    expectValidation(() => bigint().autoIncrement().virtualAs(sql`1`), { reason: 'conflict', field: undefined, call: 'column.virtualAs()' });
    expectValidation(() => bigint().storedAs(sql`1`).autoIncrement(), { reason: 'conflict', field: undefined, call: 'column.autoIncrement()' });
    expectValidation(() => bigint().storedAs('id + 1' as never), { reason: 'invalid_type', field: 'expression' });
    expectValidation(() => bigint().autoIncrement({ start: -1 }), { reason: 'too_small', field: 'start' });
    expectValidation(() => bigint().autoIncrement({ step: 0 }), { reason: 'too_small', field: 'step' });
    expectValidation(() => bigint().autoIncrement({ step: 1.5 }), { reason: 'invalid_type', field: 'step' });
    expectValidation(() => bigint().autoIncrement({ order: 'no' as never }), { reason: 'invalid_type', field: 'order' });
    expectValidation(() => bigint().autoIncrement({ cycle: true } as never), { reason: 'unknown_key', field: 'cycle' });
    // The constructor checks what the methods check.
    const spec = { type: { kind: 'BIGINT' }, nullable: true, default: undefined, comment: undefined } as const;
    expectValidation(() => new Column({ ...spec, computed: { mode: 'LATER', expression: sql`1` } } as never), {
      reason: 'invalid_value',
      field: 'spec.computed',
    });
    expectValidation(
      () => new Column({ ...spec, computed: { mode: 'STORED', expression: sql`1` }, autoIncrement: { start: 0, step: 1, order: true } } as never),
      {
        reason: 'conflict',
        field: undefined,
      },
    );
  });
});

describe('CREATE TABLE: cluster keys, indexes, LIKE and AS', () => {
  it('renders cluster keys that are expressions', () => {
    const t = table('k', { ts: timestamp(), device_id: string() }, { clusterBy: { columns: [sql`to_date(ts)`, 'device_id'], type: 'HILBERT' } });
    expect(createTable(t).compile()).toBe('CREATE TABLE k (\n  ts TIMESTAMP NULL,\n  device_id STRING NULL\n)\nCLUSTER BY HILBERT (to_date(ts), device_id)');
  });

  it('renders indexes after the columns', () => {
    const t = table(
      'i',
      { embedding: vector(3), notes: string(), Payload: variant() },
      {
        indexes: [
          vectorIndex('emb', ['embedding'], { distance: ['cosine', 'l2'], m: 16, efConstruct: 100 }),
          invertedIndex('Notes Idx', ['notes', 'Payload'], { tokenizer: 'english', filters: ['english_stop', 'english_stemmer'], indexRecord: 'position' }),
          ngramIndex('ng', ['notes'], { gramSize: 3, bloomSize: 1024, async: true }),
        ],
      },
    );
    expect(createTable(t).compile()).toBe(
      [
        'CREATE TABLE i (',
        '  embedding VECTOR(3) NULL,',
        '  notes STRING NULL,',
        '  "Payload" VARIANT NULL,',
        "  VECTOR INDEX emb (embedding) distance = 'cosine,l2' m = 16 ef_construct = 100,",
        "  INVERTED INDEX \"Notes Idx\" (notes, \"Payload\") tokenizer = 'english' filters = 'english_stop,english_stemmer' index_record = 'position',",
        '  ASYNC NGRAM INDEX ng (notes) gram_size = 3 bloom_size = 1024',
        ')',
      ].join('\n'),
    );
  });

  it('refuses an ASYNC VECTOR index inside CREATE TABLE (Databend parses ASYNC there as a column of type VECTOR, 1005); ASYNC INVERTED and NGRAM render', () => {
    const columns = { v: vector(3), s: string() };
    const t = table('av', columns, { indexes: [vectorIndex('vi', ['v'], { distance: ['cosine'], async: true })] });
    expectValidation(() => createTable(t), {
      reason: 'unsupported',
      field: 'indexes',
      call: 'createTable()',
    });
    // The same index, outside CREATE TABLE, is CREATE ASYNC VECTOR INDEX.
    expect(createIndex(t.options.indexes![0]!, t).compile()).toBe("CREATE ASYNC VECTOR INDEX vi ON av (v) distance = 'cosine'");
    const sync = table('av', columns, { indexes: [vectorIndex('vi', ['v'], { distance: ['cosine'] }), invertedIndex('ii', ['s'], { async: true })] });
    expect(createTable(sync).compile()).toBe(
      "CREATE TABLE av (\n  v VECTOR(3) NULL,\n  s STRING NULL,\n  VECTOR INDEX vi (v) distance = 'cosine',\n  ASYNC INVERTED INDEX ii (s)\n)",
    );
  });

  it('refuses indexes on unknown columns or columns of another type', () => {
    const idx = (index: ReturnType<typeof vectorIndex>) => () => table('t', { v: vector(2), s: string(), n: int() }, { indexes: [index] });
    expectValidation(idx(vectorIndex('a', ['x'], { distance: ['l1'] })), { reason: 'unknown_key', field: 'indexes' });
    expectValidation(idx(vectorIndex('a', ['s'], { distance: ['l1'] })), { reason: 'invalid_value', field: 'indexes' });
    expectValidation(idx(ngramIndex('a', ['v'])), { reason: 'invalid_value', field: 'indexes' });
    expectValidation(idx(invertedIndex('a', ['n'])), { reason: 'invalid_value', field: 'indexes' });
    expectValidation(() => table('t', { s: string() }, { indexes: [ngramIndex('a', ['s']), invertedIndex('a', ['s'])] }), {
      reason: 'conflict',
      field: 'indexes',
    });
    expectValidation(() => table('t', { s: string() }, { indexes: [{ type: 'NGRAM', name: 'a', columns: ['s'], async: false, options: {} }] as never }), {
      reason: 'invalid_type',
      field: 'indexes',
    });
  });

  it('renders CREATE TABLE ... LIKE', () => {
    expect(createTable('frames_copy').like(frames).compile()).toBe('CREATE TABLE frames_copy LIKE frames');
    expect(createTable('Frames Copy').like('frames').orReplace().transient().compile()).toBe('CREATE OR REPLACE TRANSIENT TABLE "Frames Copy" LIKE frames');
  });

  it('renders CREATE TABLE ... AS a fragment, a SELECT from a table or a stream, and a stage SELECT', () => {
    expect(createTable('risky').as(sql`SELECT * FROM frames WHERE risk > ${0.5}`).compile()).toBe(
      'CREATE TABLE risky\nAS SELECT * FROM frames WHERE risk > 0.5::DOUBLE',
    );
    expect(
      createTable('ids')
        .as(selectFromStream('frames').columns(['id']))
        .ifNotExists()
        .compile(),
    ).toBe('CREATE TABLE IF NOT EXISTS ids\nAS SELECT id FROM frames');
    expect(createTable('staged').as(selectFromStage('s', 'p/').fileFormat('PARQUET').typedAs(frames).columns('id')).compile()).toBe(
      "CREATE TABLE staged\nAS SELECT id::BIGINT AS id\nFROM @s/p/ (FILE_FORMAT => 'PARQUET')",
    );
    const t = table('daily', { device_id: string(), n: bigint() });
    expect(createTable(t).as(sql`SELECT device_id, count(*) FROM frames GROUP BY device_id`).compile()).toBe(
      'CREATE TABLE daily (\n  device_id STRING NULL,\n  n BIGINT NULL\n)\nAS SELECT device_id, count(*) FROM frames GROUP BY device_id',
    );
  });

  it("renders engine options after the columns or LIKE and before AS, added to the declaration's", () => {
    expect(createTable('t_new').as(sql`select * from t_old`).engineOptions({ compression: 'lz4' }).compile()).toBe(
      "CREATE TABLE t_new\ncompression = 'lz4'\nAS select * from t_old",
    );
    expect(createTable('t_new').like('t_old').engineOptions({ compression: 'lz4', block_per_segment: 500 }).compile()).toBe(
      "CREATE TABLE t_new LIKE t_old\ncompression = 'lz4' block_per_segment = 500",
    );
    const t = table('opts', { id: int() }, { engineOptions: { compression: 'zstd', block_per_segment: 100 } });
    expect(createTable(t).engineOptions({ compression: 'lz4' }).compile()).toBe(
      "CREATE TABLE opts (\n  id INT NULL\n)\ncompression = 'lz4' block_per_segment = 100",
    );
    expectValidation(() => createTable('x').like('y').engineOptions({}), { reason: 'too_small', field: 'options' });
    expectValidation(() => createTable('x').like('y').engineOptions({ 'a b': 1 }), { reason: 'invalid_format', field: 'options' });
    expectValidation(() => createTable('x').like('y').engineOptions({ a: 0.5 }), { reason: 'not_exact', field: 'options' });
    expectValidation(
      () =>
        createTable('x')
          .like('y')
          .engineOptions(null as never),
      { reason: 'invalid_type', field: 'options' },
    );
  });

  it('renders ENGINE = ... after the columns or LIKE, before the location and the options', () => {
    expect(
      createTable(table('scratch', { a: int() }))
        .engine('MEMORY')
        .compile(),
    ).toBe('CREATE TABLE scratch (\n  a INT NULL\n)\nENGINE = MEMORY');
    expect(createTable('t_new').like('t_old').engine('FUSE').engineOptions({ compression: 'zstd', storage_format: 'parquet' }).compile()).toBe(
      "CREATE TABLE t_new LIKE t_old\nENGINE = FUSE\ncompression = 'zstd' storage_format = 'parquet'",
    );
    expect(
      createTable(table('x', { a: int() }))
        .location('fs:///data/x/')
        .engine('FUSE')
        .compile(),
    ).toBe("CREATE TABLE x (\n  a INT NULL\n)\nENGINE = FUSE\n'fs:///data/x/'");
    expect(createTable('r').as(sql`SELECT 1 AS a`).engine('NULL').compile()).toBe('CREATE TABLE r\nENGINE = NULL\nAS SELECT 1 AS a');
    const base = createTable('t_new').like('t_old');
    base.engine('RANDOM');
    expect(base.compile()).toBe('CREATE TABLE t_new LIKE t_old');
    expectValidation(
      () =>
        createTable('x')
          .like('y')
          .engine('VIEW' as never),
      { reason: 'invalid_value', field: 'engine' },
    );
    expectValidation(
      () =>
        createTable('x')
          .like('y')
          .engine('fuse' as never),
      { reason: 'invalid_value', field: 'engine' },
    );
    expectValidation(
      () =>
        createTable('x')
          .like('y')
          .engine('FUSE; DROP TABLE y' as never),
      { reason: 'invalid_value', field: 'engine' },
    );
  });

  it('refuses a query that is no SELECT, and AS on a LIKE', () => {
    expectValidation(() => createTable('x').as('SELECT 1' as never), { reason: 'invalid_type', field: 'query' });
    expectValidation(() => createTable('x').as(createTable(frames) as never), { reason: 'invalid_type', field: 'query' });
    expectValidation(() => createTable('x').like(frames).as(sql`SELECT 1`), { reason: 'conflict', field: undefined });
    expectValidation(() => createTable('x').like({ name: 'frames' } as never), { reason: 'invalid_type', field: 'table' });
    expectValidation(() => createTable(42 as never), { reason: 'invalid_type', field: 'table' });
    expectValidation(() => createTable('bad\nname' as never), { reason: 'invalid_format', field: 'table name' });
  });

  it('leaves the node of a declared table without indexes as it was', () => {
    expect(Object.keys(createTable(frames).toNode())).toEqual([
      'kind',
      'createOption',
      'transient',
      'table',
      'columns',
      'clusterBy',
      'comment',
      'engineOptions',
    ]);
    expect(Object.keys(createTable(frames).toNode().columns[0]!)).toEqual(['name', 'type', 'nullable', 'default', 'comment']);
  });
});

describe('ALTER TABLE', () => {
  it('renders ADD COLUMN with the column functions, IF NOT EXISTS, FIRST and AFTER', () => {
    expect(alterTable(frames).addColumn('lane', int().notNull().default(3).comment('lane id')).compile()).toBe(
      "ALTER TABLE frames ADD COLUMN lane INT NOT NULL DEFAULT 3 COMMENT 'lane id'",
    );
    expect(alterTable('frames').addColumn('lane', int(), { after: 'Device Id', ifNotExists: true }).compile()).toBe(
      'ALTER TABLE frames ADD COLUMN IF NOT EXISTS lane INT NULL AFTER "Device Id"',
    );
    expect(alterTable('frames').addColumn('lane', int(), { first: true }).ifExists().compile()).toBe(
      'ALTER TABLE IF EXISTS frames ADD COLUMN lane INT NULL FIRST',
    );
    expect(alterTable('frames').addColumn('next', bigint().storedAs(sql`id + 1`)).compile()).toBe(
      'ALTER TABLE frames ADD COLUMN next BIGINT NULL AS (id + 1) STORED',
    );
    expect(alterTable('frames').addColumn('seq', bigint().autoIncrement()).compile()).toBe('ALTER TABLE frames ADD COLUMN seq BIGINT NULL AUTOINCREMENT');
  });

  it('renders DROP, MODIFY and RENAME COLUMN', () => {
    expect(alterTable('frames').dropColumn('notes').compile()).toBe('ALTER TABLE frames DROP COLUMN notes');
    expect(alterTable('frames').modifyColumn('lane', bigint().notNull().default(5).comment('n')).compile()).toBe(
      "ALTER TABLE frames MODIFY COLUMN lane BIGINT NOT NULL DEFAULT 5 COMMENT 'n'",
    );
    expect(alterTable('frames').modifyColumn('score', double()).compile()).toBe('ALTER TABLE frames MODIFY COLUMN score DOUBLE NULL');
    expect(alterTable('frames').modifyColumnComment('lane', "it's \\ here").compile()).toBe("ALTER TABLE frames MODIFY COLUMN lane COMMENT 'it\\'s \\\\ here'");
    expect(alterTable('frames').renameColumn('lane', 'Lane No').compile()).toBe('ALTER TABLE frames RENAME COLUMN lane TO "Lane No"');
  });

  it('renders MODIFY COLUMN of several columns, UNSET OPTIONS and SWAP WITH', () => {
    expect(
      alterTable('users')
        .modifyColumns({ age: bigint().default(18), 'E Mail': string().notNull().default('') })
        .compile(),
    ).toBe('ALTER TABLE "users" MODIFY COLUMN age BIGINT NULL DEFAULT 18, COLUMN "E Mail" STRING NOT NULL DEFAULT \'\'');
    expect(alterTable('people').modifyColumns({ age: bigint() }).compile()).toBe('ALTER TABLE people MODIFY COLUMN age BIGINT NULL');
    expect(alterTable('fuse_table').unsetOptions(['block_per_segment', 'data_retention_period_in_hours']).compile()).toBe(
      'ALTER TABLE fuse_table UNSET OPTIONS (block_per_segment, data_retention_period_in_hours)',
    );
    expect(alterTable(frames).swapWith('Frames New').ifExists().compile()).toBe('ALTER TABLE IF EXISTS frames SWAP WITH "Frames New"');
  });

  it('renders FLASHBACK TO a snapshot, a timestamp or a stream', () => {
    expect(alterTable('frames').flashbackTo({ snapshot: "c5c5'38" }).compile()).toBe("ALTER TABLE frames FLASHBACK TO (SNAPSHOT => 'c5c5\\'38')");
    expect(
      alterTable('frames')
        .flashbackTo({ timestamp: sql`${new Date('2026-01-02T03:04:05.678Z')}` })
        .compile(),
    ).toBe("ALTER TABLE frames FLASHBACK TO (TIMESTAMP => '2026-01-02 03:04:05.678000'::TIMESTAMP)");
    expect(
      alterTable('frames')
        .flashbackTo({ stream: { database: 'db', name: 's' } })
        .compile(),
    ).toBe('ALTER TABLE frames FLASHBACK TO (STREAM => db.s)');
    expectValidation(() => alterTable('frames').flashbackTo({} as never), { reason: 'missing', field: undefined });
    expectValidation(() => alterTable('frames').flashbackTo({ snapshot: 'a', timestamp: sql`now()` } as never), { reason: 'conflict', field: undefined });
    expectValidation(() => alterTable('frames').flashbackTo({ timestamp: '2026-01-01' as never }), { reason: 'invalid_type', field: 'timestamp' });
    expectValidation(() => alterTable('frames').flashbackTo({ snapshot: '' }), { reason: 'too_small', field: 'snapshot' });
    expectValidation(() => alterTable('frames').flashbackTo({ offset: -1 } as never), { reason: 'unknown_key', field: undefined });
  });

  it('renders RENAME TO, SET OPTIONS, CLUSTER BY, DROP CLUSTER KEY and COMMENT', () => {
    expect(alterTable(frames).renameTo('frames_old').compile()).toBe('ALTER TABLE frames RENAME TO frames_old');
    expect(alterTable('frames').setOptions({ block_per_segment: 500, compression: 'zstd', enable_auto_vacuum: true }).compile()).toBe(
      "ALTER TABLE frames SET OPTIONS (block_per_segment = 500, compression = 'zstd', enable_auto_vacuum = true)",
    );
    expect(alterTable('frames').clusterBy([sql`to_date(ts)`, 'device_id']).compile()).toBe('ALTER TABLE frames CLUSTER BY (to_date(ts), device_id)');
    expect(alterTable('frames').clusterBy(['device_id'], 'HILBERT').compile()).toBe('ALTER TABLE frames CLUSTER BY HILBERT (device_id)');
    expect(alterTable('frames').dropClusterKey().compile()).toBe('ALTER TABLE frames DROP CLUSTER KEY');
    expect(alterTable('frames').comment("frames' table").compile()).toBe("ALTER TABLE frames COMMENT = 'frames\\' table'");
  });

  it('renders the governance actions: masking policies, row access policies and tags', () => {
    expect(
      alterTable('users')
        .setMaskingPolicy('email', 'pii_email', { using: ['email', 'User Name'] })
        .compile(),
    ).toBe('ALTER TABLE "users" MODIFY COLUMN email SET MASKING POLICY pii_email USING (email, "User Name")');
    expect(alterTable('people').setMaskingPolicy('E Mail', 'pii_email').compile()).toBe(
      'ALTER TABLE people MODIFY COLUMN "E Mail" SET MASKING POLICY pii_email',
    );
    expect(alterTable('people').unsetMaskingPolicy('email').compile()).toBe('ALTER TABLE people MODIFY COLUMN email UNSET MASKING POLICY');
    expect(alterTable('employees').addRowAccessPolicy('rap_engineering', ['department', 'Team Id']).compile()).toBe(
      'ALTER TABLE employees ADD ROW ACCESS POLICY rap_engineering ON (department, "Team Id")',
    );
    expect(alterTable('employees').dropRowAccessPolicy('rap_engineering').compile()).toBe('ALTER TABLE employees DROP ROW ACCESS POLICY rap_engineering');
    expect(alterTable('employees').dropAllRowAccessPolicies().compile()).toBe('ALTER TABLE employees DROP ALL ROW ACCESS POLICIES');
    expect(alterTable('people').setTag({ env: 'prod', owner: "team_a's \\ x" }).ifExists().compile()).toBe(
      "ALTER TABLE IF EXISTS people SET TAG env = 'prod', owner = 'team_a\\'s \\\\ x'",
    );
    expect(alterTable('people').unsetTag(['env', 'owner']).compile()).toBe('ALTER TABLE people UNSET TAG env, owner');
  });

  it('checks the governance actions before SQL exists', () => {
    expectValidation(() => alterTable('people').setMaskingPolicy('email', '"pii"'), { reason: 'invalid_format', field: 'policy name' });
    expectValidation(() => alterTable('people').setMaskingPolicy('email', 'pii', { using: ['email'] }), { reason: 'too_small', field: 'using' });
    expectValidation(() => alterTable('people').setMaskingPolicy('email', 'pii', { using: ['name', 'email'] }), { reason: 'invalid_value', field: 'using' });
    expectValidation(() => alterTable('people').setMaskingPolicy('email', 'pii', { using: ['email', 'email'] }), { reason: 'conflict', field: 'using' });
    expectValidation(() => alterTable('people').setMaskingPolicy('email', 'pii', { using: 'email' as never }), { reason: 'invalid_type', field: 'using' });
    expectValidation(() => alterTable('people').setMaskingPolicy('email', 'pii', { use: [] } as never), { reason: 'unknown_key', field: 'use' });
    expectValidation(() => alterTable('people').unsetMaskingPolicy(''), { reason: 'too_small', field: 'column name' });
    expectValidation(() => alterTable('people').addRowAccessPolicy('rap', []), { reason: 'too_small', field: 'columns' });
    expectValidation(() => alterTable('people').addRowAccessPolicy('rap', [1 as never]), { reason: 'invalid_type', field: 'columns' });
    expectValidation(() => alterTable('people').addRowAccessPolicy('from', ['a']), { reason: 'reserved', field: 'policy name' });
    expectValidation(() => alterTable('people').dropRowAccessPolicy('a b'), { reason: 'invalid_format', field: 'policy name' });
    expectValidation(() => alterTable('people').setTag({}), { reason: 'too_small', field: 'tags' });
    expectValidation(() => alterTable('people').setTag([['env', 'x']] as never), { reason: 'invalid_type', field: 'tags' });
    expectValidation(() => alterTable('people').setTag({ 'env = 1 --': 'x' }), { reason: 'invalid_format', field: 'tag name' });
    expectValidation(() => alterTable('people').setTag({ env: null as never }), { reason: 'invalid_type', field: 'tags.env' });
    expectValidation(() => alterTable('people').setTag({ env: 'a', Env: 'b' }), { reason: 'conflict', field: 'tags' });
    expectValidation(() => alterTable('people').unsetTag([]), { reason: 'too_small', field: 'tags' });
    expectValidation(() => alterTable('people').unsetTag(['env', 'ENV']), { reason: 'conflict', field: 'tags' });
    expectValidation(() => alterTable('people').unsetTag([2 as never]), { reason: 'invalid_type', field: 'tags' });
  });

  it('is immutable: ifExists() makes a new builder', () => {
    const base = alterTable('frames').dropColumn('notes');
    const withIf = base.ifExists();
    expect(base.compile()).toBe('ALTER TABLE frames DROP COLUMN notes');
    expect(withIf.compile()).toBe('ALTER TABLE IF EXISTS frames DROP COLUMN notes');
    expect(render(withIf.toNode())).toBe(withIf.compile());
  });

  it('checks every argument before SQL exists', () => {
    expectValidation(() => alterTable('frames').addColumn('x', 'INT' as never), { reason: 'invalid_type', field: 'column' });
    expectValidation(() => alterTable('frames').addColumn('_row_id', int()), { reason: 'reserved', field: '_row_id' });
    expectValidation(() => alterTable('frames').addColumn('x', int(), { first: true, after: 'id' }), { reason: 'conflict', field: undefined });
    expectValidation(() => alterTable('frames').addColumn('x', int(), { before: 'id' } as never), { reason: 'unknown_key', field: 'before' });
    expectValidation(() => alterTable('frames').addColumn('x', int(), { first: 'yes' as never }), { reason: 'invalid_type', field: 'first' });
    expectValidation(() => alterTable('frames').modifyColumn('x', bigint().storedAs(sql`1`)), { reason: 'conflict', field: 'column' });
    expectValidation(() => alterTable('frames').modifyColumn('x', bigint().autoIncrement()), { reason: 'conflict', field: 'column' });
    expectValidation(() => alterTable('frames').setOptions({}), { reason: 'too_small', field: 'options' });
    expectValidation(() => alterTable('frames').setOptions({ 'a b': 1 }), { reason: 'invalid_format', field: 'options' });
    expectValidation(() => alterTable('frames').setOptions({ a: Number.NaN }), { reason: 'not_exact', field: 'options' });
    expectValidation(() => alterTable('frames').modifyColumns({}), { reason: 'too_small', field: 'columns' });
    expectValidation(() => alterTable('frames').modifyColumns([int()] as never), { reason: 'invalid_type', field: 'columns' });
    expectValidation(() => alterTable('frames').modifyColumns({ x: 'INT' as never }), { reason: 'invalid_type', field: 'column' });
    expectValidation(() => alterTable('frames').modifyColumns({ x: int(), y: bigint().virtualAs(sql`x`) }), { reason: 'conflict', field: 'column' });
    expectValidation(() => alterTable('frames').unsetOptions([]), { reason: 'too_small', field: 'options' });
    expectValidation(() => alterTable('frames').unsetOptions('compression' as never), { reason: 'invalid_type', field: 'options' });
    expectValidation(() => alterTable('frames').unsetOptions([1 as never]), { reason: 'invalid_type', field: 'options' });
    expectValidation(() => alterTable('frames').unsetOptions(['a) DROP TABLE t --']), { reason: 'invalid_format', field: 'options' });
    expectValidation(() => alterTable('frames').unsetOptions(['compression', 'compression']), { reason: 'conflict', field: 'options' });
    expectValidation(() => alterTable('frames').swapWith(''), { reason: 'too_small', field: 'table name' });
    expectValidation(() => alterTable('frames').clusterBy([]), { reason: 'too_small', field: 'keys' });
    expectValidation(() => alterTable('frames').clusterBy([42 as never]), { reason: 'invalid_type', field: 'keys' });
    expectValidation(() => alterTable('frames').clusterBy(['select']), { reason: 'reserved', field: 'keys' });
    expectValidation(() => alterTable('frames').clusterBy(['a'], 'ZORDER' as never), { reason: 'invalid_value', field: 'type' });
    expectValidation(() => alterTable('frames').comment(1 as never), { reason: 'invalid_type', field: 'comment' });
    expectValidation(() => alterTable('frames').renameTo(''), { reason: 'too_small', field: 'table name' });
    expectValidation(() => alterTable({ name: 'frames' } as never), { reason: 'invalid_type', field: 'table' });
  });
});

describe('CREATE / DROP / REFRESH INDEX', () => {
  it('renders CREATE INDEX with its options, OR REPLACE, IF NOT EXISTS and ASYNC', () => {
    expect(createIndex(vectorIndex('emb', ['embedding'], { distance: ['l2'] }), frames).compile()).toBe(
      "CREATE VECTOR INDEX emb ON frames (embedding) distance = 'l2'",
    );
    expect(
      createIndex(invertedIndex('notes_idx', ['notes', 'payload'], { async: true }), frames)
        .orReplace()
        .compile(),
    ).toBe('CREATE OR REPLACE ASYNC INVERTED INDEX notes_idx ON frames (notes, payload)');
    expect(
      createIndex(ngramIndex('ng', ['device_id'], { gramSize: 2 }), 'Frames')
        .ifNotExists()
        .compile(),
    ).toBe('CREATE NGRAM INDEX IF NOT EXISTS ng ON "Frames" (device_id) gram_size = 2');
  });

  it('renders DROP and REFRESH INDEX', () => {
    expect(dropIndex('VECTOR', 'emb', frames).compile()).toBe('DROP VECTOR INDEX emb ON frames');
    expect(dropIndex('NGRAM', 'ng', 'frames').ifExists().compile()).toBe('DROP NGRAM INDEX IF EXISTS ng ON frames');
    expect(refreshIndex('INVERTED', 'notes_idx', frames).compile()).toBe('REFRESH INVERTED INDEX notes_idx ON frames');
    expect(refreshIndex('INVERTED', 'notes_idx', frames).limit(10).compile()).toBe('REFRESH INVERTED INDEX notes_idx ON frames LIMIT 10');
  });

  it('checks the index options as the engine does, before SQL exists', () => {
    expectValidation(() => vectorIndex('v', ['embedding'], {} as never), { reason: 'invalid_type', field: 'distance' });
    expectValidation(() => vectorIndex('v', ['embedding'], { distance: [] }), { reason: 'too_small', field: 'distance' });
    expectValidation(() => vectorIndex('v', ['embedding'], { distance: ['dot' as never] }), { reason: 'invalid_value', field: 'distance' });
    expectValidation(() => vectorIndex('v', ['embedding'], { distance: ['l1', 'l1'] }), { reason: 'conflict', field: 'distance' });
    expectValidation(() => vectorIndex('v', ['embedding'], { distance: ['l1'], m: 0 }), { reason: 'too_small', field: 'm' });
    expectValidation(() => vectorIndex('v', ['embedding'], { distance: ['l1'], efConstruct: 3 }), { reason: 'too_small', field: 'efConstruct' });
    expectValidation(() => invertedIndex('i', ['notes'], { tokenizer: 'french' as never }), { reason: 'invalid_value', field: 'tokenizer' });
    expectValidation(() => invertedIndex('i', ['notes'], { filters: ["english_stop' x" as never] }), { reason: 'invalid_value', field: 'filters' });
    expectValidation(() => invertedIndex('i', ['notes'], { indexRecord: 'all' as never }), { reason: 'invalid_value', field: 'indexRecord' });
    expectValidation(() => ngramIndex('n', ['notes'], { gramSize: 0 }), { reason: 'too_small', field: 'gramSize' });
    expectValidation(() => ngramIndex('n', ['notes'], { bloomSize: 100 }), { reason: 'too_small', field: 'bloomSize' });
    expectValidation(() => ngramIndex('n', ['notes'], { bloomSize: 20_000_000 }), { reason: 'too_big', field: 'bloomSize' });
    expectValidation(() => ngramIndex('n', ['notes'], { size: 3 } as never), { reason: 'unknown_key', field: 'size' });
    expectValidation(() => ngramIndex('n', []), { reason: 'too_small', field: 'columns' });
    expectValidation(() => ngramIndex('n', ['a', 'a']), { reason: 'conflict', field: 'columns' });
    expectValidation(() => ngramIndex('', ['a']), { reason: 'too_small', field: 'index name' });
    expectValidation(() => ngramIndex('n', ['a'], { async: 1 as never }), { reason: 'invalid_type', field: 'async' });
    expectValidation(() => createIndex({ type: 'NGRAM', name: 'n', columns: ['notes'], async: false, options: {} } as never, frames), {
      reason: 'invalid_type',
      field: 'index',
    });
    expectValidation(() => createIndex(ngramIndex('n', ['embedding']), frames), { reason: 'invalid_value', field: 'indexes' });
    expectValidation(
      () =>
        createIndex(ngramIndex('n', ['x']), 'frames')
          .orReplace()
          .ifNotExists(),
      { reason: 'conflict', field: undefined },
    );
    expectValidation(() => dropIndex('BLOOM' as never, 'n', frames), { reason: 'invalid_value', field: 'type' });
    expectValidation(() => dropIndex('NGRAM', 'a\nb', frames), { reason: 'invalid_format', field: 'index name' });
    expectValidation(() => refreshIndex('NGRAM', 'n', frames).limit(0), { reason: 'too_small', field: 'count' });
  });
});

describe('hand-written nodes', () => {
  it('refuses an ALTER TABLE node whose action is unknown', () => {
    const node = { kind: 'AlterTableStmt', ifExists: false, table: { name: 't' }, action: { kind: 'Truncate' } };
    expectValidation(() => render(node as never), { reason: 'invalid_type', field: 'statement', call: 'render()' });
  });
});
