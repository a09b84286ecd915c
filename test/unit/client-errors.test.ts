import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { secret } from '../../src/ast/secret.js';
import { createClient } from '../../src/client/client.js';
import { classifyDriverError } from '../../src/client/driver-error.js';
import { loadDriver } from '../../src/client/load-driver.js';
import { collectSecrets, maskSqlSecrets, scrub, secretsInSql } from '../../src/client/mask.js';
import { DriverMissingError, ServerError, TransportError } from '../../src/errors.js';

const context = { sql: 'SELECT * FROM t', secrets: [], target: 'databend://root:***@127.0.0.1:8000/' };

/** A driver error as databend-driver 0.33.7 raises it: a plain Error with code GenericFailure. */
function driverError(message: string): Error {
  return Object.assign(new Error(message), { code: 'GenericFailure' });
}

describe('classifyDriverError', () => {
  it('reads the code and message of a failed query', () => {
    const error = classifyDriverError(driverError('APIError: QueryFailed: [1025]Unknown table "default"."t" . [v0.33.7]'), context);
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ code: 'SERVER', serverCode: 1025, serverMessage: 'Unknown table "default"."t" .', sql: 'SELECT * FROM t' });
    expect(error.message).toBe('Databend error 1025: Unknown table "default"."t" .\n  in: SELECT * FROM t');
  });

  it('keeps a multi-line server message with its detail (the engine pretty-prints syntax errors)', () => {
    const text = 'APIError: QueryFailed: [1005]error: \n  --> SQL:1:8\n  |\n1 | SELECT FROM\n  |        ^^^^ unexpected `FROM`\n\ndetail here [v0.33.7]';
    const error = classifyDriverError(driverError(text), context) as ServerError;
    expect(error.serverCode).toBe(1005);
    expect(error.serverMessage).toBe('error: \n  --> SQL:1:8\n  |\n1 | SELECT FROM\n  |        ^^^^ unexpected `FROM`\n\ndetail here');
  });

  it('reads a non-200 answer that carries a Databend code as a server error', () => {
    const error = classifyDriverError(driverError('APIError: BadRequest:(400 Bad Request)[400]parse error: bad [v0.34.2]'), context);
    expect(error).toMatchObject({ code: 'SERVER', serverCode: 400, serverMessage: 'parse error: bad' });
  });

  it.each([
    [
      'refused',
      'APIError: [request_kind=login]: reqwest::Error: error sending request, source_chain=client error (Connect) -> tcp connect error -> Connection refused (os error 111) [v0.33.7]',
    ],
    ['timeout', 'APIError: [request_kind=login]: reqwest::Error: error sending request, source_chain=operation timed out [v0.33.7]'],
    [
      'dns',
      'APIError: [request_kind=login]: reqwest::Error: error sending request, source_chain=client error (Connect) -> dns error -> failed to lookup address information: Name or service not known [v0.33.7]',
    ],
    ['login', 'APIError: [request_kind=login]: AuthFailure: [5100]wrong password for user root [v0.33.7]'],
    ['bad DSN', 'ParseError: Unsupported scheme: mysql [v0.33.7]'],
    ['bad DSN value', 'APIError: BadArgument: Invalid value for sslmode: bogus [v0.33.7]'],
    ['bad response', 'APIError: DecodeError: fail to decode JSON response: EOF, body: [v0.33.7]'],
  ])('classifies %s as a transport failure that keeps the cause', (_kind, text) => {
    const cause = driverError(text);
    const error = classifyDriverError(cause, { ...context, sql: undefined });
    expect(error).toBeInstanceOf(TransportError);
    expect(error.code).toBe('TRANSPORT');
    expect(error.cause).toBe(cause);
    expect(error.message).toBe(`Cannot talk to Databend at databend://root:***@127.0.0.1:8000/: ${text.replace('APIError: ', '').replace(' [v0.33.7]', '')}`);
  });

  it('names the statement in a transport failure while running one', () => {
    const error = classifyDriverError(driverError('APIError: ResponseError: (502)bad gateway [v0.33.7]'), context);
    expect(error).toMatchObject({ code: 'TRANSPORT', sql: 'SELECT * FROM t' });
    expect(error.message).toMatch(/\n {2}in: SELECT \* FROM t$/);
  });

  it('scrubs credentials from the message and replaces a cause that held one', () => {
    const text = "APIError: QueryFailed: [1005]syntax error near 'AKIAXYZ' and hunter2 [v0.33.7]";
    const error = classifyDriverError(driverError(text), { ...context, secrets: ['AKIAXYZ', 'hunter2'] }) as ServerError;
    expect(error.serverMessage).toBe("syntax error near '***' and ***");
    expect((error.cause as Error).message).toBe("APIError: QueryFailed: [1005]syntax error near '***' and *** [v0.33.7]");
    expect(JSON.stringify([error.message, (error.cause as Error).message])).not.toMatch(/AKIAXYZ|hunter2/);
  });
});

describe('masking SQL text', () => {
  it('masks the values of credential options in any quoting', () => {
    const sql = [
      "CREATE CONNECTION c STORAGE_TYPE = 's3' ACCESS_KEY_ID = 'AKIA' SECRET_ACCESS_KEY = 'it\\'s' SESSION_TOKEN='t''k'",
      "CONNECTION = (aws_secret_key = \"x\\\"y\", account_key => 'k', credential = '{\"a\":1}', password='')",
    ].join('\n');
    expect(maskSqlSecrets(sql)).toBe(
      [
        "CREATE CONNECTION c STORAGE_TYPE = 's3' ACCESS_KEY_ID = '***' SECRET_ACCESS_KEY = '***' SESSION_TOKEN='***'",
        "CONNECTION = (aws_secret_key = '***', account_key => '***', credential = '***', password='***')",
      ].join('\n'),
    );
  });

  it('leaves options that name no credential alone', () => {
    const sql = "CREATE STAGE s URL = 's3://b/' CONNECTION = (REGION = 'us-east-1', ENDPOINT_URL = 'http://x', ROLE_ARN = 'arn') FILE_FORMAT = (TYPE = 'CSV')";
    expect(maskSqlSecrets(sql)).toBe(sql);
  });

  it('masks any key that names a credential, bare or quoted, and IDENTIFIED BY, erring on the side of masking', () => {
    expect(maskSqlSecrets("CREATE USER u IDENTIFIED BY 'p@ss''w0rd'")).toBe("CREATE USER u IDENTIFIED BY '***'");
    expect(maskSqlSecrets("ALTER USER u IDENTIFIED WITH sha256_password BY 'x'")).toBe("ALTER USER u IDENTIFIED WITH sha256_password BY '***'");
    expect(maskSqlSecrets("CONNECTION = (AWS_SECRET_ACCESS_KEY = 'a', AWS_ACCESS_KEY_ID = 'b')")).toBe(
      "CONNECTION = (AWS_SECRET_ACCESS_KEY = '***', AWS_ACCESS_KEY_ID = '***')",
    );
    expect(maskSqlSecrets(`CREATE CATALOG c TYPE = ICEBERG CONNECTION = ("s3.secret-access-key" = 'k', "s3.region" = 'r')`)).toBe(
      `CREATE CATALOG c TYPE = ICEBERG CONNECTION = ("s3.secret-access-key" = '***', "s3.region" = 'r')`,
    );
    expect(maskSqlSecrets("MY_TOKEN_NAME = 'v'")).toBe("MY_TOKEN_NAME = '***'");
  });

  it('finds the credential values in SQL, raw and unescaped', () => {
    expect(secretsInSql("SECRET_ACCESS_KEY = 'it\\'s' TOKEN = '' ACCOUNT_KEY = 'k'")).toEqual(["it\\'s", "it's", 'k', 'k']);
  });

  it('masks keys whose words are joined by a hyphen or a dot (Iceberg and ADLS properties), and webhdfs delegation', () => {
    const sql = `CONNECTION = ("s3.access-key-id" = 'a', "adls.account-key" = 'b', "adls.sas-token.acct" = 'c', "gcs.oauth2.token" = 'd', DELEGATION = 'e', "s3.region" = 'r')`;
    expect(maskSqlSecrets(sql)).toBe(
      `CONNECTION = ("s3.access-key-id" = '***', "adls.account-key" = '***', "adls.sas-token.acct" = '***', "gcs.oauth2.token" = '***', DELEGATION = '***', "s3.region" = 'r')`,
    );
  });

  it('masks a $$-quoted value, and an IDENTIFIED BY written inside a credential once', () => {
    expect(maskSqlSecrets("PASSWORD = $$it's$$")).toBe("PASSWORD = '***'");
    expect(maskSqlSecrets("PASSWORD = 'x IDENTIFIED BY ''y''', TOKEN = 't'")).toBe("PASSWORD = '***', TOKEN = '***'");
  });

  it('reads a credential as the engine does: doubled quotes and the \\n, \\x41 and \\u0042 escapes resolved', () => {
    expect(secretsInSql("PASSWORD = 'it''s\\n\\x41\\u0042'")).toEqual(["it''s\\n\\x41\\u0042", "it's\nAB"]);
    expect(secretsInSql('PASSWORD = "say ""hi"""')).toEqual(['say ""hi""', 'say "hi"']);
  });

  it('scrubs a value in every spelling: SQL-escaped, quote-doubled, JSON-escaped, both, percent-encoded', () => {
    const value = "p'a\\s/s\n";
    const sqlEscaped = "p\\'a\\\\s/s\\n";
    const text = [value, sqlEscaped, "p''a\\s/s\n", JSON.stringify(value), JSON.stringify(sqlEscaped), encodeURIComponent(value)].join(' | ');
    expect(scrub(text, [value])).toBe('*** | *** | *** | "***" | "***" | ***');
  });

  it('collects the revealed secrets of a statement node, raw and as escaped in a literal', () => {
    const node = {
      kind: 'CreateConnectionStmt',
      options: [
        { key: 'SECRET_ACCESS_KEY', value: { kind: 'secret', value: secret("a'b") } },
        { key: 'X', value: 'plain' },
      ],
    };
    expect(collectSecrets(node)).toEqual(["a'b", "a\\'b"]);
  });

  it('scrubs longer secrets first so that an overlapping shorter one leaves nothing behind', () => {
    expect(scrub('key abcdef and abc', ['abc', 'abcdef'])).toBe('key *** and ***');
  });
});

describe('the real driver', () => {
  async function closedPort(): Promise<number> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise((resolve) => server.close(resolve));
    return port;
  }

  it('fails with a TransportError against a closed port, without the password anywhere (the reachability check off)', async () => {
    const port = await closedPort();
    const client = createClient({ dsn: `databend://root:hunter%402@127.0.0.1:${port}/?sslmode=disable&retry_count=0&connect_timeout=1`, connectTimeoutMs: 0 });
    const error = await client.execute('SELECT 1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).message).toContain(`databend://root:***@127.0.0.1:${port}/?sslmode=disable&retry_count=0&connect_timeout=1&timezone=UTC`);
    expect((error as TransportError).message).toContain('Connection refused');
    expect((error as TransportError).cause).toBeInstanceOf(Error);
    expect(JSON.stringify([(error as Error).message, ((error as Error).cause as Error).message, (error as Error).stack])).not.toMatch(/hunter/);
  });

  it('reports a driver that cannot be loaded as DriverMissingError with the loader error as cause', async () => {
    const error = await loadDriver('databend-driver-that-does-not-exist').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DriverMissingError);
    expect(error).toMatchObject({ code: 'DRIVER_MISSING' });
    expect((error as Error).message).toContain('npm install databend-driver');
    expect((error as Error).cause).toBeInstanceOf(Error);
  });
});
