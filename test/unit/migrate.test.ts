import { liveTable } from '../support/live-table.js';
import { describe, expect, it } from 'vitest';
import { array, bigint, decimal, diffTable, double, float, int, string, table, tuple, vector, type LiveColumn, type LiveTable, sql } from '../../src/index.js';
import { defaultKey, isWidening, typeKey } from '../../src/migrate/diff.js';
import { parseType } from '../../src/client/type-parser.js';
import { dataTypeOf, parseTableOptions, splitClusterKeys } from '../../src/migrate/introspect.js';

// diffTable() is pure: a declared table against a live one written by hand (as introspectTable() reads it back).

function live(columns: Partial<LiveColumn>[], rest: Partial<LiveTable> = {}): LiveTable {
  return liveTable(columns, { name: 'people', ...rest }, { kind: 'STRING' });
}

const sqlOf = (changes: ReturnType<typeof diffTable>) => changes.map((c) => c.statement?.compile());

describe('diffTable', () => {
  const people = table('people', { id: bigint().notNull(), name: string(), phone: string().comment('mobile') });

  it('a missing table is one CREATE TABLE', () => {
    const changes = diffTable(people, undefined);
    expect(changes.map((c) => c.kind)).toEqual(['create_table']);
    expect(sqlOf(changes)[0]).toMatch(/^CREATE TABLE people \(/);
  });

  it('an equal table has no changes', () => {
    const same = live([{ name: 'id', type: { kind: 'BIGINT' }, nullable: false }, { name: 'name' }, { name: 'phone', comment: 'mobile' }]);
    expect(diffTable(people, same)).toEqual([]);
  });

  it('adds a declared column after its predecessor, drops an undeclared one last (destructive)', () => {
    const changes = diffTable(people, live([{ name: 'id', type: { kind: 'BIGINT' }, nullable: false }, { name: 'name' }, { name: 'fax' }]));
    expect(changes.map((c) => [c.kind, c.destructive])).toEqual([
      ['add_column', false],
      ['drop_column', true],
    ]);
    expect(sqlOf(changes)).toEqual(["ALTER TABLE people ADD COLUMN phone STRING NULL COMMENT 'mobile' AFTER name", 'ALTER TABLE people DROP COLUMN fax']);
  });

  it('renames only a column declared renamedFrom(); otherwise add + drop', () => {
    const renamed = table('people', { id: bigint().notNull(), mobile: string().renamedFrom('phone') });
    const before = live([{ name: 'id', type: { kind: 'BIGINT' }, nullable: false }, { name: 'phone' }]);
    expect(sqlOf(diffTable(renamed, before))).toEqual(['ALTER TABLE people RENAME COLUMN phone TO mobile']);
    const guessed = table('people', { id: bigint().notNull(), mobile: string() });
    expect(diffTable(guessed, before).map((c) => c.kind)).toEqual(['add_column', 'drop_column']);
  });

  it('renamedFrom() renders nothing in CREATE TABLE', () => {
    const renamed = table('t', { mobile: string().renamedFrom('phone') });
    expect(sqlOf(diffTable(renamed, undefined))).toEqual(['CREATE TABLE t (\n  mobile STRING NULL\n)']);
  });

  it('a widening type is a plain MODIFY COLUMN; a narrowing one is destructive', () => {
    const wide = table('people', { id: bigint().notNull() });
    const narrow = table('people', { id: int().notNull() });
    const wideChanges = diffTable(wide, live([{ name: 'id', type: { kind: 'INT' }, nullable: false }]));
    expect(wideChanges.map((c) => [c.kind, c.destructive])).toEqual([['modify_column', false]]);
    expect(sqlOf(wideChanges)).toEqual(['ALTER TABLE people MODIFY COLUMN id BIGINT NOT NULL']);
    const narrowChanges = diffTable(narrow, live([{ name: 'id', type: { kind: 'BIGINT' }, nullable: false }]));
    expect(narrowChanges.map((c) => [c.kind, c.destructive])).toEqual([['modify_column', true]]);
  });

  it('NULL -> NOT NULL is destructive; NOT NULL -> NULL is not', () => {
    const strict = table('people', { id: bigint().notNull() });
    expect(diffTable(strict, live([{ name: 'id', type: { kind: 'BIGINT' } }]))[0]!.destructive).toBe(true);
    const loose = table('people', { id: bigint() });
    expect(diffTable(loose, live([{ name: 'id', type: { kind: 'BIGINT' }, nullable: false }]))[0]!.destructive).toBe(false);
  });

  it('a VECTOR dimension change is not done in place: no statement, a manual path', () => {
    const t = table('people', { v: vector(4) });
    const [change] = diffTable(t, live([{ name: 'v', type: { kind: 'VECTOR', dimension: 3 } }]));
    expect(change!.kind).toBe('not_in_place');
    expect(change!.statement).toBeUndefined();
    expect(change!.manual).toMatch(/SWAP WITH/);
  });

  it('a comment alone is MODIFY COLUMN ... COMMENT', () => {
    const changes = diffTable(people, live([{ name: 'id', type: { kind: 'BIGINT' }, nullable: false }, { name: 'name' }, { name: 'phone' }]));
    expect(sqlOf(changes)).toEqual(["ALTER TABLE people MODIFY COLUMN phone COMMENT 'mobile'"]);
  });

  it('DEFAULTs compare as the engine prints them (1.50, CAST(now() AS ...), escaped quotes)', () => {
    const t = table('people', { d: decimal(10, 2).default('1.5'), s: string().default("it's"), ts: string().default(sql`now()`) });
    const same = live([
      { name: 'd', type: { kind: 'DECIMAL', precision: 10, scale: 2 }, default: '1.50' },
      { name: 's', default: "'it\\'s'" },
      { name: 'ts', default: 'CAST(now() AS String NULL)' },
    ]);
    expect(diffTable(t, same)).toEqual([]);
    const other = live([
      { name: 'd', type: { kind: 'DECIMAL', precision: 10, scale: 2 }, default: '2.00' },
      { name: 's', default: "'it\\'s'" },
      { name: 'ts', default: 'now()' },
    ]);
    expect(diffTable(t, other).map((c) => [c.kind, c.columns])).toEqual([['modify_column', ['d']]]);
  });

  it('table comment, cluster key and declared options', () => {
    const t = table('people', { id: int() }, { comment: 'who', clusterBy: ['id'], engineOptions: { block_per_segment: 500 } });
    const changes = diffTable(t, live([{ name: 'id', type: { kind: 'INT' } }], { options: { block_per_segment: '1000', compression: 'lz4' } }));
    expect(sqlOf(changes)).toEqual([
      "ALTER TABLE people COMMENT = 'who'",
      'ALTER TABLE people CLUSTER BY LINEAR (id)',
      'ALTER TABLE people SET OPTIONS (block_per_segment = 500)',
    ]);
    const same = live([{ name: 'id', type: { kind: 'INT' } }], {
      comment: 'who',
      clusterBy: { keys: ['id'], type: 'LINEAR' },
      options: { block_per_segment: '500' },
    });
    expect(diffTable(t, same)).toEqual([]);
    const plain = table('people', { id: int() });
    expect(sqlOf(diffTable(plain, same))).toEqual(['ALTER TABLE people DROP CLUSTER KEY', "ALTER TABLE people COMMENT = ''"]);
  });

  it('TRANSIENT differs: not in place', () => {
    const t = table('people', { id: int() }, { transient: true });
    expect(diffTable(t, live([{ name: 'id', type: { kind: 'INT' } }])).map((c) => [c.kind, c.statement])).toEqual([['not_in_place', undefined]]);
  });

  it('orders renames, adds, modifies, drops, then table changes', () => {
    const t = table('people', { id: bigint(), mobile: string().renamedFrom('phone'), email: string() }, { comment: 'c' });
    const changes = diffTable(t, live([{ name: 'id', type: { kind: 'INT' } }, { name: 'phone' }, { name: 'fax' }]));
    expect(changes.map((c) => c.kind)).toEqual(['rename_column', 'add_column', 'modify_column', 'drop_column', 'table_comment']);
  });
});

describe('type comparison', () => {
  it('widening rules', () => {
    const t = (c: { spec: { type: unknown } }) => c.spec.type as never;
    expect(isWidening(t(int()), t(bigint()))).toBe(true);
    expect(isWidening(t(bigint()), t(int()))).toBe(false);
    expect(isWidening(t(float()), t(double()))).toBe(true);
    expect(isWidening(t(decimal(10, 2)), t(decimal(12, 2)))).toBe(true);
    expect(isWidening(t(decimal(10, 2)), t(decimal(10, 3)))).toBe(false);
    expect(isWidening(t(int()), t(string()))).toBe(true);
    expect(isWidening(t(string()), t(int()))).toBe(false);
    expect(isWidening(t(array(int())), t(array(bigint())))).toBe(true);
  });

  it('tuple field names compare without case (system.columns upper-cases them)', () => {
    const a = tuple({ lat: double() }).spec.type;
    expect(typeKey({ kind: 'TUPLE', named: true, fields: { LAT: { kind: 'DOUBLE' } } })).toBe(typeKey(a));
  });

  it('defaultKey normalises the engine forms', () => {
    expect(defaultKey('1.50')).toBe(defaultKey('1.5'));
    expect(defaultKey("'a\\'b'")).toBe(defaultKey("'a''b'"));
    expect(defaultKey('CAST(now() AS Timestamp NULL)')).toBe(defaultKey('now()'));
    expect(defaultKey('1')).not.toBe(defaultKey('2'));
  });

  it("reads the engine's type names (system.columns `type`) into the SDK's types", () => {
    const read = (text: string, names?: string) => dataTypeOf(parseType(text), 't', names === undefined ? undefined : parseType(names));
    const simple = [
      'Boolean',
      'Int8',
      'UInt64',
      'Float32',
      'Float64',
      'String',
      'Binary',
      'Date',
      'Timestamp',
      'Timestamp_Tz',
      'Interval',
      'Variant',
      'Bitmap',
      'Geometry',
      'Geography',
    ];
    expect(simple.map((name) => read(`Nullable(${name})`).kind)).toEqual([
      'BOOLEAN',
      'TINYINT',
      'BIGINT UNSIGNED',
      'FLOAT',
      'DOUBLE',
      'STRING',
      'BINARY',
      'DATE',
      'TIMESTAMP',
      'TIMESTAMP_TZ',
      'INTERVAL',
      'VARIANT',
      'BITMAP',
      'GEOMETRY',
      'GEOGRAPHY',
    ]);
    expect(read('Nullable(Decimal(10, 2))')).toEqual({ kind: 'DECIMAL', precision: 10, scale: 2 });
    expect(read('Vector(3)')).toEqual({ kind: 'VECTOR', dimension: 3 });
    expect(read('Nullable(Tuple(Nullable(Int32), Nullable(String)))', 'TUPLE(X INT32, Y STRING)')).toEqual({
      kind: 'TUPLE',
      named: true,
      fields: { X: { kind: 'INT' }, Y: { kind: 'STRING' } },
    });
    expect(() => read('Nullable(Frobnicate)')).toThrow("t: the engine's type 'Frobnicate' has no counterpart in the SDK's types");
  });

  it('catalogue text', () => {
    expect(parseTableOptions(" BLOCK_PER_SEGMENT='500' CLUSTER_TYPE='linear'")).toEqual({ block_per_segment: '500', cluster_type: 'linear' });
    expect(splitClusterKeys('(id, to_date(ts), substr(s, 1, 2))')).toEqual(['id', 'to_date(ts)', 'substr(s, 1, 2)']);
  });
});
