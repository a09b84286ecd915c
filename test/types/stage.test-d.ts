import { describe, expectTypeOf, it } from 'vitest';
import type { Secret } from '../../src/ast/secret.js';
import { createConnection, type CreateConnectionBuilder, type StorageParameters } from '../../src/builders/create-connection.js';
import { createFileFormat } from '../../src/builders/create-file-format.js';
import { listStage } from '../../src/builders/list-stage.js';
import { selectFromStage } from '../../src/builders/select-stage.js';
import { createStage, type CreateStageBuilder, type SchemeOf, type StageStorage } from '../../src/builders/create-stage.js';
import type { Compilable } from '../../src/builders/statement-builder.js';
import { table } from '../../src/schema/table.js';
import * as t from '../../src/schema/column-types.js';

const sessions = table('drive_sessions', { session_id: t.string().notNull(), frame_index: t.int(), payload: t.variant() });

describe('createConnection types', () => {
  it('is compilable only once a storage type is given', () => {
    const start = createConnection('c');
    expectTypeOf(start).not.toMatchTypeOf<Compilable>();
    // @ts-expect-error no storage type yet
    start.compile();
    expectTypeOf(start.s3({})).toEqualTypeOf<CreateConnectionBuilder<'s3'>>();
    expectTypeOf(start.orReplace().gcs({ credential: 'x' })).toMatchTypeOf<Compilable>();
  });

  it('accepts only the parameters of each storage', () => {
    createConnection('c').s3({ accessKeyId: 'a', secretAccessKey: 'b', enableVirtualHostStyle: true });
    // @ts-expect-error oss has no ROLE_ARN
    createConnection('c').oss({ endpointUrl: 'e', roleArn: 'r' });
    // @ts-expect-error azblob needs its endpoint
    createConnection('c').azblob({ accountName: 'a' });
    // @ts-expect-error gcs needs its credential
    createConnection('c').gcs({});
    // @ts-expect-error a boolean parameter
    createConnection('c').s3({ enableVirtualHostStyle: 'true' });
    // @ts-expect-error Hugging Face connections are refused by the engine
    createConnection('c').hf({});
  });

  it('takes credentials as strings or Secrets, other values as strings', () => {
    expectTypeOf<StorageParameters<'gcs'>['credential']>().toEqualTypeOf<string | Secret>();
    expectTypeOf<NonNullable<StorageParameters<'s3'>['region']>>().toEqualTypeOf<string>();
  });
});

describe('createStage types', () => {
  it('derives the storage from the URL', () => {
    expectTypeOf<SchemeOf<'s3://b/p/'>>().toEqualTypeOf<'s3'>();
    expectTypeOf<SchemeOf<'fs:///tmp/'>>().toEqualTypeOf<never>();
    createStage('s').url('s3://b/').credentials({ accessKeyId: 'a', secretAccessKey: 'b' });
    createStage('s').url('gcs://b/').credentials({ credential: 'c' });
    // @ts-expect-error gcs credentials have no accessKeyId
    createStage('s').url('gcs://b/').credentials({ credential: 'c', accessKeyId: 'a' });
  });

  it('takes a URL typed as string, for any storage, and checks its storage when it runs', () => {
    const url = process.env.STAGE_URL ?? 's3://b/';
    expectTypeOf<SchemeOf<string>>().toEqualTypeOf<StageStorage>();
    expectTypeOf(createStage('s').url(url)).toEqualTypeOf<CreateStageBuilder<StageStorage>>();
    createStage('s').url(url).connection(createConnection('c').s3({}));
    createStage('s')
      .url(url as string)
      .connection(createConnection('g').gcs({ credential: 'x' }));
    createStage('s').url(url).credentials({ accessKeyId: 'a', secretAccessKey: 'b' });
    // azblob stages are Databend's (the local engine refuses them at run time, not the types)
    createStage('s')
      .url(url)
      .connection(createConnection('a').azblob({ endpointUrl: 'e' }));
    createStage('s').url('azblob://container/p/').credentials({ endpointUrl: 'https://a.blob.core.windows.net', accountKey: 'a2V5' });
    createStage('s')
      .url('s3://b/')
      // @ts-expect-error an azblob connection for an s3 URL
      .connection(createConnection('a').azblob({ endpointUrl: 'e' }));
    // @ts-expect-error not a parameter of any storage
    createStage('s').url(url).credentials({ nope: 'x' });
  });

  it('has no credentials or connection builder before url()', () => {
    const s3 = createConnection('c').s3({});
    // @ts-expect-error an internal stage takes no credentials
    createStage('s').credentials({ region: 'x' });
    // @ts-expect-error a connection builder needs a URL of its storage
    createStage('s').connection(s3);
    createStage('s').url('s3://b/').connection(s3);
    // @ts-expect-error an s3 connection for a gcs URL
    createStage('s').url('gcs://b/').connection(s3);
  });

  it('checks the file format options per type', () => {
    createStage('s').fileFormat({ type: 'CSV', skipHeader: 1 });
    // @ts-expect-error CSV has no useLogicType
    createStage('s').fileFormat({ type: 'CSV', useLogicType: true });
    // @ts-expect-error ENCODING_ERROR_MODE is STRICT or REPLACE
    createFileFormat('f', { type: 'CSV', encodingErrorMode: 'IGNORE' });
    // @ts-expect-error ORC has no compression
    createFileFormat('f', { type: 'ORC', compression: 'GZIP' });
    createFileFormat('f', { type: 'TSV', nanDisplay: 'NaN' });
    // @ts-expect-error NAN_DISPLAY is nan, NaN, null or NULL
    createFileFormat('f', { type: 'CSV', nanDisplay: 'NAN' });
  });

  it('stands for the stage wherever one is named', () => {
    const stage = createStage('drive_stage');
    listStage(stage, 'sessions/');
    selectFromStage(stage);
  });
});

describe('selectFromStage types', () => {
  it('types rows as unknown values for SELECT *', () => {
    expectTypeOf(selectFromStage('s').limit(5).$inferRow).toEqualTypeOf<Record<string, unknown>>();
    expectTypeOf(selectFromStage('s').columns('a', 'b').$inferRow).toEqualTypeOf<{ a: unknown; b: unknown }>();
  });

  it("types rows by the table's columns after typedAs()", () => {
    const typed = selectFromStage('s').typedAs(sessions).limit(5);
    expectTypeOf(typed.$inferRow).toEqualTypeOf<typeof sessions.$inferSelect>();
    expectTypeOf(typed.columns('session_id').$inferRow).toEqualTypeOf<{ session_id: string }>();
    // @ts-expect-error not a column of the table
    typed.columns('nope');
    // @ts-expect-error mapping of an unknown column
    selectFromStage('s').typedAs(sessions, { nope: 'x' });
  });

  it('takes a format type or a named format', () => {
    selectFromStage('s')
      .fileFormat('PARQUET')
      .fileFormat({ formatName: 'f' })
      .fileFormat(createFileFormat('f', { type: 'CSV' }));
    // @ts-expect-error not a format type
    selectFromStage('s').fileFormat('XML');
  });
});
