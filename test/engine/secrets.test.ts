// The secrets scan of test/unit/secrets.test.ts on the local engine, started with a root password holding every
// character a URL gives a meaning to ('@', ':', '/', '?', '#', '%'). Credentials of every kind (the DSN's password in
// encoded and unencoded spellings, connections and stages with secret() and plain credentials, credentials written as
// raw SQL, secret() in sql`` fragments of a WHERE, a map() and a task) go through every output: renderPlan and masked
// compiles, a dry run's plan, a successful apply, each failure path (engine errors, a closed port, the engine killed
// in the middle of a run), the observe events, every error with its stack, cause chain, JSON and inspect output, the
// CLI's stdout and stderr (plan, apply, failing applies, with RUST_LOG=info), and the local server's log: the
// gateway's stderr and every file under its data directory. Each credential holds distinctive cores (H + capitals)
// that no escaping changes (SQL's \' and '', JSON's \", percent-encoding), so that a leak of any part holding one is
// caught in any spelling.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { stopEngineOn } from '../support/stop-engine-proxy.js';
import { generateBatch, writeBatch } from '../../examples/everdrive/batch.js';
import { everdrivePipeline } from '../../examples/everdrive/pipeline.js';
import { describeOutcome } from '../../src/cli/progress.js';
import {
  createClient,
  createConnection,
  createStage,
  dropConnection,
  maskDsn,
  renderPlan,
  secret,
  ServerError,
  sql,
  TransportError,
  ValidationError,
  type DatabendClient,
  type StatementEvent,
} from '../../src/index.js';
import { startLocalDatabend, type LocalDatabend } from '../../src/local/index.js';
import { quoteString } from '../../src/render/quote.js';
import { runPipeline, type StepOutcome } from '../../src/pipeline/run.js';
import { RawSql, secretsPipeline, type SecretsPipelineConfig } from '../fixtures/secrets-pipeline.js';

const SETUP_TIMEOUT_MS = 300_000;
const TEST_TIMEOUT_MS = 120_000;
const root = fileURLToPath(new URL('../..', import.meta.url));

const CREDENTIALS = {
  // A piece around each character with a meaning in a URL: a DSN mask that stops at any of them leaves a core behind.
  // '%41' is a valid escape: the driver reads it as 'A' when the '%' is left unencoded.
  password: 'HPWAT@HPWCOLON:HPWSLASH/HPWQUERY?HPWHASH#HPWPCT%41HPWEND',
  keyId: 'AKIA-HENGKEYID-01',
  secretKey: "eng/HENGSECRET+it's\\01",
  // Ends in '€x': the engine's masking slices the last three bytes inside '€' and panics, quoting the value.
  nonAscii: 'na-HENGNONASCII-€x',
  rawSql: 'raw-HENGRAWSQL-01',
  wrongPassword: 'HENGWRONGPASSWORD',
  connectionKeyId: 'AKIA-HCONNKEYID-01',
  connectionSecret: "conn/HCONNSECRET+it's\\01",
  plainKeyId: 'AKIA-HPLAINKEYID-01',
  plainSecret: "plain/HPLAINSECRET+it's\\01",
  stageKeyId: 'AKIA-HSTAGEKEYID-01',
  stageSecret: "stage/HSTAGESECRET+it's\\01",
  userPassword: "user-HUSERPASSWORD-it's\\01",
  awsSecret: "aws/HAWSSECRET+it's\\01",
  icebergSecret: "ice/HICEBERGSECRET+it's\\01",
  icebergKeyId: 'AKIA-HICEBERGKEYID-01',
  dictionaryPassword: "dict-HDICTPASSWORD-it's\\01",
  mapSecret: "map-HMAPSECRET-it's\\01",
  whereSecret: "where-HWHERESECRET-it's\\01",
  taskSecret: "task-HTASKSECRET-it's\\01",
  selectSecret: "select-HSELECTSECRET-it's\\01",
  identifiedBy: "ident-HIDENTIFIEDBY-it's\\01",
} as const;
const CORES = Object.values(CREDENTIALS).flatMap((value) => value.match(/H[A-Z]{4,}/g)!);
const leaks = (text: string) => CORES.filter((core) => text.includes(core));

const c = CREDENTIALS;
const encodedPassword = encodeURIComponent(c.password);

function printed(value: unknown): string[] {
  return [
    String(value),
    JSON.stringify(value) ?? '',
    inspect(value, { depth: Infinity, showHidden: true, getters: true }),
    format('%s %o %j', value, value, value),
  ];
}

function errorText(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 10; depth++) {
    parts.push(...printed(current));
    if (current instanceof Error) parts.push(current.message, current.stack ?? '');
    current = (current as { cause?: unknown }).cause;
  }
  return parts.join('\n');
}

/** Every file under `dir` (recursively), with its path relative to it. */
function filesUnder(dir: string): { path: string; text: string }[] {
  if (!existsSync(dir)) return [];
  return (readdirSync(dir, { recursive: true }) as string[])
    .filter((p) => statSync(join(dir, p)).isFile())
    .map((p) => ({ path: p, text: readFileSync(join(dir, p), 'latin1') }));
}

let engine: LocalDatabend;
let client: DatabendClient;
let scratch: string;
let files: string;
const logLines: string[] = [];
const events: StatementEvent[] = [];
const captured: string[] = [];
/** Everything scanned at the end, by where it showed. */
const outputs: Record<string, string[]> = {};
const keep = (where: string, ...texts: string[]) => void (outputs[where] ??= []).push(...texts);

function pipelineConfig(prefix: string, fail?: SecretsPipelineConfig['fail']): SecretsPipelineConfig {
  return { prefix, folder: files, ...c, fail };
}

beforeAll(async () => {
  const capture = (...args: unknown[]) => void captured.push(format(...args));
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) vi.spyOn(console, method).mockImplementation(capture);
  scratch = await mkdtemp(join(tmpdir(), 'secrets-test-'));
  files = join(scratch, 'files');
  await mkdir(files);
  await writeFile(join(files, 'rows.csv'), 'a,1\nb,2\n');
  // An engine of its own, not the shared one (test/support/engine.ts): it needs a root password, its log lines and a
  // data directory that holds only what this file wrote, to scan them all for leaks.
  engine = await startLocalDatabend({ password: c.password, dataDir: join(scratch, 'engine'), onLog: (line) => logLines.push(line) });
  client = createClient({ dsn: engine.dsn, observe: (e) => events.push(e) });
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  vi.restoreAllMocks();
  await client?.close();
  await engine?.stop();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

async function failure(run: Promise<unknown>): Promise<unknown> {
  return run.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('secrets on the local engine', { timeout: TEST_TIMEOUT_MS }, () => {
  const errors: unknown[] = [];
  let outcomes: StepOutcome[] = [];

  it('the detector finds every credential in what the engine is sent', () => {
    const sent = [
      renderPlan(secretsPipeline(pipelineConfig('p', 'aws')), { revealSecrets: true }),
      renderPlan(secretsPipeline(pipelineConfig('p', 'iceberg')), { revealSecrets: true }),
    ].join('\n');
    const inPipeline = Object.entries(c)
      .filter(([key]) => !['password', 'keyId', 'secretKey', 'nonAscii', 'rawSql', 'wrongPassword', 'selectSecret', 'identifiedBy'].includes(key))
      .flatMap(([, value]) => value.match(/H[A-Z]{4,}/g)!);
    expect(leaks(sent).sort()).toEqual(inPipeline.sort());
    expect(leaks(decodeURIComponent(engine.dsn))).toEqual(c.password.match(/H[A-Z]{4,}/g));
  });

  it('the DSN holds the password, and the engine refuses a login without it', async () => {
    expect(decodeURIComponent(engine.dsn)).toContain(c.password);
    const wrong = createClient({ dsn: engine.dsn.replace(encodedPassword, c.wrongPassword) });
    const error = await failure(wrong.execute('SELECT 1'));
    await wrong.close();
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).message).toContain('AuthFailure');
    errors.push(error);
  });

  it('the password in the DSN encoded or not: each spelling logs in or fails as the driver parses it, and is masked whole', async () => {
    const hostPort = `127.0.0.1:${engine.port}`;
    const spell = (unencoded: string) => [...c.password].map((ch) => (unencoded.includes(ch) ? ch : encodeURIComponent(ch))).join('');
    const dsn = (password: string) => `databend://root:${password}@${hostPort}/default?sslmode=disable&retry_count=0`;
    // The driver (Rust's url crate) ends the authority at the first '/', '?' or '#', splits the user info at the last
    // '@' before it and at its first ':', and percent-decodes the password: '@' and ':' may stay unencoded, '%41' is
    // read as 'A', and '/', '?' or '#' break the DSN.
    const cases: [string, string, 'ok' | 'AuthFailure' | 'invalid port number'][] = [
      ['encoded', encodedPassword, 'ok'],
      ['@ and : unencoded', spell('@:'), 'ok'],
      ['% unencoded', spell('%'), 'AuthFailure'],
      ['@, : and % unencoded', spell('@:%'), 'AuthFailure'],
      ['/ unencoded', spell('/'), 'invalid port number'],
      ['? unencoded', spell('?'), 'invalid port number'],
      ['# unencoded', spell('#'), 'invalid port number'],
      ['nothing encoded', c.password, 'invalid port number'],
    ];
    for (const [name, password, expected] of cases) {
      const variant = createClient({ dsn: dsn(password), observe: (e) => events.push(e) });
      const error = await failure(variant.query('SELECT 1 AS one'));
      await variant.close();
      if (expected === 'ok') expect(error, name).toBeUndefined();
      else {
        expect(error, name).toBeInstanceOf(TransportError);
        expect((error as TransportError).message, name).toContain(expected);
        expect((error as TransportError).message, name).toContain(`databend://root:***@${hostPort}/default?sslmode=disable`);
        errors.push(error);
      }
      expect(variant.dsn, name).toBe(`databend://root:***@${hostPort}/default?sslmode=disable&retry_count=0&timezone=UTC`);
      expect(maskDsn(dsn(password)), name).toBe(`databend://root:***@${hostPort}/default?sslmode=disable&retry_count=0`);
      keep('DSN variants', variant.dsn, maskDsn(dsn(password)), ...printed(variant));
    }
  });

  it('printing the engine handle shows its DSN masked, while engine.dsn stays usable', () => {
    for (const shown of [inspect(engine), JSON.stringify(engine), format('%o', engine)]) {
      expect(shown).toContain(`127.0.0.1:${engine.port}`);
      expect(leaks(shown)).toEqual([]);
    }
  });

  it('renderPlan, masked compiles and a dry run show every credential masked', async () => {
    for (const fail of ['aws', 'iceberg'] as const) {
      const plan = secretsPipeline(pipelineConfig('plan', fail));
      keep('plans', renderPlan(plan), ...printed(plan));
      // A hand-written Compilable ignores maskSecrets; renderPlan masks it as the client masks raw SQL.
      for (const step of plan.steps) if (!(step.statement instanceof RawSql)) keep('masked compiles', step.statement.compile({ maskSecrets: true }));
      const dryEvents: StatementEvent[] = [];
      const dry = createClient({ dsn: engine.dsn, dryRun: true, observe: (e) => dryEvents.push(e) });
      const dryOutcomes = await runPipeline(dry, plan);
      expect(dryOutcomes.every((o) => o.status === 'done')).toBe(true);
      keep('dry run', ...dry.plan, ...printed(dryOutcomes), ...printed(dryEvents), ...printed(dry));
    }
    expect(outputs.plans!.join('\n')).toContain("IDENTIFIED BY '***'");
    expect(outputs.plans!.join('\n')).toContain(`"s3.access-key-id" = '***' "s3.secret-access-key" = '***'`);
    expect(outputs['dry run']!.join('\n')).toContain("WHERE $1 <> '***'");
  });

  it('runs the EverDrive pipeline with credentials, its progress printed', async () => {
    const dir = join(scratch, 'batch');
    const batch = generateBatch({ seed: 5, sessions: 2, framesPerSession: 4 });
    await writeBatch(batch, dir, { format: 'parquet' });
    const plan = everdrivePipeline({ stageUrl: `fs://${dir}/`, batchDate: batch.date, accessKeyId: c.keyId, secretAccessKey: c.secretKey });
    expect(plan.steps.find((s) => s.title === 'create connection everdrive_s3')!.statement.compile()).toContain(quoteString(c.secretKey));
    outcomes = await runPipeline(client, plan, { onStep: (o, i) => console.log(describeOutcome(o, i, plan.steps.length)) });
    expect(outcomes.filter((o) => o.status === 'done')).toHaveLength(16);
    const [described] = await client.query<{ storage_params: string }>('DESC CONNECTION everdrive_s3');
    // The engine keeps the credential: DESC CONNECTION shows its last three characters.
    expect(described!.storage_params).toContain(`secret_access_key=******${c.secretKey.slice(-3)}`);
  });

  it('applies the pipeline of every credential kind; the task is refused (1702) without showing its body', async () => {
    const plan = secretsPipeline(pipelineConfig('applied'));
    const applied = await runPipeline(client, plan, { onStep: (o, i) => console.log(describeOutcome(o, i, plan.steps.length)) });
    expect(applied.map((o) => o.status)).toEqual([...Array(10).fill('done'), 'refused']);
    const [{ n }] = (await client.query<{ n: number }>(sql`SELECT count(*)::INT AS n FROM applied_rows WHERE name <> ${secret(c.selectSecret)}`)) as [
      { n: number },
    ];
    // The map() loaded both rows, the WHERE of the INSERT kept both (no row is named like the secret).
    expect(n).toBe(4);
    keep('outcomes', ...printed(applied), ...printed(outcomes));
  });

  it('engine errors that quote the statement or a credential: the ServerError, its cause and the event show none', async () => {
    const refused: [string, () => Promise<unknown>, number][] = [
      [
        'syntax error after SECRET_ACCESS_KEY',
        () => client.execute(`CREATE CONNECTION bad STORAGE_TYPE = 's3' SECRET_ACCESS_KEY = '${c.rawSql}' ENDPOINT_URL =`),
        1005,
      ],
      ['syntax error after IDENTIFIED BY', () => client.execute(`CREATE USER bad IDENTIFIED BY ${quoteString(c.identifiedBy)} WITH BOGUS`), 1005],
      [
        'AWS_SECRET_ACCESS_KEY is no s3 parameter',
        () => client.execute(`CREATE STAGE bad URL = 's3://b/x/' CONNECTION = (AWS_SECRET_ACCESS_KEY = ${quoteString(c.awsSecret)})`),
        4000,
      ],
      [
        'an Iceberg catalog whose endpoint does not answer',
        () =>
          client.execute(
            `CREATE CATALOG bad TYPE = ICEBERG CONNECTION = (TYPE = 'rest' ADDRESS = 'http://127.0.0.1:9' WAREHOUSE = 'w' "s3.access-key-id" = '${c.icebergKeyId}' "s3.secret-access-key" = ${quoteString(c.icebergSecret)})`,
          ),
        1001,
      ],
      ['secret() in a SELECT that fails', () => client.query(sql`SELECT ${secret(c.selectSecret)} AS k, no_such_column`), 1065],
    ];
    for (const [name, run, code] of refused) {
      const error = await failure(run());
      expect(error, name).toBeInstanceOf(ServerError);
      expect((error as ServerError).serverCode, name).toBe(code);
      errors.push(error);
    }
  });

  it('an inline credential the engine cannot mask is refused before SQL, and written by hand fails CREATE STAGE (1001), neither showing it', async () => {
    // The SDK takes printable ASCII only in credentials (6b74283); by hand, secret() in sql`` keeps it masked.
    const refused = await failure(Promise.resolve().then(() => createStage('na_stage').url('s3://bucket/raw/').credentials({ accessKeyId: c.nonAscii })));
    expect(refused).toBeInstanceOf(ValidationError);
    errors.push(refused);
    const error = await failure(client.execute(sql`CREATE STAGE na_stage URL = 's3://bucket/raw/' CONNECTION = (ACCESS_KEY_ID = ${secret(c.nonAscii)})`));
    expect(error).toBeInstanceOf(ServerError);
    expect((error as ServerError).serverCode).toBe(1001);
    expect((error as ServerError).serverMessage).toContain('is not a char boundary');
    errors.push(error);
  });

  it('DESC CONNECTION of a stored non-ASCII credential: the engine quotes it in its panic, the gateway masks it for every session', async () => {
    // Written by hand: the SDK refuses it (see the test above).
    await client.execute(sql`CREATE CONNECTION na_conn STORAGE_TYPE = 's3' ACCESS_KEY_ID = ${secret(c.nonAscii)}`);
    const error = await failure(client.query('DESC CONNECTION na_conn'));
    expect(error).toBeInstanceOf(ServerError);
    expect((error as ServerError).serverCode).toBe(1001);
    expect((error as ServerError).serverMessage).toMatch(/is not a char boundary.* of `\*\*\*`/);
    errors.push(error);
    // A fresh session never sent the credential, so its client cannot know to scrub it; the gateway saw it stored.
    const other = createClient({ dsn: engine.dsn });
    const unsent = await failure(other.query('DESC CONNECTION na_conn'));
    await other.close();
    expect((unsent as ServerError).serverMessage).toMatch(/is not a char boundary.* of `\*\*\*`/);
    errors.push(unsent);
    await client.execute(dropConnection('na_conn'));
  });

  it("a closed port: the driver's TransportError shows no credential", async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const closed = createClient({
      dsn: `databend://root:${encodedPassword}@127.0.0.1:${port}/default?sslmode=disable&retry_count=0&connect_timeout=1`,
      observe: (e) => events.push(e),
      // The driver's own failure, which quotes the DSN (the client's reachability check, on by default, does not).
      connectTimeoutMs: 0,
    });
    const error = await failure(closed.execute(createConnection('c').s3({ accessKeyId: c.connectionKeyId, secretAccessKey: secret(c.connectionSecret) })));
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).message).toContain('Connection refused');
    errors.push(error);
  });

  it('the CLI plans and applies with RUST_LOG=info, succeeding and failing, and prints no credential', async () => {
    const env = (prefix: string, fail?: SecretsPipelineConfig['fail']) => ({
      SECRETS_PIPELINE: JSON.stringify(pipelineConfig(prefix, fail)),
      RUST_LOG: 'info',
    });
    const module = 'test/fixtures/secrets-pipeline.ts';
    const closedPort = `databend://root:${encodedPassword}@127.0.0.1:9/default?sslmode=disable`;
    const [plan, ok, refused, aws, closed, unencoded] = await Promise.all([
      cli(['plan', module], env('cli_plan', 'iceberg')),
      cli(['apply', module, '--dsn', engine.dsn], env('cli_ok')),
      cli(['apply', module, '--dsn', engine.dsn], env('cli_iceberg', 'iceberg')),
      cli(['apply', module], { ...env('cli_aws', 'aws'), DATABEND_DSN: engine.dsn }),
      // Refused before the driver logs in (its retries printed a WARN line to stdout each, about 15 s).
      cli(['apply', module, '--dsn', closedPort], env('cli_closed')),
      cli(['apply', module, '--dsn', `databend://root:${c.password}@127.0.0.1:${engine.port}/default?sslmode=disable`], env('cli_unencoded')),
    ]);
    expect(plan.status).toBe(0);
    expect(plan.stdout).toContain("IDENTIFIED BY '***'");
    expect(ok.status).toBe(0);
    expect(ok.stderr).toContain(`root:***@127.0.0.1:${engine.port}/`);
    expect(ok.stdout).toContain('task, secret() in its body: refused by the engine (needs cloud-control): 1702');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('failed: Databend error 1001');
    expect(refused.stderr).toContain(`"s3.access-key-id" = '***' "s3.secret-access-key" = '***'`);
    expect(aws.status).toBe(1);
    expect(aws.stderr).toContain('failed: Databend error 4000');
    expect(closed.status).toBe(1);
    expect(closed.stdout).not.toContain('WARN');
    expect(closed.stderr).toContain('failed: The Databend server is not reachable at 127.0.0.1:9: connection refused');
    expect(unencoded.status).toBe(1);
    expect(unencoded.stderr).toContain(
      `Cannot talk to Databend at databend://root:***@127.0.0.1:${engine.port}/default?sslmode=disable&timezone=UTC: ParseError: invalid port number`,
    );
    for (const [name, run] of Object.entries({ plan, ok, refused, aws, closed, unencoded })) keep(`CLI ${name}`, run.stdout, run.stderr);
  }, 60_000);

  it('the CLI applies the EverDrive pipeline with AWS_* set and prints no credential, failing or not', async () => {
    const dir = join(scratch, 'cli');
    // Another day, so other file names: COPY remembers loaded files by their path in the stage, and the pipeline's
    // first run loaded `frame-events/frame_events_2024_08_16.parquet` into the same tables already.
    const batch = generateBatch({ seed: 6, sessions: 2, framesPerSession: 3, date: '2024-08-18' });
    await writeBatch(batch, dir, { format: 'parquet' });
    const env = { AWS_ACCESS_KEY_ID: c.keyId, AWS_SECRET_ACCESS_KEY: c.secretKey, EVERDRIVE_BATCH_DATE: batch.date };
    const ok = await cli(['apply', 'examples/everdrive/pipeline.ts', '--dsn', engine.dsn], { ...env, EVERDRIVE_STAGE_URL: `fs://${dir}/` });
    expect(ok.status).toBe(0);
    expect(ok.stderr).toContain('root:***@127.0.0.1');
    expect(ok.stdout).toContain(`load frame_events: ${batch.frameEvents.length} rows from 1 file(s)`);
    // The guide's S3 bucket, with no network: LIST fails; the CLI prints the error.
    const failed = await cli(['apply', 'examples/everdrive/pipeline.ts'], { ...env, DATABEND_DSN: engine.dsn });
    expect(failed.status).toBe(1);
    expect(failed.stderr).toMatch(/databend-etl: step \d+\/27 '[^']+' failed: Databend error/);
    keep('CLI EverDrive', ok.stdout, ok.stderr, failed.stdout, failed.stderr);
  });

  it('the engine killed in the middle of a run: the CLI and a client fail with TransportErrors that show no credential', async () => {
    const killedLog: string[] = [];
    const killed = await startLocalDatabend({ password: c.password, dataDir: join(scratch, 'killed'), onLog: (line) => killedLog.push(line) });
    try {
      const killedEvents: StatementEvent[] = [];
      const direct = createClient({ dsn: `${killed.dsn}&retry_count=0`, observe: (e) => killedEvents.push(e) });
      await direct.execute(createConnection('before').s3({ accessKeyId: c.connectionKeyId, secretAccessKey: secret(c.connectionSecret) }));
      // The CLI goes through a proxy that stops the engine when the COPY of its ninth step is sent.
      const proxy = await stopEngineOn(killed, 'COPY INTO', 'before forwarding');
      const dsn = `databend://root:${encodedPassword}@127.0.0.1:${proxy.port}/default?sslmode=disable&retry_count=0`;
      const run = await cli(['apply', 'test/fixtures/secrets-pipeline.ts', '--dsn', dsn], {
        SECRETS_PIPELINE: JSON.stringify(pipelineConfig('killed')),
        RUST_LOG: 'info',
      });
      await proxy.close();
      expect(proxy.fired()).toBe(true);
      expect(run.status).toBe(1);
      expect(run.stdout).toContain('[ 8/11] dictionary, raw SQL PASSWORD: ok');
      expect(run.stderr).toContain(`failed: Cannot talk to Databend at databend://root:***@127.0.0.1:${proxy.port}/`);
      // The engine is gone: the next statement of a session opened before fails too.
      const next = await failure(
        direct.execute(
          createStage('after')
            .url('s3://bucket/after/')
            .credentials({ accessKeyId: c.stageKeyId, secretAccessKey: secret(c.stageSecret) }),
        ),
      );
      expect(next).toBeInstanceOf(TransportError);
      errors.push(next);
      await direct.close();
      keep('killed engine: CLI', run.stdout, run.stderr);
      keep('killed engine: events', ...printed(killedEvents), ...killedEvents.map((e) => errorText(e.error)));
    } finally {
      await killed.stop();
    }
    keep('killed engine: log lines', ...killedLog);
    for (const file of filesUnder(killed.dataDir).filter((f) => !f.path.startsWith('meta'))) keep('killed engine: files', `${file.path}\n${file.text}`);
  });

  it('nothing printed, thrown, observed or logged holds a credential', () => {
    expect(errors).toHaveLength(18);
    expect(events.length).toBeGreaterThan(40);
    const dataFiles = filesUnder(engine.dataDir);
    const scanned: Record<string, string> = {
      ...Object.fromEntries(Object.entries(outputs).map(([where, texts]) => [where, texts.join('\n')])),
      console: captured.join('\n'),
      errors: errors.map(errorText).join('\n'),
      events: [...printed(events), ...events.map((e) => errorText(e.error))].join('\n'),
      client: [...printed(client), client.dsn].join('\n'),
      'engine log lines': logLines.join('\n'),
      'engine files': dataFiles
        .filter((f) => !f.path.startsWith('meta'))
        .map((f) => `${f.path}\n${f.text}`)
        .join('\n'),
    };
    expect(Object.fromEntries(Object.entries(scanned).map(([where, text]) => [where, leaks(text)]))).toEqual(
      Object.fromEntries(Object.keys(scanned).map((where) => [where, []])),
    );
    // The engine's own log (each SELECT's physical plan, constants included) is not kept.
    expect(dataFiles.filter((f) => f.path.startsWith('logs'))).toEqual([]);
    // Its meta store keeps the connections and stages it was given, credentials included, as it must to use them:
    // that is the engine's state (docs/engine-facts.md), not a log, and is left out of the scan.
    expect(
      leaks(
        dataFiles
          .filter((f) => f.path.startsWith('meta'))
          .map((f) => f.text)
          .join('\n'),
      ),
    ).toContain('HCONNSECRET');
  });
});

/** Runs the CLI in a child process (asynchronously: the engine's log pipe must keep draining meanwhile). */
function cli(args: string[], env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const { AWS_ACCESS_KEY_ID: _id, AWS_SECRET_ACCESS_KEY: _key, DATABEND_DSN: _dsn, EVERDRIVE_STAGE_URL: _url, RUST_LOG: _log, ...rest } = process.env;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: root, env: { ...rest, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
