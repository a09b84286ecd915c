// Stages, file formats and connections on the engine: introspectObjects() reads them back (SHOW STAGES / FILE FORMATS /
// CONNECTIONS) into the SDK's model; diffObjects() against the declared CREATE builders is empty once they exist,
// names each change, and its statements, run, leave nothing to change. Secrets are not read back: the engine masks
// them, and no live description or change holds one. Streams and tasks are not listed by the local engine: SHOW
// STREAMS and SHOW TASKS are refused (1402 licence, 1702 Cloud).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createClient,
  createConnection,
  createFileFormat,
  createStage,
  diffObjects,
  introspectObjects,
  secret,
  showStreams,
  showTasks,
  type DatabendClient,
  type DeclaredObject,
} from '../../src/index.js';
import { openTestDatabase, type TestDatabase } from '../support/engine.js';
import { serverError } from '../support/server-error.js';

const SETUP_TIMEOUT_MS = 300_000;
const QUERY_TIMEOUT_MS = 120_000;
const SECRET = 'MIGRATE/OBJECTS/SECRET/9f1';

let engine: TestDatabase;
let client: DatabendClient;
let root: string;

beforeAll(async () => {
  engine = await openTestDatabase('migrate_objects');
  client = createClient({ dsn: engine.dsn });
  root = await mkdtemp(join(tmpdir(), 'migrate-objects-'));
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  await client?.close();
  await engine?.release();
  if (root) await rm(root, { recursive: true, force: true });
});

/** Runs the changes, then diffs again: nothing is left. */
async function apply(declared: readonly DeclaredObject[], options: { dropUndeclared?: boolean } = {}): Promise<string[]> {
  const changes = diffObjects(declared, await introspectObjects(client), options);
  for (const change of changes) await client.execute(change.statement);
  expect(diffObjects(declared, await introspectObjects(client), options).map((c) => c.summary)).toEqual([]);
  return changes.map((c) => c.summary);
}

describe('stages, file formats and connections', () => {
  it(
    'created from their declarations, read back, changed, replaced and dropped; secrets never read back',
    async () => {
      const csv = createFileFormat('csv_pipe', { type: 'CSV', fieldDelimiter: '|', skipHeader: 1 });
      const lake = createConnection('lake').s3({ accessKeyId: 'AKIAMIGRATE', secretAccessKey: secret(SECRET), endpointUrl: 'http://127.0.0.1:9000' });
      const landing = createStage('landing').url(`fs://${root}/landing/`).fileFormat({ type: 'CSV', fieldDelimiter: ';' }).comment('raw drops');
      const internal = createStage('scratch').fileFormat({ formatName: 'csv_pipe' } as never);
      const v1 = [landing, internal, csv, lake];
      expect(await apply(v1)).toEqual(['create file format csv_pipe', 'create connection lake', 'create stage landing', 'create stage scratch']);

      const live = await introspectObjects(client);
      expect(JSON.stringify(live)).not.toContain(SECRET);
      expect(live.find((o) => o.name === 'lake')).toEqual({
        object: 'connection',
        name: 'lake',
        storageType: 's3',
        parameters: ['access_key_id', 'endpoint_url', 'secret_access_key'],
      });
      expect(live.find((o) => o.name === 'csv_pipe')).toMatchObject({
        object: 'file_format',
        options: { type: 'CSV', field_delimiter: '|', skip_header: '1' },
      });
      expect(live.find((o) => o.name === 'landing')).toMatchObject({
        object: 'stage',
        url: `fs://${root}/landing/`,
        hasCredentials: false,
        // SHOW STAGES lists the comment empty (docs/engine-facts.md).
        comment: '',
        fileFormat: { type: 'Csv', field_delimiter: ';' },
      });
      // The named format's options are copied into the stage (skip_header is listed as `headers`).
      expect(live.find((o) => o.name === 'scratch')).toMatchObject({
        object: 'stage',
        url: undefined,
        fileFormat: { type: 'Csv', field_delimiter: '|', skip_header: '1' },
      });
      expect(diffObjects([landing, internal], live).map((c) => c.summary)).toEqual([]);

      // Changed: the file format's delimiter, the stage's comment and format, a connection parameter added.
      const csv2 = createFileFormat('csv_pipe', { type: 'CSV', fieldDelimiter: '\t', skipHeader: 1 });
      const lake2 = createConnection('lake').s3({
        accessKeyId: 'AKIAMIGRATE',
        secretAccessKey: secret(SECRET),
        endpointUrl: 'http://127.0.0.1:9000',
        region: 'us-east-1',
      });
      const landing2 = createStage('landing').url(`fs://${root}/landing/`).fileFormat({ type: 'CSV', fieldDelimiter: ',' }).comment('raw files');
      const v2 = [landing2, internal, csv2, lake2];
      const changes = diffObjects(v2, await introspectObjects(client));
      expect(JSON.stringify(changes.map((c) => ({ ...c, statement: c.statement.toString() })))).not.toContain(SECRET);
      expect(await apply(v2)).toEqual([
        'replace file format csv_pipe (field_delimiter: \t -> |)',
        'replace connection lake (parameters: access_key_id, endpoint_url, region, secret_access_key -> access_key_id, endpoint_url, secret_access_key)',
        'replace stage landing (file format field_delimiter: , -> ;)',
      ]);

      // Undeclared: left alone, or dropped with dropUndeclared.
      expect(diffObjects([landing2], await introspectObjects(client)).map((c) => c.summary)).toEqual([]);
      expect(await apply([landing2], { dropUndeclared: true })).toEqual([
        'drop stage scratch (not declared)',
        'drop file format csv_pipe (not declared)',
        'drop connection lake (not declared)',
      ]);
      expect((await introspectObjects(client)).map((o) => o.name)).toEqual(['landing']);
    },
    QUERY_TIMEOUT_MS,
  );

  it(
    'streams and tasks are not listed by the local engine: SHOW STREAMS needs a licence (1402), SHOW TASKS Cloud (1702)',
    async () => {
      expect((await serverError(client.query(showStreams()))).serverCode).toBe(1402);
      expect((await serverError(client.query(showTasks()))).serverCode).toBe(1702);
    },
    QUERY_TIMEOUT_MS,
  );
});
