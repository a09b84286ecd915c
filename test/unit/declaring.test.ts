import { describe, expect, it } from 'vitest';
import { isShared } from '../../src/ast/freeze.js';
import { Column, createTable, selectFromStage, string, Table, table, ValidationError, variant } from '../../src/index.js';

// Declaring a table checks each value once and keeps what it derives with the table (schema/column.ts, table.ts):
// these pin that the shortcuts trust only what the constructors made.
describe('declaring tables', () => {
  it('a column method called on an object that only looks like a column checks the whole spec', () => {
    const lookAlike = { spec: { type: { kind: 'INT) ; DROP TABLE t; --' }, nullable: true, default: undefined, comment: undefined } };
    expect(() => Column.prototype.notNull.call(lookAlike as never)).toThrow(ValidationError);
    expect(() => Column.prototype.comment.call(lookAlike as never, 'c')).toThrow(ValidationError);
  });

  it('a chain keeps checking the value each step is given, and keeps its specs frozen', () => {
    expect(() =>
      string()
        .notNull()
        .comment(42 as never),
    ).toThrow(ValidationError);
    const column = string().notNull().comment('rig');
    expect(column.spec).toEqual({ type: { kind: 'STRING' }, nullable: false, default: undefined, comment: 'rig' });
    expect(Object.isFrozen(column.spec)).toBe(true);
    expect(Object.isFrozen(column.spec.type)).toBe(true);
  });

  it('an object shaped like a table, or made from its prototype, is no declared table', () => {
    const declared = table('t', { a: string() });
    const shaped = { name: 't', columns: declared.columns, options: {} };
    expect(() => createTable(shaped as never)).toThrow(ValidationError);
    expect(() => createTable(Object.create(Table.prototype) as never)).toThrow(ValidationError);
    expect(createTable(declared).compile()).toBe('CREATE TABLE t (\n  a STRING NULL\n)');
  });

  it('what a table derives is kept once per table, frozen, and not mixed up between tables', () => {
    const a = table('a', { x: string().notNull(), doc: variant() });
    const b = table('b', { x: string().notNull(), doc: variant() });
    const nodeA = createTable(a).toNode();
    expect(createTable(a).toNode().columns).toBe(nodeA.columns);
    expect(createTable(b).toNode().columns).not.toBe(nodeA.columns);
    expect(isShared(nodeA.columns)).toBe(true);
    expect(Object.isFrozen(nodeA) && Object.isFrozen(nodeA.columns[0])).toBe(true);
    const preview = selectFromStage('s', 'a/').typedAs(a).toNode();
    expect(Object.isFrozen(preview.projection[0]) && Object.isFrozen(preview.projection[0]!.expression)).toBe(true);
    expect(selectFromStage('s', 'b/').typedAs(b).compile()).toBe('SELECT x::STRING AS x,\n       doc::VARIANT AS doc\nFROM @s/b/');
  });
});
