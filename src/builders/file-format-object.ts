import type { CreateFileFormatStmt } from '../ast/stage.js';
import { checkObjectName, withCreateOption } from './create-object.js';
import { drop, type DropBuilder } from './drop.js';
import { fileFormatEntries, type FileFormat } from './file-format.js';
import { nameOf, StatementBuilder, type NameRef } from './statement-builder.js';

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
    return new CreateFileFormatBuilder({ ...this.node, createOption: withCreateOption(this.node.createOption, 'CreateOrReplace', this.#call('orReplace')) });
  }

  /** CREATE FILE FORMAT IF NOT EXISTS. */
  ifNotExists(): CreateFileFormatBuilder {
    return new CreateFileFormatBuilder({ ...this.node, createOption: withCreateOption(this.node.createOption, 'CreateIfNotExists', this.#call('ifNotExists')) });
  }

  #call(method: string): string {
    return `createFileFormat('${this.node.name}').${method}()`;
  }
}

/**
 * CREATE FILE FORMAT from the same options as an inline `FILE_FORMAT = (...)`.
 *
 * @example
 * createFileFormat('everdrive_ndjson', { type: 'NDJSON', nullIf: [''] }).orReplace()
 * // CREATE OR REPLACE FILE FORMAT everdrive_ndjson TYPE = NDJSON NULL_IF = ('')
 */
export function createFileFormat(name: string, format: FileFormat): CreateFileFormatBuilder {
  const call = `createFileFormat('${String(name)}')`;
  checkObjectName(name, call, 'file format name');
  return new CreateFileFormatBuilder({ kind: 'CreateFileFormatStmt', createOption: 'Create', name, ...fileFormatEntries(format, call) });
}

/**
 * DROP FILE FORMAT.
 *
 * @example
 * dropFileFormat('everdrive_csv').ifExists()   // DROP FILE FORMAT IF EXISTS everdrive_csv
 */
export function dropFileFormat(format: NameRef): DropBuilder {
  const name = nameOf(format);
  checkObjectName(name, 'dropFileFormat()', 'file format name');
  return drop('FILE FORMAT', { name });
}
