// BEGIN / COMMIT / ROLLBACK on the local engine: on a client's session the statements between BEGIN and COMMIT apply
// together and ROLLBACK undoes them; inside a script block (EXECUTE IMMEDIATE, a task's body) the local engine refuses a
// transaction with 1002 "BEGIN in script is not supported yet" (not a syntax error), and CREATE TASK with one in its
// body ends, as every CREATE TASK here, with 1702 (no cloud control). The SQL is pinned by test/unit/dml.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  begin,
  commit,
  createClient,
  createTable,
  createTask,
  deleteFrom,
  executeImmediate,
  insertInto,
  int,
  rollback,
  script,
  sql,
  table,
  type DatabendClient,
} from '../../src/index.js';
import { openTestDatabase, type TestDatabase } from '../support/engine.js';
import { serverError } from '../support/server-error.js';

const SETUP_TIMEOUT_MS = 300_000;
const QUERY_TIMEOUT_MS = 60_000;

const items = table('tx_items', { id: int() });

let engine: TestDatabase;
let client: DatabendClient;

beforeAll(async () => {
  engine = await openTestDatabase('transactions');
  client = createClient({ dsn: engine.dsn });
  await client.execute(createTable(items));
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  await client?.close();
  await engine?.release();
});

async function ids(): Promise<number[]> {
  return (await client.query(sql`SELECT id FROM tx_items ORDER BY id`)).map((r) => Number(r.id));
}

describe('transaction statements', () => {
  it(
    'COMMIT applies the statements since BEGIN; ROLLBACK undoes them',
    async () => {
      await client.execute(begin());
      await client.execute(insertInto(items).values([{ id: 1 }, { id: 2 }]));
      await client.execute(deleteFrom(items).where(sql`id = ${1}`));
      await client.execute(commit());
      expect(await ids()).toEqual([2]);
      await client.execute(begin());
      await client.execute(insertInto(items).values([{ id: 3 }]));
      expect(await ids()).toEqual([2, 3]);
      await client.execute(rollback());
      expect(await ids()).toEqual([2]);
    },
    QUERY_TIMEOUT_MS,
  );

  it(
    'inside a script block the local engine refuses the transaction (1002), not the syntax; the rows stay',
    async () => {
      const body = script([begin(), insertInto(items).values([{ id: 9 }]), deleteFrom(items).where(sql`id < ${0}`), commit()]);
      const error = await serverError(client.execute(executeImmediate(body)));
      expect(error.serverCode, error.serverMessage).toBe(1002);
      expect(error.serverMessage).toMatch(/BEGIN in script is not supported/);
      expect(await ids()).toEqual([2]);
      const task = await serverError(client.execute(createTask('tx_task').schedule({ seconds: 30 }).as(body)));
      expect(task.serverCode, task.serverMessage).toBe(1702);
    },
    QUERY_TIMEOUT_MS,
  );
});
