import { describe, expect, it } from 'vitest';
import { createTable } from '../../src/builders/create-table.js';
import { sql } from '../../src/builders/sql.js';
import { DATA_TYPE_NAMES } from '../../src/ast/data-types.js';
import { table } from '../../src/schema/table.js';
import * as t from '../../src/schema/column-types.js';
import { renderDataType } from '../../src/render/data-type.js';
import { expectValidation } from '../support/expect-validation.js';

describe('data types', () => {
  it('render as Databend spells them', () => {
    const cases: [t.TypeLikeColumn, string][] = [
      [t.boolean(), 'BOOLEAN'],
      [t.tinyint(), 'TINYINT'],
      [t.smallint(), 'SMALLINT'],
      [t.int(), 'INT'],
      [t.bigint(), 'BIGINT'],
      [t.tinyintUnsigned(), 'TINYINT UNSIGNED'],
      [t.smallintUnsigned(), 'SMALLINT UNSIGNED'],
      [t.intUnsigned(), 'INT UNSIGNED'],
      [t.bigintUnsigned(), 'BIGINT UNSIGNED'],
      [t.float(), 'FLOAT'],
      [t.double(), 'DOUBLE'],
      [t.decimal(38, 4), 'DECIMAL(38, 4)'],
      [t.decimal(10), 'DECIMAL(10, 0)'],
      [t.string(), 'STRING'],
      [t.binary(), 'BINARY'],
      [t.date(), 'DATE'],
      [t.timestamp(), 'TIMESTAMP'],
      [t.timestampTz(), 'TIMESTAMP_TZ'],
      [t.interval(), 'INTERVAL'],
      [t.variant(), 'VARIANT'],
      [t.array(t.string()), 'ARRAY(STRING)'],
      [t.array(t.array(t.int())), 'ARRAY(ARRAY(INT))'],
      [t.map(t.string(), t.double()), 'MAP(STRING, DOUBLE)'],
      [t.tuple(t.int(), t.string()), 'TUPLE(INT, STRING)'],
      [t.tuple({ lat: t.double(), Lon: t.double() }), 'TUPLE(lat DOUBLE, "Lon" DOUBLE)'],
      [t.bitmap(), 'BITMAP'],
      [t.geometry(), 'GEOMETRY'],
      [t.geography(), 'GEOGRAPHY'],
      [t.vector(4), 'VECTOR(4)'],
    ];
    for (const [column, expected] of cases) expect(renderDataType(column.spec.type)).toBe(expected);
    // Every type name has a constructor exercised above.
    const seen = new Set(cases.map(([c]) => c.spec.type.kind));
    expect([...DATA_TYPE_NAMES].filter((n) => !seen.has(n))).toEqual([]);
  });

  it('rejects types outside Databend limits with the rule', () => {
    expectValidation(() => t.vector(0), { reason: 'too_small', field: 'dimension', call: 'vector(0)' });
    expectValidation(() => t.vector(4097), { reason: 'too_big', field: 'dimension' });
    expectValidation(() => t.vector(2.5), { reason: 'invalid_type', field: 'dimension' });
    expectValidation(() => t.decimal(80, 2), { reason: 'too_big', field: 'precision', call: 'decimal(80, 2)' });
    expectValidation(() => t.decimal(10, 11), { reason: 'too_big', field: 'scale' });
    expectValidation(() => t.map(t.variant(), t.int()), { reason: 'invalid_value', field: undefined });
    expectValidation(() => t.tuple(), { reason: 'too_small', field: undefined });
  });
});

describe('columns', () => {
  it('are immutable: modifiers return new columns', () => {
    const base = t.string();
    const strict = base.notNull();
    expect(base.spec.nullable).toBe(true);
    expect(strict.spec.nullable).toBe(false);
    expect(strict.nullable().spec.nullable).toBe(true);
    expect(Object.isFrozen(base.spec)).toBe(true);
  });
});

describe('table()', () => {
  const sessions = table(
    'drive_sessions',
    {
      session_id: t.string().notNull().comment('one road test'),
      weather: t.string().default('clear'),
      started: t.timestamp().default(sql`now()`),
      tags: t.array(t.string()).default(['a', "b'c"]),
      attrs: t.map(t.string(), t.int()).default({ k: 1 }),
      point: t.tuple({ lat: t.double(), lon: t.double() }).default({ lat: 1.5, lon: 2 }),
      extra: t.variant().default({ a: [1] }),
      score: t.decimal(5, 2).default('1.50'),
      day: t.date().default(new Date('2024-08-16T00:00:00Z')),
      emb: t.vector(2).default([0.5, 1]),
    },
    { clusterBy: { columns: ['session_id'], type: 'LINEAR' }, comment: "EverDrive's sessions", engineOptions: { block_per_segment: 1000 } },
  );

  it('renders CREATE TABLE with every column clause', () => {
    expect(createTable(sessions).compile()).toBe(
      [
        'CREATE TABLE drive_sessions (',
        "  session_id STRING NOT NULL COMMENT 'one road test',",
        "  weather STRING NULL DEFAULT 'clear',",
        '  started TIMESTAMP NULL DEFAULT now(),',
        "  \"tags\" ARRAY(STRING) NULL DEFAULT ['a', 'b\\'c'],",
        "  attrs MAP(STRING, INT) NULL DEFAULT {'k': 1},",
        '  point TUPLE(lat DOUBLE, lon DOUBLE) NULL DEFAULT (1.5, 2),',
        `  extra VARIANT NULL DEFAULT PARSE_JSON('{"a":[1]}'),`,
        "  score DECIMAL(5, 2) NULL DEFAULT '1.50',",
        '  "day" DATE NULL DEFAULT \'2024-08-16\',',
        '  emb VECTOR(2) NULL DEFAULT [0.5, 1]::VECTOR(2)',
        ')',
        'CLUSTER BY LINEAR (session_id)',
        "block_per_segment = 1000 COMMENT = 'EverDrive\\'s sessions'",
      ].join('\n'),
    );
  });

  it('renders OR REPLACE, IF NOT EXISTS, TRANSIENT and a database', () => {
    const t1 = table('t', { a: t.int() }, { database: 'everdrive', transient: true });
    expect(createTable(t1).compile()).toBe('CREATE TRANSIENT TABLE everdrive.t (\n  a INT NULL\n)');
    expect(createTable(t1).orReplace().compile().split('\n')[0]).toBe('CREATE OR REPLACE TRANSIENT TABLE everdrive.t (');
    expect(createTable(t1).ifNotExists().compile().split('\n')[0]).toBe('CREATE TRANSIENT TABLE IF NOT EXISTS everdrive.t (');
    expect(createTable(t1).transient(false).compile().split('\n')[0]).toBe('CREATE TABLE everdrive.t (');
    expect(createTable(t1).comment('x').compile().endsWith("\nCOMMENT = 'x'")).toBe(true);
  });

  it('quotes names that need it', () => {
    const odd = table('Frame Events', { select: t.int(), 'a"b': t.int() });
    expect(createTable(odd).compile()).toBe('CREATE TABLE "Frame Events" (\n  "select" INT NULL,\n  "a""b" INT NULL\n)');
  });

  it('keeps builders immutable', () => {
    const base = createTable(sessions);
    const before = JSON.stringify(base.toNode());
    base.orReplace();
    base.transient();
    expect(JSON.stringify(base.toNode())).toBe(before);
    expect(Object.isFrozen(base.toNode())).toBe(true);
    expect(Object.isFrozen(base.toNode().columns[0])).toBe(true);
  });

  it('rejects bad declarations before any SQL exists', () => {
    expectValidation(() => table('', { a: t.int() }), { reason: 'too_small', field: 'table name', call: "table('')" });
    expectValidation(() => table('t', {}), { reason: 'too_small', field: undefined, call: "table('t')" });
    expectValidation(() => table('t', { 'a\nb': t.int() }), { reason: 'invalid_format', field: "column name 'a\nb'" });
    expectValidation(() => table('t', { ' a': t.int() }), { reason: 'invalid_format', field: "column name ' a'" });
    expectValidation(() => table('t', { a: t.int() }, { clusterBy: ['b' as 'a'] }), { reason: 'unknown_key', field: 'clusterBy' });
    expectValidation(() => table('x'.repeat(256), { a: t.int() }), { reason: 'too_big', field: 'table name' });
  });
});
