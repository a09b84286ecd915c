import { describe, expect, it } from 'vitest';
import type { CopyIntoTableStmt } from '../../src/ast/copy.js';
import type { CreateTableStmt } from '../../src/ast/ddl.js';
import { isShared, share } from '../../src/ast/freeze.js';
import { copyInto, createTable, createTask, int, render, selectFromStage, selectFromStream, sql, string, table } from '../../src/index.js';

// What every statement over one declared table has in common is derived once, frozen and shared (ast/freeze.ts);
// the renderer memoises the text of shared data only. These tests pin both halves of that bargain.
const frames = table('frames', { frame_id: string().notNull(), frame_index: int() });

describe('the mark of shared data', () => {
  it('marks a value by a field no code can see, copy or give, and deep-freezes it', () => {
    const list = share([{ name: 'a' }, { name: 'b' }]);
    const record = share({ kind: 'x', items: [1, 2] });
    expect(isShared(list) && isShared(record)).toBe(true);
    expect(Object.isFrozen(list[0]) && Object.isFrozen(record.items)).toBe(true);
    // Nothing to see: no key, no symbol, the same JSON; nothing to copy: a copy made any way is not shared.
    expect(Reflect.ownKeys(record)).toEqual(['kind', 'items']);
    expect(Reflect.ownKeys(list)).toEqual(['0', '1', 'length']);
    expect(JSON.stringify(record)).toBe('{"kind":"x","items":[1,2]}');
    expect(isShared({ ...record })).toBe(false);
    expect(isShared([...list])).toBe(false);
    expect(isShared(Object.create(record))).toBe(false);
    expect(isShared(structuredClone(record))).toBe(false);
    // Its parts are frozen, not shared: only the value given is.
    expect(isShared(list[0]!)).toBe(false);
  });

  it('marks a value that was frozen already, and a value shared twice stays shared', () => {
    const frozen = Object.freeze({ kind: 'y' });
    expect(share(frozen)).toBe(frozen);
    expect(isShared(frozen)).toBe(true);
    const twice = share({ kind: 'z' });
    expect(share(twice)).toBe(twice);
    expect(isShared(twice)).toBe(true);
    expect(isShared({ kind: 'z' })).toBe(false);
    for (const value of [null, undefined, 1, 'text']) expect(isShared(value as never)).toBe(false);
  });
});

describe('shared table-derived data', () => {
  it('is derived once per table: two COPY statements share one frozen projection', () => {
    const a = copyInto(frames).fromStage('s', 'a/').toNode();
    const b = copyInto(frames).fromStage('s', 'b/').onError('CONTINUE').toNode();
    expect(a.source.kind === 'query' && b.source.kind === 'query').toBe(true);
    const projection = (n: CopyIntoTableStmt) => (n.source.kind === 'query' ? n.source.projection : undefined);
    expect(projection(a)).toBe(projection(b));
    expect(isShared(projection(a)!)).toBe(true);
    expect(Object.isFrozen(projection(a)![0])).toBe(true);
    expect(a.columns).toBe(b.columns);
  });

  it('is not shared when columns() or map() change the projection, and each renders its own SQL', () => {
    const whole = copyInto(frames).fromStage('s', 'a/');
    const some = whole.columns(['frame_id']);
    const mapped = whole.map({ frame_index: 'idx' });
    const projection = (n: CopyIntoTableStmt) => (n.source.kind === 'query' ? n.source.projection : []);
    expect(isShared(projection(some.toNode()))).toBe(false);
    expect(some.compile()).toContain('SELECT frame_id::STRING\n');
    expect(mapped.compile()).toContain('idx::INT');
    expect(whole.compile()).toContain('frame_index::INT\n');
  });

  it('CREATE TABLE statements of one table share its column definitions, and OR REPLACE does not leak between them', () => {
    const plain = createTable(frames);
    const replacing = plain.orReplace();
    expect(plain.toNode().columns).toBe(replacing.toNode().columns);
    expect(plain.compile().split('\n')[0]).toBe('CREATE TABLE frames (');
    expect(replacing.compile().split('\n')[0]).toBe('CREATE OR REPLACE TABLE frames (');
  });

  it('typed previews share the aliased projection, distinct from the COPY one', () => {
    const a = selectFromStage('s', 'a/').typedAs(frames).toNode();
    const b = selectFromStage('s', 'b/').typedAs(frames).limit(1).toNode();
    expect(a.projection).toBe(b.projection);
    const copy = copyInto(frames).fromStage('s', 'a/').toNode();
    expect(copy.source.kind === 'query' && copy.source.projection).not.toBe(a.projection);
  });
});

describe('the render memo', () => {
  it('renders unshared, hand-built statement data afresh every time', () => {
    const columns = [{ name: 'a', type: { kind: 'INT' }, nullable: true, default: undefined, comment: undefined }];
    const node = { ...createTable(frames).toNode(), columns } as unknown as CreateTableStmt;
    expect(render(node)).toContain('  a INT NULL\n');
    columns[0]!.name = 'b';
    expect(render(node)).toContain('  b INT NULL\n');
  });
});

describe('builders freeze what they hand out', () => {
  it('toNode() is deep-frozen, and a later fluent call leaves it as it was', () => {
    const copy = copyInto(frames).fromStage('s', 'a/').files(['x.parquet']);
    const node = copy.toNode();
    expect(Object.isFrozen(node)).toBe(true);
    expect(Object.isFrozen(node.files)).toBe(true);
    expect(Object.isFrozen(node.options)).toBe(true);
    copy.force();
    expect(copy.toNode()).toBe(node);
    expect(copy.compile()).toContain("FILES = ('x.parquet')");
  });

  it('copies the caller’s arrays: changing them after the call does not change the statement', () => {
    const files = ['x.parquet'];
    const copy = copyInto(frames).fromStage('s', 'a/').files(files);
    files.push('y.parquet');
    expect(copy.compile()).toMatch(/\nFILES = \('x\.parquet'\)$/);
  });
});

describe('task bodies are indented line by line', () => {
  it('keeps a U+2028 or a carriage return inside a hand-written fragment as it is', () => {
    const body = selectFromStream('s').where(sql.raw("note = 'a\u2028b' OR note = 'c\rd'"));
    const task = createTask('t').as(body).compile();
    expect(task).toBe(`CREATE TASK t\nAS\n  SELECT * FROM s WHERE note = 'a\u2028b' OR note = 'c\rd'`);
  });
});

describe('stage locations', () => {
  it('a location is checked on every call, and frozen with its statement; a bad one is refused every time', () => {
    const b = selectFromStage('s', 'same/').toNode();
    expect(b.location).toEqual({ stage: 's', path: 'same/' });
    expect(Object.isFrozen(b.location)).toBe(true);
    for (let i = 0; i < 2; i++) expect(() => selectFromStage('s', '../up/')).toThrow("a stage path must not contain '..' segments");
    expect(() => selectFromStage('s t', 'same/')).toThrow('stage name must be a plain identifier');
  });
});
