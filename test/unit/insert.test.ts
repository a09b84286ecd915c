import { describe, expect, it } from 'vitest';
import { insertInto } from '../../src/builders/insert.js';
import { sql } from '../../src/builders/sql.js';
import { createStream } from '../../src/builders/create-stream.js';
import { ValidationError } from '../../src/errors.js';
import { renderExpression } from '../../src/render/expression.js';
import { render } from '../../src/render/index.js';
import { table } from '../../src/schema/table.js';
import * as t from '../../src/schema/column-types.js';
import { riskyFrames } from '../support/tables.js';

const frameEvents = table('frame_events', { frame_id: t.string().notNull(), risk_score: t.double(), payload: t.variant() });

describe('insertInto().fromStream()', () => {
  const insert = insertInto(riskyFrames).fromStream('frame_events_stream');

  it('selects the target columns from the stream', () => {
    expect(insert.compile()).toBe(['INSERT INTO risky_frames (frame_id, risk_score)', 'SELECT frame_id, risk_score FROM frame_events_stream'].join('\n'));
  });

  it('renders WHERE, a column subset and OVERWRITE', () => {
    expect(insert.where(sql`risk_score > ${0.8}`).compile().split('\n')[1]).toBe('SELECT frame_id, risk_score FROM frame_events_stream WHERE risk_score > 0.8::DOUBLE');
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
    expect(select.join('\n')).toBe(render(insert.toNode().source));
  });

  it("reads a path holding a space through the quoted location, '@stage/path'", () => {
    expect(insertInto(frameEvents).fromStage('drive_stage', 'frame events/').fileFormat('PARQUET').compile().split('\n').at(-1)).toBe(
      "FROM '@drive_stage/frame events/' (FILE_FORMAT => 'PARQUET')",
    );
  });

  it('records FILES, a named format and a mapping', () => {
    const node = load.files(['a.parquet']).fileFormat({ formatName: 'everdrive_parquet' }).map({ frame_id: 'id' }).toNode();
    expect(node.source.kind === 'SelectStageStmt' && node.source.options).toEqual({ fileFormat: 'everdrive_parquet', pattern: undefined, files: ['a.parquet'] });
    expect(renderExpression(node.source.projection[0]!.expression)).toBe('id::STRING');
  });

  it('refuses FILES together with PATTERN, and invalid formats', () => {
    const rule = 'FILES and PATTERN cannot be used together: list the files or match them, not both';
    expect(() => load.files(['a']).pattern('.*')).toThrow(new ValidationError('conflict', "insertInto('frame_events').pattern()", rule));
    expect(() => load.pattern('.*').files(['a'])).toThrow(new ValidationError('conflict', "insertInto('frame_events').files()", rule));
    expect(() => load.fileFormat('XML' as never)).toThrow("insertInto('frame_events').fileFormat(): file format TYPE must be one of CSV, TSV, NDJSON, PARQUET, ORC, AVRO");
    expect(() => load.fileFormat({ formatName: '' })).toThrow("insertInto('frame_events').fileFormat(): formatName must be a plain identifier (a letter or _ followed by letters, digits or _)");
  });
});

describe('insertInto: validation and immutability', () => {
  it('refuses unknown columns in columns() and map()', () => {
    expect(() => insertInto(riskyFrames).fromStream('s').columns(['nope' as never])).toThrow(
      new ValidationError('unknown_key', "insertInto('risky_frames').columns()", "'nope' is not a column of risky_frames", 'nope'),
    );
    expect(() => insertInto(riskyFrames).fromStream('s').map({ nope: 'x' } as never)).toThrow("'nope' is not a column of risky_frames");
    expect(() => insertInto(riskyFrames).fromStream('s').where('1' as never)).toThrow('WHERE takes an sql`` expression');
    expect(() => insertInto(riskyFrames).fromStream('')).toThrow("insertInto('risky_frames').fromStream(): stream name must be a non-empty string");
  });

  it('refuses a mapping key that is not among the chosen columns, from a stream, a table or a stage', () => {
    const rule = "map() key 'risk_score' is not among the columns chosen with columns() (frame_id): a mapping key must be one of the chosen columns, or its source is ignored";
    expect(() => insertInto(riskyFrames).fromStream('s').columns(['frame_id']).map({ frame_id: 'id', risk_score: 'score' })).toThrow(
      new ValidationError('conflict', "insertInto('risky_frames').map()", rule, 'risk_score'),
    );
    expect(() => insertInto(riskyFrames).fromTable('t').map({ risk_score: 'score' }).columns(['frame_id'])).toThrow(
      new ValidationError('conflict', "insertInto('risky_frames').columns()", rule, 'risk_score'),
    );
    expect(() => insertInto(riskyFrames).fromStage('s', 'p/').columns(['frame_id']).map({ risk_score: sql`$2` })).toThrow(
      new ValidationError('conflict', "insertInto('risky_frames').map()", rule, 'risk_score'),
    );
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
