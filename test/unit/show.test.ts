import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  createStage,
  createStream,
  DescribeBuilder,
  describeConnection,
  describeStage,
  describeStream,
  describeTask,
  render,
  ShowBuilder,
  showConnections,
  showFileFormats,
  showStages,
  showStreams,
  showTasks,
  sql,
  table,
  string,
  type ConnectionRow,
  type FileFormatRow,
  type StageRow,
} from '../../src/index.js';
import { expectValidation } from '../support/expect-validation.js';

describe('SHOW', () => {
  it('renders SHOW STAGES with LIKE, WHERE and LIMIT', () => {
    expect(showStages().compile()).toBe('SHOW STAGES');
    expect(showStages().like('drive%').compile()).toBe("SHOW STAGES LIKE 'drive%'");
    expect(showStages().where(sql`stage_type = ${'External'}`).compile()).toBe("SHOW STAGES WHERE stage_type = 'External'");
    expect(showStages().limit(10).compile()).toBe('SHOW STAGES LIMIT 10');
    // LIMIT after the filter, whichever is called first (the grammar's order).
    expect(showStages().limit(1).like('frame_%').compile()).toBe("SHOW STAGES LIKE 'frame_%' LIMIT 1");
  });

  it('renders SHOW CONNECTIONS and SHOW FILE FORMATS', () => {
    expect(showConnections().compile()).toBe('SHOW CONNECTIONS');
    expect(showFileFormats().compile()).toBe('SHOW FILE FORMATS');
  });

  it('renders SHOW STREAMS with FULL, FROM, LIKE and WHERE', () => {
    expect(showStreams().compile()).toBe('SHOW STREAMS');
    expect(showStreams().full().compile()).toBe('SHOW FULL STREAMS');
    expect(showStreams().full().full(false).compile()).toBe('SHOW STREAMS');
    expect(showStreams().from('Lake').like('frame%').compile()).toBe(`SHOW STREAMS FROM "Lake" LIKE 'frame%'`);
    expect(showStreams().full().from('lake').where(sql`name = ${'s'}`).compile()).toBe("SHOW FULL STREAMS FROM lake WHERE name = 's'");
  });

  it('renders SHOW TASKS with LIKE and WHERE', () => {
    expect(showTasks().compile()).toBe('SHOW TASKS');
    expect(showTasks().like('task_%').compile()).toBe("SHOW TASKS LIKE 'task_%'");
    expect(showTasks().where(sql`state = ${'Started'}`).compile()).toBe("SHOW TASKS WHERE state = 'Started'");
  });

  it('takes LIKE or WHERE once, never replacing one silently', () => {
    expectValidation(() => showStages().like('a%').where(sql`true`), { reason: 'conflict', field: undefined, call: 'showStages().where()' });
    expectValidation(() => showTasks().where(sql`true`).like('a%'), { reason: 'conflict', field: undefined, call: 'showTasks().like()' });
    expectValidation(() => showStreams().like('a%').like('b%'), { reason: 'conflict', field: undefined, call: 'showStreams().like()' });
  });

  it('refuses bad input', () => {
    expectValidation(() => showStages().like(5 as never), { reason: 'invalid_type', field: 'pattern', call: 'showStages().like()' });
    expectValidation(() => showStages().like('\uD800'), { reason: 'not_exact', field: 'pattern' });
    // The engine pastes the pattern unescaped into the query it rewrites SHOW to: a quote would end the literal.
    expectValidation(() => showStages().like("x' OR '1' = '1"), { reason: 'not_exact', field: 'pattern' });
    expectValidation(() => showTasks().like('a\\%'), { reason: 'not_exact', field: 'pattern' });
    expectValidation(() => showStages().where('1 = 1' as never), { reason: 'invalid_type', field: 'condition' });
    expectValidation(() => showStages().limit(-1), { reason: 'too_small', field: 'count', call: 'showStages().limit()' });
    expectValidation(() => showStages().limit(1.5), { reason: 'invalid_type', field: 'count', call: 'showStages().limit()' });
    expectValidation(() => showStreams().from(''), { reason: 'too_small', field: 'database', call: 'showStreams().from()' });
    expectValidation(() => showStreams().full('yes' as never), { reason: 'invalid_type', field: 'value', call: 'showStreams().full()' });
  });

  it('refuses a node written by hand that the grammar does not take', () => {
    const node = showConnections().toNode();
    expectValidation(() => render({ ...node, filter: { kind: 'like', pattern: 'a' } }), { reason: 'invalid_type', field: 'statement', call: 'render()' });
    expectValidation(() => render({ ...showTasks().toNode(), limit: 1 }), { reason: 'invalid_type', field: 'statement' });
    expectValidation(() => render({ ...showStages().toNode(), full: true }), { reason: 'invalid_type', field: 'statement' });
    expectValidation(() => render({ ...showStages().toNode(), object: 'USERS' as never }), { reason: 'invalid_type', field: 'statement' });
    expectValidation(() => new ShowBuilder({ ...node, filter: { kind: 'where', condition: 'x' as never } }).compile(), {
      reason: 'invalid_type',
      field: 'statement',
    });
  });

  it('never changes the builder it was called on', () => {
    const stages = showStages();
    stages.like('a%');
    stages.limit(3);
    expect(stages.compile()).toBe('SHOW STAGES');
    const streams = showStreams();
    streams.full().from('x');
    expect(streams.compile()).toBe('SHOW STREAMS');
  });

  it('types the rows the engine returns', () => {
    expectTypeOf(showStages().$inferRow).toEqualTypeOf<StageRow>();
    expectTypeOf(showStages().like('a').limit(1).$inferRow).toEqualTypeOf<StageRow>();
    expectTypeOf(showConnections().$inferRow).toEqualTypeOf<ConnectionRow>();
    expectTypeOf(showFileFormats().$inferRow).toEqualTypeOf<FileFormatRow>();
    expectTypeOf(showTasks().$inferRow).toEqualTypeOf<Record<string, unknown>>();
    expectTypeOf(describeStage('s').$inferRow).toEqualTypeOf<StageRow>();
    expectTypeOf(describeConnection('c').$inferRow).toEqualTypeOf<ConnectionRow>();
  });
});

describe('DESC', () => {
  it('renders DESC STAGE, CONNECTION, STREAM and TASK', () => {
    expect(describeStage('my_internal_stage').compile()).toBe('DESC STAGE my_internal_stage');
    expect(describeStage(createStage('landing')).compile()).toBe('DESC STAGE landing');
    expect(describeConnection('toronto').compile()).toBe('DESC CONNECTION toronto');
    expect(describeStream('books_stream_2023').compile()).toBe('DESC STREAM books_stream_2023');
    expect(describeStream({ database: 'Lake', name: 's' }).compile()).toBe('DESC STREAM "Lake".s');
    const events = table('frame_events', { id: string() });
    expect(describeStream(createStream({ database: 'lake', name: 'events_stream' }).onTable(events)).compile()).toBe('DESC STREAM lake.events_stream');
    expect(describeTask('Task_Load').compile()).toBe('DESC TASK Task_Load');
  });

  it('refuses names the statements cannot take', () => {
    expectValidation(() => describeStage('my stage'), { reason: 'invalid_format', field: 'stage name', call: 'describeStage()' });
    expectValidation(() => describeStage('stage'), { reason: 'reserved', field: 'stage name' });
    expectValidation(() => describeConnection(7 as never), { reason: 'invalid_type', field: 'connection name', call: 'describeConnection()' });
    expectValidation(() => describeStream(''), { reason: 'too_small', field: 'stream name', call: 'describeStream()' });
    expectValidation(() => describeTask('if'), { reason: 'reserved', field: 'task name', call: 'describeTask()' });
    expectValidation(() => new DescribeBuilder({ kind: 'DescribeStmt', object: 'TABLE' as never, name: { name: 't' } }).compile(), {
      reason: 'invalid_type',
      field: 'statement',
    });
  });
});
