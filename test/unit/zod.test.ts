import { describe, expect, it } from 'vitest';
import { insertSchema, selectSchema } from '../../src/schema/zod.js';
import { table } from '../../src/schema/table.js';
import * as t from '../../src/schema/column-types.js';

const frames = table('frames', {
  frame_id: t.string().notNull(),
  frame_index: t.int().notNull(),
  tiny: t.tinyintUnsigned(),
  big: t.bigintUnsigned(),
  risk_score: t.double(),
  price: t.decimal(5, 2),
  captured_at: t.timestamp().notNull(),
  payload: t.variant(),
  embedding: t.vector(4),
  labels: t.array(t.string()),
  attrs: t.map(t.string(), t.int()),
  point: t.tuple({ lat: t.double(), lon: t.double() }),
  pair: t.tuple(t.int(), t.string()),
  blob: t.binary(),
  stage: t.string().notNull().default('raw'),
});

const validRow = {
  frame_id: 'f1',
  frame_index: 7,
  tiny: 255,
  big: 2n ** 64n - 1n,
  risk_score: 0.5,
  price: '123.45',
  captured_at: new Date('2024-08-16T10:00:00Z'),
  payload: { detections: [{ label: 'pedestrian' }] },
  embedding: [0.1, 0.2, 0.3, 0.4],
  labels: ['a', null],
  attrs: { k: 1, n: null },
  point: { lat: 1, lon: 2 },
  pair: [1, 'x'],
  blob: new Uint8Array([1, 2]),
  stage: 'raw',
};

function issuePaths(result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }): string[] {
  return (result.error?.issues ?? []).map((i) => i.path.join('.'));
}

describe('selectSchema', () => {
  const schema = selectSchema(frames);

  it('accepts a row as the client returns it', () => {
    expect(schema.parse(validRow)).toEqual(validRow);
  });

  it('accepts NaN, the infinities and -0 in FLOAT and DOUBLE columns, values the engine stores', () => {
    const numbers = table('numbers', { f: t.float(), d: t.double() });
    for (const value of [NaN, Infinity, -Infinity, -0, 5e-324]) {
      expect(selectSchema(numbers).safeParse({ f: value, d: value }).success).toBe(true);
      expect(insertSchema(numbers).safeParse({ f: value, d: value }).success).toBe(true);
    }
    expect(selectSchema(numbers).safeParse({ f: '1', d: 1 }).success).toBe(false);
  });

  it('names the field and the rule of each bad value', () => {
    const result = schema.safeParse({
      ...validRow,
      frame_index: 2 ** 31,
      tiny: -1,
      price: '1234.5',
      embedding: [1, 2, 3],
      captured_at: null,
      extra: 1,
    });
    expect(result.success).toBe(false);
    expect(issuePaths(result).sort()).toEqual(['', 'captured_at', 'embedding', 'frame_index', 'price', 'tiny']);
    const messages = result.error!.issues.map((i) => i.message).join('\n');
    expect(messages).toContain('must be an integer from -2147483648 to 2147483647 (INT)');
    expect(messages).toContain('must have exactly 4 numbers (VECTOR(4))');
    expect(messages).toContain('must be a DECIMAL(5, 2) value');
  });

  it('allows NULL only in nullable columns', () => {
    expect(schema.safeParse({ ...validRow, risk_score: null }).success).toBe(true);
    expect(issuePaths(schema.safeParse({ ...validRow, frame_id: null }))).toEqual(['frame_id']);
  });
});

describe('insertSchema', () => {
  const schema = insertSchema(frames);

  it('lets nullable and defaulted columns be left out', () => {
    const row = { frame_id: 'f', frame_index: 1, captured_at: '2024-08-16 10:00:00.123456' };
    expect(schema.parse(row)).toEqual(row);
  });

  it('accepts the wider insert values: decimals as numbers, bigints for BIGINT', () => {
    expect(schema.safeParse({ frame_id: 'f', frame_index: 1, captured_at: new Date(), price: 12.5, big: 5 }).success).toBe(true);
    expect(issuePaths(schema.safeParse({ frame_id: 'f', frame_index: 1, captured_at: new Date(), price: 0.125 }))).toEqual(['price']);
    expect(issuePaths(schema.safeParse({ frame_id: 'f', frame_index: 1, captured_at: 'yesterday' }))).toEqual(['captured_at']);
  });

  it('requires NOT NULL columns without a default', () => {
    expect(issuePaths(schema.safeParse({ frame_id: 'f', captured_at: new Date() }))).toEqual(['frame_index']);
  });
});
