import { describe, expect, it } from 'vitest';
import { insertInto } from '../../src/builders/insert.js';
import { sql } from '../../src/builders/sql.js';
import { createStream } from '../../src/builders/create-stream.js';
import { renderExpression } from '../../src/render/expression.js';
import { render } from '../../src/render/index.js';
import { table } from '../../src/schema/table.js';
import type { SelectStageStmt } from '../../src/ast/stage.js';
import * as t from '../../src/schema/column-types.js';
import { riskyFrames } from '../support/tables.js';
import { expectValidation } from '../support/expect-validation.js';

const frameEvents = table('frame_events', { frame_id: t.string().notNull(), risk_score: t.double(), payload: t.variant() });

describe('insertInto().fromStream()', () => {
  const insert = insertInto(riskyFrames).fromStream('frame_events_stream');

  it('selects the target columns from the stream', () => {
    expect(insert.compile()).toBe(['INSERT INTO risky_frames (frame_id, risk_score)', 'SELECT frame_id, risk_score FROM frame_events_stream'].join('\n'));
  });

  it('renders WHERE, a column subset and OVERWRITE', () => {
    expect(insert.where(sql`risk_score > ${0.8}`).compile().split('\n')[1]).toBe(
      'SELECT frame_id, risk_score FROM frame_events_stream WHERE risk_score > 0.8::DOUBLE',
    );
    expect(insert.columns(['frame_id']).compile()).toBe(['INSERT INTO risky_frames (frame_id)', 'SELECT frame_id FROM frame_events_stream'].join('\n'));
    expect(insert.overwrite().compile().split('\n')[0]).toBe('INSERT OVERWRITE INTO risky_frames (frame_id, risk_score)');
  });

  it('maps a column from another column or an expression', () => {
    expect(insert.map({ frame_id: 'Frame ID', risk_score: sql`risk_score * 100` }).compile().split('\n')[1]).toBe(
      'SELECT "Frame ID", risk_score * 100 FROM frame_events_stream',
    );
  });

  it('takes a stream builder and a qualified stream', () => {
    const stream = createStream({ database: 'lake', name: 'frame_events_stream' }).onTable(frameEvents);
    expect(insertInto(riskyFrames).fromStream(stream).compile().split('\n')[1]).toBe('SELECT frame_id, risk_score FROM lake.frame_events_stream');
  });
});

describe('insertInto().values()', () => {
  const events = table('events', { id: t.int(), name: t.string(), ts: t.timestamp() });

  it('writes the rows, the columns those the rows give in the table order', () => {
    expect(
      insertInto(events)
        .values([
          { name: "it's", id: 1 },
          { id: 2, name: null },
        ])
        .compile(),
    ).toBe("INSERT INTO events (id, name)\nVALUES (1, 'it\\'s'), (2, NULL)");
    expect(
      insertInto(events)
        .values([{ ts: sql`CURRENT_TIMESTAMP` }])
        .overwrite()
        .compile(),
    ).toBe('INSERT OVERWRITE INTO events (ts)\nVALUES (CURRENT_TIMESTAMP)');
  });

  it('refuses no rows, rows of other columns, unknown columns and values of another type', () => {
    expectValidation(() => insertInto(events).values([]), { reason: 'too_small', field: 'rows' });
    expectValidation(() => insertInto(events).values([{ id: 1 }, { name: 'x' }]), { reason: 'conflict', field: 'rows[1]' });
    expectValidation(() => insertInto(events).values([{ id: 1 }, { id: 2, name: 'x' }]), { reason: 'conflict', field: 'rows[1]' });
    expectValidation(() => insertInto(events).values([{ nope: 1 } as never]), { reason: 'unknown_key', field: 'nope' });
    expectValidation(() => insertInto(events).values([{ id: 'one' as never }]), { reason: 'invalid_format', field: 'id' });
    expectValidation(() => insertInto(events).values('x' as never), { reason: 'invalid_type', field: 'rows' });
  });
});

describe('insertInto().fromTable()', () => {
  it('selects the target columns from the table', () => {
    expect(insertInto(riskyFrames).fromTable(frameEvents).where(sql`risk_score > ${0.8}`).compile()).toBe(
      ['INSERT INTO risky_frames (frame_id, risk_score)', 'SELECT frame_id, risk_score FROM frame_events WHERE risk_score > 0.8::DOUBLE'].join('\n'),
    );
    expect(insertInto(riskyFrames).fromTable('Raw Frames').compile().split('\n')[1]).toBe('SELECT frame_id, risk_score FROM "Raw Frames"');
  });
});

describe('insertInto().fromStage()', () => {
  const load = insertInto(frameEvents).fromStage('drive_stage', 'frame-events/');

  it('builds a SELECT over the staged files with the casts of COPY', () => {
    const node = load.fileFormat('PARQUET').pattern('.*[.]parquet').where(sql`risk_score > ${0.8}`).toNode();
    expect(node.columns).toEqual(['frame_id', 'risk_score', 'payload']);
    expect(node.source).toEqual({
      kind: 'SelectStageStmt',
      projection: [
        { expression: { kind: 'Cast', expression: { kind: 'ColumnRef', name: 'frame_id' }, type: { kind: 'STRING' } }, alias: undefined },
        { expression: { kind: 'Cast', expression: { kind: 'ColumnRef', name: 'risk_score' }, type: { kind: 'DOUBLE' } }, alias: undefined },
        { expression: { kind: 'ColumnRef', name: 'payload' }, alias: undefined },
      ],
      location: { stage: 'drive_stage', path: 'frame-events/' },
      options: { fileFormat: 'PARQUET', pattern: '.*[.]parquet', files: undefined },
      alias: undefined,
      where: { kind: 'SqlFragment', sql: 'risk_score > 0.8::DOUBLE' },
      limit: undefined,
    });
  });

  it('renders the INSERT head, then the staged SELECT', () => {
    const insert = load.columns(['frame_id']).where(sql`risk_score > ${0.8}`);
    const [head, ...select] = insert.compile().split('\n');
    expect(head).toBe('INSERT INTO frame_events (frame_id)');
    expect(select.join('\n')).toBe(render(insert.toNode().source as SelectStageStmt));
  });

  it("reads a path holding a space through the quoted location, '@stage/path'", () => {
    expect(insertInto(frameEvents).fromStage('drive_stage', 'frame events/').fileFormat('PARQUET').compile().split('\n').at(-1)).toBe(
      "FROM '@drive_stage/frame events/' (FILE_FORMAT => 'PARQUET')",
    );
  });

  it('records FILES, a named format and a mapping', () => {
    const node = load.files(['a.parquet']).fileFormat({ formatName: 'everdrive_parquet' }).map({ frame_id: 'id' }).toNode();
    expect(node.source.kind === 'SelectStageStmt' && node.source.options).toEqual({
      fileFormat: 'everdrive_parquet',
      pattern: undefined,
      files: ['a.parquet'],
    });
    expect(node.source.kind === 'SelectStageStmt' && renderExpression(node.source.projection[0]!.expression)).toBe('id::STRING');
  });

  it('refuses FILES together with PATTERN, and invalid formats', () => {
    expectValidation(() => load.files(['a']).pattern('.*'), { reason: 'conflict', field: undefined, call: "insertInto('frame_events').pattern()" });
    expectValidation(() => load.pattern('.*').files(['a']), { reason: 'conflict', field: undefined, call: "insertInto('frame_events').files()" });
    expectValidation(() => load.fileFormat('XML' as never), { reason: 'invalid_value', field: 'format', call: "insertInto('frame_events').fileFormat()" });
    expectValidation(() => load.fileFormat({ formatName: '' }), {
      reason: 'invalid_format',
      field: 'formatName',
      call: "insertInto('frame_events').fileFormat()",
    });
  });
});

describe('insertInto: validation and immutability', () => {
  it('refuses unknown columns in columns() and map()', () => {
    expectValidation(
      () =>
        insertInto(riskyFrames)
          .fromStream('s')
          .columns(['nope' as never]),
      { reason: 'unknown_key', field: 'nope', call: "insertInto('risky_frames').columns()" },
    );
    expectValidation(
      () =>
        insertInto(riskyFrames)
          .fromStream('s')
          .map({ nope: 'x' } as never),
      { reason: 'unknown_key', field: 'nope' },
    );
    expectValidation(
      () =>
        insertInto(riskyFrames)
          .fromStream('s')
          .where('1' as never),
      { reason: 'invalid_type', field: undefined },
    );
    expectValidation(() => insertInto(riskyFrames).fromStream(''), {
      reason: 'too_small',
      field: 'stream name',
      call: "insertInto('risky_frames').fromStream()",
    });
  });

  it('refuses a mapping key that is not among the chosen columns, from a stream, a table or a stage', () => {
    expectValidation(() => insertInto(riskyFrames).fromStream('s').columns(['frame_id']).map({ frame_id: 'id', risk_score: 'score' }), {
      reason: 'conflict',
      field: 'risk_score',
      call: "insertInto('risky_frames').map()",
    });
    expectValidation(() => insertInto(riskyFrames).fromTable('t').map({ risk_score: 'score' }).columns(['frame_id']), {
      reason: 'conflict',
      field: 'risk_score',
      call: "insertInto('risky_frames').columns()",
    });
    expectValidation(() => insertInto(riskyFrames).fromStage('s', 'p/').columns(['frame_id']).map({ risk_score: sql`$2` }), {
      reason: 'conflict',
      field: 'risk_score',
      call: "insertInto('risky_frames').map()",
    });
    expect(insertInto(riskyFrames).fromStream('s').columns(['risk_score']).map({ risk_score: 'score' }).compile()).toBe(
      ['INSERT INTO risky_frames (risk_score)', 'SELECT score FROM s'].join('\n'),
    );
  });

  it('never changes the builder it was called on', () => {
    const insert = insertInto(riskyFrames).fromStream('frame_events_stream');
    const before = insert.toNode();
    insert.columns(['frame_id']).where(sql`1 = 1`).overwrite().map({ frame_id: 'x' });
    expect(insert.toNode()).toBe(before);
    expect(insert.compile()).toBe(['INSERT INTO risky_frames (frame_id, risk_score)', 'SELECT frame_id, risk_score FROM frame_events_stream'].join('\n'));
  });
});
