import type { OptionEntry, OptionValue } from '../ast/stage.js';
import { cloneCreateConnection, cloneCreateFileFormat, cloneCreateStage } from '../ast/stage.js';
import { check, checkBoolean, checkList, checkPlainObject, checkRecord, checkString, describeValue, type CallSite } from '../checks.js';
import { CreateConnectionBuilder } from '../builders/create-connection.js';
import { CreateFileFormatBuilder } from '../builders/create-file-format.js';
import { CreateStageBuilder } from '../builders/create-stage.js';
import { dropConnection, dropFileFormat, dropStage, type DropBuilder } from '../builders/drop.js';
import { showConnections, showFileFormats, showStages } from '../builders/show.js';
import { DatabendClient } from '../client/client.js';
import { SchemaChangeRefusedError } from '../errors.js';

/** A live stage as SHOW STAGES lists it. Its credentials cannot be read back: only whether it has any. */
export interface LiveStage {
  readonly object: 'stage';
  readonly name: string;
  /** The external location; undefined for an internal stage. */
  readonly url: string | undefined;
  readonly hasCredentials: boolean;
  /** The stage's file format options, keys lower-cased, values as text (every option, the engine's defaults included). */
  readonly fileFormat: Readonly<Record<string, string>>;
  readonly comment: string;
}

/** A live file format as SHOW FILE FORMATS lists it: every option, defaults included, keys lower-cased, values as text. */
export interface LiveFileFormat {
  readonly object: 'file_format';
  readonly name: string;
  readonly options: Readonly<Record<string, string>>;
}

/**
 * A live connection as SHOW CONNECTIONS lists it. The engine masks every parameter's value (`******abc`), so only
 * their names can be read back: a changed secret or endpoint is not seen.
 */
export interface LiveConnection {
  readonly object: 'connection';
  readonly name: string;
  readonly storageType: string;
  /** The parameters' names, lower-cased (`['access_key_id', 'endpoint_url', 'secret_access_key']`). */
  readonly parameters: readonly string[];
}

export type LiveObject = LiveStage | LiveFileFormat | LiveConnection;

/** A declared object: the CREATE builder that makes it. */
export type DeclaredObject = CreateStageBuilder<any> | CreateFileFormatBuilder | CreateConnectionBuilder<any>;

/** One change from the live objects to the declared ones. */
export interface ObjectChange {
  readonly kind: 'create_object' | 'replace_object' | 'drop_object';
  readonly object: 'stage' | 'file_format' | 'connection';
  readonly name: string;
  /** What changes, in words; never a secret's value. */
  readonly summary: string;
  /** Drops an object that is not declared (only with `dropUndeclared`), or replaces an internal stage (its files go). */
  readonly destructive: boolean;
  /** CREATE, CREATE OR REPLACE (the declared builder) or DROP. */
  readonly statement: DeclaredObject | DropBuilder;
  /** What of the object could not be compared, because the engine does not show it (credentials). */
  readonly notCompared: readonly string[];
}

export interface DiffObjectsOptions {
  /** Drop the live stages, file formats and connections that are not declared. Default false: they are left alone. */
  readonly dropUndeclared?: boolean;
}

export interface PushObjectsOptions extends DiffObjectsOptions {
  /** Run destructive changes too (replacing an internal stage, dropping an undeclared object). Default false: refused. */
  readonly allowDestructive?: boolean;
}

// ---- Reading ---------------------------------------------------------------------------------------------------------

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', '0': '\0', b: '\b', f: '\f' };

function unescapeQuoted(text: string): string {
  return text.replace(/\\(.)/gs, (_, c: string) => ESCAPES[c] ?? c).replaceAll("''", "'");
}

/** `TYPE = CSV FIELD_DELIMITER = '|' SKIP_HEADER= 1 NULL_IF = ('', 'NULL')` -> { type: 'CSV', field_delimiter: '|', ... }. */
export function parseFormatOptions(text: string): Record<string, string> {
  const options: Record<string, string> = {};
  for (const m of text.matchAll(/([A-Za-z_][A-Za-z0-9_]*)\s*=\s*('(?:[^'\\]|\\.|'')*'|\([^)]*\)|[^\s]+)/gs)) {
    const raw = m[2]!;
    options[m[1]!.toLowerCase()] = raw.startsWith("'") ? unescapeQuoted(raw.slice(1, -1)) : raw;
  }
  return options;
}

/**
 * Reads the stages, file formats and connections the engine lists (SHOW STAGES, SHOW FILE FORMATS, SHOW
 * CONNECTIONS, through the SDK's builders) into the SDK's model. Secrets are not read: the engine masks them.
 *
 * @example
 * const live = await introspectObjects(client);
 * live.filter((o) => o.object === 'stage').map((s) => s.name);   // ['drive_stage']
 */
export async function introspectObjects(client: DatabendClient): Promise<LiveObject[]> {
  check(
    client instanceof DatabendClient,
    'invalid_type',
    'introspectObjects()',
    () => `client must be a client of the SDK (createClient()), not ${describeValue(client)}`,
    'client',
  );
  const objects: LiveObject[] = [];
  for (const row of await client.query(showStages())) {
    const format = row.file_format_options;
    const fileFormat: Record<string, string> = {};
    if (typeof format === 'object' && format !== null && !Array.isArray(format))
      for (const [key, value] of Object.entries(format)) fileFormat[STAGE_FORMAT_KEYS[key.toLowerCase()] ?? key.toLowerCase()] = valueText(value);
    objects.push(
      Object.freeze({
        object: 'stage',
        name: row.name,
        url: row.stage_type.toLowerCase() === 'external' && row.url !== null ? row.url : undefined,
        hasCredentials: row.has_credentials,
        fileFormat: Object.freeze(fileFormat),
        comment: row.comment,
      }),
    );
  }
  for (const row of await client.query(showFileFormats()))
    objects.push(Object.freeze({ object: 'file_format', name: row.name, options: Object.freeze(parseFormatOptions(row.format_options)) }));
  for (const row of await client.query(showConnections()))
    objects.push(
      Object.freeze({
        object: 'connection',
        name: row.name,
        storageType: row.storage_type,
        // `key=******abc key=...`: the names only; the masked values are never kept.
        parameters: Object.freeze([...row.storage_params.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=/g)].map((m) => m[1]!.toLowerCase())),
      }),
    );
  return objects;
}

/** SHOW STAGES names some file format options otherwise than CREATE STAGE's FILE_FORMAT = (...) does. */
const STAGE_FORMAT_KEYS: Readonly<Record<string, string>> = { headers: 'skip_header' };

function valueText(value: unknown): string {
  if (Array.isArray(value)) return `(${value.map(valueText).join(',')})`;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

// ---- Comparing -------------------------------------------------------------------------------------------------------

/** An option value as text to compare: case and the quotes around a list's items left out. */
function optionKey(value: OptionValue | string): string {
  if (typeof value === 'string')
    return value
      .replace(/^\((.*)\)$/s, '$1')
      .replace(/'/g, '')
      .replace(/\s*,\s*/g, ',')
      .toLowerCase();
  switch (value.kind) {
    case 'stringList':
      return value.value.join(',').toLowerCase();
    case 'secret':
      return '';
    default:
      return String(value.value).toLowerCase();
  }
}

/** The declared options that the live ones do not hold: `key: declared -> live`, never a secret's value. */
function optionDifferences(declared: readonly OptionEntry[], live: Readonly<Record<string, string>>): string[] {
  const differences: string[] = [];
  for (const { key, value } of declared) {
    if (value.kind === 'secret') continue;
    const current = live[key.toLowerCase()];
    if (current === undefined || optionKey(current) !== optionKey(value))
      differences.push(`${key.toLowerCase()}: ${optionKey(value)} -> ${current === undefined ? 'not set' : optionKey(current)}`);
  }
  return differences;
}

function nodeOf(declared: DeclaredObject) {
  return declared.toNode();
}

/** What of a declared object differs from the live one, in words; empty when they agree on what can be compared. */
function differences(declared: DeclaredObject, live: LiveObject): { differences: string[]; notCompared: string[] } {
  const node = nodeOf(declared);
  const out: string[] = [];
  const notCompared: string[] = [];
  if (node.kind === 'CreateFileFormatStmt' && live.object === 'file_format') {
    if (node.type.toLowerCase() !== (live.options.type ?? '').toLowerCase()) out.push(`type: ${node.type} -> ${live.options.type ?? 'not set'}`);
    out.push(...optionDifferences(node.options, live.options));
  } else if (node.kind === 'CreateStageStmt' && live.object === 'stage') {
    const url = node.location?.url;
    if ((url ?? '') !== (live.url ?? '')) out.push(`url: ${url ?? 'internal'} -> ${live.url ?? 'internal'}`);
    // SHOW STAGES lists a stage's comment empty whatever CREATE STAGE gave (docs/engine-facts.md): compared only when
    // the engine shows one.
    if (live.comment !== '' && (node.comment ?? '') !== live.comment) out.push('comment');
    else if (live.comment === '' && node.comment !== undefined) notCompared.push('its comment (SHOW STAGES lists it empty)');
    const format = node.fileFormat;
    if (format?.kind === 'inline') {
      if (format.type.toLowerCase() !== (live.fileFormat.type ?? '').toLowerCase())
        out.push(`file format type: ${format.type} -> ${live.fileFormat.type ?? 'not set'}`);
      out.push(...optionDifferences(format.options, live.fileFormat).map((d) => `file format ${d}`));
    } else if (format?.kind === 'named') {
      // The engine copies the named format's options into the stage when it is created: the name is not kept.
      notCompared.push(`the file format it names (${format.name})`);
    }
    const connection = node.location?.connection;
    if (connection !== undefined) notCompared.push(connection.kind === 'named' ? 'the connection it names' : 'its credentials');
  } else if (node.kind === 'CreateConnectionStmt' && live.object === 'connection') {
    if (node.storageType.toLowerCase() !== live.storageType.toLowerCase()) out.push(`storage type: ${node.storageType} -> ${live.storageType}`);
    const wanted = node.options.map((o) => o.key.toLowerCase()).sort();
    const current = [...live.parameters].sort();
    if (wanted.join(',') !== current.join(',')) out.push(`parameters: ${wanted.join(', ')} -> ${current.join(', ')}`);
    notCompared.push('the parameters’ values (the engine masks them)');
  }
  return { differences: out, notCompared };
}

const OBJECT_OF = { CreateStageStmt: 'stage', CreateFileFormatStmt: 'file_format', CreateConnectionStmt: 'connection' } as const;

/** The declared builder, made CREATE OR REPLACE. */
function orReplace(declared: DeclaredObject): DeclaredObject {
  const node = nodeOf(declared);
  switch (node.kind) {
    case 'CreateStageStmt':
      return new CreateStageBuilder(cloneCreateStage(node, { createOption: 'CreateOrReplace' }));
    case 'CreateFileFormatStmt':
      return new CreateFileFormatBuilder(cloneCreateFileFormat(node, { createOption: 'CreateOrReplace' }));
    case 'CreateConnectionStmt':
      return new CreateConnectionBuilder(cloneCreateConnection(node, { createOption: 'CreateOrReplace' }));
  }
}

function checkDeclared(declared: unknown, call: CallSite): asserts declared is readonly DeclaredObject[] {
  checkList(declared, call, 'declared');
  declared.forEach((d, i) =>
    check(
      d instanceof CreateStageBuilder || d instanceof CreateFileFormatBuilder || d instanceof CreateConnectionBuilder,
      'invalid_type',
      call,
      () => `declared[${i}] must be a createStage(), createFileFormat() or createConnection() builder, not ${describeValue(d)}`,
      'declared',
    ),
  );
}

/** A live object given by the caller (introspectObjects()'s answer, or one written by hand), checked: its name becomes a DROP. */
function checkLive(live: unknown, call: CallSite): LiveObject[] {
  checkList(live, call, 'live');
  return live.map((o: unknown, i): LiveObject => {
    const field = `live[${i}]`;
    checkPlainObject(o, call, field);
    const r = o as Record<string, unknown>;
    checkString(r.name, call, `${field}.name`);
    const strings = (value: unknown, what: string) => {
      checkPlainObject(value, call, what);
      for (const [k, v] of Object.entries(value)) checkString(v, call, `${what}.${k}`);
      return value as Record<string, string>;
    };
    switch (r.object) {
      case 'stage':
        checkRecord(r, call, field, ['object', 'name', 'url', 'hasCredentials', 'fileFormat', 'comment']);
        if (r.url !== undefined) checkString(r.url, call, `${field}.url`);
        checkBoolean(r.hasCredentials, call, `${field}.hasCredentials`);
        checkString(r.comment, call, `${field}.comment`);
        return {
          object: 'stage',
          name: r.name,
          url: r.url,
          hasCredentials: r.hasCredentials,
          fileFormat: strings(r.fileFormat, `${field}.fileFormat`),
          comment: r.comment,
        };
      case 'file_format':
        checkRecord(r, call, field, ['object', 'name', 'options']);
        return { object: 'file_format', name: r.name, options: strings(r.options, `${field}.options`) };
      case 'connection':
        checkRecord(r, call, field, ['object', 'name', 'storageType', 'parameters']);
        checkString(r.storageType, call, `${field}.storageType`);
        checkList(r.parameters, call, `${field}.parameters`);
        r.parameters.forEach((p, j) => checkString(p, call, `${field}.parameters[${j}]`));
        return { object: 'connection', name: r.name, storageType: r.storageType, parameters: [...(r.parameters as string[])] };
      default:
        return check(false, 'invalid_value', call, `${field}.object must be 'stage', 'file_format' or 'connection'`, `${field}.object`) as never;
    }
  });
}

/**
 * The changes that make the live stages, file formats and connections what the declared CREATE builders say: a
 * missing object is created, one that differs in what the engine shows is replaced (CREATE OR REPLACE), and, with
 * `dropUndeclared`, an undeclared one is dropped. Pure. What the engine does not show (credentials, a connection's
 * parameter values) is not compared and is named in `notCompared`; file format options are compared for the declared
 * keys only (the engine lists its defaults too). Order: file formats and connections first (a stage may name them),
 * stages, then drops.
 *
 * @example
 * diffObjects([createFileFormat('csv_pipe', { type: 'CSV', fieldDelimiter: '|' })], await introspectObjects(client))
 * // [{ kind: 'create_object', statement: CREATE FILE FORMAT csv_pipe TYPE = CSV FIELD_DELIMITER = '|' ... }]
 */
export function diffObjects(declared: readonly DeclaredObject[], live: readonly LiveObject[], options: DiffObjectsOptions = {}): ObjectChange[] {
  const call = 'diffObjects()';
  checkDeclared(declared, call);
  const current = checkLive(live, call);
  checkRecord(options, call, 'options', ['dropUndeclared']);
  if (options.dropUndeclared !== undefined) checkBoolean(options.dropUndeclared, call, 'dropUndeclared');
  const rank = { file_format: 0, connection: 1, stage: 2 } as const;
  const changes: ObjectChange[] = [];
  const sorted = [...declared].sort((a, b) => rank[OBJECT_OF[nodeOf(a).kind]] - rank[OBJECT_OF[nodeOf(b).kind]]);
  for (const d of sorted) {
    const node = nodeOf(d);
    const object = OBJECT_OF[node.kind];
    const found = current.find((o) => o.object === object && o.name === node.name);
    if (found === undefined) {
      changes.push({
        kind: 'create_object',
        object,
        name: node.name,
        summary: `create ${object.replace('_', ' ')} ${node.name}`,
        destructive: false,
        statement: d,
        notCompared: [],
      });
      continue;
    }
    const { differences: diffs, notCompared } = differences(d, found);
    if (diffs.length === 0) continue;
    const internal = found.object === 'stage' && found.url === undefined;
    changes.push({
      kind: 'replace_object',
      object,
      name: node.name,
      summary: `replace ${object.replace('_', ' ')} ${node.name} (${diffs.join('; ')})${internal ? '; its files are lost' : ''}`,
      // CREATE OR REPLACE of an internal stage drops the files it holds.
      destructive: internal,
      statement: orReplace(d),
      notCompared,
    });
  }
  if (options.dropUndeclared === true)
    for (const o of current) {
      if (declared.some((d) => OBJECT_OF[nodeOf(d).kind] === o.object && nodeOf(d).name === o.name)) continue;
      const statement = o.object === 'stage' ? dropStage(o.name) : o.object === 'file_format' ? dropFileFormat(o.name) : dropConnection(o.name);
      changes.push({
        kind: 'drop_object',
        object: o.object,
        name: o.name,
        summary: `drop ${o.object.replace('_', ' ')} ${o.name} (not declared)`,
        destructive: true,
        statement,
        notCompared: [],
      });
    }
  return changes;
}

/** The object changes refused without `allowDestructive`, as SchemaChangeRefusedError lists them (`table`: `stage s`). */
export function refusedObjectChanges(
  changes: readonly ObjectChange[],
  allowDestructive: boolean,
): { table: string; summary: string; destructive: boolean; manual: undefined }[] {
  return changes
    .filter((c) => c.destructive && !allowDestructive)
    .map((c) => ({ table: `${c.object.replace('_', ' ')} ${c.name}`, summary: c.summary, destructive: true, manual: undefined }));
}

/**
 * Makes the live stages, file formats and connections what the declared CREATE builders say (development): runs
 * diffObjects(declared, await introspectObjects(client), options)'s statements in order (file formats, connections,
 * stages, then drops). Refuses, before running any, a destructive change (replacing an internal stage, whose files
 * go; dropping an undeclared object) without `allowDestructive` (SchemaChangeRefusedError). Resolves to the changes
 * it ran.
 *
 * @example
 * await pushObjects(client, [createFileFormat('csv_pipe', { type: 'CSV', fieldDelimiter: '|' })]);
 * // CREATE FILE FORMAT csv_pipe TYPE = CSV FIELD_DELIMITER = '|'
 */
export async function pushObjects(client: DatabendClient, declared: readonly DeclaredObject[], options: PushObjectsOptions = {}): Promise<ObjectChange[]> {
  const call = 'pushObjects()';
  check(
    client instanceof DatabendClient,
    'invalid_type',
    call,
    () => `client must be a client of the SDK (createClient()), not ${describeValue(client)}`,
    'client',
  );
  checkDeclared(declared, call);
  checkRecord(options, call, 'options', ['dropUndeclared', 'allowDestructive']);
  if (options.dropUndeclared !== undefined) checkBoolean(options.dropUndeclared, call, 'dropUndeclared');
  if (options.allowDestructive !== undefined) checkBoolean(options.allowDestructive, call, 'allowDestructive');
  const changes = diffObjects(declared, await introspectObjects(client), options.dropUndeclared === true ? { dropUndeclared: true } : {});
  const refused = refusedObjectChanges(changes, options.allowDestructive === true);
  if (refused.length > 0) throw new SchemaChangeRefusedError(refused);
  for (const change of changes) await client.execute(change.statement);
  return changes;
}
