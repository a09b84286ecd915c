import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, type Dialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import {
  begin,
  commit,
  rollback,
  bigint,
  createTask,
  deleteFrom,
  executeImmediate,
  insertInto,
  int,
  mergeInto,
  optimizeTable,
  pipeline,
  render,
  renderPlan,
  script,
  secret,
  selectFromStream,
  sql,
  statement,
  string,
  table,
  timestamp,
  truncateTable,
  update,
  variant,
  ValidationError,
} from '../../src/index.js';
import { DatabendAdapter, DatabendIntrospector, DatabendQueryCompiler, type KyselyDatabase } from '../../src/kysely/index.js';
import { expectValidation } from '../support/expect-validation.js';

const readings = table('readings', { device: string().notNull(), v: int(), status: string(), at: timestamp(), doc: variant() });
const rollup = table('device_rollup', { device: string().notNull(), n: bigint() });

// Compile only: the dialect's compiler with Kysely's DummyDriver, which never connects.
const tables = [readings, rollup] as const;
const dialect: Dialect = {
  createAdapter: () => new DatabendAdapter(),
  createDriver: () => new DummyDriver(),
  createQueryCompiler: () => new DatabendQueryCompiler({ tables }),
  createIntrospector: (kysely) => new DatabendIntrospector(kysely),
};
const db = new Kysely<KyselyDatabase<typeof tables>>({ dialect });
const postgres = new Kysely<KyselyDatabase<typeof tables>>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createQueryCompiler: () => new PostgresQueryCompiler(),
    createIntrospector: (kysely) => new PostgresIntrospector(kysely),
  },
});

describe('update', () => {
  it('renders SET with literals of the column types and sql`` expressions, then WHERE', () => {
    const stmt = update(readings)
      .set({ status: "it's", v: sql`v * 2`, at: new Date('2024-08-16T10:00:00Z'), doc: { a: [1] } })
      .where(sql`device = ${'a'}`);
    expect(stmt.compile()).toBe(
      ['UPDATE readings', `SET "status" = 'it\\'s', v = v * 2, "at" = '2024-08-16 10:00:00.000000', doc = PARSE_JSON('{"a":[1]}')`, "WHERE device = 'a'"].join(
        '\n',
      ),
    );
  });

  it('keeps the last value given for a column, and never changes the builder it was called on', () => {
    const base = update(readings).set({ v: 1 });
    expect(base.set({ v: 2, status: null }).compile()).toBe('UPDATE readings\nSET v = 2, "status" = NULL');
    expect(base.compile()).toBe('UPDATE readings\nSET v = 1');
  });

  it('keeps its values apart from the caller objects', () => {
    const doc = { a: 1 };
    const stmt = update(readings).set({ doc });
    doc.a = 2;
    expect(stmt.compile()).toBe(`UPDATE readings\nSET doc = PARSE_JSON('{"a":1}')`);
  });
});

describe('deleteFrom', () => {
  it('renders DELETE FROM with and without WHERE', () => {
    expect(deleteFrom(readings).compile()).toBe('DELETE FROM readings');
    expect(deleteFrom('My Table').where(sql`v < ${0}`).compile()).toBe('DELETE FROM "My Table"\nWHERE v < 0');
  });
});

describe('mergeInto', () => {
  it('renders USING a stream read, ON, and the WHEN clauses in the order given', () => {
    const source = selectFromStream('readings_stream').select({ device: 'device', n: sql`count(*)` }).groupBy(sql`device`);
    const stmt = mergeInto(rollup)
      .using(source, 's')
      .on(sql`device_rollup.device = s.device`)
      .whenMatchedThenUpdate({ n: sql`device_rollup.n + s.n` }, sql`s.n > ${0}`)
      .whenMatchedThenDelete()
      .whenNotMatchedThenInsert({ device: sql`s.device`, n: 5 });
    expect(stmt.compile()).toBe(
      [
        'MERGE INTO device_rollup',
        'USING (SELECT device, count(*) AS n FROM readings_stream GROUP BY device) AS s',
        'ON device_rollup.device = s.device',
        'WHEN MATCHED AND s.n > 0 THEN UPDATE SET n = device_rollup.n + s.n',
        'WHEN MATCHED THEN DELETE',
        'WHEN NOT MATCHED THEN INSERT (device, n) VALUES (s.device, 5)',
      ].join('\n'),
    );
  });

  it('renders a table source, UPDATE * and INSERT *', () => {
    const stmt = mergeInto(rollup)
      .using('staged', 'st')
      .on(sql`device_rollup.device = st.device`)
      .whenMatchedThenUpdateAll()
      .whenNotMatchedThenInsertAll(sql`st.n > 0`);
    expect(stmt.compile()).toBe(
      [
        'MERGE INTO device_rollup',
        'USING staged AS st',
        'ON device_rollup.device = st.device',
        'WHEN MATCHED THEN UPDATE *',
        'WHEN NOT MATCHED AND st.n > 0 THEN INSERT *',
      ].join('\n'),
    );
    expect(mergeInto(rollup).using(rollup).on(sql`true`).whenMatchedThenDelete().compile()).toBe(
      'MERGE INTO device_rollup\nUSING device_rollup\nON true\nWHEN MATCHED THEN DELETE',
    );
  });

  it('reads a query written with sql`` or compiled by the Kysely dialect', () => {
    const compiled = db.selectFrom('device_rollup').select(['device', 'n']).where('n', '>', 3).compile();
    expect(mergeInto(rollup).using(compiled, 'k').on(sql`true`).whenMatchedThenDelete().compile()).toBe(
      'MERGE INTO device_rollup\nUSING (select device, n from device_rollup where n > 3) AS k\nON true\nWHEN MATCHED THEN DELETE',
    );
    expect(mergeInto(rollup).using(sql`SELECT 1 AS device`, 'q').on(sql`true`).whenMatchedThenDelete().compile()).toBe(
      'MERGE INTO device_rollup\nUSING (SELECT 1 AS device) AS q\nON true\nWHEN MATCHED THEN DELETE',
    );
  });
});

describe('truncateTable and optimizeTable', () => {
  it('renders TRUNCATE TABLE', () => {
    expect(truncateTable(rollup).compile()).toBe('TRUNCATE TABLE device_rollup');
  });

  it('renders each OPTIMIZE action and LIMIT', () => {
    expect(optimizeTable(rollup).all().compile()).toBe('OPTIMIZE TABLE device_rollup ALL');
    expect(optimizeTable(rollup).compact().compile()).toBe('OPTIMIZE TABLE device_rollup COMPACT');
    expect(optimizeTable(rollup).compact({ segment: true }).limit(10).compile()).toBe('OPTIMIZE TABLE device_rollup COMPACT SEGMENT LIMIT 10');
    expect(optimizeTable(rollup).purge().compile()).toBe('OPTIMIZE TABLE device_rollup PURGE');
    expect(optimizeTable(rollup).purge({ snapshot: "a'b" }).compile()).toBe("OPTIMIZE TABLE device_rollup PURGE BEFORE (SNAPSHOT => 'a\\'b')");
    expect(
      optimizeTable(rollup)
        .purge({ timestamp: new Date('2024-01-01T00:00:00Z') })
        .compile(),
    ).toBe("OPTIMIZE TABLE device_rollup PURGE BEFORE (TIMESTAMP => '2024-01-01 00:00:00.000000'::TIMESTAMP)");
    expect(optimizeTable(rollup).purge({ timestamp: sql`now() - INTERVAL 1 DAY` }).compile()).toBe(
      'OPTIMIZE TABLE device_rollup PURGE BEFORE (TIMESTAMP => now() - INTERVAL 1 DAY)',
    );
  });
});

describe('script and executeImmediate', () => {
  const rollupInsert = insertInto(rollup).fromStream('readings_stream').map({ n: sql`count(*)` }).groupBy(sql`device`);

  it('renders a script block, one statement a line', () => {
    expect(script([truncateTable(rollup), rollupInsert]).compile()).toBe(
      [
        'BEGIN',
        '  TRUNCATE TABLE device_rollup;',
        '  INSERT INTO device_rollup (device, n)',
        '  SELECT device, count(*) FROM readings_stream GROUP BY device;',
        'END',
      ].join('\n'),
    );
  });

  it('renders EXECUTE IMMEDIATE of a script block (ending END;) and of script text', () => {
    expect(executeImmediate(script([deleteFrom(readings).where(sql`v < 0`), sql`UPDATE readings SET v = 1`])).compile()).toBe(
      ['EXECUTE IMMEDIATE $$', 'BEGIN', '  DELETE FROM readings', '  WHERE v < 0;', '  UPDATE readings SET v = 1;', 'END;', '$$'].join('\n'),
    );
    expect(executeImmediate(sql`BEGIN LET x := ${"it's"}; RETURN x; END;`).compile()).toBe("EXECUTE IMMEDIATE $$\nBEGIN LET x := 'it\\'s'; RETURN x; END;\n$$");
  });

  it('renders BEGIN, COMMIT and ROLLBACK alone and as items of a script block', () => {
    expect([begin(), commit(), rollback()].map((s) => s.compile())).toEqual(['BEGIN', 'COMMIT', 'ROLLBACK']);
    expect(script([begin(), deleteFrom(readings).where(sql`v < 0`), commit()]).compile()).toBe(
      ['BEGIN', '  BEGIN;', '  DELETE FROM readings', '  WHERE v < 0;', '  COMMIT;', 'END'].join('\n'),
    );
    expect(
      createTask('t')
        .schedule({ seconds: 30 })
        .as([begin(), truncateTable(rollup), rollback()])
        .compile(),
    ).toBe(
      ['CREATE TASK t', '  SCHEDULE = 30 SECOND', 'AS', '  BEGIN', '    BEGIN;', '    TRUNCATE TABLE device_rollup;', '    ROLLBACK;', '  END'].join('\n'),
    );
    expectValidation(() => render({ kind: 'TransactionStmt', action: 'ABORT; DROP TABLE t' } as never), { reason: 'invalid_type', field: 'statement' });
  });

  it('refuses $$ inside the script, from a nested statement too', () => {
    const nested = script([executeImmediate(sql`SELECT 1`)]);
    expect(() => executeImmediate(nested)).toThrow(ValidationError);
    expect(() => executeImmediate(script([sql`SELECT '$$'`]))).toThrow("executeImmediate(): the script cannot contain '$$'");
  });
});

describe('task bodies and pipeline steps take any statement', () => {
  it('renders the stream-to-rollup task of the guide', () => {
    const task = createTask('task_rollup')
      .warehouse('default')
      .schedule({ minutes: 5 })
      .as(insertInto(rollup).fromStream('readings_stream').map({ n: sql`count(*)` }).groupBy(sql`device`));
    expect(task.compile()).toBe(
      [
        'CREATE TASK task_rollup',
        "  WAREHOUSE = 'default'",
        '  SCHEDULE = 5 MINUTE',
        'AS',
        '  INSERT INTO device_rollup (device, n)',
        '  SELECT device, count(*) FROM readings_stream GROUP BY device',
      ].join('\n'),
    );
  });

  it('takes DML, sql`` fragments, Kysely-compiled queries and scripts as the body', () => {
    const compiled = db.deleteFrom('readings').where('v', '<', 0).compile();
    expect(
      createTask('t')
        .as([update(readings).set({ v: 0 }), sql`DELETE FROM readings WHERE v IS NULL`, compiled])
        .compile(),
    ).toBe(
      [
        'CREATE TASK t',
        'AS',
        '  BEGIN',
        '    UPDATE readings',
        '    SET v = 0;',
        '    DELETE FROM readings WHERE v IS NULL;',
        '    delete from readings where v < 0;',
        '  END',
      ].join('\n'),
    );
    expect(
      createTask('t')
        .as(script([truncateTable(rollup), optimizeTable(rollup).compact()]))
        .compile(),
    ).toBe(['CREATE TASK t', 'AS', '  BEGIN', '    TRUNCATE TABLE device_rollup;', '    OPTIMIZE TABLE device_rollup COMPACT;', '  END'].join('\n'));
    expect(
      createTask('t')
        .as(executeImmediate(script([truncateTable(rollup)])))
        .compile(),
    ).toBe(['CREATE TASK t', 'AS', '  EXECUTE IMMEDIATE $$', '  BEGIN', '    TRUNCATE TABLE device_rollup;', '  END;', '  $$'].join('\n'));
  });

  it('refuses a compiled query the dialect did not make, whose values it did not inline', () => {
    const foreign = postgres.selectFrom('readings').selectAll().where('v', '>', 1).compile();
    expect(foreign.parameters).toEqual([1]);
    expect(() => createTask('t').as(foreign)).toThrow("createTask('t').as(): body statement 1 is a compiled query the SDK's Kysely dialect did not make");
    expect(() => statement(foreign)).toThrow(ValidationError);
  });

  it('takes fragments and compiled queries as pipeline steps, masking the secrets of a fragment', () => {
    const plan = pipeline('p', [
      { title: 'fragment', statement: sql`SELECT ${secret('s3cr3t')} AS k` },
      { title: 'kysely', statement: db.selectFrom('device_rollup').selectAll().compile() },
      { title: 'builder', statement: truncateTable(rollup) },
    ]);
    expect(renderPlan(plan)).toBe(`SELECT '***' AS k;\n\nselect * from device_rollup;\n\nTRUNCATE TABLE device_rollup;\n`);
    expect(renderPlan(plan, { revealSecrets: true })).toContain("SELECT 's3cr3t' AS k;");
  });

  it('renders a statement node of each kind through render()', () => {
    expect(render(statement(sql`SELECT 1`).toNode())).toBe('SELECT 1');
    expect(render({ kind: 'TruncateTableStmt', table: { database: 'db', name: 't' } })).toBe('TRUNCATE TABLE db.t');
  });
});

describe('insertInto(table).select(query)', () => {
  it('inserts the rows of an sql`` SELECT, a stream read with a CTE, or a Kysely-compiled SELECT', () => {
    expect(insertInto(rollup).select(sql`SELECT device, count(*) FROM readings_stream GROUP BY device`).compile()).toBe(
      'INSERT INTO device_rollup (device, n)\nSELECT device, count(*) FROM readings_stream GROUP BY device',
    );
    const fresh = selectFromStream('readings_stream').asCte('fresh').select({ device: 'device', n: sql`count(*)` }).groupBy(sql`device`);
    expect(insertInto(rollup).select(fresh).columns(['device', 'n']).overwrite().compile()).toBe(
      'INSERT OVERWRITE INTO device_rollup (device, n)\nWITH fresh AS (SELECT * FROM readings_stream) SELECT device, count(*) AS n FROM fresh GROUP BY device',
    );
    const compiled = db.selectFrom('readings').select(['device']).where('v', '>', 1).compile();
    expect(insertInto(rollup).select(compiled).columns(['device']).compile()).toBe(
      'INSERT INTO device_rollup (device)\nselect device from readings where v > 1',
    );
  });

  it('refuses a read WITH CONSUME: the INSERT consumes what it reads', () => {
    expect(() => insertInto(rollup).select(selectFromStream('s').consume())).toThrow('Databend refuses WITH CONSUME inside DML');
  });
});

describe('stream reads', () => {
  it('renders AS, joins, WHERE, GROUP BY, ORDER BY and LIMIT in SQL order', () => {
    const read = selectFromStream('readings_stream')
      .consume()
      .as('s')
      .join('devices', sql`s.device = d.id`, { alias: 'd' })
      .join(rollup, sql`s.device = device_rollup.device`, { kind: 'LEFT' })
      .where(sql`s.v > ${0}`)
      .orderBy(sql`s.device DESC`)
      .limit(5);
    expect(read.compile()).toBe(
      'SELECT * FROM readings_stream WITH CONSUME AS s INNER JOIN devices AS d ON s.device = d.id LEFT JOIN device_rollup ON s.device = device_rollup.device WHERE s.v > 0 ORDER BY s.device DESC LIMIT 5',
    );
  });

  it('renders a consuming CTE read by the outer SELECT', () => {
    const read = selectFromStream('readings_stream')
      .consume()
      .asCte('fresh')
      .select({ device: 'device', n: sql`count(*)` })
      .groupBy(sql`device`)
      .orderBy(sql`device`);
    expect(read.compile()).toBe(
      'WITH fresh AS (SELECT * FROM readings_stream WITH CONSUME) SELECT device, count(*) AS n FROM fresh GROUP BY device ORDER BY device',
    );
  });

  it('renders a second consuming CTE joined to the outer SELECT', () => {
    const read = selectFromStream('orders_stream')
      .columns(['id', 'amount'])
      .consume()
      .asCte('o_delta')
      .as('o')
      .joinCte('c_delta', selectFromStream('customers_stream').consume(), sql`o.id = c.id`, { alias: 'c', kind: 'LEFT' })
      .select({ id: sql`o.id`, total: sql`SUM(o.amount)` })
      .groupBy(sql`o.id`);
    expect(read.compile()).toBe(
      'WITH o_delta AS (SELECT id, amount FROM orders_stream WITH CONSUME), c_delta AS (SELECT * FROM customers_stream WITH CONSUME) SELECT o.id AS id, SUM(o.amount) AS total FROM o_delta AS o LEFT JOIN c_delta AS c ON o.id = c.id GROUP BY o.id',
    );
  });

  it('refuses a consuming CTE joined in an INSERT', () => {
    const read = selectFromStream('a').asCte('x').joinCte('y', selectFromStream('b').consume(), sql`true`);
    expect(() => insertInto(rollup).select(read)).toThrow('Databend refuses WITH CONSUME inside DML');
  });

  it('keeps the guide reads unchanged', () => {
    expect(selectFromStream('frame_events_stream').compile()).toBe('SELECT * FROM frame_events_stream');
    expect(selectFromStream('frame_events_stream').consume().compile()).toBe('SELECT * FROM frame_events_stream WITH CONSUME');
  });
});
