// With credentials set, nothing the SDK prints, returns for display or throws contains one: statements' toString,
// JSON and util.inspect, the nodes inside them, pipelines and their plans, clients (dry run, and over a driver that
// echoes statements in its errors the way servers do), the observe hook, every error with its stack and cause
// chain, everything written to the console, and the CLI's output. test/engine/secrets.test.ts does the same on the
// local engine.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { format, inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { everdrivePipeline } from '../../examples/everdrive/pipeline.js';
import { describeOutcome } from '../../src/cli/progress.js';
import type { DriverModule } from '../../src/client/driver-types.js';
import { capDriverLog } from '../../src/client/load-driver.js';
import {
  createClient,
  createConnection,
  createStage,
  maskDsn,
  pipeline,
  renderPlan,
  secret,
  selectFromStage,
  ServerError,
  sql,
  TransportError,
  ValidationError,
  type Compilable,
  type StatementEvent,
} from '../../src/index.js';
import { runPipeline } from '../../src/pipeline/run.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Each credential has a distinctive core: a message that echoes any part of the value holding the core is caught,
 * in any escaping (SQL's \' and \\, JSON's \", percent-encoding), since the core has none of those characters.
 */
export const CREDENTIALS = {
  awsKeyId: 'AKIA-HKEYID-0001',
  awsSecret: "aws/HSECRETAWS+it's\\0001",
  sessionToken: 'FwoG-HSESSIONTOKEN-0001',
  masterKey: 'mk-HMASTERKEY-0001',
  gcsCredential: 'eyJ-HGCSCREDENTIAL-0001',
  ossKeyId: 'oss-HOSSKEYID-0001',
  ossSecret: 'oss-HOSSSECRET-0001',
  cosId: 'AKID-HCOSSECRETID-0001',
  cosKey: 'cos-HCOSSECRETKEY-0001',
  obsKeyId: 'obs-HOBSKEYID-0001',
  obsSecret: 'obs-HOBSSECRET-0001',
  hfToken: 'hf_HHFTOKEN0001',
  dsnPassword: 'p@ss:w/rd-HDSNPASSWORD-%0001',
} as const;

const CORE = /H[A-Z]{4,}/;
export const CORES = Object.values(CREDENTIALS).map((value) => CORE.exec(value)![0]);

/** The credential cores found in `text`. */
export function leaks(text: string): string[] {
  return CORES.filter((core) => text.includes(core));
}

const DSN = `databend://root:${encodeURIComponent(CREDENTIALS.dsnPassword)}@127.0.0.1:9/default?sslmode=disable`;

// ---- Everything that holds a credential ----------------------------------------------------------------------------

const c = CREDENTIALS;
const statements: Record<string, Compilable> = {
  's3 connection': createConnection('s3_conn').s3({
    accessKeyId: c.awsKeyId,
    secretAccessKey: secret(c.awsSecret),
    sessionToken: c.sessionToken,
    masterKey: c.masterKey,
    region: 'eu-west-1',
  }),
  'gcs connection': createConnection('gcs_conn').gcs({ credential: c.gcsCredential }),
  'oss connection': createConnection('oss_conn').oss({ endpointUrl: 'https://oss.example', accessKeyId: c.ossKeyId, accessKeySecret: c.ossSecret }),
  'cos connection': createConnection('cos_conn').cos({ endpointUrl: 'https://cos.example', secretId: c.cosId, secretKey: c.cosKey }),
  'obs connection': createConnection('obs_conn').obs({ endpointUrl: 'https://obs.example', accessKeyId: c.obsKeyId, secretAccessKey: c.obsSecret }),
  's3 stage with inline credentials': createStage('s3_stage')
    .url('s3://bucket/raw/')
    .credentials({ accessKeyId: c.awsKeyId, secretAccessKey: c.awsSecret, sessionToken: c.sessionToken }),
  'hf stage with a token': createStage('hf_stage').url('hf://datasets/org/repo/').credentials({ token: c.hfToken }),
};

const everdrive = everdrivePipeline({ accessKeyId: c.awsKeyId, secretAccessKey: c.awsSecret });
const everything = pipeline('secrets', [...Object.entries(statements).map(([title, statement]) => ({ title, statement })), ...everdrive.steps]);

/** What a statement gives anyone who prints it, in every way Node prints things. */
function printed(value: unknown): string[] {
  return [
    String(value),
    `${value as string}`,
    JSON.stringify(value) ?? '',
    inspect(value, { depth: Infinity, showHidden: true, getters: true }),
    format('%s %o %O %j', value, value, value, value),
  ];
}

// ---- Console capture ---------------------------------------------------------------------------------------------

let captured: string[];

beforeEach(() => {
  captured = [];
  const keep = (...args: unknown[]) => void captured.push(format(...args));
  for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) vi.spyOn(console, method).mockImplementation(keep);
  for (const stream of [process.stdout, process.stderr]) {
    vi.spyOn(stream, 'write').mockImplementation(((chunk: string | Uint8Array) => {
      captured.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    }) as typeof stream.write);
  }
});

afterEach(() => {
  vi.restoreAllMocks();
});

/** Everything an error shows: message, stack, JSON, inspect, and the same for each cause down the chain. */
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

// ---- The detector works ------------------------------------------------------------------------------------------

describe('the detector', () => {
  it('finds every credential in the SQL the engine receives, and in the DSN', () => {
    const sent =
      Object.values(statements)
        .map((s) => s.compile())
        .join('\n') + renderPlan(everdrive, { revealSecrets: true });
    const expected = CORES.filter((core) => !CREDENTIALS.dsnPassword.includes(core));
    expect(leaks(sent).sort()).toEqual(expected.sort());
    expect(leaks(decodeURIComponent(DSN))).toEqual([CORE.exec(CREDENTIALS.dsnPassword)![0]]);
    expect(leaks(DSN)).toEqual([CORE.exec(CREDENTIALS.dsnPassword)![0]]);
  });
});

// ---- Statements, nodes and pipelines -----------------------------------------------------------------------------

describe('statements and pipelines print masked', () => {
  it.each(Object.entries(statements))('%s: toString, JSON, inspect and format of the builder and of its node', (_, statement) => {
    const text = [...printed(statement), ...printed(statement.toNode()), statement.compile({ maskSecrets: true })].join('\n');
    expect(leaks(text)).toEqual([]);
    expect(text).toContain('***');
  });

  it('a pipeline, its plan and console.log of both', () => {
    const text = [...printed(everything), renderPlan(everything), renderPlan(everdrive)].join('\n');
    console.log(everything);
    console.log(renderPlan(everything));
    expect(leaks(text)).toEqual([]);
    expect(leaks(captured.join('\n'))).toEqual([]);
  });
});

// ---- Clients -------------------------------------------------------------------------------------------------------

/** Statements written as SQL text: masked by option name, one for each storage's credential options. */
const RAW_SQL = [
  `CREATE CONNECTION raw_s3 STORAGE_TYPE = 's3' ACCESS_KEY_ID = '${c.awsKeyId}' SECRET_ACCESS_KEY = 'aws/HSECRETAWS+it\\'s\\\\0001' SESSION_TOKEN = '${c.sessionToken}'`,
  `CREATE CONNECTION raw_gcs STORAGE_TYPE = 'gcs' CREDENTIAL = '${c.gcsCredential}'`,
  `CREATE CONNECTION raw_oss STORAGE_TYPE = 'oss' ENDPOINT_URL = 'https://oss.example' ACCESS_KEY_ID = '${c.ossKeyId}' ACCESS_KEY_SECRET = '${c.ossSecret}'`,
  `CREATE CONNECTION raw_cos STORAGE_TYPE = 'cos' ENDPOINT_URL = 'https://cos.example' SECRET_ID = '${c.cosId}' SECRET_KEY = '${c.cosKey}'`,
  `CREATE STAGE raw_hf URL = 'hf://datasets/org/repo/' CONNECTION = (TOKEN = '${c.hfToken}')`,
];

describe('a dry-run client', () => {
  it('its DSN, plan, results, outcomes and the progress lines print no credential', async () => {
    const events: StatementEvent[] = [];
    const client = createClient({ dsn: DSN, dryRun: true, observe: (e) => events.push(e) });
    const outcomes = await runPipeline(client, everything, { onStep: (o, i) => console.log(describeOutcome(o, i, everything.steps.length)) });
    const results = [];
    for (const statement of RAW_SQL) results.push(await client.execute(statement));
    const text = [...printed(client), client.dsn, ...client.plan, ...printed(outcomes), ...printed(results), ...printed(events)].join('\n');
    expect(client.plan).toHaveLength(everything.steps.length + RAW_SQL.length);
    expect(leaks(text)).toEqual([]);
    expect(leaks(captured.join('\n'))).toEqual([]);
  });
});

/** The SQL as a server error would quote it, and how each driver call fails. */
type Failure = (sql: string) => Error;

const echo: Failure = (sql) =>
  Object.assign(new Error(`APIError: QueryFailed: [1005]error: near ${JSON.stringify(sql)} [v0.33.7]`), { code: 'GenericFailure' });

/**
 * A databend-driver stand-in: runs nothing, and fails the way a server does, quoting the statement. It remembers
 * every statement it was sent, and can fail a later statement with an earlier one's text, as Databend did when
 * DESC CONNECTION panicked on a credential it had stored (docs/engine-facts.md).
 */
function fakeDriver(options: { connect?: Error; fail?: (sql: string, sent: readonly string[]) => Error | undefined }): DriverModule {
  const sent: string[] = [];
  const run = (sql: string) => {
    sent.push(sql);
    const error = options.fail?.(sql, sent);
    if (error !== undefined) throw error;
  };
  return {
    Client: class {
      async getConn() {
        if (options.connect !== undefined) throw options.connect;
        return {
          exec: async (sql: string) => (run(sql), 0),
          queryIter: async (sql: string) => {
            run(sql);
            return { schema: () => ({ fields: () => [] }), next: async () => null, close: () => {} };
          },
          close: async () => {},
        };
      }
    },
  };
}

describe('a client over a driver that echoes statements in its errors', () => {
  it('every ServerError, its cause chain and every observe event are scrubbed', async () => {
    const events: StatementEvent[] = [];
    const client = createClient({ dsn: DSN, observe: (e) => events.push(e), driver: fakeDriver({ fail: (sql) => echo(sql) }) });
    const errors: unknown[] = [];
    for (const statement of [...Object.values(statements), ...RAW_SQL]) {
      errors.push(await client.execute(statement).catch((e: unknown) => e));
      errors.push(await client.query(statement).catch((e: unknown) => e));
    }
    expect(errors.every((e) => e instanceof ServerError)).toBe(true);
    expect(events).toHaveLength(errors.length);
    const text = [...errors.map(errorText), ...printed(events), ...events.map((e) => errorText(e.error))].join('\n');
    expect(leaks(text)).toEqual([]);
  });

  it('a later error that quotes a credential sent earlier in the session is scrubbed too', async () => {
    // The first statement stores the credential; DESC CONNECTION carries none, and its error quotes it.
    const fail = (sql: string, sent: readonly string[]) => (sql.startsWith('DESC') ? echo(`panic in \`${sent[0]}\``) : undefined);
    const events: StatementEvent[] = [];
    const client = createClient({ dsn: DSN, observe: (e) => events.push(e), driver: fakeDriver({ fail }) });
    await client.execute(statements['s3 connection']!);
    await client.execute(RAW_SQL[3]!);
    const error = await client.query('DESC CONNECTION s3_conn').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect(leaks([errorText(error), ...printed(events), ...events.map((e) => errorText(e.error))].join('\n'))).toEqual([]);
  });

  it('a one-letter credential is masked in its own error, which stays a ServerError; later errors keep their words', async () => {
    const client = createClient({ dsn: DSN, driver: fakeDriver({ fail: (sql) => echo(sql) }) });
    const own = await client.execute(createConnection('c').s3({ accessKeyId: 'A', secretAccessKey: c.awsSecret })).catch((e: unknown) => e);
    // Every 'A' of its own message is masked (the price of a one-letter key), but it is still read as a ServerError.
    expect(own).toBeInstanceOf(ServerError);
    expect((own as ServerError).serverMessage).toContain("***CCESS_KEY_ID = '***'");
    expect(leaks(errorText(own))).toEqual([]);
    const later = await client.execute('SELECT 1 AS A').catch((e: unknown) => e);
    expect((later as ServerError).serverMessage).toBe('error: near "SELECT 1 AS A"');
  });

  it('a failure to connect that quotes the DSN is a scrubbed TransportError', async () => {
    const connect = Object.assign(new Error(`APIError: BadArgument: cannot log in with ${DSN} (${decodeURIComponent(DSN)}) [v0.33.7]`), {
      code: 'GenericFailure',
    });
    const client = createClient({ dsn: DSN, driver: fakeDriver({ connect }) });
    const error = await client.execute(statements['gcs connection']!).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect(leaks(errorText(error))).toEqual([]);
  });
});

// ---- Errors raised while building ---------------------------------------------------------------------------------

describe('ValidationErrors name the option, never its value', () => {
  it.each([
    ['an unknown s3 option', () => createConnection('c').s3({ accessKeyId: c.awsKeyId, bogus: c.awsSecret } as never)],
    ['a boolean option given a credential', () => createConnection('c').s3({ secretAccessKey: c.awsSecret, enableVirtualHostStyle: c.sessionToken as never })],
    [
      'credentials on a local stage',
      () =>
        createStage('s')
          .url('fs:///data/')
          .credentials({ accessKeyId: c.awsKeyId } as never),
    ],
    ['gcs without its credential', () => createConnection('c').gcs({ endpointUrl: c.gcsCredential } as never)],
  ])('%s', (_, build) => {
    const error = (() => {
      try {
        build();
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ValidationError);
    const text = errorText(error).replaceAll(CREDENTIALS.gcsCredential, '');
    expect(leaks(text)).toEqual([]);
  });
});

// ---- The CLI ---------------------------------------------------------------------------------------------------------

function cli(args: string[], env: Record<string, string>) {
  const { AWS_ACCESS_KEY_ID: _id, AWS_SECRET_ACCESS_KEY: _key, DATABEND_DSN: _dsn, ...rest } = process.env;
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: root, encoding: 'utf8', env: { ...rest, ...env } });
}

describe('the CLI with AWS_* set', () => {
  const env = { AWS_ACCESS_KEY_ID: c.awsKeyId, AWS_SECRET_ACCESS_KEY: c.awsSecret };

  it('plan prints the pipeline with the credentials masked', () => {
    const result = cli(['plan', 'examples/everdrive/pipeline.ts'], env);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("SECRET_ACCESS_KEY = '***'");
    expect(leaks(result.stdout + result.stderr)).toEqual([]);
  }, 30_000);

  it('apply --dry-run with a DSN holding a password prints no credential', () => {
    const result = cli(['apply', 'examples/everdrive/pipeline.ts', '--dsn', DSN, '--dry-run'], env);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('root:***@127.0.0.1:9');
    expect(leaks(result.stdout + result.stderr)).toEqual([]);
  }, 30_000);

  it('apply from DATABEND_DSN against nothing fails with a scrubbed TransportError message', () => {
    const result = cli(['apply', 'examples/everdrive/pipeline.ts'], { ...env, DATABEND_DSN: DSN.replace('127.0.0.1:9', 'invalid host:x') });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("databend-etl: step 1/27 'create table drive_sessions' failed: Cannot talk to Databend at");
    expect(leaks(result.stdout + result.stderr)).toEqual([]);
  }, 30_000);
});

describe('secret() inside sql`` fragments', () => {
  const value = "it's-HSQLFRAGMENT-0001";
  const fragment = sql`CREATE USER u IDENTIFIED BY ${secret(value)}`;

  it('goes to the engine as a string literal, not as a masked JSON value', () => {
    expect(fragment.sql).toBe("CREATE USER u IDENTIFIED BY 'it\\'s-HSQLFRAGMENT-0001'");
  });

  it('is masked by value in a dry run plan, in events and in masked compiles of the builders that hold it', async () => {
    const events: StatementEvent[] = [];
    const client = createClient({ dsn: 'databend://u:p@h:8000/', dryRun: true, observe: (e) => events.push(e) });
    await client.execute(sql`SELECT ${secret(value)} AS k`);
    await client.execute(fragment);
    expect(client.plan.join('\n')).not.toContain('HSQLFRAGMENT');
    const preview = selectFromStage('s').where(sql`token = ${secret(value)}`);
    expect(preview.compile()).toContain('HSQLFRAGMENT');
    expect(preview.compile({ maskSecrets: true })).toBe("SELECT *\nFROM @s\nWHERE token = '***'");
    expect(inspect(preview.toNode(), { depth: 10 })).not.toContain('HSQLFRAGMENT');
    expect(JSON.stringify(preview.toNode())).not.toContain('HSQLFRAGMENT');
  });
});

// ---- Credentials written as SQL in statements the SDK prints ---------------------------------------------------------

describe('credentials written as SQL, in plans and masked compiles', () => {
  /** A statement written by hand: its compile() ignores maskSecrets, as a Compilable may. */
  const handWritten = (text: string): Compilable => ({ toNode: () => ({ kind: 'HandWritten' }) as never, compile: () => text });
  const raw = [
    "CREATE USER u IDENTIFIED BY 'it''s-HRAWIDENTIFIED-0001'",
    "CREATE STAGE s URL = 's3://b/' CONNECTION = (AWS_SECRET_ACCESS_KEY = 'aws-HRAWAWSSECRET-0001')",
    `CREATE CATALOG c TYPE = ICEBERG CONNECTION = (TYPE = 'rest' "s3.access-key-id" = 'HRAWICEKEYID-0001' "s3.secret-access-key" = 'HRAWICESECRET-0001')`,
    "CREATE DICTIONARY d (id INT) PRIMARY KEY id SOURCE(MYSQL(host='h' port='3306' username='root' password='HRAWMYSQLPASSWORD-0001' db='d' table='t'))",
  ];
  const rawLeaks = (text: string) => text.match(/HRAW[A-Z]+/g) ?? [];

  it('renderPlan masks a hand-written step as the client masks raw SQL', () => {
    const plan = pipeline(
      'raw',
      raw.map((text, i) => ({ title: `raw ${i}`, statement: handWritten(text) })),
    );
    expect(rawLeaks(renderPlan(plan, { revealSecrets: true }))).toHaveLength(5);
    const masked = renderPlan(plan);
    expect(rawLeaks(masked)).toEqual([]);
    expect(masked).toContain("IDENTIFIED BY '***';");
    expect(masked).toContain(`"s3.access-key-id" = '***' "s3.secret-access-key" = '***'`);
  });

  it('a masked compile masks credentials written as SQL inside a fragment, and their value wherever it appears', () => {
    const statement = selectFromStage('s').where(sql`password = ${'HRAWWHEREPASSWORD-0001'} AND note <> 'HRAWWHEREPASSWORD-0001' AND ${sql.raw(raw[0]!)}`);
    expect(rawLeaks(statement.compile())).toHaveLength(3);
    for (const text of [statement.compile({ maskSecrets: true }), String(statement), JSON.stringify(statement), inspect(statement)]) {
      expect(rawLeaks(text)).toEqual([]);
    }
    expect(statement.compile({ maskSecrets: true })).toBe("SELECT *\nFROM @s\nWHERE password = '***' AND note <> '***' AND CREATE USER u IDENTIFIED BY '***'");
  });

  it('a dry run shows the same', async () => {
    const client = createClient({ dsn: DSN, dryRun: true });
    for (const text of raw) await client.execute(text);
    for (const text of raw) await client.execute(handWritten(text));
    expect(rawLeaks(client.plan.join('\n'))).toEqual([]);
  });
});

// ---- The DSN password, written with and without percent-encoding -------------------------------------------------

describe('a DSN password holding @ : / ? # %, encoded or not', () => {
  // A core in each piece between the characters a URL gives a meaning to.
  const password = 'HPWAT@HPWCOLON:HPWSLASH/HPWQUERY?HPWHASH#HPWPCT%41HPWEND';
  const cores = password.match(/H[A-Z]{4,}/g)!;
  const spell = (unencoded: string) => [...password].map((ch) => (unencoded.includes(ch) ? ch : encodeURIComponent(ch))).join('');

  it.each([
    ['encoded', spell('')],
    ['@ and : unencoded', spell('@:')],
    ['% unencoded', spell('%')],
    ['/ unencoded', spell('/')],
    ['? unencoded', spell('?')],
    ['# unencoded', spell('#')],
    ['nothing encoded', password],
  ])('%s: the masked DSN, the dry-run client and a driver error quoting the DSN show no piece of it', async (_, written) => {
    const dsn = `databend://root:${written}@db.example:8000/default?sslmode=disable`;
    expect(maskDsn(dsn)).toBe('databend://root:***@db.example:8000/default?sslmode=disable');
    const dry = createClient({ dsn, dryRun: true });
    await dry.execute(sql`SELECT ${secret(c.awsSecret)} AS k`);
    const connect = Object.assign(
      new Error(`APIError: BadArgument: cannot log in with ${dsn} (${decodeURIComponent(written.replace(/%(?![0-9A-F]{2})/g, '%25'))}) [v0.33.7]`),
      { code: 'GenericFailure' },
    );
    const failing = createClient({ dsn, driver: fakeDriver({ connect }) });
    const error = await failing.execute('SELECT 1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    const text = [dry.dsn, ...dry.plan, ...printed(dry), errorText(error)].join('\n');
    expect(cores.filter((core) => text.includes(core))).toEqual([]);
  });
});

// ---- databend-driver's own log -------------------------------------------------------------------------------------

describe("databend-driver's log", () => {
  it('RUST_LOG is read with the driver held at warn while it loads, unless it names the driver', () => {
    const env: NodeJS.ProcessEnv = { RUST_LOG: 'info' };
    const restore = capDriverLog(env);
    expect(env.RUST_LOG).toBe('info,databend=warn');
    restore();
    expect(env.RUST_LOG).toBe('info');
    const filtered: NodeJS.ProcessEnv = { RUST_LOG: 'debug,hyper=info/retry' };
    capDriverLog(filtered);
    expect(filtered.RUST_LOG).toBe('debug,hyper=info,databend=warn/retry');
    for (const value of [undefined, '', 'databend_driver=debug', 'warn,databend_client=info']) {
      const untouched: NodeJS.ProcessEnv = value === undefined ? {} : { RUST_LOG: value };
      capDriverLog(untouched)();
      expect(untouched.RUST_LOG).toBe(value);
    }
  });
});
