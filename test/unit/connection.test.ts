import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { secret } from '../../src/ast/secret.js';
import { createConnection, STORAGE_PARAMETERS, STORAGE_TYPES } from '../../src/builders/create-connection.js';
import { dropConnection } from '../../src/builders/drop.js';
import { expectValidation } from '../support/expect-validation.js';

const guide = createConnection('everdrive_s3').orReplace().s3({ accessKeyId: '<AWS_ACCESS_KEY_ID>', secretAccessKey: '<AWS_SECRET_ACCESS_KEY>' });

/** The option lines after the head and STORAGE_TYPE. */
function optionLines(sql: string): string[] {
  return sql
    .split('\n')
    .slice(2)
    .map((line) => line.trim());
}

describe('createConnection', () => {
  it("renders the guide's connection", () => {
    expect(guide.compile()).toBe(
      [
        'CREATE OR REPLACE CONNECTION everdrive_s3',
        "  STORAGE_TYPE = 's3'",
        "  ACCESS_KEY_ID = '<AWS_ACCESS_KEY_ID>'",
        "  SECRET_ACCESS_KEY = '<AWS_SECRET_ACCESS_KEY>'",
      ].join('\n'),
    );
  });

  it('renders CREATE, OR REPLACE and IF NOT EXISTS', () => {
    const start = createConnection('c');
    expect(start.s3({}).compile().split('\n')[0]).toBe('CREATE CONNECTION c');
    expect(start.orReplace().s3({}).compile().split('\n')[0]).toBe('CREATE OR REPLACE CONNECTION c');
    expect(start.ifNotExists().s3({}).compile().split('\n')[0]).toBe('CREATE CONNECTION IF NOT EXISTS c');
    expect(start.s3({}).ifNotExists().compile().split('\n')[0]).toBe('CREATE CONNECTION IF NOT EXISTS c');
    expect(start.s3({}).orReplace().orReplace().compile().split('\n')[0]).toBe('CREATE OR REPLACE CONNECTION c');
  });

  it('renders every s3 parameter, in the table order', () => {
    const sql = createConnection('c')
      .s3({
        enableVirtualHostStyle: true,
        masterKey: 'mk',
        externalId: 'ext',
        roleArn: 'arn:aws:iam::1:role/r',
        sessionToken: 'tok',
        region: 'us-east-1',
        endpointUrl: 'http://127.0.0.1:9900',
        secretAccessKey: 'sk',
        accessKeyId: 'ak',
      })
      .compile();
    expect(sql.split('\n')[1]).toBe("  STORAGE_TYPE = 's3'");
    expect(optionLines(sql)).toEqual([
      "ACCESS_KEY_ID = 'ak'",
      "SECRET_ACCESS_KEY = 'sk'",
      "ENDPOINT_URL = 'http://127.0.0.1:9900'",
      "REGION = 'us-east-1'",
      "SESSION_TOKEN = 'tok'",
      "ROLE_ARN = 'arn:aws:iam::1:role/r'",
      "EXTERNAL_ID = 'ext'",
      "MASTER_KEY = 'mk'",
      'ENABLE_VIRTUAL_HOST_STYLE = TRUE',
    ]);
    expect(optionLines(createConnection('c').s3({ enableVirtualHostStyle: false }).compile())).toEqual(['ENABLE_VIRTUAL_HOST_STYLE = FALSE']);
  });

  it('renders gcs', () => {
    const sql = createConnection('c').gcs({ credential: 'e30=', endpointUrl: 'https://storage.googleapis.com' }).compile();
    expect(sql.split('\n')[1]).toBe("  STORAGE_TYPE = 'gcs'");
    expect(optionLines(sql)).toEqual(["CREDENTIAL = 'e30='", "ENDPOINT_URL = 'https://storage.googleapis.com'"]);
  });

  it('renders azblob', () => {
    const sql = createConnection('c').azblob({ endpointUrl: 'https://a.blob.core.windows.net', accountName: 'acct', accountKey: 'a2V5' }).compile();
    expect(sql.split('\n')[1]).toBe("  STORAGE_TYPE = 'azblob'");
    expect(optionLines(sql)).toEqual(["ENDPOINT_URL = 'https://a.blob.core.windows.net'", "ACCOUNT_NAME = 'acct'", "ACCOUNT_KEY = 'a2V5'"]);
  });

  it('renders oss', () => {
    const sql = createConnection('c').oss({ endpointUrl: 'https://oss.example', accessKeyId: 'ak', accessKeySecret: 'sk' }).compile();
    expect(sql.split('\n')[1]).toBe("  STORAGE_TYPE = 'oss'");
    expect(optionLines(sql)).toEqual(["ENDPOINT_URL = 'https://oss.example'", "ACCESS_KEY_ID = 'ak'", "ACCESS_KEY_SECRET = 'sk'"]);
  });

  it('renders cos', () => {
    const sql = createConnection('c').cos({ endpointUrl: 'https://cos.example', secretId: 'id', secretKey: 'key' }).compile();
    expect(sql.split('\n')[1]).toBe("  STORAGE_TYPE = 'cos'");
    expect(optionLines(sql)).toEqual(["ENDPOINT_URL = 'https://cos.example'", "SECRET_ID = 'id'", "SECRET_KEY = 'key'"]);
  });

  it('renders obs', () => {
    const sql = createConnection('c').obs({ endpointUrl: 'https://obs.example', accessKeyId: 'ak', secretAccessKey: 'sk' }).compile();
    expect(sql.split('\n')[1]).toBe("  STORAGE_TYPE = 'obs'");
    expect(optionLines(sql)).toEqual(["ENDPOINT_URL = 'https://obs.example'", "ACCESS_KEY_ID = 'ak'", "SECRET_ACCESS_KEY = 'sk'"]);
  });

  it('has a parameter table for every storage type', () => {
    expect(STORAGE_TYPES).toEqual(['s3', 'gcs', 'azblob', 'oss', 'cos', 'obs', 'hf']);
    expect(Object.keys(STORAGE_PARAMETERS.hf)).toEqual(['repoType', 'revision', 'token']);
  });

  it('exposes its name and storage type', () => {
    expect(guide.name).toBe('everdrive_s3');
    expect(guide.storageType).toBe('s3');
  });
});

describe('createConnection: secrets', () => {
  const conn = createConnection('c').s3({ accessKeyId: 'AKIA_REAL', secretAccessKey: secret('s3cr3t'), sessionToken: 'tok3n', masterKey: 'm4ster' });
  const others = [
    createConnection('c').gcs({ credential: 'cr3d' }),
    createConnection('c').azblob({ endpointUrl: 'https://e', accountKey: 'acc0untkey' }),
    createConnection('c').oss({ endpointUrl: 'https://e', accessKeySecret: 'a11secret' }),
    createConnection('c').cos({ endpointUrl: 'https://e', secretId: 's1d', secretKey: 's3key' }),
  ];
  const secrets = ['AKIA_REAL', 's3cr3t', 'tok3n', 'm4ster', 'cr3d', 'acc0untkey', 'a11secret', 's1d', 's3key'];

  it('masks credentials in toString, JSON and inspect', () => {
    for (const builder of [conn, ...others]) {
      for (const text of [
        String(builder),
        JSON.stringify(builder),
        inspect(builder),
        JSON.stringify(builder.toNode()),
        inspect(builder.toNode(), { depth: 9 }),
      ]) {
        for (const value of secrets) expect(text).not.toContain(value);
      }
    }
    expect(optionLines(String(conn))).toEqual(["ACCESS_KEY_ID = '***'", "SECRET_ACCESS_KEY = '***'", "SESSION_TOKEN = '***'", "MASTER_KEY = '***'"]);
    expect(conn.compile({ maskSecrets: true })).toBe(String(conn));
  });

  it('reveals credentials in compile()', () => {
    expect(optionLines(conn.compile())).toEqual([
      "ACCESS_KEY_ID = 'AKIA_REAL'",
      "SECRET_ACCESS_KEY = 's3cr3t'",
      "SESSION_TOKEN = 'tok3n'",
      "MASTER_KEY = 'm4ster'",
    ]);
    expect(optionLines(others[3]!.compile())).toEqual(["ENDPOINT_URL = 'https://e'", "SECRET_ID = 's1d'", "SECRET_KEY = 's3key'"]);
  });

  it('leaves non-credentials unmasked', () => {
    expect(optionLines(String(createConnection('c').s3({ region: 'eu-west-1', roleArn: 'arn:r', endpointUrl: 'https://e' })))).toEqual([
      "ENDPOINT_URL = 'https://e'",
      "REGION = 'eu-west-1'",
      "ROLE_ARN = 'arn:r'",
    ]);
  });
});

describe('createConnection: escaping', () => {
  it('escapes quotes and backslashes', () => {
    const sql = createConnection('c').s3({ accessKeyId: "a'b\\c", secretAccessKey: 'x"y$$z', region: "x' OR '1" }).compile();
    expect(optionLines(sql)).toEqual(["ACCESS_KEY_ID = 'a\\'b\\\\c'", "SECRET_ACCESS_KEY = 'x\"y$$z'", "REGION = 'x\\' OR \\'1'"]);
  });

  it('refuses what is not printable ASCII, where the engine panics while masking the value (1001)', () => {
    for (const value of ['a🚗', 'ak\n', 'é', '\0', 'tab\there']) {
      expectValidation(() => createConnection('c').s3({ accessKeyId: value, secretAccessKey: 'sk' }), {
        reason: 'unsupported',
        field: 'accessKeyId',
        call: "createConnection('c').s3()",
      });
    }
    expectValidation(() => createConnection('c').s3({ accessKeyId: 'ak', secretAccessKey: 'sk', region: 'a🚗' }), { reason: 'unsupported', field: 'region' });
  });
});

describe('createConnection: invalid input', () => {
  it('refuses names that are not plain or are reserved', () => {
    expectValidation(() => createConnection('My Conn'), { reason: 'invalid_format', field: 'connection name', call: "createConnection('My Conn')" });
    expectValidation(() => createConnection('select'), { reason: 'reserved', field: 'connection name', call: "createConnection('select')" });
    expectValidation(() => createConnection(''), { reason: 'invalid_format', field: 'connection name' });
  });

  it('refuses OR REPLACE with IF NOT EXISTS', () => {
    expectValidation(() => createConnection('c').orReplace().ifNotExists(), {
      reason: 'conflict',
      field: undefined,
      call: "createConnection('c').ifNotExists()",
    });
    expectValidation(() => createConnection('c').ifNotExists().s3({}).orReplace(), {
      reason: 'conflict',
      field: undefined,
      call: "createConnection('c').orReplace()",
    });
  });

  it('refuses a parameter the storage does not accept', () => {
    expectValidation(() => createConnection('c').oss({ endpointUrl: 'https://e', roleArn: 'r' } as never), {
      reason: 'unknown_key',
      field: 'roleArn',
      call: "createConnection('c').oss()",
    });
    expectValidation(() => createConnection('c').s3({ ACCESS_KEY_ID: 'x' } as never), { reason: 'unknown_key', field: 'ACCESS_KEY_ID' });
  });

  it('refuses a missing required parameter', () => {
    expectValidation(() => createConnection('c').azblob({} as never), { reason: 'missing', field: 'endpointUrl', call: "createConnection('c').azblob()" });
    expectValidation(() => createConnection('c').oss({} as never), { reason: 'missing', field: 'endpointUrl' });
    expectValidation(() => createConnection('c').cos({} as never), { reason: 'missing', field: 'endpointUrl' });
    expectValidation(() => createConnection('c').obs({} as never), { reason: 'missing', field: 'endpointUrl' });
    expectValidation(() => createConnection('c').gcs({} as never), { reason: 'missing', field: 'credential' });
  });

  it('refuses values of the wrong type', () => {
    expectValidation(() => createConnection('c').s3({ region: '' }), { reason: 'too_small', field: 'region', call: "createConnection('c').s3()" });
    expectValidation(() => createConnection('c').s3({ accessKeyId: 1 } as never), { reason: 'invalid_type', field: 'accessKeyId' });
    expectValidation(() => createConnection('c').s3({ enableVirtualHostStyle: 'true' } as never), { reason: 'invalid_type', field: 'enableVirtualHostStyle' });
    expectValidation(() => createConnection('c').s3(null as never), { reason: 'invalid_type', field: undefined });
  });

  it('ignores parameters set to undefined', () => {
    expect(optionLines(createConnection('c').s3({ region: undefined, roleArn: 'r' }).compile())).toEqual(["ROLE_ARN = 'r'"]);
  });
});

describe('createConnection: immutability', () => {
  it('never changes the builder it was called on', () => {
    const start = createConnection('c');
    start.orReplace();
    expect(start.s3({}).compile().split('\n')[0]).toBe('CREATE CONNECTION c');
    const conn = start.s3({ region: 'x' });
    const before = conn.toNode();
    conn.orReplace();
    conn.ifNotExists();
    expect(conn.toNode()).toBe(before);
    expect(Object.isFrozen(before.options)).toBe(true);
    expect(conn.compile().split('\n')[0]).toBe('CREATE CONNECTION c');
  });
});

describe('dropConnection', () => {
  it('renders DROP CONNECTION', () => {
    expect(dropConnection('everdrive_s3').compile()).toBe('DROP CONNECTION everdrive_s3');
    expect(dropConnection(guide).ifExists().compile()).toBe('DROP CONNECTION IF EXISTS everdrive_s3');
  });

  it('refuses invalid names', () => {
    expectValidation(() => dropConnection('a;b'), { reason: 'invalid_format', field: 'connection name', call: 'dropConnection()' });
  });
});
