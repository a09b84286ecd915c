import { cloneCreateStage, type CreateStageStmt } from '../ast/stage.js';
import type { Patch } from '../ast/common.js';
import { argText, check, checkNonEmptyString, type CallSite } from '../checks.js';
import { STORAGE_TYPES, storageOptions, type CreateConnectionBuilder, type StorageParameters, type StorageType } from './create-connection.js';
import { checkObjectName, withCreateOption } from './create-object.js';
import { toFileFormatSpec, type FileFormatInput } from './file-format.js';
import { checkPathText } from './stage-location.js';
import { nameOf, StatementBuilder, made } from './statement-builder.js';

/**
 * The storages a stage can be on: every storage of a connection. Databend has azblob stages; the pinned local
 * engine refuses them with 2001 "stage type: azblob ... not supported" (its build lacks that stage storage), but
 * a Databend server takes them, so the SDK renders them.
 */
export type StageStorage = StorageType;
const STAGE_STORAGES: readonly StageStorage[] = STORAGE_TYPES;

/**
 * The storage a URL points to: `SchemeOf<'s3://b/p/'>` is `'s3'`; `fs://` and unknown schemes are `never`. A URL
 * typed as `string` (read from configuration) may point to any storage: `StageStorage`, checked when it runs.
 */
export type SchemeOf<U extends string> = string extends U ? StageStorage : U extends `${infer S}://${string}` ? Extract<S, StageStorage> : never;

const LOCAL_SCHEME = 'fs';
const URL_SCHEMES: readonly string[] = [...STAGE_STORAGES, LOCAL_SCHEME];

/** The rules of databendlabs/databend ast/statements/copy.rs and binder/location.rs, with the engine's wording. */
function checkUrl(url: unknown, call: CallSite): asserts url is string {
  checkStorageUrl(url, call, URL_SCHEMES, true);
}

/**
 * The rules of a URL naming storage, a stage's (`folder`: it must end with '/', "path in URL must end with '/'
 * when CREATE STAGE") or a location's (a folder or one file), for the schemes given.
 */
export function checkStorageUrl(url: unknown, call: CallSite, schemes: readonly string[], folder: boolean): asserts url is string {
  checkNonEmptyString(url, call, 'URL must be a non-empty string', 'url');
  checkPathText(url, call, 'a URL', 'url');
  check(!url.startsWith('/'), 'invalid_format', call, 'local filesystem paths must use fs:///path/ instead of /path/', 'url');
  check(!url.startsWith('file://'), 'invalid_format', call, 'local filesystem paths must use fs:///path/ instead of file:///path/', 'url');
  const scheme = schemeOf(url);
  check(
    scheme !== undefined && schemes.includes(scheme),
    scheme === undefined ? 'invalid_format' : 'invalid_value',
    call,
    () => `URL scheme must be one of ${schemes.map((s) => `${s}://`).join(', ')}`,
    'url',
  );
  check(scheme !== LOCAL_SCHEME || url.startsWith('fs:///'), 'invalid_format', call, 'a local URL takes an absolute path: fs:///path/', 'url');
  // The one exception the engine makes: an object store's bucket root, `s3://bucket`, which it stores as `s3://bucket/`.
  check(
    !folder || url.endsWith('/') || (scheme !== LOCAL_SCHEME && scheme !== 'hf' && BUCKET_ROOT.test(url)),
    'invalid_format',
    call,
    "path in URL must end with '/' when CREATE STAGE",
    'url',
  );
  // `s3://user:pw@bucket/` is not refused by the engine: it drops the user info, credentials included, silently.
  check(!USER_INFO.test(url), 'invalid_format', call, "a URL must not carry user info ('user:password@'): use connection() or credentials()", 'url');
  // The engine parses object-store URLs as URLs and silently drops a query or fragment: 's3://b/raw/?x/' makes a
  // stage on s3://b/raw/. A local path keeps both characters.
  check(
    scheme === LOCAL_SCHEME || !QUERY_OR_FRAGMENT.test(url),
    'invalid_format',
    call,
    "an object-store URL must not contain '?' or '#' (the engine drops what follows)",
    'url',
  );
  check(
    scheme === LOCAL_SCHEME || !NO_BUCKET.test(url),
    'invalid_format',
    call,
    () =>
      scheme === 'http' || scheme === 'https'
        ? `a URL names its host: ${scheme}://host/path`
        : `an object-store URL names its bucket: ${scheme}://bucket/path/`,
    'url',
  );
  // The engine normalises '.' and '..' segments of object-store URLs away ('s3://a/./' is stored as 's3://a/').
  check(
    scheme === LOCAL_SCHEME || !DOT_SEGMENT_AFTER_BUCKET.test(url),
    'invalid_format',
    call,
    "an object-store URL must not contain '.' or '..' segments (the engine drops them)",
    'url',
  );
}

const USER_INFO = /^[a-z0-9]+:\/\/[^/]*@/;
const QUERY_OR_FRAGMENT = /[?#]/;
/** `s3://bucket`: a bucket and no path at all. */
const BUCKET_ROOT = /^[a-z0-9]+:\/\/[^/]+$/;
/** `s3://`, `s3:///raw/`: the engine's "invalid uri" (1005). */
const NO_BUCKET = /^[a-z0-9]+:\/\/(?:\/|$)/;
/** A `.` or `..` path segment after the bucket: `s3://b/./`, `s3://b/raw/../`. */
const DOT_SEGMENT_AFTER_BUCKET = /^[a-z0-9]+:\/\/[^/]*\/(?:.*\/)?\.{1,2}(?:\/|$)/;
const SCHEME = /^([a-z0-9]+):\/\//;

export function schemeOf(url: string): string | undefined {
  return SCHEME.exec(url)?.[1];
}

/**
 * CREATE STAGE: an internal stage, or an external one on a URL reached through a connection or inline
 * credentials. The builder stands for the stage wherever one is named (`listStage(driveStage)`).
 *
 * @example
 * createStage('drive_stage').orReplace().url('s3://everdrive-lakehouse/raw/').connection('everdrive_s3').fileFormat({ type: 'PARQUET' })
 * // CREATE OR REPLACE STAGE drive_stage
 * //   URL = 's3://everdrive-lakehouse/raw/'
 * //   CONNECTION = (CONNECTION_NAME = 'everdrive_s3')
 * //   FILE_FORMAT = (TYPE = 'PARQUET')
 */
export class CreateStageBuilder<S extends StageStorage = never> extends StatementBuilder<CreateStageStmt> {
  get name(): string {
    return this.node.name;
  }

  #call(method: string): CallSite {
    const name = this.node.name;
    return () => `createStage('${name}').${method}()`;
  }

  #with<T extends StageStorage>(patch: Patch<CreateStageStmt>): CreateStageBuilder<T> {
    return new CreateStageBuilder<T>(made(cloneCreateStage(this.node, patch)));
  }

  /**
   * URL = '...': an external stage. It must end with '/', except an object store's bucket root (`s3://bucket`, kept
   * by the engine as `s3://bucket/`); a local directory is `fs:///abs/path/`.
   */
  url<U extends string>(url: U): CreateStageBuilder<SchemeOf<U>> {
    const call = this.#call('url');
    checkUrl(url, call);
    const connection = this.node.location?.connection;
    check(
      connection === undefined || schemeOf(this.node.location?.url ?? '') === schemeOf(url),
      'conflict',
      call,
      'the URL scheme cannot change once a connection is set; call url() before connection() or credentials()',
      'url',
    );
    return this.#with({ location: { url, connection } });
  }

  /** CONNECTION = (CONNECTION_NAME = '...'): reach the URL through a connection, by name or by its builder. */
  connection(connection: string | CreateConnectionBuilder<S>): CreateStageBuilder<S> {
    const call = this.#call('connection');
    const location = this.#external(call);
    const name = nameOf(connection, call, 'connection name');
    checkObjectName(name, call, 'connection name');
    if (typeof connection !== 'string') {
      // The engine checks this only when the stage is created (error 4000 "protocol ... not match").
      const scheme = schemeOf(location.url);
      check(
        connection.storageType === scheme,
        'conflict',
        call,
        () => `connection ${name} is for ${connection.storageType}, the URL is ${scheme}://`,
        'connection',
      );
    }
    return this.#with({ location: { url: location.url, connection: { kind: 'named', name } } });
  }

  /** CONNECTION = (KEY = 'value' ...): the storage parameters inline, checked against the URL's storage type. */
  credentials(params: StorageParameters<S>): CreateStageBuilder<S> {
    const call = this.#call('credentials');
    const location = this.#external(call);
    const scheme = schemeOf(location.url);
    check(STAGE_STORAGES.includes(scheme as StageStorage), 'unsupported', call, () => `${scheme}:// stages take no credentials`);
    const options = storageOptions(scheme as StageStorage, params, call);
    return this.#with({ location: { url: location.url, connection: { kind: 'inline', options } } });
  }

  /** FILE_FORMAT = (...): how the stage's files are read unless a statement says otherwise. */
  fileFormat(format: FileFormatInput): CreateStageBuilder<S> {
    return this.#with({ fileFormat: toFileFormatSpec(format, this.#call('fileFormat')) });
  }

  /** COMMENT = '...'. The pinned engine parses it but does not keep it: DESC STAGE shows ''. */
  comment(text: string): CreateStageBuilder<S> {
    check(typeof text === 'string', 'invalid_type', this.#call('comment'), 'COMMENT must be a string', 'comment');
    return this.#with({ comment: text });
  }

  /** CREATE OR REPLACE STAGE. */
  orReplace(): CreateStageBuilder<S> {
    return this.#with({ createOption: withCreateOption(this.node.createOption, 'CreateOrReplace', this.#call('orReplace')) });
  }

  /** CREATE STAGE IF NOT EXISTS. */
  ifNotExists(): CreateStageBuilder<S> {
    return this.#with({ createOption: withCreateOption(this.node.createOption, 'CreateIfNotExists', this.#call('ifNotExists')) });
  }

  #external(call: CallSite): NonNullable<CreateStageStmt['location']> {
    const location = this.node.location;
    check(location !== undefined, 'missing', call, 'an internal stage has no connection: call url() first');
    return location;
  }
}

/**
 * Starts a CREATE STAGE; without `.url()` the stage is internal (its files live in Databend's own storage).
 *
 * @example
 * createStage('landing').comment('uploads')   // CREATE STAGE landing\n  COMMENT = 'uploads'
 */
export function createStage(name: string): CreateStageBuilder {
  checkObjectName(name, () => `createStage('${argText(name)}')`, 'stage name');
  return new CreateStageBuilder(
    made({ kind: 'CreateStageStmt', createOption: 'Create', name, location: undefined, fileFormat: undefined, comment: undefined }),
  );
}

/** An existing stage, by name. */
export interface StageRef {
  readonly name: string;
}

/**
 * Refers to a stage that exists already, checking its name once.
 *
 * @example
 * listStage(stage('drive_stage'), 'sessions/')   // LIST @drive_stage/sessions/
 */
export function stage(name: string): StageRef {
  checkObjectName(name, () => `stage('${argText(name)}')`, 'stage name');
  return Object.freeze({ name });
}
