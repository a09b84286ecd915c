import { cloneCreateFileFormat, type CreateFileFormatStmt } from '../ast/stage.js';
import { argText, check } from '../checks.js';
import { checkObjectName, withCreateOption } from './create-object.js';
import { fileFormatEntries, lanceFormat, type FileFormat, type LanceFileFormat } from './file-format.js';
import { StatementBuilder, made } from './statement-builder.js';

/**
 * CREATE FILE FORMAT: a named, reusable file format. The builder has a `formatName`, so it can be passed
 * wherever a file format is expected (`createStage(...).fileFormat(csv)` renders `FORMAT_NAME = 'everdrive_csv'`).
 *
 * @example
 * createFileFormat('everdrive_csv', { type: 'CSV', skipHeader: 1 })
 * // CREATE FILE FORMAT everdrive_csv TYPE = CSV SKIP_HEADER = 1
 */
export class CreateFileFormatBuilder extends StatementBuilder<CreateFileFormatStmt> {
  get name(): string {
    return this.node.name;
  }

  get formatName(): string {
    return this.node.name;
  }

  /** CREATE OR REPLACE FILE FORMAT. */
  orReplace(): CreateFileFormatBuilder {
    return new CreateFileFormatBuilder(
      made(cloneCreateFileFormat(this.node, { createOption: withCreateOption(this.node.createOption, 'CreateOrReplace', this.#call('orReplace')) })),
    );
  }

  /** CREATE FILE FORMAT IF NOT EXISTS. */
  ifNotExists(): CreateFileFormatBuilder {
    return new CreateFileFormatBuilder(
      made(cloneCreateFileFormat(this.node, { createOption: withCreateOption(this.node.createOption, 'CreateIfNotExists', this.#call('ifNotExists')) })),
    );
  }

  #call(method: string): string {
    return `createFileFormat('${this.node.name}').${method}()`;
  }
}

/**
 * Names the engine keeps for its format types, in any case: CREATE FILE FORMAT refuses them with 1005 "File format
 * 'csv' is reserved and cannot be used" (StageFileFormatType::from_str in databendlabs/databend
 * src/meta/app/src/principal/user_stage.rs; the pinned engine).
 */
const RESERVED_FORMAT_NAMES: readonly string[] = [
  'csv',
  'text',
  'tsv',
  'tabseparated',
  'ndjson',
  'jsoneachrow',
  'parquet',
  'lance',
  'xml',
  'json',
  'orc',
  'avro',
];

/**
 * CREATE FILE FORMAT from the same options as an inline `FILE_FORMAT = (...)`, or `{ type: 'LANCE' }`, a Lance
 * dataset format for unloads (`FILE_FORMAT = (FORMAT_NAME = '...')` in `copyIntoStage()`; Databend reads no Lance,
 * and the pinned local engine refuses the LANCE object itself, 2508).
 *
 * @example
 * createFileFormat('everdrive_ndjson', { type: 'NDJSON', nullIf: [''] }).orReplace()
 * // CREATE OR REPLACE FILE FORMAT everdrive_ndjson TYPE = NDJSON NULL_IF = ('')
 * createFileFormat('my_lance', { type: 'LANCE' })
 * // CREATE FILE FORMAT my_lance TYPE = LANCE
 */
export function createFileFormat(name: string, format: FileFormat | LanceFileFormat): CreateFileFormatBuilder {
  const call = `createFileFormat('${argText(name)}')`;
  checkObjectName(name, call, 'file format name');
  check(
    !RESERVED_FORMAT_NAMES.includes(name.toLowerCase()),
    'reserved',
    call,
    () => `file format name '${name}' is reserved: it names a format type (${RESERVED_FORMAT_NAMES.join(', ')})`,
    'file format name',
  );
  const lance = lanceFormat(format, call);
  const { type, options } = lance === undefined ? fileFormatEntries(format as FileFormat, call) : { type: lance, options: [] };
  return new CreateFileFormatBuilder(made({ kind: 'CreateFileFormatStmt', createOption: 'Create', name, type, options }));
}
