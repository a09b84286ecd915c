import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as api from '../../src/index.js';
import * as kysely from '../../src/kysely/index.js';
import * as local from '../../src/local/index.js';

const read = (name: string) => readFileSync(new URL(`../../docs/${name}`, import.meta.url), 'utf8');

describe('docs/api.md', () => {
  const reference = read('api.md');

  it('names every runtime export of the root entry', () => {
    const missing = Object.keys(api as Record<string, unknown>).filter((name) => !new RegExp(`\\b${name.replace('$', '\\$')}\\b`).test(reference));
    expect(missing).toEqual([]);
  });

  it('names every runtime export of databend-etl/local', () => {
    const missing = Object.keys(local as Record<string, unknown>).filter((name) => !reference.includes(name));
    expect(missing).toEqual([]);
  });
});

describe('docs/kysely.md', () => {
  it('names every runtime export of databend-etl/kysely that users call', () => {
    const page = read('kysely.md');
    const internals = new Set(['DatabendAdapter', 'DatabendKyselyDriver', 'DatabendQueryCompiler', 'DatabendIntrospector']);
    const missing = Object.keys(kysely as Record<string, unknown>).filter((name) => !internals.has(name) && !page.includes(name));
    expect(missing).toEqual([]);
  });
});

describe('docs/guide.md', () => {
  it('shows the real consumption of a stream, not CONSUME STREAM as a statement to run', () => {
    const guide = read('guide.md');
    expect(guide).toContain('SELECT * FROM frame_events_stream WITH CONSUME');
    const sqlBlocks = [...guide.matchAll(/```sql\n([\s\S]*?)```/g)].map((match) => match[1]);
    expect(sqlBlocks.some((block) => /CONSUME STREAM/.test(block ?? ''))).toBe(false);
  });
});
