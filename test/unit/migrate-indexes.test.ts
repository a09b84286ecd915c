// Indexes and AUTOINCREMENT in introspection (SHOW CREATE TABLE's text, as the engine prints it) and in diffTable().
import { liveTable } from '../support/live-table.js';
import { describe, expect, it } from 'vitest';
import { bigint, diffTable, int, invertedIndex, ngramIndex, string, table, vector, vectorIndex, type LiveColumn, type LiveTable } from '../../src/index.js';
import { parseCreateTable } from '../../src/migrate/introspect.js';

function live(columns: Partial<LiveColumn>[], rest: Partial<LiveTable> = {}): LiveTable {
  return liveTable(columns, { rows: 1, indexes: [], ...rest }, { kind: 'STRING' });
}

describe('parseCreateTable (SHOW CREATE TABLE as the engine prints it)', () => {
  it('reads AUTOINCREMENT columns and SYNC / ASYNC indexes with their options', () => {
    const text = [
      'CREATE TABLE t (',
      "  \"with space\" BIGINT NULL AUTOINCREMENT (5, 2) ORDER COMMENT 'x AUTOINCREMENT (1, 2) ORDER\\nit\\'s',",
      '  id BIGINT NULL AUTOINCREMENT (1, 1) ORDER,',
      "  s VARCHAR NULL COMMENT 'SYNC VECTOR INDEX fake (s)',",
      '  v VECTOR(3) NULL,',
      "  SYNC INVERTED INDEX ii (s, with space) filters = 'english_stop,english_stemmer' index_record = '\"position\"' tokenizer = 'english',",
      "  SYNC NGRAM INDEX ni (s) bloom_size = '1024' gram_size = '3',",
      "  ASYNC VECTOR INDEX \"Vi x\" (v) distance = 'cosine,l2' ef_construct = '100' m = '16'",
      ') ENGINE=FUSE',
    ].join('\n');
    const { autoIncrement, indexes } = parseCreateTable(text, ['with space', 'id', 's', 'v']);
    expect([...autoIncrement]).toEqual([
      ['with space', { start: 5, step: 2, order: true }],
      ['id', { start: 1, step: 1, order: true }],
    ]);
    expect(indexes).toEqual([
      {
        type: 'INVERTED',
        name: 'ii',
        columns: ['s', 'with space'],
        async: false,
        options: { filters: 'english_stop,english_stemmer', index_record: 'position', tokenizer: 'english' },
      },
      { type: 'NGRAM', name: 'ni', columns: ['s'], async: false, options: { bloom_size: '1024', gram_size: '3' } },
      { type: 'VECTOR', name: 'Vi x', columns: ['v'], async: true, options: { distance: 'cosine,l2', ef_construct: '100', m: '16' } },
    ]);
  });

  it('quoted names holding quotes, commas and parentheses are names, not literals or lists', () => {
    const text = [
      'CREATE TABLE "t (x), y" (',
      `  "it's (a), b" BIGINT NULL AUTOINCREMENT (1, 1) ORDER,`,
      "  s VARCHAR NULL COMMENT 'it''s',",
      // The engine prints an index's columns raw: commas, quotes and parentheses in the names as they are.
      `  ASYNC NGRAM INDEX "it's ""ngram""" (it's (a), b, s, a, b) bloom_size = '1024', gram_size = '3'`,
      ") ENGINE=FUSE COMMENT = 'a (b)'",
    ].join('\n');
    const { autoIncrement, indexes } = parseCreateTable(text, ['a', "it's (a), b", 's', 'a, b', 'b']);
    expect([...autoIncrement]).toEqual([["it's (a), b", { start: 1, step: 1, order: true }]]);
    expect(indexes).toEqual([
      { type: 'NGRAM', name: 'it\'s "ngram"', columns: ["it's (a), b", 's', 'a', 'b'], async: true, options: { bloom_size: '1024', gram_size: '3' } },
    ]);
  });

  it('a table without either reads nothing', () => {
    expect(parseCreateTable("CREATE TABLE t (\n  a INT NULL DEFAULT 1 COMMENT 'AUTOINCREMENT (1, 1)'\n) ENGINE=FUSE")).toEqual({
      autoIncrement: new Map(),
      indexes: [],
    });
  });
});

describe('diffTable: indexes', () => {
  const vi = vectorIndex('vi', ['v'], { distance: ['cosine'] });
  const ii = invertedIndex('ii', ['s'], { tokenizer: 'english' });
  const columns = { id: int(), s: string(), v: vector(3) };
  const liveColumns: Partial<LiveColumn>[] = [{ name: 'id', type: { kind: 'INT' } }, { name: 's' }, { name: 'v', type: { kind: 'VECTOR', dimension: 3 } }];
  const liveVi = { type: 'VECTOR', name: 'vi', columns: ['v'], async: false, options: { distance: 'cosine' } } as const;

  it('equal indexes: nothing; a missing one is created and refreshed (the table has rows)', () => {
    expect(diffTable(table('t', columns, { indexes: [vi] }), live(liveColumns, { indexes: [liveVi] }))).toEqual([]);
    const changes = diffTable(table('t', columns, { indexes: [vi, ii] }), live(liveColumns, { indexes: [liveVi] }));
    expect(changes.map((c) => [c.kind, c.statement!.compile()])).toEqual([
      ['create_index', "CREATE INVERTED INDEX ii ON t (s) tokenizer = 'english'"],
      ['refresh_index', 'REFRESH INVERTED INDEX ii ON t'],
    ]);
    // A table without rows needs no REFRESH.
    expect(diffTable(table('t', columns, { indexes: [vi, ii] }), live(liveColumns, { indexes: [liveVi], rows: 0 })).map((c) => c.kind)).toEqual([
      'create_index',
    ]);
  });

  it('a missing table with an ASYNC VECTOR index: CREATE TABLE without it, then CREATE ASYNC VECTOR INDEX (CREATE TABLE cannot hold it)', () => {
    const av = vectorIndex('av', ['v'], { distance: ['l2'], async: true });
    const ai = invertedIndex('ai', ['s'], { async: true });
    const changes = diffTable(table('t', columns, { indexes: [av, ai] }), undefined);
    expect(changes.map((c) => [c.kind, c.summary, c.statement!.compile()])).toEqual([
      ['create_table', 'create table t', 'CREATE TABLE t (\n  id INT NULL,\n  s STRING NULL,\n  v VECTOR(3) NULL,\n  ASYNC INVERTED INDEX ai (s)\n)'],
      ['create_index', 'create ASYNC VECTOR index av (v)', "CREATE ASYNC VECTOR INDEX av ON t (v) distance = 'l2'"],
    ]);
    // Read back, the table and its indexes are the declaration: nothing left to do.
    const liveAv = { type: 'VECTOR', name: 'av', columns: ['v'], async: true, options: { distance: 'l2' } } as const;
    const liveAi = { type: 'INVERTED', name: 'ai', columns: ['s'], async: true, options: {} } as const;
    expect(diffTable(table('t', columns, { indexes: [av, ai] }), live(liveColumns, { indexes: [liveAi, liveAv] }))).toEqual([]);
  });

  it('an undeclared index is dropped; a changed one dropped and created again', () => {
    expect(diffTable(table('t', columns), live(liveColumns, { indexes: [liveVi] })).map((c) => c.statement!.compile())).toEqual(['DROP VECTOR INDEX vi ON t']);
    const l2 = vectorIndex('vi', ['v'], { distance: ['l2'], m: 16 });
    expect(diffTable(table('t', columns, { indexes: [l2] }), live(liveColumns, { indexes: [liveVi], rows: 0 })).map((c) => c.statement!.compile())).toEqual([
      'DROP VECTOR INDEX vi ON t',
      "CREATE VECTOR INDEX vi ON t (v) distance = 'l2' m = 16",
    ]);
    const ng = ngramIndex('ng', ['s'], { gramSize: 3 });
    const liveNg = { type: 'NGRAM', name: 'ng', columns: ['s'], async: false, options: { gram_size: '3' } } as const;
    expect(diffTable(table('t', columns, { indexes: [ng] }), live(liveColumns, { indexes: [liveNg] }))).toEqual([]);
  });

  it('an index over a column that is dropped or retyped is dropped before it (the engine refuses, 1111) and made again after', () => {
    const retyped = table('t', { id: int(), s: string().notNull(), v: vector(3) }, { indexes: [ii] });
    const liveIi = { type: 'INVERTED', name: 'ii', columns: ['s'], async: false, options: { tokenizer: 'english' } } as const;
    expect(diffTable(retyped, live(liveColumns, { indexes: [liveIi] })).map((c) => c.kind)).toEqual([
      'drop_index',
      'modify_column',
      'create_index',
      'refresh_index',
    ]);
    const dropped = table('t', { id: int(), v: vector(3) });
    expect(diffTable(dropped, live(liveColumns, { indexes: [liveIi] })).map((c) => c.kind)).toEqual(['drop_index', 'drop_column']);
  });

  it('a live table written without indexes leaves them alone', () => {
    const { indexes: _none, ...rest } = live(liveColumns);
    expect(diffTable(table('t', columns, { indexes: [vi] }), rest)).toEqual([]);
  });

  it('a live index that is no index is refused', () => {
    expect(() => diffTable(table('t', columns), live(liveColumns, { indexes: [{ ...liveVi, type: 'BTREE' as never }] }))).toThrow(
      /live.indexes\[0\].type must be/,
    );
  });
});

describe('diffTable: AUTOINCREMENT', () => {
  it('added, changed or removed is not doable in place, with the manual path', () => {
    const declared = table('t', { id: bigint().autoIncrement({ start: 1, step: 1 }) });
    const cases: [LiveColumn['autoIncrement'], string][] = [
      [undefined, 'column id: AUTOINCREMENT (1, 1) ORDER declared, none on the engine'],
      [{ start: 5, step: 2, order: true }, 'column id: AUTOINCREMENT (1, 1) ORDER declared, AUTOINCREMENT (5, 2) ORDER on the engine'],
    ];
    for (const [autoIncrement, summary] of cases) {
      const [change] = diffTable(declared, live([{ name: 'id', type: { kind: 'BIGINT' }, autoIncrement }]));
      expect(change).toMatchObject({ kind: 'not_in_place', summary, statement: undefined });
      expect(change!.manual).toMatch(/SWAP WITH/);
    }
    const plain = table('t', { id: bigint() });
    expect(diffTable(plain, live([{ name: 'id', type: { kind: 'BIGINT' }, autoIncrement: { start: 1, step: 1, order: true } }]))[0]).toMatchObject({
      kind: 'not_in_place',
      summary: 'column id: no AUTOINCREMENT declared, AUTOINCREMENT (1, 1) ORDER on the engine',
    });
  });

  it('the same AUTOINCREMENT: nothing; a new AUTOINCREMENT column is an ADD COLUMN', () => {
    const declared = table('t', { id: bigint().autoIncrement({ start: 1, step: 1 }), s: string() });
    expect(diffTable(declared, live([{ name: 'id', type: { kind: 'BIGINT' }, autoIncrement: { start: 1, step: 1, order: true } }, { name: 's' }]))).toEqual([]);
    expect(diffTable(declared, live([{ name: 's' }])).map((c) => c.statement!.compile())).toEqual([
      'ALTER TABLE t ADD COLUMN id BIGINT NULL AUTOINCREMENT (1, 1) FIRST',
    ]);
  });
});
