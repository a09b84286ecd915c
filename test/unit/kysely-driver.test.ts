import { CompiledQuery, Kysely, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { DatabendClient } from '../../src/client/client.js';
import { ValidationError } from '../../src/errors.js';
import { createTask } from '../../src/index.js';
import { DatabendDialect, DatabendKyselyDriver, UnsupportedByDatabendError } from '../../src/kysely/index.js';

/** A stand-in for DatabendClient (by prototype) that records what it is asked to run; `rows` answers every query. */
function fakeClient(name: string, log: string[], rows: Record<string, unknown>[] = []) {
  let closed = 0;
  const client = {
    async query(text: string) {
      log.push(`${name} query ${text}`);
      return rows;
    },
    async execute(text: string) {
      log.push(`${name} execute ${text}`);
      return { sql: text, rowsAffected: 3, durationMs: 0, dryRun: false };
    },
    async *stream(text: string) {
      log.push(`${name} stream ${text}`);
      yield* rows;
    },
    async close() {
      closed += 1;
    },
    get closed() {
      return closed;
    },
  };
  // A DatabendClient to instanceof, as the dialect takes only the SDK's clients; its own methods answer.
  Object.setPrototypeOf(client, DatabendClient.prototype);
  return client as unknown as DatabendClient & { readonly closed: number };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('DatabendKyselyDriver', () => {
  it('a client of yours is one connection: a second acquire waits for the release of the first', async () => {
    const log: string[] = [];
    const client = fakeClient('c', log);
    const driver = new DatabendKyselyDriver({ client });
    const first = await driver.acquireConnection();
    let second: unknown;
    const waiting = driver.acquireConnection().then((connection) => (second = connection));
    await tick();
    expect(second).toBeUndefined();
    await driver.releaseConnection(first);
    await waiting;
    expect(second).toBe(first);
    await driver.destroy();
    expect(client.closed).toBe(0);
  });

  it('with a DSN, up to maxConnections clients are created on demand, reused, and closed by destroy()', async () => {
    const log: string[] = [];
    const made: ReturnType<typeof fakeClient>[] = [];
    const driver = new DatabendKyselyDriver({ createClient: () => (made.push(fakeClient(`c${made.length}`, log)), made.at(-1)!), maxConnections: 2 });
    const a = await driver.acquireConnection();
    const b = await driver.acquireConnection();
    expect(made).toHaveLength(2);
    expect(a).not.toBe(b);
    let third: unknown;
    const waiting = driver.acquireConnection().then((connection) => (third = connection));
    await tick();
    expect(third).toBeUndefined();
    expect(made).toHaveLength(2);
    await driver.releaseConnection(b);
    await waiting;
    expect(third).toBe(b);
    await driver.releaseConnection(a);
    expect(await driver.acquireConnection()).toBe(a);
    await driver.destroy();
    expect(made.map((c) => c.closed)).toEqual([1, 1]);
    await expect(driver.acquireConnection()).rejects.toThrow('the Kysely instance was destroyed');
  });

  it('destroy() fails the queries still waiting for a connection', async () => {
    const driver = new DatabendKyselyDriver({ client: fakeClient('c', []) });
    await driver.acquireConnection();
    const waiting = driver.acquireConnection();
    await driver.destroy();
    await expect(waiting).rejects.toThrow(ValidationError);
  });

  it('compiles without a session: a dialect made from a dsn opens none until a query runs', async () => {
    // Port 1 has no server: compiling, and building a task from the result, never reaches it.
    const db = new Kysely<{ t: { id: number } }>({ dialect: new DatabendDialect({ dsn: 'databend://x@localhost:1/' }) });
    const body = db.selectFrom('t').selectAll().where('id', '=', 1).compile();
    expect(createTask('t').as(body).compile()).toBe('CREATE TASK t\nAS\n  select * from t where id = 1');
    await db.destroy();
  });

  it('refuses a pool size that is not a positive integer', () => {
    expect(() => new DatabendKyselyDriver({ createClient: () => fakeClient('c', []), maxConnections: 0 })).toThrow('maxConnections must be a positive integer');
    expect(() => new DatabendDialect({ dsn: 'databend://x@localhost/', maxConnections: 1.5 }).createDriver()).toThrow(
      'maxConnections must be a positive integer',
    );
  });

  it('SELECT and raw SQL return rows; writes report rows affected; nothing carries parameters', async () => {
    const log: string[] = [];
    const db = new Kysely<{ t: { id: number } }>({ dialect: new DatabendDialect({ client: fakeClient('c', log, [{ id: 1 }]) }) });
    expect(await db.selectFrom('t').select('id').where('id', '=', 1).execute()).toEqual([{ id: 1 }]);
    const inserted = await db.insertInto('t').values({ id: 2 }).executeTakeFirst();
    expect(inserted.numInsertedOrUpdatedRows).toBe(3n);
    const updated = await db.updateTable('t').set({ id: 3 }).executeTakeFirst();
    expect(updated.numUpdatedRows).toBe(3n);
    const deleted = await db.deleteFrom('t').executeTakeFirst();
    expect(deleted.numDeletedRows).toBe(3n);
    expect((await sql<{ id: number }>`SELECT ${5} AS id`.execute(db)).rows).toEqual([{ id: 1 }]);
    expect(await db.selectFrom('t').select('id').explain()).toEqual([{ id: 1 }]);
    expect(log).toEqual([
      'c query select id from t where id = 1',
      'c execute insert into t (id) values (2)',
      'c execute update t set id = 3',
      'c execute delete from t',
      'c query SELECT 5 AS id',
      'c query explain select id from t',
    ]);
    const connection = await new DatabendKyselyDriver({ client: fakeClient('c', log) }).acquireConnection();
    await expect(connection.executeQuery(CompiledQuery.raw('SELECT ?', [1]))).rejects.toThrow('a compiled query carries parameters');
  });

  it('streams in chunks of chunkSize rows', async () => {
    const rows = Array.from({ length: 7 }, (_, id) => ({ id }));
    const driver = new DatabendKyselyDriver({ client: fakeClient('c', [], rows) });
    const connection = await driver.acquireConnection();
    const chunks: number[] = [];
    for await (const chunk of connection.streamQuery(CompiledQuery.raw('select id from t'), 3)) chunks.push(chunk.rows.length);
    expect(chunks).toEqual([3, 3, 1]);
  });

  it('transactions run BEGIN / COMMIT / ROLLBACK on the connection that holds the transaction', async () => {
    const log: string[] = [];
    const db = new Kysely<{ t: { id: number } }>({ dialect: new DatabendDialect({ client: fakeClient('c', log) }) });
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('t').values({ id: 1 }).execute();
    });
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('t').values({ id: 2 }).execute();
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    expect(log).toEqual([
      'c query BEGIN',
      'c execute insert into t (id) values (1)',
      'c query COMMIT',
      'c query BEGIN',
      'c execute insert into t (id) values (2)',
      'c query ROLLBACK',
    ]);
  });

  it('refuses isolation levels, access modes and savepoints, which Databend lacks', async () => {
    const log: string[] = [];
    const db = new Kysely<{ t: { id: number } }>({ dialect: new DatabendDialect({ client: fakeClient('c', log) }) });
    await expect(
      db
        .transaction()
        .setIsolationLevel('serializable')
        .execute(async () => undefined),
    ).rejects.toThrow(UnsupportedByDatabendError);
    await expect(
      db
        .transaction()
        .setAccessMode('read only')
        .execute(async () => undefined),
    ).rejects.toThrow('no isolation levels or access modes');
    const trx = await db.startTransaction().execute();
    await expect(trx.savepoint('s1').execute()).rejects.toThrow('DatabendDialect: savepoint(): Databend has no SAVEPOINT');
    await trx.rollback().execute();
    expect(log).toEqual(['c query BEGIN', 'c query ROLLBACK']);
  });
});
