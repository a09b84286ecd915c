import { describe, expect, it } from 'vitest';
import { dropStream, dropTable, dropTask } from '../../src/builders/drop.js';
import { createStream } from '../../src/builders/create-stream.js';
import { table } from '../../src/schema/table.js';
import * as t from '../../src/schema/column-types.js';
import { expectValidation } from '../support/expect-validation.js';

const frameEvents = table('frame_events', { frame_id: t.string() }, { database: 'Lake' });

describe('drop', () => {
  it('renders DROP TABLE', () => {
    expect(dropTable(frameEvents).compile()).toBe('DROP TABLE "Lake".frame_events');
    expect(dropTable('frame_events').ifExists().compile()).toBe('DROP TABLE IF EXISTS frame_events');
    expect(dropTable('Frame "Events"').compile()).toBe('DROP TABLE "Frame ""Events"""');
  });

  it('renders DROP STREAM', () => {
    expect(dropStream('frame_events_stream').compile()).toBe('DROP STREAM frame_events_stream');
    expect(dropStream({ database: 'lake', name: 'frame_events_stream' }).ifExists().compile()).toBe('DROP STREAM IF EXISTS lake.frame_events_stream');
    expect(dropStream(createStream('s').onTable(frameEvents)).compile()).toBe('DROP STREAM s');
  });

  it('renders DROP TASK', () => {
    expect(dropTask('task_load').compile()).toBe('DROP TASK task_load');
    expect(dropTask('task_load').ifExists().compile()).toBe('DROP TASK IF EXISTS task_load');
    // Bare, case kept, as CREATE TASK names it; `task` is a reserved word, refused.
    expect(dropTask('Task_Load').compile()).toBe('DROP TASK Task_Load');
    expectValidation(() => dropTask('task'), { reason: 'reserved', field: 'task name', call: 'dropTask()' });
  });

  it('refuses invalid names', () => {
    expectValidation(() => dropTable(''), { reason: 'too_small', field: 'table name', call: 'dropTable()' });
    expectValidation(() => dropStream('a\u0000b'), { reason: 'invalid_format', field: 'stream name', call: 'dropStream()' });
    expectValidation(() => dropTask(' t'), { reason: 'invalid_format', field: 'task name', call: 'dropTask()' });
  });

  it('never changes the builder it was called on', () => {
    const drop = dropTable('frame_events');
    drop.ifExists();
    expect(drop.compile()).toBe('DROP TABLE frame_events');
  });
});
