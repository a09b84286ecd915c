// diffTable() on the cases the randomised property (test/engine/migrate-property.test.ts) found: each a live table
// written as the engine's catalogue reads it back.
import { liveTable } from '../support/live-table.js';
import { describe, expect, it } from 'vitest';
import { diffTable, int, sql, string, table, vector, type LiveColumn, type LiveTable } from '../../src/index.js';
import { clusterKeyKey } from '../../src/migrate/diff.js';
import { dataTypeOf } from '../../src/migrate/introspect.js';
import { parseType } from '../../src/client/type-parser.js';

function live(columns: Partial<LiveColumn>[], rest: Partial<LiveTable> = {}): LiveTable {
  return liveTable(columns, rest, { kind: 'INT' });
}

describe('cluster keys as the engine prints them', () => {
  it('a name that needs quoting is printed in double quotes, a plain one bare', () => {
    const t = table('t', { 'with space': int(), id: int(), Mixed: int() }, { clusterBy: ['with space', 'id', 'Mixed'] });
    const same = live([{ name: 'with space' }, { name: 'id' }, { name: 'Mixed' }], {
      clusterBy: { keys: ['"with space"', 'id', '"Mixed"'], type: 'LINEAR' },
    });
    expect(diffTable(t, same)).toEqual([]);
    const other = live([{ name: 'with space' }, { name: 'id' }, { name: 'Mixed' }], { clusterBy: { keys: ['"with space"', 'id'], type: 'LINEAR' } });
    expect(diffTable(t, other).map((c) => c.kind)).toEqual(['cluster_by']);
  });

  it('a column and an expression compare by their text; case matters only inside quotes', () => {
    expect(clusterKeyKey('"a""b"')).toBe('c:a"b');
    expect(clusterKeyKey('été')).toBe('c:été');
    expect(clusterKeyKey('ID')).toBe(clusterKeyKey('id'));
    expect(clusterKeyKey('"ID"')).not.toBe(clusterKeyKey('id'));
    expect(clusterKeyKey('to_date( ts )')).toBe(clusterKeyKey('TO_DATE(ts)'));
    const t = table('t', { ts: string() }, { clusterBy: [sql`substr(ts, 1, 2)`] });
    expect(diffTable(t, live([{ name: 'ts', type: { kind: 'STRING' } }], { clusterBy: { keys: ['substr(ts, 1, 2)'], type: 'LINEAR' } }))).toEqual([]);
  });
});

describe('types as system.columns prints them', () => {
  const read = (text: string, names: string) => dataTypeOf(parseType(text), 't', parseType(names));

  it('a positional tuple, nested or alone, one field or more, is printed with numbered fields: read back positional', () => {
    expect(read('Nullable(Array(Nullable(Tuple(Nullable(Vector(7))))))', 'ARRAY(TUPLE(1 VECTOR(7),))')).toEqual({
      kind: 'ARRAY',
      element: { kind: 'TUPLE', named: false, elements: [{ kind: 'VECTOR', dimension: 7 }] },
    });
    expect(read('Nullable(Tuple(Nullable(Int32), Nullable(Tuple(Nullable(Int32)))))', 'TUPLE(1 INT32, 2 TUPLE(K INT32,))')).toEqual({
      kind: 'TUPLE',
      named: false,
      elements: [{ kind: 'INT' }, { kind: 'TUPLE', named: true, fields: { K: { kind: 'INT' } } }],
    });
    expect(read('Nullable(Tuple(Nullable(Int32), Nullable(String)))', 'TUPLE(X INT32, Y STRING)')).toMatchObject({ named: true });
  });
});

describe('NULL -> NOT NULL on a table without rows', () => {
  const strict = table('t', { id: int().notNull() });

  it('is not doable in place (the engine has no column statistics to check: 1058), with the manual path', () => {
    const [change] = diffTable(strict, live([{ name: 'id' }], { rows: 0 }));
    expect(change).toMatchObject({ kind: 'not_in_place', columns: ['id'], statement: undefined });
    expect(change!.manual).toMatch(/drop the column and add it again/);
  });

  it('is a destructive MODIFY COLUMN when the table has rows, or when the row count is not known', () => {
    for (const rows of [1, undefined]) {
      const [change] = diffTable(strict, live([{ name: 'id' }], { rows }));
      expect(change).toMatchObject({ kind: 'modify_column', destructive: true });
      expect(change!.statement!.compile()).toBe('ALTER TABLE t MODIFY COLUMN id INT NOT NULL');
    }
  });

  it('a live table with a row count that is no count is refused', () => {
    expect(() => diffTable(strict, live([{ name: 'id' }], { rows: -1 }))).toThrow(/live.rows must be an integer/);
  });
});

describe('a cluster key that names a column that changes', () => {
  const before = live(
    [
      { name: 'a', type: { kind: 'INT' } },
      { name: 'b', type: { kind: 'INT' } },
      { name: 'ts', type: { kind: 'STRING' } },
    ],
    { clusterBy: { keys: ['a', 'b'], type: 'LINEAR' }, rows: 1 },
  );

  it('is dropped before the column is dropped or retyped (the engine refuses both, 1132), and set again last', () => {
    const dropped = table('t', { a: int(), ts: string() }, { clusterBy: ['a'] });
    expect(diffTable(dropped, before).map((c) => c.statement!.compile())).toEqual([
      'ALTER TABLE t DROP CLUSTER KEY',
      'ALTER TABLE t DROP COLUMN b',
      'ALTER TABLE t CLUSTER BY LINEAR (a)',
    ]);
    const retyped = table('t', { a: string(), b: int(), ts: string() }, { clusterBy: ['b'] });
    expect(diffTable(retyped, before).map((c) => c.statement!.compile())).toEqual([
      'ALTER TABLE t DROP CLUSTER KEY',
      'ALTER TABLE t MODIFY COLUMN a STRING NULL',
      'ALTER TABLE t CLUSTER BY LINEAR (b)',
    ]);
  });

  it('an unchanged column keeps the key in place; an expression key naming a dropped column is dropped first', () => {
    const moved = table('t', { a: int(), b: int(), ts: string() }, { clusterBy: ['b'] });
    expect(diffTable(moved, before).map((c) => c.statement!.compile())).toEqual(['ALTER TABLE t CLUSTER BY LINEAR (b)']);
    const onExpression = live([{ name: 'a' }, { name: 'ts', type: { kind: 'STRING' } }], { clusterBy: { keys: ['substr(ts, 1, 2)'], type: 'LINEAR' } });
    expect(diffTable(table('t', { a: int() }, { clusterBy: ['a'] }), onExpression).map((c) => c.kind)).toEqual([
      'drop_cluster_key',
      'drop_column',
      'cluster_by',
    ]);
  });
});

describe('a type change to or from a VECTOR', () => {
  const declared = table('t', { v: vector(4) });
  const from = (rows: number | undefined) => live([{ name: 'v', type: { kind: 'DECIMAL', precision: 10, scale: 2 } }], { rows });

  it('is not doable in place on a table with rows, or rows not known (the engine refuses the cast, 1006)', () => {
    for (const rows of [1, undefined]) expect(diffTable(declared, from(rows)).map((c) => [c.kind, c.statement])).toEqual([['not_in_place', undefined]]);
  });

  it('is a MODIFY COLUMN on a table without rows (nothing to cast: the engine runs it)', () => {
    expect(diffTable(declared, from(0)).map((c) => c.statement?.compile())).toEqual(['ALTER TABLE t MODIFY COLUMN v VECTOR(4) NULL']);
  });
});
