// The governance actions of ALTER TABLE on the local engine: every form parses (none fails with a syntax error, 1005)
// and is refused for the reason the engine gives: masking policies need a licence (the policy cannot be made, so SET
// finds none: 1113; UNSET: 1402), row access policies an experimental setting (1002), and SET TAG a tag made by
// CREATE TAG (2751). With the tag made, UNSET TAG runs and SET TAG fails in the embedded engine with 1025 "table(id=N)
// does not exist" (docs/engine-facts.md). The SQL of each form is pinned by test/unit/table-statements.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alterTable, createClient, createTable, int, string, table, type DatabendClient } from '../../src/index.js';
import { openTestDatabase, type TestDatabase } from '../support/engine.js';
import { serverError } from '../support/server-error.js';

const SETUP_TIMEOUT_MS = 300_000;
const QUERY_TIMEOUT_MS = 60_000;

const people = table('gv_people', { id: int(), username: string(), email: string() });

let engine: TestDatabase;
let client: DatabendClient;

beforeAll(async () => {
  engine = await openTestDatabase('governance');
  client = createClient({ dsn: engine.dsn });
  await client.execute(createTable(people));
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  await client?.execute('DROP TAG IF EXISTS gv_env').catch(() => undefined);
  await client?.close();
  await engine?.release();
});

async function refusal(statement: Parameters<DatabendClient['execute']>[0]): Promise<{ code: number | undefined; message: string }> {
  const error = await serverError(client.execute(statement));
  expect(error.serverCode, error.serverMessage).not.toBe(1005);
  return { code: error.serverCode, message: error.serverMessage ?? '' };
}

describe('ALTER TABLE governance actions', () => {
  it(
    'SET MASKING POLICY ... USING finds no policy (1113: making one needs a licence); UNSET MASKING POLICY needs a licence (1402)',
    async () => {
      const set = await refusal(alterTable(people).setMaskingPolicy('email', 'gv_pii', { using: ['email', 'username'] }));
      expect(set.code, set.message).toBe(1113);
      expect(set.message).toMatch(/Unknown masking policy gv_pii/);
      const created = await refusal('CREATE MASKING POLICY gv_pii AS (val STRING) RETURNS STRING -> val');
      expect(created.code, created.message).toBe(1402);
      const unset = await refusal(alterTable(people).unsetMaskingPolicy('email'));
      expect(unset.code, unset.message).toBe(1402);
      expect(unset.message).toMatch(/License/i);
    },
    QUERY_TIMEOUT_MS,
  );

  it(
    'ADD / DROP ROW ACCESS POLICY and DROP ALL ROW ACCESS POLICIES wait for enable_experimental_row_access_policy (1002)',
    async () => {
      for (const statement of [
        alterTable(people).addRowAccessPolicy('gv_rap', ['username']),
        alterTable(people).dropRowAccessPolicy('gv_rap'),
        alterTable(people).dropAllRowAccessPolicies(),
      ]) {
        const refused = await refusal(statement);
        expect(refused.code, refused.message).toBe(1002);
        expect(refused.message).toMatch(/enable_experimental_row_access_policy/);
      }
    },
    QUERY_TIMEOUT_MS,
  );

  it(
    "SET TAG needs the tag (2751); with it made, UNSET TAG runs and SET TAG meets the embedded engine's 1025",
    async () => {
      const missing = await refusal(alterTable(people).setTag({ gv_env: 'prod' }));
      expect(missing.code, missing.message).toBe(2751);
      expect(missing.message).toMatch(/gv_env/);
      await client.execute('CREATE TAG IF NOT EXISTS gv_env');
      await client.execute(alterTable(people).unsetTag(['gv_env']));
      const set = await refusal(alterTable(people).setTag({ gv_env: "it's prod" }));
      expect(set.code, set.message).toBe(1025);
      expect(set.message).toMatch(/does not exist/);
    },
    QUERY_TIMEOUT_MS,
  );
});
