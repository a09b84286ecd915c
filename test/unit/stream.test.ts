import { describe, expect, it } from 'vitest';
import { frameEvents } from '../../examples/everdrive/tables.js';
import { sql } from '../../src/builders/sql.js';
import { createStream } from '../../src/builders/create-stream.js';
import { selectFromStream } from '../../src/builders/select-stream.js';
import { expectValidation } from '../support/expect-validation.js';

const stream = createStream('frame_events_stream').onTable(frameEvents);

describe('createStream', () => {
  it("renders the guide's statement", () => {
    expect(stream.orReplace().compile()).toBe('CREATE OR REPLACE STREAM frame_events_stream ON TABLE frame_events');
  });

  it('renders each clause', () => {
    expect(stream.compile()).toBe('CREATE STREAM frame_events_stream ON TABLE frame_events');
    expect(stream.ifNotExists().compile()).toBe('CREATE STREAM IF NOT EXISTS frame_events_stream ON TABLE frame_events');
    expect(stream.appendOnly(false).compile()).toBe('CREATE STREAM frame_events_stream ON TABLE frame_events APPEND_ONLY = FALSE');
    expect(stream.appendOnly().compile()).toBe('CREATE STREAM frame_events_stream ON TABLE frame_events APPEND_ONLY = TRUE');
    expect(stream.comment('new frames').compile()).toBe("CREATE STREAM frame_events_stream ON TABLE frame_events COMMENT = 'new frames'");
  });

  it('renders each starting point', () => {
    const at = (start: Parameters<typeof stream.at>[0]) =>
      stream
        .at(start)
        .compile()
        .replace(/^.* ON TABLE frame_events /, '');
    expect(at({ timestamp: sql`${new Date('2024-08-16T00:00:00Z')}` })).toBe("AT (TIMESTAMP => '2024-08-16 00:00:00.000000'::TIMESTAMP)");
    expect(at({ snapshot: '8d3c' })).toBe("AT (SNAPSHOT => '8d3c')");
    expect(at({ stream: 'other_stream' })).toBe('AT (STREAM => other_stream)');
    expect(at({ stream: { database: 'Raw', name: 'other' } })).toBe('AT (STREAM => "Raw".other)');
  });

  it('keeps the order AT, APPEND_ONLY, COMMENT', () => {
    expect(stream.comment('c').appendOnly(false).at({ snapshot: 's' }).orReplace().compile()).toBe(
      "CREATE OR REPLACE STREAM frame_events_stream ON TABLE frame_events AT (SNAPSHOT => 's') APPEND_ONLY = FALSE COMMENT = 'c'",
    );
  });

  it('quotes names that need it and escapes comments', () => {
    expect(createStream({ database: 'lake', name: 'Frame Stream' }).onTable('select').comment("it's a \\ path\nnext ✓").compile()).toBe(
      `CREATE STREAM lake."Frame Stream" ON TABLE "select" COMMENT = 'it\\'s a \\\\ path\\nnext ✓'`,
    );
  });

  it('exposes its name so it can be passed as a stream', () => {
    expect(stream.name).toBe('frame_events_stream');
    expect(selectFromStream(stream).compile()).toBe('SELECT * FROM frame_events_stream');
  });

  it('refuses invalid input with the rule', () => {
    expectValidation(() => createStream(''), { reason: 'too_small', field: 'stream name', call: "createStream('')" });
    expectValidation(() => createStream('s').onTable('bad\nname'), { reason: 'invalid_format', field: 'table name' });
    expectValidation(() => stream.at({} as never), { reason: 'missing', field: undefined, call: "createStream('frame_events_stream').at()" });
    expectValidation(() => stream.at({ snapshot: 'a', stream: 'b' } as never), { reason: 'conflict', field: undefined });
    expectValidation(() => stream.at({ timestamp: '2024-01-01' as never }), { reason: 'invalid_type', field: 'timestamp' });
    expectValidation(() => stream.at({ snapshot: '' }), { reason: 'too_small', field: 'snapshot' });
  });

  it('never changes the builder it was called on', () => {
    const before = stream.toNode();
    stream.orReplace().at({ snapshot: 'x' }).appendOnly(false).comment('c');
    expect(stream.toNode()).toBe(before);
    expect(stream.compile()).toBe('CREATE STREAM frame_events_stream ON TABLE frame_events');
    expect(Object.isFrozen(before)).toBe(true);
  });
});

describe('selectFromStream', () => {
  const read = selectFromStream('frame_events_stream');

  it("renders the guide's read, which does not consume", () => {
    expect(read.compile()).toBe('SELECT * FROM frame_events_stream');
  });

  it('consumes with WITH CONSUME', () => {
    expect(read.consume().compile()).toBe('SELECT * FROM frame_events_stream WITH CONSUME');
    expect(read.consume().consume(false).compile()).toBe('SELECT * FROM frame_events_stream');
  });

  it('renders columns, WHERE and LIMIT after WITH CONSUME', () => {
    expect(read.columns(['frame_id', 'change$action']).compile()).toBe('SELECT frame_id, "change$action" FROM frame_events_stream');
    expect(read.where(sql`risk_score > ${0.8}`).compile()).toBe('SELECT * FROM frame_events_stream WHERE risk_score > 0.8::DOUBLE');
    expect(read.limit(5).compile()).toBe('SELECT * FROM frame_events_stream LIMIT 5');
    expect(read.limit(5).where(sql`risk_score > ${0.8}`).consume().columns(['frame_id']).compile()).toBe(
      'SELECT frame_id FROM frame_events_stream WITH CONSUME WHERE risk_score > 0.8::DOUBLE LIMIT 5',
    );
  });

  it('escapes values in WHERE', () => {
    expect(read.where(sql`event_type = ${"o'brien\\\n"}`).compile()).toBe("SELECT * FROM frame_events_stream WHERE event_type = 'o\\'brien\\\\\\n'");
  });

  it('refuses invalid input with the rule', () => {
    expectValidation(() => read.columns([]), { reason: 'too_small', field: undefined, call: "selectFromStream('frame_events_stream').columns()" });
    expectValidation(() => read.limit(-1), { reason: 'too_small', field: undefined });
    expectValidation(() => read.limit(1.5), { reason: 'invalid_type', field: undefined });
    expectValidation(() => read.where('a > 1' as never), { reason: 'invalid_type', field: undefined });
    expectValidation(() => selectFromStream(' s'), { reason: 'invalid_format', field: 'stream name' });
  });

  it('never changes the builder it was called on', () => {
    read.consume().columns(['a']).where(sql`a`).limit(1);
    expect(read.compile()).toBe('SELECT * FROM frame_events_stream');
  });
});
