import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects, parquetSchema } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_TYPES, formatMicros, generateBatch, writeBatch, type EverDriveBatch } from '../../examples/everdrive/batch.js';
import { BATCH_LAYOUT, csvField, type FolderLayout } from '../../examples/everdrive/batch-writers.js';
import { everdriveTables } from '../../examples/everdrive/tables.js';
import { ValidationError } from '../../src/errors.js';

const small = generateBatch({ seed: 42, sessions: 8, framesPerSession: 25 });

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'everdrive-batch-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The rows of one folder as the text formats carry them: timestamps formatted, everything else as is. */
function textRows(batch: EverDriveBatch, layout: FolderLayout): Record<string, unknown>[] {
  return layout
    .rows(batch)
    .map((row) => Object.fromEntries(layout.columns.map(([name, kind]) => [name, kind === 'timestamp' ? formatMicros(row[name] as number) : row[name]])));
}

/** A strict RFC 4180 reader, enough to check what the writer quotes. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') record.push(field), (field = '');
    else if (c === '\n') record.push(field), records.push(record), (record = []), (field = '');
    else field += c;
  }
  return records;
}

describe('generateBatch', () => {
  it('gives every frame one event, one payload and one embedding', () => {
    expect(small.sessions).toHaveLength(8);
    for (const rows of [small.frameEvents, small.framePayloads, small.frameEmbeddings]) expect(rows).toHaveLength(200);
    const ids = small.frameEvents.map((e) => e.frame_id);
    expect(new Set(ids).size).toBe(200);
    expect(small.framePayloads.map((p) => p.frame_id)).toEqual(ids);
    expect(small.frameEmbeddings.map((e) => e.frame_id)).toEqual(ids);
    expect(new Set(small.frameEvents.map((e) => e.session_id))).toEqual(new Set(small.sessions.map((s) => s.session_id)));
  });

  it('is deterministic from the seed', () => {
    const options = { seed: 42, sessions: 8, framesPerSession: 25 };
    expect(generateBatch(options)).toEqual(small);
    expect(generateBatch({ ...options, seed: 43 }).frameEvents).not.toEqual(small.frameEvents);
    expect(generateBatch({ ...options, seed: 43 }).sessions[0]?.session_id).not.toBe(small.sessions[0]?.session_id);
  });

  it('keeps the sessions of a smaller batch when more are asked for', () => {
    const larger = generateBatch({ seed: 42, sessions: 12, framesPerSession: 25 });
    expect(larger.sessions.slice(0, 8)).toEqual(small.sessions);
    expect(larger.frameEvents.slice(0, 200)).toEqual(small.frameEvents);
  });

  it('orders time within a session and keeps microseconds', () => {
    for (const session of small.sessions) {
      const events = small.frameEvents.filter((e) => e.session_id === session.session_id);
      expect(events.map((e) => e.frame_index)).toEqual([...events.keys()]);
      const times = [session.start_time, ...events.map((e) => e.captured_at), session.end_time];
      expect(times).toEqual([...times].sort((a, b) => a - b));
    }
    small.frameEvents.forEach((event, i) => {
      expect(small.framePayloads[i]!.logged_at).toBeGreaterThan(event.captured_at);
      expect(small.frameEmbeddings[i]!.created_at).toBeGreaterThan(small.framePayloads[i]!.logged_at);
    });
    const all = small.frameEvents.map((e) => e.captured_at);
    expect(all.every(Number.isSafeInteger)).toBe(true);
    expect(all.some((us) => us % 1000 !== 0)).toBe(true);
  });

  it('varies events, risks and payloads within their ranges', () => {
    const big = generateBatch({ seed: 1, sessions: 4, framesPerSession: 250 });
    expect(new Set(big.frameEvents.map((e) => e.event_type))).toEqual(new Set(EVENT_TYPES));
    for (const { risk_score } of big.frameEvents) expect(risk_score).toBeGreaterThanOrEqual(0), expect(risk_score).toBeLessThanOrEqual(1);
    big.framePayloads.forEach(({ payload }, i) => {
      const event = big.frameEvents[i]!.event_type;
      if (event === 'pedestrian' || event === 'cyclist') expect(payload.detections[0]?.label).toBe(event);
      for (const { confidence, bbox } of payload.detections) {
        expect(confidence).toBeGreaterThanOrEqual(0.5);
        expect(bbox[0] + bbox[2]).toBeLessThanOrEqual(1920);
        expect(bbox[1] + bbox[3]).toBeLessThanOrEqual(1080);
      }
    });
    for (const { embedding } of big.frameEmbeddings) {
      expect(embedding).toHaveLength(4);
      for (const v of embedding) expect(Math.round(v * 1e4) / 1e4).toBe(v);
    }
  });

  it('names routes that need escaping in every batch of eight sessions', () => {
    const routes = small.sessions.map((s) => s.route_name).join('|');
    for (const awkward of [',', '"', '\n', '\\', 'ß']) expect(routes).toContain(awkward);
  });

  it('rejects options it cannot honour', () => {
    const cases = [
      [{ seed: -1, sessions: 1, framesPerSession: 1 }, 'too_small', 'seed', 'seed must be an integer in [0, 2^32)'],
      [{ seed: 1.5, sessions: 1, framesPerSession: 1 }, 'invalid_type', 'seed', 'seed must be an integer in [0, 2^32)'],
      [{ seed: 1, sessions: 0, framesPerSession: 1 }, 'too_small', 'sessions', 'sessions must be a positive integer'],
      [{ seed: 1, sessions: 1, framesPerSession: 0 }, 'too_small', 'framesPerSession', 'framesPerSession must be a positive integer'],
      [{ seed: 1, sessions: 1, framesPerSession: 1, date: '2024-02-30' }, 'invalid_format', 'date', "date must be a day as YYYY-MM-DD, got '2024-02-30'"],
    ] as const;
    for (const [options, reason, field, rule] of cases) {
      expect(() => generateBatch(options)).toThrow(new ValidationError(reason, 'generateBatch()', rule, field));
    }
  });
});

describe('formatMicros', () => {
  it('prints the six fractional digits Databend prints', () => {
    expect(formatMicros(1_723_795_200_123_456)).toBe('2024-08-16 08:00:00.123456');
    expect(formatMicros(1_723_795_200_000_001)).toBe('2024-08-16 08:00:00.000001');
    expect(formatMicros(0)).toBe('1970-01-01 00:00:00.000000');
    expect(formatMicros(-1)).toBe('1969-12-31 23:59:59.999999');
  });
});

describe('the layout', () => {
  it('writes the columns of the guide tables, in table order', () => {
    expect(BATCH_LAYOUT.map((l) => l.columns.map(([name]) => name))).toEqual(everdriveTables.map((t) => t.columnNames));
  });
});

describe('writeBatch', () => {
  it('writes one file per folder, named like the guide', async () => {
    const files = await writeBatch(small, join(dir, 'one'), { format: 'parquet' });
    expect(files.map(({ path, folder, rows }) => ({ path, folder, rows }))).toEqual([
      { path: 'sessions/session_2024_08_16.parquet', folder: 'sessions', rows: 8 },
      { path: 'frame-events/frame_events_2024_08_16.parquet', folder: 'frame-events', rows: 200 },
      { path: 'payloads/frame_payloads_2024_08_16.parquet', folder: 'payloads', rows: 200 },
      { path: 'embeddings/frame_embeddings_2024_08_16.parquet', folder: 'embeddings', rows: 200 },
    ]);
    for (const file of files) expect(file.bytes).toBe((await readFile(join(dir, 'one', file.path))).length);
  });

  it('splits folders into numbered parts of near-equal size, never more parts than rows', async () => {
    const files = await writeBatch(small, join(dir, 'parts'), { format: 'csv', filesPerFolder: 3, date: '2025-01-02' });
    expect(files.filter((f) => f.folder === 'sessions').map((f) => [f.path, f.rows])).toEqual([
      ['sessions/session_2025_01_02_part_001.csv', 3],
      ['sessions/session_2025_01_02_part_002.csv', 3],
      ['sessions/session_2025_01_02_part_003.csv', 2],
    ]);
    expect(files.filter((f) => f.folder === 'payloads').map((f) => f.rows)).toEqual([67, 67, 66]);
    const tiny = generateBatch({ seed: 1, sessions: 2, framesPerSession: 1 });
    const capped = await writeBatch(tiny, join(dir, 'capped'), { format: 'ndjson', filesPerFolder: 5 });
    expect(capped.map((f) => f.rows)).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
  });

  it('writes the same bytes for the same seed, other bytes for another', async () => {
    const other = generateBatch({ seed: 43, sessions: 8, framesPerSession: 25 });
    for (const format of ['parquet', 'csv', 'ndjson'] as const) {
      const [a, b, c] = await Promise.all(
        [small, generateBatch({ seed: 42, sessions: 8, framesPerSession: 25 }), other].map(async (batch, i) => {
          const out = join(dir, `same-${format}-${i}`);
          const files = await writeBatch(batch, out, { format });
          return Promise.all(files.map((f) => readFile(join(out, f.path))));
        }),
      );
      expect(b).toEqual(a);
      a!.forEach((bytes, i) => expect(bytes.equals(c![i]!)).toBe(false));
    }
  });

  it('rejects options it cannot honour', async () => {
    await expect(writeBatch(small, dir, { format: 'xml' as 'csv' })).rejects.toThrow(
      new ValidationError('invalid_value', 'writeBatch()', "format must be one of parquet, csv, ndjson, got 'xml'", 'format'),
    );
    await expect(writeBatch(small, dir, { format: 'csv', filesPerFolder: 0 })).rejects.toThrow('filesPerFolder must be a positive integer');
    await expect(writeBatch(small, dir, { format: 'csv', date: '2024_08_16' })).rejects.toThrow("date must be YYYY-MM-DD, got '2024_08_16'");
  });
});

describe('Parquet files', () => {
  const out = () => join(dir, 'parquet');
  beforeAll(async () => {
    await writeBatch(small, out(), { format: 'parquet', filesPerFolder: 2 });
  });

  async function read(path: string) {
    const file = await asyncBufferFromFile(join(out(), path));
    const metadata = await parquetMetadataAsync(file);
    // Microseconds as integers, so the comparison below is to the microsecond.
    const rows = await parquetReadObjects({ file, metadata, parsers: { timestampFromMicroseconds: Number } });
    return { metadata, rows };
  }

  it('declares the types Databend needs', async () => {
    const { metadata } = await read('embeddings/frame_embeddings_2024_08_16_part_001.parquet');
    const timestamp = { type: 'INT64', converted_type: 'TIMESTAMP_MICROS', logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MICROS' } };
    const columns = parquetSchema(metadata).children.map(({ element, children }) => ({ element, children: children.map((c) => c.element) }));
    expect(columns).toEqual([
      {
        element: { name: 'frame_id', repetition_type: 'REQUIRED', type: 'BYTE_ARRAY', converted_type: 'UTF8', logical_type: { type: 'STRING' } },
        children: [],
      },
      {
        element: { name: 'session_id', repetition_type: 'REQUIRED', type: 'BYTE_ARRAY', converted_type: 'UTF8', logical_type: { type: 'STRING' } },
        children: [],
      },
      {
        element: { name: 'embedding', repetition_type: 'REQUIRED', converted_type: 'LIST', logical_type: { type: 'LIST' }, num_children: 1 },
        children: [{ name: 'list', repetition_type: 'REPEATED', num_children: 1 }],
      },
      {
        element: { name: 'model_version', repetition_type: 'REQUIRED', type: 'BYTE_ARRAY', converted_type: 'UTF8', logical_type: { type: 'STRING' } },
        children: [],
      },
      { element: { name: 'created_at', repetition_type: 'REQUIRED', ...timestamp }, children: [] },
    ]);
    expect(metadata.schema.find((e) => e.name === 'element')).toEqual({ name: 'element', repetition_type: 'REQUIRED', type: 'FLOAT' });

    const events = (await read('frame-events/frame_events_2024_08_16_part_001.parquet')).metadata.schema;
    expect(events.find((e) => e.name === 'frame_index')).toMatchObject({ type: 'INT32' });
    expect(events.find((e) => e.name === 'risk_score')).toMatchObject({ type: 'DOUBLE' });
    expect(events.find((e) => e.name === 'captured_at')).toMatchObject(timestamp);
    const payloads = (await read('payloads/frame_payloads_2024_08_16_part_001.parquet')).metadata.schema;
    expect(payloads.find((e) => e.name === 'payload')).toMatchObject({ type: 'BYTE_ARRAY', converted_type: 'JSON', logical_type: { type: 'JSON' } });
  });

  it('reads back every value, timestamps to the microsecond', async () => {
    for (const layout of BATCH_LAYOUT) {
      const parts = await Promise.all([1, 2].map((n) => read(`${layout.folder}/${layout.stem}_2024_08_16_part_00${n}.parquet`)));
      const rows = parts.flatMap((p) => p.rows);
      const expected = layout.rows(small).map((row) =>
        // FLOAT keeps what VECTOR keeps: each value rounded to Float32.
        'embedding' in row ? { ...row, embedding: (row.embedding as number[]).map(Math.fround) } : row,
      );
      expect(rows).toEqual(expected);
    }
  });

  it('groups large files into row groups of 100,000 rows', async () => {
    const { frameEvents } = generateBatch({ seed: 5, sessions: 1, framesPerSession: 100_001 });
    const batch = { ...small, frameEvents, framePayloads: [], frameEmbeddings: [] };
    const [, events] = await writeBatch(batch, join(dir, 'groups'), { format: 'parquet' });
    const { metadata } = await read(`../groups/${events!.path}`);
    expect(metadata.row_groups.map((g) => g.num_rows)).toEqual([100_000n, 1n]);
    // 100,001 rows through the Parquet writer: about a second alone, past vitest's 5 s default on a loaded machine.
  }, 60_000);
});

describe('CSV files', () => {
  it('quotes quotes, commas and line breaks as RFC 4180 says', () => {
    expect(csvField('plain text')).toBe('plain text');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\r')).toBe('"cr\r"');
    expect(csvField('back\\slash ü')).toBe('back\\slash ü');
  });

  it('writes a header, then one record per row', async () => {
    const session = { ...small.sessions[0]!, route_name: 'Pier "39",\nthen north', camera_setup: 'rear' };
    const batch = { ...small, sessions: [session] };
    await writeBatch(batch, join(dir, 'csv-one'), { format: 'csv' });
    const text = await readFile(join(dir, 'csv-one/sessions/session_2024_08_16.csv'), 'utf8');
    expect(text).toBe(
      'session_id,vehicle_id,route_name,start_time,end_time,weather,camera_setup\n' +
        `${session.session_id},${session.vehicle_id},"Pier ""39"",\nthen north",` +
        `${formatMicros(session.start_time)},${formatMicros(session.end_time)},${session.weather},rear\n`,
    );
  });

  it('reads back every value', async () => {
    await writeBatch(small, join(dir, 'csv'), { format: 'csv' });
    for (const layout of BATCH_LAYOUT) {
      const [header, ...records] = parseCsv(await readFile(join(dir, 'csv', `${layout.folder}/${layout.stem}_2024_08_16.csv`), 'utf8'));
      expect(header).toEqual(layout.columns.map(([name]) => name));
      const parsed = records.map((record) =>
        Object.fromEntries(
          layout.columns.map(([name, kind], i) => {
            const field = record[i]!;
            return [name, kind === 'json' || kind === 'vector' ? JSON.parse(field) : kind === 'int' || kind === 'double' ? Number(field) : field];
          }),
        ),
      );
      expect(parsed).toEqual(textRows(small, layout));
    }
  });

  it('prints embeddings as a bracketed list and payloads as JSON text', async () => {
    const text = await readFile(join(dir, 'csv/embeddings/frame_embeddings_2024_08_16.csv'), 'utf8');
    const [embedding] = small.frameEmbeddings;
    expect(text.split('\n')[1]).toContain(`,"[${embedding!.embedding.join(',')}]",`);
  });
});

describe('NDJSON files', () => {
  it('writes one object per line, payloads nested and embeddings as arrays', async () => {
    await writeBatch(small, join(dir, 'ndjson'), { format: 'ndjson' });
    for (const layout of BATCH_LAYOUT) {
      const text = await readFile(join(dir, 'ndjson', `${layout.folder}/${layout.stem}_2024_08_16.ndjson`), 'utf8');
      expect(text.endsWith('\n')).toBe(true);
      const lines = text.trimEnd().split('\n');
      expect(lines.map((line) => JSON.parse(line))).toEqual(textRows(small, layout));
    }
    const first = JSON.parse((await readFile(join(dir, 'ndjson/payloads/frame_payloads_2024_08_16.ndjson'), 'utf8')).split('\n')[0]!);
    expect(typeof first.payload).toBe('object');
    expect(first.logged_at).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6}$/);
  });
});
