import { describe, expect, it } from 'vitest';
import { alterTable, bigintUnsigned, createConnection, createTable, int, location, secret, sql, string, table } from '../../src/index.js';
import { expectValidation } from '../support/expect-validation.js';

const books = table('books', { id: bigintUnsigned(), title: string() });

describe("CREATE TABLE ... 'url' CONNECTION = (...)", () => {
  it('places the location after the columns, before CLUSTER BY and the options', () => {
    const clustered = table('books', { id: bigintUnsigned(), title: string() }, { clusterBy: ['id'], comment: 'c' });
    expect(
      createTable(clustered)
        .location(location('s3://databend-toronto', { connection: 'toronto' }))
        .compile(),
    ).toBe(
      "CREATE TABLE books (\n  id BIGINT UNSIGNED NULL,\n  title STRING NULL\n)\n's3://databend-toronto' CONNECTION = (CONNECTION_NAME = 'toronto')\nCLUSTER BY (id)\nCOMMENT = 'c'",
    );
  });

  it('takes a URL string (no connection), a createConnection() builder, and LIKE / AS tables', () => {
    expect(createTable(books).orReplace().location('fs:///data/books/').compile()).toBe(
      "CREATE OR REPLACE TABLE books (\n  id BIGINT UNSIGNED NULL,\n  title STRING NULL\n)\n'fs:///data/books/'",
    );
    const conn = createConnection('toronto').s3({ accessKeyId: 'AKIA', secretAccessKey: secret('k') });
    expect(
      createTable('b2')
        .like(books)
        .location(location('s3://b/p/', { connection: conn }))
        .compile(),
    ).toBe("CREATE TABLE b2 LIKE books\n's3://b/p/' CONNECTION = (CONNECTION_NAME = 'toronto')");
    expect(createTable('b3').as(sql`SELECT 1 AS a`).location('fs:///data/b3/').compile()).toBe("CREATE TABLE b3\n'fs:///data/b3/'\nAS SELECT 1 AS a");
  });

  it('masks the inline credentials as a stage does', () => {
    const built = createTable(table('mytable', { a: int() })).location(
      location('s3://testbucket/admin/data/', {
        connection: { accessKeyId: 'AKIA', secretAccessKey: secret('s3cr3t'), endpointUrl: 'https://s3.amazonaws.com' },
      }),
    );
    const text =
      "CREATE TABLE mytable (\n  a INT NULL\n)\n's3://testbucket/admin/data/' CONNECTION = (ACCESS_KEY_ID = 'AKIA' SECRET_ACCESS_KEY = '%s' ENDPOINT_URL = 'https://s3.amazonaws.com')";
    expect(built.compile()).toBe(text.replace('%s', 's3cr3t'));
    expect(built.compile({ maskSecrets: true })).toBe(text.replace("'AKIA'", "'***'").replace('%s', '***'));
  });

  it('refuses a read-only location, a hand-made object and a bad URL', () => {
    expectValidation(() => createTable(books).location('https://example.com/books/' as never), { reason: 'unsupported', field: 'location' });
    expectValidation(() => createTable(books).location({ kind: 'UriLocation', url: 's3://b/' } as never), { reason: 'invalid_type', field: 'location' });
    expectValidation(() => createTable(books).location('ftp://b/' as never), { reason: 'invalid_value', field: 'url' });
  });
});

describe('ALTER TABLE ... CONNECTION = (...)', () => {
  it('renders a connection by name or by its builder', () => {
    expect(alterTable('sales_data').connection('s3_role_conn').compile()).toBe("ALTER TABLE sales_data CONNECTION = (CONNECTION_NAME = 's3_role_conn')");
    const conn = createConnection('c2').s3({ accessKeyId: 'a', secretAccessKey: secret('b') });
    expect(alterTable('t').connection(conn).ifExists().compile()).toBe("ALTER TABLE IF EXISTS t CONNECTION = (CONNECTION_NAME = 'c2')");
  });

  it('refuses what is not a connection name', () => {
    expectValidation(() => alterTable('t').connection(42 as never), { reason: 'invalid_type', field: 'connection' });
    expectValidation(() => alterTable('t').connection('bad name'), { reason: 'invalid_format', field: 'connection name' });
  });
});
