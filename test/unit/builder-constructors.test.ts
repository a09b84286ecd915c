import { describe, expect, it } from 'vitest';
import { CopyIntoTableBuilder, copyInto, createStage, ListStageBuilder, listStage, render, table, string, ValidationError } from '../../src/index.js';

// A builder method hands the node it has just made to the next builder's constructor by identity (made() in
// builders/statement-builder.ts), so that the constructor need not read its kind: these pin that a node from anywhere
// else is still checked, whatever the SDK made just before.
describe('builder constructors', () => {
  const t = table('t', { a: string() });
  const stage = createStage('s').url('s3://b/');

  // First in the file: the check keeps the kind it last found, which once started undefined, so that an object
  // without a kind passed until some node had been checked.
  it('render() and a constructor refuse an object without a kind before any node was checked', () => {
    expect(() => render({} as never)).toThrow(/^render\(\): statement must be a statement node/);
    expect(() => new ListStageBuilder({} as never)).toThrow(/^new ListStageBuilder\(\): node must be a statement node/);
  });

  it('refuse what is no statement node right after a builder method made one', () => {
    for (const bad of [undefined, null, 'LIST @s', 42, {}, { kind: 'NotAStatement' }]) {
      listStage(stage, 'p/');
      expect(() => new ListStageBuilder(bad as never)).toThrow(ValidationError);
      copyInto(t).fromStage(stage, 'p/').fileFormat({ type: 'PARQUET' });
      expect(() => new CopyIntoTableBuilder(bad as never, t)).toThrow(ValidationError);
    }
  });

  it('name the constructor called in the refusal', () => {
    listStage(stage, 'p/');
    expect(() => new ListStageBuilder({ kind: 'nope' } as never)).toThrow(/^new ListStageBuilder\(\): node must be a statement node/);
  });

  it('adopt a node written by hand, and one a builder handed out', () => {
    const node = listStage(stage, 'p/').toNode();
    expect(new ListStageBuilder(node).compile()).toBe('LIST @s/p/');
    expect(new ListStageBuilder({ kind: 'ListStageStmt', location: { stage: 's', path: 'q/' }, pattern: undefined }).compile()).toBe('LIST @s/q/');
  });
});
