import { describe, expect, expectTypeOf, it } from 'vitest';
import { frameEvents } from '../../examples/everdrive/tables.js';
import {
  copyInto,
  copyIntoLocation,
  copyIntoStage,
  createConnection,
  insertInto,
  int,
  location,
  presign,
  render,
  secret,
  selectFromLocation,
  sql,
  string,
  table,
  type Location,
} from '../../src/index.js';
import { expectValidation } from '../support/expect-validation.js';

const items = table('items', { a: int(), b: string() });
const s3 = location('s3://everdrive-lakehouse/raw/', { connection: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: secret('s3cr3t/key') } });

describe('location()', () => {
  it('is a frozen UriLocation node', () => {
    expect(s3).toEqual({
      kind: 'UriLocation',
      url: 's3://everdrive-lakehouse/raw/',
      connection: {
        kind: 'inline',
        options: [
          { key: 'ACCESS_KEY_ID', value: { kind: 'secret', value: expect.anything() } },
          { key: 'SECRET_ACCESS_KEY', value: { kind: 'secret', value: expect.anything() } },
        ],
      },
    });
    expect(Object.isFrozen(s3)).toBe(true);
    expect(location('fs:///data/')).toEqual({ kind: 'UriLocation', url: 'fs:///data/', connection: undefined });
  });

  it('takes every scheme Databend reads, folders and single files, and bucket roots', () => {
    for (const url of [
      's3://b/p/',
      's3://b/p/file.csv',
      's3://b',
      'gcs://b/p/',
      'azblob://container/p/',
      'oss://b/p/',
      'cos://b/p/',
      'obs://b/p/',
      'hf://org/repo/p/',
      'ipfs://QmCid/p/',
      'https://repo.example/file.csv',
      'https://repo.example/file{a,b}.csv',
      'https://repo.example/file[1-3].csv',
      'http://repo.example/data/',
      'fs:///abs/path/',
      'fs:///abs/file.csv',
    ]) {
      expect(location(url).url).toBe(url);
    }
  });

  it('types the connection by the scheme', () => {
    location('gcs://b/p/', { connection: { credential: 'base64key' } });
    location('azblob://c/p/', { connection: { endpointUrl: 'https://a.blob.core.windows.net', accountName: 'a', accountKey: 'a2V5' } });
    location('ipfs://QmCid/', { connection: { endpointUrl: 'https://ipfs.io' } });
    location('s3://b/', { connection: createConnection('c').s3({}) });
    location('s3://b/', { connection: 'named_connection' });
    // @ts-expect-error gcs takes no accessKeyId
    expect(() => location('gcs://b/p/', { connection: { credential: 'k', accessKeyId: 'x' } })).toThrow("gcs storage has no parameter 'accessKeyId'");
    // A builder of another storage is refused when it runs (its type is not told from the parameters' object type).
    expect(() => location('s3://b/', { connection: createConnection('az').azblob({ endpointUrl: 'e' }) })).toThrow(
      'connection az is for azblob, the URL is s3://',
    );
    // @ts-expect-error https takes no connection
    expect(() => location('https://h/f.csv', { connection: 'c' })).toThrow('https:// locations take no connection');
    expectTypeOf(location('s3://b/')).toEqualTypeOf<Location<'s3'>>();
  });

  it('refuses what the engine would change or drop without a word', () => {
    const call = "location('x')";
    expectValidation(() => location('ftp://h/p/'), { reason: 'invalid_value', field: 'url', call: "location('ftp://h/p/')" });
    expectValidation(() => location('fs://relative/'), { reason: 'invalid_format', field: 'url', call: "location('fs://relative/')" });
    expect(() => location('s3://b/p/?versionId=1')).toThrow("must not contain '?' or '#'");
    expect(() => location('s3://AKIA:secret@b/p/')).toThrow("a URL must not carry user info ('user:password@')");
    expect(() => location('s3://b/a%20b/')).toThrow("a URL must not contain '%' (the engine percent-decodes the path)");
    expect(() => location('https://h/f{1..3}.csv')).toThrow("a URL's glob takes a range as [1-3], not {1..3}");
    expect(() => location('https://')).toThrow('a URL names its host: https://host/path');
    expect(() => location('s3://b/./p/')).toThrow("must not contain '.' or '..' segments");
    expect(() => location('fs:///data/', { connection: 'c' } as never)).toThrow('fs:// locations take no connection (the engine ignores it)');
    expect(() => location('s3://b/', { connection: 42 } as never)).toThrow(
      "a connection is a name, a createConnection() builder or the storage's parameters, not a number",
    );
    expect(() => location('s3://b/', { connection: 'bad name' })).toThrow('connection name');
    expect(() => location('s3://b/', { connect: 'c' } as never)).toThrow("options has no key 'connect' (known: connection)");
    expect(call).toBe("location('x')");
  });

  it('masks its credentials by value wherever the statement is shown', () => {
    const copy = copyInto(items).fromLocation(s3).raw();
    expect(copy.compile()).toContain("SECRET_ACCESS_KEY = 's3cr3t/key'");
    expect(String(copy)).toBe(
      ['COPY INTO items', "FROM 's3://everdrive-lakehouse/raw/' CONNECTION = (ACCESS_KEY_ID = '***' SECRET_ACCESS_KEY = '***')"].join('\n'),
    );
    expect(render(copy.toNode(), { maskSecrets: true })).not.toContain('s3cr3t');
  });

  it('a builder takes only a location() value or a URL string', () => {
    const forged = { kind: 'UriLocation', url: "s3://b/' DROP", connection: undefined };
    expectValidation(() => copyInto(items).fromLocation(forged as never), {
      reason: 'invalid_type',
      field: 'location',
      call: "copyInto('items').fromLocation()",
    });
    expectValidation(() => selectFromLocation(42 as never), { reason: 'invalid_type', field: 'location', call: 'selectFromLocation()' });
  });
});

describe('COPY INTO a table from a location', () => {
  it('through the transform: the connection beside the URL (the only form a COPY subquery takes)', () => {
    expect(copyInto(items).fromLocation(s3).fileFormat({ type: 'CSV' }).compile()).toBe(
      [
        'COPY INTO items (a, b)',
        'FROM (',
        '  SELECT a::INT,',
        '         b::STRING',
        "  FROM 's3://everdrive-lakehouse/raw/' CONNECTION = (ACCESS_KEY_ID = 'AKIAEXAMPLE' SECRET_ACCESS_KEY = 's3cr3t/key')",
        ')',
        "FILE_FORMAT = (TYPE = 'CSV')",
      ].join('\n'),
    );
  });

  it('raw, by connection name, and from a URL string', () => {
    const named = location('s3://b/p/', { connection: createConnection('everdrive_s3').s3({}) });
    expect(copyInto(items).fromLocation(named).raw().pattern('.*[.]csv').compile()).toBe(
      ['COPY INTO items', "FROM 's3://b/p/' CONNECTION = (CONNECTION_NAME = 'everdrive_s3')", "PATTERN = '.*[.]csv'"].join('\n'),
    );
    expect(copyInto(items).fromLocation('https://repo.example/file[1-3].csv').raw().compile()).toBe(
      ['COPY INTO items', "FROM 'https://repo.example/file[1-3].csv'"].join('\n'),
    );
    expect(copyInto(items).fromLocation('fs:///data/').map({ a: sql`$1` }).compile()).toContain("  FROM 'fs:///data/'\n)");
  });

  it('SCHEMA_EVOLUTION, the limits given in the grammar order', () => {
    const copy = copyInto(items).fromLocation('fs:///data/').raw();
    expect(copy.schemaEvolution({}).compile().split('\n').at(-1)).toBe('SCHEMA_EVOLUTION = ()');
    expect(copy.schemaEvolution({ sampleTotalRecords: 'AUTO', sampleFiles: 2, sampleRecordsPerFile: 100 }).compile().split('\n').at(-1)).toBe(
      'SCHEMA_EVOLUTION = (SAMPLE_FILES = 2, SAMPLE_RECORDS_PER_FILE = 100, SAMPLE_TOTAL_RECORDS = AUTO)',
    );
    expectValidation(() => copy.schemaEvolution({ sampleFiles: 0 }), {
      reason: 'too_small',
      field: 'sampleFiles',
      call: "copyInto('items').schemaEvolution()",
    });
    expectValidation(() => copy.schemaEvolution({ samples: 1 } as never), {
      reason: 'unknown_key',
      field: 'samples',
      call: "copyInto('items').schemaEvolution()",
    });
  });
});

describe('a stage SELECT and an INSERT from a location', () => {
  it("the connection as the table function's first option", () => {
    expect(selectFromLocation(s3).fileFormat('PARQUET').pattern('.*').limit(5).toString()).toBe(
      [
        'SELECT *',
        "FROM 's3://everdrive-lakehouse/raw/' (CONNECTION => (ACCESS_KEY_ID = '***' SECRET_ACCESS_KEY = '***'), FILE_FORMAT => 'PARQUET', PATTERN => '.*')",
        'LIMIT 5',
      ].join('\n'),
    );
    expect(selectFromLocation(location('s3://b/p/', { connection: 'c' })).compile()).toBe(
      ['SELECT *', "FROM 's3://b/p/' (CONNECTION => (CONNECTION_NAME = 'c'))"].join('\n'),
    );
    expect(selectFromLocation('fs:///data/a.csv').compile()).toBe(['SELECT *', "FROM 'fs:///data/a.csv'"].join('\n'));
  });

  it('names the location in its errors', () => {
    expectValidation(() => selectFromLocation('fs:///data/').limit(-1), {
      reason: 'too_small',
      field: undefined,
      call: "selectFromLocation('fs:///data/').limit()",
    });
  });

  it('INSERT INTO ... SELECT FROM a location', () => {
    expect(insertInto(items).fromLocation('fs:///data/').fileFormat('CSV').compile()).toBe(
      ['INSERT INTO items (a, b)', 'SELECT a::INT,', '       b::STRING', "FROM 'fs:///data/' (FILE_FORMAT => 'CSV')"].join('\n'),
    );
  });
});

describe('an unload to a location', () => {
  it('COPY INTO the URL and its connection', () => {
    const out = location('azblob://container/exports/', {
      connection: { endpointUrl: 'https://a.blob.core.windows.net', accountName: 'a', accountKey: secret('a2V5') },
    });
    expect(copyIntoLocation(out).from(frameEvents).fileFormat({ type: 'PARQUET' }).toString()).toBe(
      [
        "COPY INTO 'azblob://container/exports/' CONNECTION = (ENDPOINT_URL = 'https://a.blob.core.windows.net' ACCOUNT_NAME = 'a' ACCOUNT_KEY = '***')",
        'FROM frame_events',
        "FILE_FORMAT = (TYPE = 'PARQUET')",
      ].join('\n'),
    );
    expect(copyIntoLocation('fs:///exports/').from(frameEvents).single().compile()).toBe(
      ["COPY INTO 'fs:///exports/'", 'FROM frame_events', 'SINGLE = TRUE'].join('\n'),
    );
  });

  it('refuses the read-only storages', () => {
    // @ts-expect-error https is read only
    expectValidation(() => copyIntoLocation(location('https://h/out/')), { reason: 'unsupported', field: 'location', call: 'copyIntoLocation()' });
    expect(() => copyIntoLocation('ipfs://QmCid/out/')).toThrow('ipfs:// locations are read only: an unload cannot write to them');
    expect(() => copyIntoLocation('fs:///x/').from(frameEvents).maxFileSize(0)).toThrow(
      "copyIntoLocation('fs:///x/').maxFileSize(): MAX_FILE_SIZE must be a positive integer",
    );
  });
});

describe('LANCE unloads', () => {
  const unload = copyIntoStage('drive_stage', 'lance/').from(frameEvents);

  it('renders TYPE = LANCE, alone or with USE_RAW_PATH and OVERWRITE (no SINGLE needed)', () => {
    expect(unload.fileFormat({ type: 'LANCE' }).compile().split('\n').slice(2)).toEqual(["FILE_FORMAT = (TYPE = 'LANCE')"]);
    expect(unload.fileFormat({ type: 'lance' } as never).compile()).toContain("FILE_FORMAT = (TYPE = 'LANCE')");
    expect(unload.fileFormat({ type: 'LANCE' }).useRawPath().overwrite().compile().split('\n').slice(2)).toEqual([
      "FILE_FORMAT = (TYPE = 'LANCE')",
      'USE_RAW_PATH = TRUE',
      'OVERWRITE = TRUE',
    ]);
  });

  it('refuses what the engine refuses with LANCE', () => {
    const call = "copyIntoStage('drive_stage').fileFormat()";
    expectValidation(() => unload.single().fileFormat({ type: 'LANCE' }), { reason: 'conflict', field: undefined, call });
    expectValidation(() => unload.single(false).fileFormat({ type: 'LANCE' }), { reason: 'conflict', field: undefined, call });
    expectValidation(() => unload.partitionBy(sql`'k'`).fileFormat({ type: 'LANCE' }), { reason: 'conflict', field: undefined, call });
    expectValidation(() => unload.fileFormat({ type: 'LANCE', compression: 'NONE' } as never), { reason: 'unknown_key', field: 'compression', call });
    // Without LANCE, the old rules hold.
    expect(() => unload.useRawPath()).toThrow('USE_RAW_PATH = TRUE needs SINGLE = TRUE');
    // Reading LANCE is refused: it is no type of a read.
    expect(() =>
      copyInto(items)
        .fromLocation('fs:///x/')
        .fileFormat({ type: 'LANCE' } as never),
    ).toThrow('file format TYPE must be one of');
  });
});

describe('presign()', () => {
  it('renders each form', () => {
    expect(presign('drive_stage', 'sessions/a.parquet').compile()).toBe('PRESIGN @drive_stage/sessions/a.parquet');
    expect(presign('drive_stage', 'a.parquet').download().expire(60).compile()).toBe('PRESIGN DOWNLOAD @drive_stage/a.parquet EXPIRE = 60');
    expect(presign('drive_stage', 'a b.csv').upload().expire(600).contentType('text/csv').compile()).toBe(
      "PRESIGN UPLOAD '@drive_stage/a b.csv' EXPIRE = 600 CONTENT_TYPE = 'text/csv'",
    );
    expect(presign('~', 'a.csv').compile()).toBe('PRESIGN @~/a.csv');
  });

  it('is immutable and typed', () => {
    const base = presign('s', 'a.csv');
    base.upload();
    expect(base.compile()).toBe('PRESIGN @s/a.csv');
    expectTypeOf(base.$inferRow).toEqualTypeOf<{ readonly method: string; readonly headers: Readonly<Record<string, string>>; readonly url: string }>();
  });

  it('refuses what signs nothing or is dropped', () => {
    expectValidation(() => presign('s', 'dir/'), { reason: 'invalid_format', field: 'path', call: "presign('s')" });
    expectValidation(() => presign('s', ''), { reason: 'too_small', field: 'path', call: "presign('s')" });
    expectValidation(() => presign('s', 'a.csv').expire(0), { reason: 'too_small', field: 'seconds', call: "presign('s').expire()" });
    expectValidation(() => presign('s', 'a.csv').expire(1.5), { reason: 'invalid_type', field: 'seconds', call: "presign('s').expire()" });
    expectValidation(() => presign('s', 'a.csv').contentType('text/csv'), { reason: 'missing', field: 'contentType', call: "presign('s').contentType()" });
    expectValidation(() => presign('s', 'a.csv').upload().contentType('text/csv').download(), {
      reason: 'conflict',
      field: 'action',
      call: "presign('s').download()",
    });
    expectValidation(() => presign('s', '../a.csv'), { reason: 'invalid_format', field: 'path', call: "presign('s')" });
  });
});
