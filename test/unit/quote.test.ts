import { describe, expect, it } from 'vitest';
import { quoteIdentifier, quoteObjectName, quoteString } from '../../src/render/quote.js';
import { sql } from '../../src/builders/sql.js';

describe('quoteIdentifier', () => {
  it('leaves plain lower-case names bare', () => {
    expect(quoteIdentifier('frame_events')).toBe('frame_events');
    expect(quoteIdentifier('_x1')).toBe('_x1');
  });

  it('quotes reserved words, upper case, digits first and punctuation', () => {
    expect(quoteIdentifier('select')).toBe('"select"');
    expect(quoteIdentifier('stage')).toBe('"stage"');
    expect(quoteIdentifier('FrameId')).toBe('"FrameId"');
    expect(quoteIdentifier('1st')).toBe('"1st"');
    expect(quoteIdentifier('frame id')).toBe('"frame id"');
  });

  it('quotes every keyword of the engine, not only the reserved ones: bare, some change what a statement means', () => {
    expect(quoteIdentifier('current_date')).toBe('"current_date"');
    expect(quoteIdentifier('if')).toBe('"if"');
    expect(quoteIdentifier('table')).toBe('"table"');
    expect(quoteIdentifier('div')).toBe('"div"');
    expect(quoteIdentifier('date')).toBe('"date"');
    expect(quoteIdentifier('dates')).toBe('dates');
  });

  it('doubles embedded double quotes', () => {
    expect(quoteIdentifier('a"b')).toBe('"a""b"');
    expect(quoteIdentifier('"; DROP TABLE x; --')).toBe('"""; DROP TABLE x; --"');
  });

  it('renders database-qualified names', () => {
    expect(quoteObjectName({ database: 'everdrive', name: 'frame_events' })).toBe('everdrive.frame_events');
    expect(quoteObjectName({ name: 'Frame Events' })).toBe('"Frame Events"');
  });
});

describe('quoteString', () => {
  it('escapes quotes and backslashes, since Databend always honours backslash escapes', () => {
    expect(quoteString("it's")).toBe("'it\\'s'");
    expect(quoteString('C:\\new')).toBe("'C:\\\\new'");
    expect(quoteString("\\'")).toBe("'\\\\\\''");
  });

  it('escapes control characters and keeps unicode', () => {
    expect(quoteString('a\nb\r\tc\0')).toBe("'a\\nb\\r\\tc\\x00'");
    expect(quoteString('路测 🚗')).toBe("'路测 🚗'");
  });
});

describe('sql template', () => {
  it('renders interpolated values as escaped literals', () => {
    expect(sql`risk_score > ${0.8} AND event_type = ${"it's"}`.sql).toBe("risk_score > 0.8::DOUBLE AND event_type = 'it\\'s'");
    expect(sql`x IN (${true}, ${null}, ${12n})`.sql).toBe('x IN (TRUE, NULL, 12)');
    expect(sql`v = ${[1, 2]}`.sql).toBe('v = [1, 2]');
    expect(sql`j = ${{ a: "b'" }}`.sql).toBe(`j = PARSE_JSON('{"a":"b\\'"}')`);
    expect(sql`t = ${new Date('2024-08-16T10:00:00.123Z')}`.sql).toBe("t = '2024-08-16 10:00:00.123000'::TIMESTAMP");
  });

  it('inlines fragments and identifiers', () => {
    expect(sql`${sql.id('Frame ID')} = ${sql.raw('now()')}`.sql).toBe('"Frame ID" = now()');
  });
});
