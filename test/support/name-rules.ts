// The documented rules for names the SDK renders bare (stages, connections, file formats), as the tests' oracles.
import { RESERVED_WORDS } from '../../src/grammar/reserved-words.js';

/** docs/bad-input.md, "names": stage, connection and file format names. */
export function objectNameRule(name: string, what: string): string | undefined {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return `${what} must be a plain identifier (a letter or _ followed by letters, digits or _)`;
  if (name.length > 255) return `${what} must be at most 255 characters`;
  if (RESERVED_WORDS.has(name.toLowerCase())) return `${what} '${name}' is a reserved keyword`;
  if (name.toLowerCase() === 'if') return `${what} 'if' cannot be told apart from IF [NOT] EXISTS`;
  return undefined;
}

export const RESERVED_FORMAT_NAMES = ['csv', 'text', 'tsv', 'tabseparated', 'ndjson', 'jsoneachrow', 'parquet', 'lance', 'xml', 'json', 'orc', 'avro'];

export function fileFormatNameRule(name: string): string | undefined {
  const rule = objectNameRule(name, 'file format name');
  if (rule !== undefined) return rule;
  if (RESERVED_FORMAT_NAMES.includes(name.toLowerCase())) {
    return `file format name '${name}' is reserved: it names a format type (${RESERVED_FORMAT_NAMES.join(', ')})`;
  }
  return undefined;
}
