import { deepFreeze } from '../ast/freeze.js';
import type { ConnectionSpec, UriLocation } from '../ast/stage.js';
import { argText, check, checkRecord, describeValue, isPlainObject, type CallSite } from '../checks.js';
import {
  CreateConnectionBuilder,
  STORAGE_TYPES,
  storageOptions,
  type ParameterStorage,
  type StorageParameters,
  type StorageType,
} from './create-connection.js';
import { checkObjectName } from './create-object.js';
import { checkStorageUrl, schemeOf } from './create-stage.js';

/**
 * The schemes a URL location may have: every stage storage, IPFS, HTTP(S) (read only, single files and globs) and
 * the local filesystem (`fs:///abs/path/`). Source: databendlabs/databend binder/location.rs (parse_uri_location).
 */
export const LOCATION_SCHEMES = [...STORAGE_TYPES, 'ipfs', 'https', 'http', 'fs'] as const;
export type LocationScheme = (typeof LOCATION_SCHEMES)[number];

/** The schemes that take connection parameters: http(s) takes none, and `fs://` ignores them. */
type ConnectedScheme = Extract<LocationScheme, ParameterStorage>;

/**
 * The scheme a URL names: `UrlScheme<'s3://b/p/'>` is `'s3'`; an unknown scheme is `never`. A URL typed as `string`
 * (read from configuration) may have any scheme, checked when it runs.
 */
export type UrlScheme<U extends string> = string extends U ? LocationScheme : U extends `${infer S}://${string}` ? Extract<S, LocationScheme> : never;

/** What reaches a location's storage: a connection by name or by its builder, or the storage's parameters inline. */
export type LocationConnection<S extends LocationScheme> = S extends ConnectedScheme
  ? string | (S extends StorageType ? CreateConnectionBuilder<S> : never) | StorageParameters<S>
  : never;

/** The options of `location()`. */
export interface LocationOptions<S extends LocationScheme> {
  /** `CONNECTION = (CONNECTION_NAME = '...')` for a name or a createConnection() builder, `CONNECTION = (KEY = '...' ...)` for parameters. */
  readonly connection?: LocationConnection<S>;
}

/**
 * A URL location, as `location()` made it: the `UriLocation` node, typed by its scheme (`S`, types only) so that
 * an unload refuses a read-only one at compile time.
 */
export type Location<S extends LocationScheme = LocationScheme> = UriLocation & { readonly $scheme?: S };

/** Storages the engine cannot write to: an unload to them fails with 4000 "operation is not supported". */
const READ_ONLY_SCHEMES: readonly string[] = ['http', 'https', 'ipfs'];
export type WritableScheme = Exclude<LocationScheme, 'http' | 'https' | 'ipfs'>;

/** `{1..3}`: a shell-style range, which Databend's globs read as one alternative, the text `1..3`. */
const BRACE_RANGE = /\{[^{}]*\.\.[^{}]*\}/;
const PERCENT = /%/;

/**
 * Files outside any stage, named by URL: an object store (`s3://bucket/path/`, `gcs://`, `azblob://`, `oss://`,
 * `cos://`, `obs://`, `hf://`), IPFS (`ipfs://cid/path`), a web server (`https://host/file.csv`, with the globs
 * `{a,b}` and `[1-3]`) or a local directory (`fs:///abs/path/`). A path ending in `/` is a folder, any other one file;
 * an object store's bucket root (`s3://bucket`) is a folder too. Give it to `copyInto(t).fromLocation()`,
 * `selectFromLocation()` or `copyIntoLocation()`.
 *
 * @example
 * copyInto(frameEvents).fromLocation(location('s3://everdrive-lakehouse/raw/', { connection: { accessKeyId: 'AKIA...', secretAccessKey: secret(key) } }))
 * // COPY INTO frame_events (...)
 * // FROM (
 * //   SELECT ...
 * //   FROM 's3://everdrive-lakehouse/raw/' CONNECTION = (ACCESS_KEY_ID = 'AKIA...' SECRET_ACCESS_KEY = '...')
 * // )
 */
export function location<U extends string>(url: U, options?: LocationOptions<UrlScheme<U>>): Location<UrlScheme<U>> {
  const call = () => `location('${argText(url)}')`;
  checkStorageUrl(url, call, LOCATION_SCHEMES, false);
  const scheme = schemeOf(url) as LocationScheme;
  // The engine percent-decodes the path of every URL but a local one: 's3://b/a%20b/' reads 'a b/'.
  check(
    scheme === 'fs' || !PERCENT.test(url),
    'invalid_format',
    call,
    "a URL must not contain '%' (the engine percent-decodes the path): write the characters themselves",
    'url',
  );
  check(
    (scheme !== 'http' && scheme !== 'https') || !BRACE_RANGE.test(url),
    'invalid_format',
    call,
    "a URL's glob takes a range as [1-3], not {1..3} (Databend reads {1..3} as the text '1..3')",
    'url',
  );
  if (options !== undefined) checkRecord(options, call, 'options', ['connection']);
  const given = options?.connection;
  const connection = given === undefined ? undefined : connectionSpec(scheme, given, call);
  const made: UriLocation = deepFreeze({ kind: 'UriLocation', url, connection });
  MADE.add(made);
  return made;
}

function connectionSpec(scheme: LocationScheme, given: unknown, call: CallSite): ConnectionSpec {
  check(
    scheme !== 'fs' && scheme !== 'http' && scheme !== 'https',
    'unsupported',
    call,
    () => `${scheme}:// locations take no connection${scheme === 'fs' ? ' (the engine ignores it)' : ''}`,
    'connection',
  );
  if (typeof given === 'string') {
    checkObjectName(given, call, 'connection name');
    return { kind: 'named', name: given };
  }
  if (isPlainObject(given)) return { kind: 'inline', options: storageOptions(scheme as ParameterStorage, given, call) };
  // A createConnection() builder: named, and checked against the scheme (the engine checks it only when it runs,
  // 4000 "protocol from connection_name=... not match with uri protocol").
  check(
    given instanceof CreateConnectionBuilder,
    'invalid_type',
    call,
    () => `a connection is a name, a createConnection() builder or the storage's parameters, not ${describeValue(given)}`,
    'connection',
  );
  check(given.storageType === scheme, 'conflict', call, () => `connection ${given.name} is for ${given.storageType}, the URL is ${scheme}://`, 'connection');
  return { kind: 'named', name: given.name };
}

/** The locations location() made and checked: a builder takes only these (or a URL string). */
const MADE = new WeakSet<object>();

function checkLocation(value: unknown, call: CallSite): UriLocation {
  check(
    typeof value === 'object' && value !== null && MADE.has(value),
    'invalid_type',
    call,
    () => `a location is a URL string or what location('s3://...') returns, not ${describeValue(value)}`,
    'location',
  );
  return value as UriLocation;
}

/** A location argument: a `location()` value, or a URL string (a location without a connection). */
export type LocationInput<S extends LocationScheme = LocationScheme> = Location<S> | string;

/**
 * A builder's location argument, checked; `writer` names what writes there (an unload, a table), which read-only
 * storages cannot take.
 */
export function toUriLocation(input: unknown, call: CallSite, writer?: string): UriLocation {
  const checked = typeof input === 'string' ? location(input) : checkLocation(input, call);
  const scheme = schemeOf(checked.url)!;
  check(
    writer === undefined || !READ_ONLY_SCHEMES.includes(scheme),
    'unsupported',
    call,
    () => `${scheme}:// locations are read only: ${writer} cannot write to them`,
    'location',
  );
  return checked;
}
