import type { CreateOption } from '../ast/common.js';
import { Secret, secret } from '../ast/secret.js';
import { cloneCreateConnection, type CreateConnectionStmt, type OptionEntry, type OptionValue } from '../ast/stage.js';
import { argText, check, checkNonEmptyString, checkPlainObject, type CallSite } from '../checks.js';
import { checkObjectName, withCreateOption } from './create-object.js';
import { StatementBuilder, made } from './statement-builder.js';

/**
 * The parameters each storage accepts, as one table: the TypeScript parameter types are derived from it and the
 * runtime checks read it. Keys are camelCase; `sql` is Databend's name. `secret` values are credentials, kept in
 * a `Secret` so they print masked everywhere but in the SQL sent to the engine.
 * Source: databendlabs/databend src/query/sql/src/planner/binder/location.rs, checked on the pinned engine:
 * an unknown key fails with 4000 "connection params invalid", and azblob, oss, cos and obs need an endpoint.
 */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

type ParameterRule = { readonly sql: string; readonly kind: 'string' | 'secret' | 'boolean'; readonly required?: true };

const endpointUrl = { sql: 'ENDPOINT_URL', kind: 'string' } as const;
const requiredEndpointUrl = { ...endpointUrl, required: true } as const;
const accessKeyId = { sql: 'ACCESS_KEY_ID', kind: 'secret' } as const;
const secretAccessKey = { sql: 'SECRET_ACCESS_KEY', kind: 'secret' } as const;
const roleArn = { sql: 'ROLE_ARN', kind: 'string' } as const;

export const STORAGE_PARAMETERS = {
  s3: {
    accessKeyId,
    secretAccessKey,
    endpointUrl,
    region: { sql: 'REGION', kind: 'string' },
    sessionToken: { sql: 'SESSION_TOKEN', kind: 'secret' },
    roleArn,
    externalId: { sql: 'EXTERNAL_ID', kind: 'string' },
    masterKey: { sql: 'MASTER_KEY', kind: 'secret' },
    enableVirtualHostStyle: { sql: 'ENABLE_VIRTUAL_HOST_STYLE', kind: 'boolean' },
  },
  gcs: {
    credential: { sql: 'CREDENTIAL', kind: 'secret', required: true },
    endpointUrl,
  },
  azblob: {
    endpointUrl: requiredEndpointUrl,
    accountName: { sql: 'ACCOUNT_NAME', kind: 'string' },
    accountKey: { sql: 'ACCOUNT_KEY', kind: 'secret' },
  },
  // The engine refuses ROLE_ARN for oss, though the reference lists it.
  oss: {
    endpointUrl: requiredEndpointUrl,
    accessKeyId,
    accessKeySecret: { sql: 'ACCESS_KEY_SECRET', kind: 'secret' },
  },
  cos: {
    endpointUrl: requiredEndpointUrl,
    secretId: { sql: 'SECRET_ID', kind: 'secret' },
    secretKey: { sql: 'SECRET_KEY', kind: 'secret' },
  },
  obs: {
    endpointUrl: requiredEndpointUrl,
    accessKeyId,
    secretAccessKey,
  },
  hf: {
    repoType: { sql: 'REPO_TYPE', kind: 'string' },
    revision: { sql: 'REVISION', kind: 'string' },
    token: { sql: 'TOKEN', kind: 'secret' },
  },
} as const satisfies Record<string, Record<string, ParameterRule>>;

/** A storage reachable through a connection or a stage's inline credentials; also its URL scheme (`s3://`). */
export type StorageType = keyof typeof STORAGE_PARAMETERS;
export const STORAGE_TYPES = Object.keys(STORAGE_PARAMETERS) as StorageType[];

/**
 * The parameters a URL location takes inline (`COPY INTO t FROM 'ipfs://cid/' CONNECTION = (ENDPOINT_URL = ...)`):
 * every connection storage's, and IPFS's gateway (the binder's parse_ipfs_params reads only `endpoint_url`).
 */
const LOCATION_PARAMETERS = { ...STORAGE_PARAMETERS, ipfs: { endpointUrl } } as const satisfies Record<string, Record<string, ParameterRule>>;

/** A storage whose parameters can be written inline: a connection's, or `ipfs`. */
export type ParameterStorage = keyof typeof LOCATION_PARAMETERS;

type Rules<S extends ParameterStorage> = (typeof LOCATION_PARAMETERS)[S];
type ValueOfRule<R> = R extends { kind: 'boolean' } ? boolean : R extends { kind: 'secret' } ? string | Secret : string;
type RequiredKey<S extends ParameterStorage> = { [K in keyof Rules<S>]: Rules<S>[K] extends { required: true } ? K : never }[keyof Rules<S>];

/** The parameters of one storage type, e.g. `StorageParameters<'gcs'>` is `{ credential: string | Secret; endpointUrl?: string }`. */
export type StorageParameters<S extends ParameterStorage> = S extends ParameterStorage
  ? { readonly [K in RequiredKey<S>]: ValueOfRule<Rules<S>[K]> } & {
      readonly [K in Exclude<keyof Rules<S>, RequiredKey<S>>]?: ValueOfRule<Rules<S>[K]>;
    }
  : never;

function parameterValue(rule: ParameterRule, value: unknown, call: CallSite, key: string): OptionValue {
  if (rule.kind === 'boolean') {
    check(typeof value === 'boolean', 'invalid_type', call, () => `${rule.sql} (${key}) must be true or false`, key);
    return { kind: 'boolean', value };
  }
  const text = rule.kind === 'secret' && value instanceof Secret ? value.reveal() : value;
  checkNonEmptyString(text, call, () => `${rule.sql} (${key}) must be a non-empty string`, key);
  // Keys, tokens, regions and endpoints are printable ASCII. Databend's statement formatter cuts each connection value
  // by bytes to mask it and panics on a multi-byte character at the cut (1001 "byte index 3 is not a char boundary").
  check(
    PRINTABLE_ASCII.test(text),
    'unsupported',
    call,
    () => `${rule.sql} (${key}) must be printable ASCII (the engine fails on other characters in connection values)`,
    key,
  );
  if (value instanceof Secret) return { kind: 'secret', value };
  return rule.kind === 'secret' ? { kind: 'secret', value: secret(text) } : { kind: 'string', value: text };
}

/**
 * Checks a storage's parameters against the table above and turns them into option entries, in the table's
 * order. Shared by CREATE CONNECTION and a stage's inline `CONNECTION = (...)`.
 */
export function storageOptions(storage: ParameterStorage, params: object, call: CallSite): OptionEntry[] {
  check(typeof params === 'object' && params !== null, 'invalid_type', call, () => `${storage} parameters must be an object`);
  checkPlainObject(params, call, `${storage} parameters`);
  const rules: Readonly<Record<string, ParameterRule>> = LOCATION_PARAMETERS[storage];
  const given = params as Readonly<Record<string, unknown>>;
  for (const key of Object.keys(given)) {
    if (given[key] === undefined) continue;
    // Own keys only: `key in rules` would take 'toString' for a parameter, and then drop it.
    check(
      Object.hasOwn(rules, key),
      'unknown_key',
      call,
      () => `${storage} storage has no parameter '${key}' (accepted: ${Object.keys(rules).join(', ')})`,
      key,
    );
  }
  const entries: OptionEntry[] = [];
  for (const [key, rule] of RULE_ENTRIES[storage]) {
    const value = Object.hasOwn(given, key) ? given[key] : undefined;
    if (value === undefined) {
      check(rule.required !== true, 'missing', call, () => `${storage} storage needs ${rule.sql} (${key})`, key);
      continue;
    }
    entries.push({ key: rule.sql, value: parameterValue(rule, value, call, key) });
  }
  return entries;
}

/** Each storage's rules as entries, in the table's order, listed once rather than on every call. */
const RULE_ENTRIES = Object.fromEntries(
  Object.entries(LOCATION_PARAMETERS).map(([storage, rules]) => [storage, Object.entries(rules as Readonly<Record<string, ParameterRule>>)]),
) as unknown as Record<ParameterStorage, readonly (readonly [string, ParameterRule])[]>;

/**
 * CREATE CONNECTION with its storage parameters; credentials render masked in `toString()` and logs.
 *
 * @example
 * createConnection('everdrive_s3').orReplace().s3({ accessKeyId: '<AWS_ACCESS_KEY_ID>', secretAccessKey: '<AWS_SECRET_ACCESS_KEY>' })
 * // CREATE OR REPLACE CONNECTION everdrive_s3
 * //   STORAGE_TYPE = 's3'
 * //   ACCESS_KEY_ID = '<AWS_ACCESS_KEY_ID>'
 * //   SECRET_ACCESS_KEY = '<AWS_SECRET_ACCESS_KEY>'
 */
export class CreateConnectionBuilder<S extends StorageType = StorageType> extends StatementBuilder<CreateConnectionStmt> {
  /** The connection's name, so the builder can stand for the connection (`stage.connection(conn)`). */
  get name(): string {
    return this.node.name;
  }

  get storageType(): S {
    return this.node.storageType as S;
  }

  /** CREATE OR REPLACE CONNECTION. Stages already made from the old connection keep its old parameters. */
  orReplace(): CreateConnectionBuilder<S> {
    const createOption = withCreateOption(this.node.createOption, 'CreateOrReplace', () => connectionCall(this.node.name, 'orReplace'));
    return new CreateConnectionBuilder<S>(made(cloneCreateConnection(this.node, { createOption })));
  }

  /** CREATE CONNECTION IF NOT EXISTS. */
  ifNotExists(): CreateConnectionBuilder<S> {
    const createOption = withCreateOption(this.node.createOption, 'CreateIfNotExists', () => connectionCall(this.node.name, 'ifNotExists'));
    return new CreateConnectionBuilder<S>(made(cloneCreateConnection(this.node, { createOption })));
  }
}

function connectionCall(name: string, method: string): string {
  return `createConnection('${name}').${method}()`;
}

/**
 * A CREATE CONNECTION without its storage yet: it has no `compile()` until a storage method is called. There is
 * no `hf()`: the pinned engine refuses every Hugging Face connection ("input uri is not a valid huggingface
 * uri"); give a stage on `hf://` its parameters inline with `credentials()` instead.
 */
export class ConnectionStart {
  readonly #name: string;
  readonly #createOption: CreateOption;

  constructor(name: string, createOption: CreateOption) {
    this.#name = name;
    this.#createOption = createOption;
  }

  /** CREATE OR REPLACE CONNECTION. */
  orReplace(): ConnectionStart {
    return new ConnectionStart(
      this.#name,
      withCreateOption(this.#createOption, 'CreateOrReplace', () => connectionCall(this.#name, 'orReplace')),
    );
  }

  /** CREATE CONNECTION IF NOT EXISTS. */
  ifNotExists(): ConnectionStart {
    return new ConnectionStart(
      this.#name,
      withCreateOption(this.#createOption, 'CreateIfNotExists', () => connectionCall(this.#name, 'ifNotExists')),
    );
  }

  /** STORAGE_TYPE = 's3': Amazon S3 or any S3-compatible store (MinIO, R2, ...) through `endpointUrl`. */
  s3(params: StorageParameters<'s3'>): CreateConnectionBuilder<'s3'> {
    return this.#storage('s3', params);
  }

  /** STORAGE_TYPE = 'gcs': Google Cloud Storage; `credential` is the base64-encoded service account key. */
  gcs(params: StorageParameters<'gcs'>): CreateConnectionBuilder<'gcs'> {
    return this.#storage('gcs', params);
  }

  /** STORAGE_TYPE = 'azblob': Azure Blob Storage. */
  azblob(params: StorageParameters<'azblob'>): CreateConnectionBuilder<'azblob'> {
    return this.#storage('azblob', params);
  }

  /** STORAGE_TYPE = 'oss': Alibaba Cloud OSS. */
  oss(params: StorageParameters<'oss'>): CreateConnectionBuilder<'oss'> {
    return this.#storage('oss', params);
  }

  /** STORAGE_TYPE = 'cos': Tencent Cloud COS. */
  cos(params: StorageParameters<'cos'>): CreateConnectionBuilder<'cos'> {
    return this.#storage('cos', params);
  }

  /** STORAGE_TYPE = 'obs': Huawei Cloud OBS. */
  obs(params: StorageParameters<'obs'>): CreateConnectionBuilder<'obs'> {
    return this.#storage('obs', params);
  }

  #storage<S extends StorageType>(storage: S, params: StorageParameters<S>): CreateConnectionBuilder<S> {
    return new CreateConnectionBuilder<S>(
      made({
        kind: 'CreateConnectionStmt',
        createOption: this.#createOption,
        name: this.#name,
        storageType: storage,
        options: storageOptions(storage, params, () => connectionCall(this.#name, storage)),
      }),
    );
  }
}

/**
 * Starts a CREATE CONNECTION: a named set of storage parameters that stages refer to by name. Pick the storage
 * with `.s3()`, `.gcs()`, `.azblob()`, `.oss()`, `.cos()` or `.obs()`.
 *
 * @example
 * createConnection('everdrive_s3').s3({ accessKeyId: 'AKIA...', secretAccessKey: secret(process.env.AWS_SECRET!) })
 * // CREATE CONNECTION everdrive_s3
 * //   STORAGE_TYPE = 's3'
 * //   ACCESS_KEY_ID = 'AKIA...'
 * //   SECRET_ACCESS_KEY = '...'
 */
export function createConnection(name: string): ConnectionStart {
  checkObjectName(name, () => `createConnection('${argText(name)}')`, 'connection name');
  return new ConnectionStart(name, 'Create');
}
