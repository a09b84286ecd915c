import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createConnection } from '../../src/builders/create-connection.js';
import { createFileFormat } from '../../src/builders/create-file-format.js';
import { createStage, stage } from '../../src/builders/create-stage.js';
import { dropStage } from '../../src/builders/drop.js';
import { expectValidation } from '../support/expect-validation.js';

const everdriveS3 = createConnection('everdrive_s3').s3({ accessKeyId: 'ak', secretAccessKey: 'sk' });
const driveStage = createStage('drive_stage').orReplace().url('s3://everdrive-lakehouse/raw/').connection(everdriveS3).fileFormat({ type: 'PARQUET' });

describe('createStage', () => {
  it("renders the guide's stage", () => {
    expect(driveStage.compile()).toBe(
      [
        'CREATE OR REPLACE STAGE drive_stage',
        "  URL = 's3://everdrive-lakehouse/raw/'",
        "  CONNECTION = (CONNECTION_NAME = 'everdrive_s3')",
        "  FILE_FORMAT = (TYPE = 'PARQUET')",
      ].join('\n'),
    );
  });

  it('renders an internal stage', () => {
    expect(createStage('landing').compile()).toBe('CREATE STAGE landing');
    expect(createStage('landing').ifNotExists().compile()).toBe('CREATE STAGE IF NOT EXISTS landing');
    expect(createStage('landing').orReplace().compile()).toBe('CREATE OR REPLACE STAGE landing');
  });

  it('renders URL', () => {
    expect(createStage('s').url('s3://bucket/path/').compile()).toBe("CREATE STAGE s\n  URL = 's3://bucket/path/'");
    expect(createStage('s').url('fs:///tmp/data/').compile()).toBe("CREATE STAGE s\n  URL = 'fs:///tmp/data/'");
    for (const url of ['gcs://b/p/', 'oss://b/p/', 'cos://b/p/', 'obs://b/p/', 'hf://org/repo/', 's3://bucket/']) {
      expect(createStage('s').url(url).compile().split('\n')[1]).toBe(`  URL = '${url}'`);
    }
  });

  it("renders an object store's bucket root without the final '/', as written (the engine stores it with one)", () => {
    for (const url of ['s3://bucket', 'gcs://bucket', 'oss://bucket', 'cos://bucket', 'obs://bucket', 's3://Bucket.Name-1']) {
      expect(createStage('s').url(url).compile()).toBe(`CREATE STAGE s\n  URL = '${url}'`);
    }
    expect(createStage('s').url('s3://bucket').connection('everdrive_s3').compile().split('\n')[2]).toBe("  CONNECTION = (CONNECTION_NAME = 'everdrive_s3')");
  });

  it('takes a URL typed as string with a connection builder, checking the storage when it runs', () => {
    const url: string = 's3://b/p/';
    expect(createStage('s').url(url).connection(everdriveS3).compile()).toBe(
      "CREATE STAGE s\n  URL = 's3://b/p/'\n  CONNECTION = (CONNECTION_NAME = 'everdrive_s3')",
    );
    const gcs: string = 'gcs://b/p/';
    expectValidation(() => createStage('s').url(gcs).connection(everdriveS3), {
      reason: 'conflict',
      field: 'connection',
      call: "createStage('s').connection()",
    });
  });

  it('renders CONNECTION by name', () => {
    expect(createStage('s').url('s3://b/p/').connection('everdrive_s3').compile().split('\n')[2]).toBe("  CONNECTION = (CONNECTION_NAME = 'everdrive_s3')");
  });

  it('renders inline credentials for every stage storage', () => {
    const line = (b: { compile(): string }) => b.compile().split('\n')[2];
    expect(
      line(createStage('s').url('s3://b/p/').credentials({ accessKeyId: 'ak', secretAccessKey: 'sk', region: 'us-east-1', enableVirtualHostStyle: false })),
    ).toBe("  CONNECTION = (ACCESS_KEY_ID = 'ak' SECRET_ACCESS_KEY = 'sk' REGION = 'us-east-1' ENABLE_VIRTUAL_HOST_STYLE = FALSE)");
    expect(line(createStage('s').url('gcs://b/p/').credentials({ credential: 'e30=' }))).toBe("  CONNECTION = (CREDENTIAL = 'e30=')");
    expect(line(createStage('s').url('oss://b/p/').credentials({ endpointUrl: 'https://e', accessKeyId: 'a', accessKeySecret: 's' }))).toBe(
      "  CONNECTION = (ENDPOINT_URL = 'https://e' ACCESS_KEY_ID = 'a' ACCESS_KEY_SECRET = 's')",
    );
    expect(line(createStage('s').url('cos://b/p/').credentials({ endpointUrl: 'https://e', secretId: 'i', secretKey: 'k' }))).toBe(
      "  CONNECTION = (ENDPOINT_URL = 'https://e' SECRET_ID = 'i' SECRET_KEY = 'k')",
    );
    expect(line(createStage('s').url('obs://b/p/').credentials({ endpointUrl: 'https://e', accessKeyId: 'a', secretAccessKey: 's' }))).toBe(
      "  CONNECTION = (ENDPOINT_URL = 'https://e' ACCESS_KEY_ID = 'a' SECRET_ACCESS_KEY = 's')",
    );
    expect(line(createStage('s').url('hf://org/repo/').credentials({ repoType: 'dataset', revision: 'main', token: 'hf_x' }))).toBe(
      "  CONNECTION = (REPO_TYPE = 'dataset' REVISION = 'main' TOKEN = 'hf_x')",
    );
  });

  it('renders FILE_FORMAT inline and by name', () => {
    expect(createStage('s').fileFormat({ type: 'CSV', skipHeader: 1, fieldDelimiter: '|' }).compile()).toBe(
      "CREATE STAGE s\n  FILE_FORMAT = (TYPE = 'CSV', SKIP_HEADER = 1, FIELD_DELIMITER = '|')",
    );
    expect(createStage('s').fileFormat({ formatName: 'everdrive_csv' }).compile()).toBe("CREATE STAGE s\n  FILE_FORMAT = (FORMAT_NAME = 'everdrive_csv')");
    const csv = createFileFormat('everdrive_csv', { type: 'CSV' });
    expect(createStage('s').fileFormat(csv).compile()).toBe("CREATE STAGE s\n  FILE_FORMAT = (FORMAT_NAME = 'everdrive_csv')");
  });

  it('renders COMMENT last, escaped', () => {
    expect(createStage('s').comment("it's a \\ path\nü").fileFormat({ type: 'NDJSON' }).compile()).toBe(
      ['CREATE STAGE s', "  FILE_FORMAT = (TYPE = 'NDJSON')", "  COMMENT = 'it\\'s a \\\\ path\\nü'"].join('\n'),
    );
  });

  it('escapes hostile URLs, and refuses in them what a stage path refuses', () => {
    expect(createStage('s').url('s3://b/it\'s "x"/').compile().split('\n')[1]).toBe("  URL = 's3://b/it\\'s \"x\"/'");
    for (const url of ["s3://b/it's\\\n/", 'fs:///tmp/a\0b/', 'fs:///tmp/\u0007/']) {
      expectValidation(() => createStage('s').url(url), { reason: 'invalid_format', field: 'url', call: "createStage('s').url()" });
    }
    expectValidation(() => createStage('s').url(`fs:///${'a'.repeat(1030)}/`), { reason: 'too_big', field: 'url', call: "createStage('s').url()" });
  });

  it('keeps the connection when the URL changes within a scheme', () => {
    expect(createStage('s').url('s3://a/').connection('c').url('s3://b/').compile()).toBe(
      "CREATE STAGE s\n  URL = 's3://b/'\n  CONNECTION = (CONNECTION_NAME = 'c')",
    );
  });

  it('stands for the stage by name', () => {
    expect(driveStage.name).toBe('drive_stage');
    expect(stage('drive_stage')).toEqual({ name: 'drive_stage' });
    expect(Object.isFrozen(stage('drive_stage'))).toBe(true);
  });
});

describe('createStage: secrets', () => {
  const s = createStage('s').url('s3://b/p/').credentials({ accessKeyId: 'AKIA_REAL', secretAccessKey: 's3cr3t', region: 'eu' });

  it('masks inline credentials except in compile()', () => {
    for (const text of [String(s), JSON.stringify(s), inspect(s), JSON.stringify(s.toNode())]) {
      expect(text).not.toContain('AKIA_REAL');
      expect(text).not.toContain('s3cr3t');
    }
    expect(String(s).split('\n')[2]).toBe("  CONNECTION = (ACCESS_KEY_ID = '***' SECRET_ACCESS_KEY = '***' REGION = 'eu')");
    expect(s.compile().split('\n')[2]).toBe("  CONNECTION = (ACCESS_KEY_ID = 'AKIA_REAL' SECRET_ACCESS_KEY = 's3cr3t' REGION = 'eu')");
  });
});

describe('createStage: invalid input', () => {
  it('refuses names that are not plain or are reserved', () => {
    expectValidation(() => createStage('drive stage'), { reason: 'invalid_format', field: 'stage name', call: "createStage('drive stage')" });
    expectValidation(() => createStage('stage'), { reason: 'reserved', field: 'stage name', call: "createStage('stage')" });
    expectValidation(() => stage('a-b'), { reason: 'invalid_format', field: 'stage name' });
  });

  it('refuses user info in a URL, which the engine would drop silently', () => {
    expectValidation(() => createStage('s').url('s3://AKIA:s3cret@bucket/raw/'), { reason: 'invalid_format', field: 'url', call: "createStage('s').url()" });
    expect(createStage('s').url('s3://bucket/raw/a@b/').compile()).toBe("CREATE STAGE s\n  URL = 's3://bucket/raw/a@b/'");
  });

  it("refuses '.' and '..' segments in object-store URLs, which the engine normalises away", () => {
    expectValidation(() => createStage('s').url('s3://a/./'), { reason: 'invalid_format', field: 'url', call: "createStage('s').url()" });
    expectValidation(() => createStage('s').url('s3://a/raw/../'), { reason: 'invalid_format', field: 'url' });
    expect(createStage('s').url('s3://a/.hidden/').compile()).toBe("CREATE STAGE s\n  URL = 's3://a/.hidden/'");
  });

  it('refuses URLs the engine refuses, with its rule', () => {
    const s = createStage('s');
    expect(() => s.url('s3://b/raw')).toThrow("createStage('s').url(): path in URL must end with '/' when CREATE STAGE");
    // The bucket-root exception is the object stores': a Hugging Face repo and a local path still need the '/'.
    expect(() => s.url('hf://org/repo')).toThrow("createStage('s').url(): path in URL must end with '/' when CREATE STAGE");
    expect(() => s.url('hf://org')).toThrow("path in URL must end with '/' when CREATE STAGE");
    expect(() => s.url('fs:///tmp')).toThrow("path in URL must end with '/' when CREATE STAGE");
    expect(() => s.url('s3://')).toThrow("createStage('s').url(): an object-store URL names its bucket: s3://bucket/path/");
    expect(() => s.url('gcs://')).toThrow('an object-store URL names its bucket: gcs://bucket/path/');
    expect(() => s.url('s3://bucket?x')).toThrow("an object-store URL must not contain '?' or '#' (the engine drops what follows)");
    expect(() => s.url('s3://bucket#x')).toThrow("an object-store URL must not contain '?' or '#'");
    expect(() => s.url('s3://AKIA:s3cret@bucket')).toThrow("a URL must not carry user info ('user:password@')");
    expect(() => s.url('/tmp/data/')).toThrow("createStage('s').url(): local filesystem paths must use fs:///path/ instead of /path/");
    expect(() => s.url('file:///tmp/data/')).toThrow('local filesystem paths must use fs:///path/ instead of file:///path/');
    expect(() => s.url('fs://tmp/data/')).toThrow('a local URL takes an absolute path: fs:///path/');
    expect(() => s.url('https://example.com/p/')).toThrow('URL scheme must be one of s3://, gcs://, azblob://, oss://, cos://, obs://, hf://, fs://');
    expect(() => s.url('')).toThrow('URL must be a non-empty string');
  });

  it('refuses a connection or credentials without a URL', () => {
    expectValidation(() => createStage('s').connection('c'), { reason: 'missing', field: undefined, call: "createStage('s').connection()" });
    expectValidation(() => createStage('s').credentials({} as never), { reason: 'missing', field: undefined, call: "createStage('s').credentials()" });
  });

  it('refuses credentials on a local stage and credentials of another storage', () => {
    expectValidation(
      () =>
        createStage('s')
          .url('fs:///tmp/')
          .credentials({} as never),
      { reason: 'unsupported', field: undefined, call: "createStage('s').credentials()" },
    );
    expectValidation(
      () =>
        createStage('s')
          .url('gcs://b/')
          .credentials({ accessKeyId: 'a' } as never),
      { reason: 'unknown_key', field: 'accessKeyId' },
    );
  });

  it('refuses a connection builder of another storage type', () => {
    const gcs = createStage('s').url('gcs://b/') as ReturnType<typeof createStage>;
    expectValidation(() => gcs.connection(everdriveS3 as never), { reason: 'conflict', field: 'connection', call: "createStage('s').connection()" });
  });

  it('refuses changing the scheme under a connection', () => {
    expectValidation(
      () =>
        createStage('s')
          .url('s3://a/')
          .connection('c')
          .url('gcs://b/' as 's3://b/'),
      { reason: 'conflict', field: 'url' },
    );
  });

  it('refuses invalid connection names, file formats and comments', () => {
    expectValidation(() => createStage('s').url('s3://a/').connection("x' y"), { reason: 'invalid_format', field: 'connection name' });
    expectValidation(() => createStage('s').fileFormat({ type: 'CSV', useLogicType: true } as never), { reason: 'unknown_key', field: 'useLogicType' });
    expectValidation(() => createStage('s').fileFormat({ formatName: 'My Format' }), { reason: 'invalid_format', field: 'formatName' });
    expectValidation(() => createStage('s').comment(1 as never), { reason: 'invalid_type', field: 'comment', call: "createStage('s').comment()" });
  });

  it('refuses OR REPLACE with IF NOT EXISTS', () => {
    expectValidation(() => createStage('s').ifNotExists().orReplace(), { reason: 'conflict', field: undefined, call: "createStage('s').orReplace()" });
  });
});

describe('createStage: immutability', () => {
  it('never changes the builder it was called on', () => {
    const base = createStage('s').url('s3://a/');
    const before = base.toNode();
    base.connection('c');
    base.credentials({ region: 'x' });
    base.fileFormat({ type: 'CSV' });
    base.comment('c');
    base.orReplace();
    base.url('s3://b/');
    expect(base.toNode()).toBe(before);
    expect(base.compile()).toBe("CREATE STAGE s\n  URL = 's3://a/'");
  });
});

describe('dropStage', () => {
  it('renders DROP STAGE', () => {
    expect(dropStage('drive_stage').compile()).toBe('DROP STAGE drive_stage');
    expect(dropStage(driveStage).ifExists().compile()).toBe('DROP STAGE IF EXISTS drive_stage');
    expect(dropStage(stage('drive_stage')).compile()).toBe('DROP STAGE drive_stage');
  });

  it('refuses invalid names', () => {
    expectValidation(() => dropStage('"x"'), { reason: 'invalid_format', field: 'stage name', call: 'dropStage()' });
  });
});
