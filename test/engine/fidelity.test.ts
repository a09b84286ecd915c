// Fidelity on the local engine: what a table declares is what lands and what is read back. Seeded random rows over
// the column types the SDK has (nested NULLs at every depth, extreme and special numbers, strings with quotes,
// backslashes, NUL, newlines and astral characters, dates and timestamps at their limits, empty arrays and maps) are
// written through each write path (an NDJSON file loaded by COPY, a Parquet file written by hyparquet-writer and
// loaded by the default COPY and by INSERT ... SELECT, a CSV file loaded by COPY with positional sources, the Kysely
// dialect's typed values, the sql tag), read back through client.query({ table }) and through Kysely, compared value
// for value (floats bit for bit), then unloaded to Parquet with default options and loaded into a twin table with
// the default COPY, and compared again.
//
// FIDELITY_SEED=<n> replays a run; the seed is printed. FIDELITY_ROWS sets the rows per write path (default 700:
// 4,200 rows a run).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  copyInto,
  copyIntoStage,
  createClient,
  createStage,
  createTable,
  insertInto,
  sql,
  type CreateStageBuilder,
  type DatabendClient,
  type JsonValue,
} from '../../src/index.js';
import { DatabendDialect, type KyselyDatabase } from '../../src/kysely/index.js';
import {
  bitmapText,
  countsJson,
  CSV_FORMAT,
  csvFile,
  csvMapping,
  fidelityTable as everything,
  ndjsonLine,
  parquetFile,
  type FidelityRow as Everything,
} from '../support/fidelity-files.js';
import { openTestDatabase, type TestDatabase } from '../support/engine.js';

const SETUP_TIMEOUT_MS = 300_000;
const RUN_TIMEOUT_MS = 600_000;
const SEED = Number(process.env.FIDELITY_SEED ?? Date.now() % 2 ** 31);
const ROWS = Number(process.env.FIDELITY_ROWS ?? 700);

let engine: TestDatabase;
let client: DatabendClient;
let root: string;
let stage: CreateStageBuilder;

beforeAll(async () => {
  engine = await openTestDatabase('fidelity');
  client = createClient({ dsn: engine.dsn });
  root = await mkdtemp(join(tmpdir(), 'fidelity-test-'));
  stage = createStage('fidelity_land').url(`fs://${root}/`);
  await client.execute(stage);
  console.log(`fidelity: FIDELITY_SEED=${SEED}, ${ROWS} rows per write path`);
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  await client?.close();
  await engine?.release();
  if (root) await rm(root, { recursive: true, force: true });
});

// ---- Generated rows ---------------------------------------------------------------------------------------------

const nullable = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null, freq: 8 });
const INT64 = [-(2n ** 63n), 2n ** 63n - 1n] as const;
const awkward = fc.constantFrom(
  '',
  'a"b',
  'c\\d',
  "x'y",
  '\\',
  '"',
  '\0',
  'a\0b',
  'line\nbreak\r\n',
  '\t',
  '😀',
  'Straße',
  '\u2028',
  '$$',
  '--',
  '/*',
  ';',
  '\\N',
  'NULL',
  ',',
  '""',
);
const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 12 }), awkward, fc.string({ maxLength: 6 }));
const float32 = fc.float({ noNaN: true, noDefaultInfinity: true });
const float64 = fc.double({ noNaN: true, noDefaultInfinity: true });
// The limits the engine holds: DATE 0001-01-01 .. 9999-12-31; TIMESTAMP from 0001-01-01 to 9999-12-30 22:00:00 UTC
// (a later instant is refused, 1046 "timestamp overflowed": docs/engine-facts.md), to the millisecond here (the
// driver drops microseconds).
const DAY = 86_400_000;
const minTime = new Date('0001-01-01T00:00:00Z').getTime();
const maxTime = new Date('9999-12-30T22:00:00Z').getTime();
const day = fc.integer({ min: minTime / DAY, max: new Date('9999-12-31T00:00:00Z').getTime() / DAY }).map((n) => new Date(n * DAY));
const instant = fc.oneof(fc.integer({ min: minTime, max: maxTime }), fc.constantFrom(minTime, maxTime, 0, -1)).map((ms) => new Date(ms));
const decimalText = fc
  .tuple(fc.boolean(), fc.bigInt(0n, 10n ** 28n - 1n), fc.bigInt(0n, 10n ** 10n - 1n))
  .map(([negative, whole, fraction]) => `${negative && (whole > 0n || fraction > 0n) ? '-' : ''}${whole}.${fraction.toString().padStart(10, '0')}`);
/**
 * An INTERVAL as the engine prints it (months, days and microseconds; common/io/src/interval.rs in Databend): years and
 * months, days, then a signed h:mm:ss[.fraction] without trailing zeros, or 00:00:00 for a zero interval.
 */
const intervalText = fc
  .tuple(fc.integer({ min: -2400, max: 2400 }), fc.integer({ min: -5000, max: 5000 }), fc.integer({ min: -(10 ** 14), max: 10 ** 14 }))
  .map(([months, days, micros]) => {
    const parts: string[] = [];
    const years = Math.trunc(months / 12);
    for (const [amount, unit] of [
      [years, 'year'],
      [months - years * 12, 'month'],
      [days, 'day'],
    ] as const) {
      if (amount !== 0) parts.push(`${amount} ${unit}${Math.abs(amount) === 1 ? '' : 's'}`);
    }
    if (micros !== 0) {
      const abs = Math.abs(micros);
      const [h, m, sec, f] = [Math.floor(abs / 3.6e9), Math.floor((abs % 3.6e9) / 6e7), Math.floor((abs % 6e7) / 1e6), abs % 1e6];
      const fraction = f === 0 ? '' : `.${String(f).padStart(6, '0').replace(/0+$/, '')}`;
      parts.push(`${micros < 0 ? '-' : ''}${h}:${String(m).padStart(2, '0')}:${String(sec).padStart(2, '0')}${fraction}`);
    }
    return parts.length === 0 ? '00:00:00' : parts.join(' ');
  });
/** A point as WKT for writing and as the GeoJSON text the engine returns (geometry_output_format GeoJSON). */
const coordinate = fc.integer({ min: -4000, max: 4000 }).map((n) => n / 4);
const point = fc.tuple(coordinate, coordinate).map(([x, y]) => `POINT(${x} ${y})`);

/** The GeoJSON text the engine returns for a generated WKT point. */
function geojson(wkt: string): string {
  const [x, y] = wkt.slice('POINT('.length, -1).split(' ');
  return `{"type": "Point", "coordinates": [${x},${y}]}`;
}

// VARIANT holds JSON; a JSON number is a double, and -0 is written as 0 by JSON.stringify.
const json = fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.parse(JSON.stringify(v)) as JsonValue);

const row = (k: number): fc.Arbitrary<Everything> =>
  fc.record({
    k: fc.constant(k),
    b: nullable(fc.boolean()),
    i8: nullable(fc.integer({ min: -128, max: 127 })),
    u16: nullable(fc.integer({ min: 0, max: 65535 })),
    i: nullable(fc.integer()),
    u32: nullable(fc.integer({ min: 0, max: 2 ** 32 - 1 })),
    big: nullable(fc.oneof(fc.bigInt(...INT64), fc.constantFrom(...INT64, 2n ** 53n + 1n))),
    big_text: nullable(fc.bigInt(...INT64).map(String)),
    big_num: nullable(fc.maxSafeInteger()),
    ubig: nullable(fc.oneof(fc.bigInt(0n, 2n ** 64n - 1n), fc.constant(2n ** 64n - 1n))),
    f: nullable(float32),
    d: nullable(float64),
    dec: nullable(decimalText),
    s: nullable(text),
    bin: nullable(fc.uint8Array({ maxLength: 8 })),
    day: nullable(day),
    at: nullable(instant),
    at_tz: nullable(instant),
    span: nullable(intervalText),
    v: nullable(json),
    tags: nullable(fc.array(nullable(text), { maxLength: 4 })),
    grid: nullable(fc.array(nullable(fc.array(nullable(fc.integer()), { maxLength: 3 })), { maxLength: 3 })),
    counts: nullable(fc.dictionary(text, nullable(fc.bigInt(...INT64).map(String)), { maxKeys: 3 })),
    pair: nullable(fc.record({ name: nullable(text), x: nullable(float64) })),
    emb: nullable(fc.tuple(float32, float32, float32)),
    members: nullable(
      fc
        .uniqueArray(fc.oneof(fc.bigInt(0n, 2n ** 64n - 1n), fc.bigInt(0n, 1000n)), { minLength: 1, maxLength: 5 })
        .map((m) => m.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))),
    ),
    place: nullable(point),
  });

function rows(first: number, count: number, seed: number): Everything[] {
  return fc.sample(fc.tuple(...Array.from({ length: count }, (_, i) => row(first + i))), { seed, numRuns: 1 })[0]!;
}

// ---- Comparison -------------------------------------------------------------------------------------------------

/** A value in a form where equal means identical: floats by their bits, bytes as hex, dates as their time. */
function canonical(value: unknown): unknown {
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : Number.isNaN(value) ? 'NaN' : value;
  if (typeof value === 'bigint') return `${value}n`;
  if (value instanceof Date) return `date:${value.getTime()}`;
  if (value instanceof Uint8Array) return `hex:${Buffer.from(value).toString('hex')}`;
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, canonical(v)]));
  return value;
}

/** The row as it reads back: a FLOAT and a VECTOR keep float32 values, a GEOMETRY reads as GeoJSON. */
function expected(source: Everything): unknown {
  return canonical({ ...source, emb: source.emb === null ? null : [...source.emb], place: source.place === null ? null : geojson(source.place) });
}

function compare(path: string, read: readonly Record<string, unknown>[], written: readonly Everything[]): void {
  expect(read.length, `${path}: rows read back`).toBe(written.length);
  const byKey = new Map(read.map((r) => [r.k as number, r]));
  for (const source of written) {
    const got = byKey.get(source.k);
    expect(canonical(got), `${path}: row k=${source.k} (FIDELITY_SEED=${SEED})`).toEqual(expected(source));
  }
}

// ---- Write paths ------------------------------------------------------------------------------------------------

/**
 * The default cast projection cannot load a NULL VECTOR among vectors (1006 "Array value cast to a vector has incorrect
 * dimension", docs/engine-facts.md; pinned below): in the rows loaded from Parquet through it, a NULL vector is replaced
 * by one generated from the seed and the row's key.
 */
function withVector(r: Everything): Everything {
  return r.emb !== null ? r : { ...r, emb: fc.sample(fc.tuple(float32, float32, float32), { seed: SEED + r.k, numRuns: 1 })[0]! };
}

async function readBack(name: string): Promise<Record<string, unknown>[]> {
  return client.query(`SELECT * FROM ${name} ORDER BY k`, { table: everything(name) });
}

describe('what a table declares is what lands and what is read back', { timeout: RUN_TIMEOUT_MS }, () => {
  it('NDJSON, Parquet and CSV files, the Kysely dialect and the sql tag write every value exactly; client.query and Kysely read it back; Parquet unload -> reload keeps it', async () => {
    const paths = {
      // A raw NDJSON load cannot fill a BINARY column (1104 "binary literal is not supported", docs/engine-facts.md).
      ndjson: rows(0, ROWS, SEED).map((r) => ({ ...r, bin: null })),
      kysely: rows(ROWS, ROWS, SEED + 1),
      sqlTag: rows(2 * ROWS, ROWS, SEED + 2),
      // Every column, in the Parquet types of test/support/fidelity-files.ts, through the projection the SDK derives.
      parquetCopy: rows(3 * ROWS, ROWS, SEED + 3).map(withVector),
      parquetInsert: rows(4 * ROWS, ROWS, SEED + 4).map(withVector),
      // Every column, NULL vectors included: the CSV mapping is written here, and it works around the engine.
      csv: rows(5 * ROWS, ROWS, SEED + 5),
    };
    const target = everything('fidelity_all');
    await client.execute(createTable(target).orReplace());
    const loaded = (report: readonly { rowsLoaded: number; errorsSeen: number; firstError: string | null }[]) =>
      report.map((f) => [f.rowsLoaded, f.errorsSeen, f.firstError]);

    await writeFile(join(root, 'rows.ndjson'), paths.ndjson.map(ndjsonLine).join('\n') + '\n');
    expect(loaded(await client.copy(copyInto(target).fromStage(stage, 'rows.ndjson').raw().fileFormat({ type: 'NDJSON' }))), 'ndjson').toEqual([
      [ROWS, 0, null],
    ]);

    // The default COPY (the stage's format is Parquet) reads the file's columns by name, each cast to its type.
    await writeFile(join(root, 'copy.parquet'), parquetFile(paths.parquetCopy));
    expect(loaded(await client.copy(copyInto(target).fromStage(stage, 'copy.parquet'))), 'parquetCopy').toEqual([[ROWS, 0, null]]);
    await writeFile(join(root, 'insert.parquet'), parquetFile(paths.parquetInsert));
    await client.execute(insertInto(target).fromStage(stage, 'insert.parquet'));

    // CSV fields have no names: each column is read from its position, $1, $2, ..., in the form csvMapping() gives.
    await writeFile(join(root, 'rows.csv'), csvFile(paths.csv));
    expect(loaded(await client.copy(copyInto(target).fromStage(stage, 'rows.csv').map(csvMapping()).fileFormat(CSV_FORMAT))), 'csv').toEqual([[ROWS, 0, null]]);

    const db = new Kysely<KyselyDatabase<readonly [typeof target]>>({ dialect: new DatabendDialect({ client, tables: [target] }) });
    // A BITMAP is written as the text of its members (its insert type), and reads back as their list.
    const kyselyRows = paths.kysely.map((r) => ({ ...r, members: bitmapText(r.members) }));
    for (let i = 0; i < kyselyRows.length; i += 100)
      await db
        .insertInto('fidelity_all')
        .values(kyselyRows.slice(i, i + 100))
        .execute();

    // The sql tag renders each value by its JavaScript type; the column's type takes it from there. A Date is a
    // TIMESTAMP literal, which cannot reach 9999-12-31 (docs/engine-facts.md): a DATE goes as its text.
    for (let i = 0; i < paths.sqlTag.length; i += 100) {
      const values = paths.sqlTag
        .slice(i, i + 100)
        .map(
          (r) =>
            sql`(${r.k}, ${r.b}, ${r.i8}, ${r.u16}, ${r.i}, ${r.u32}, ${r.big}, ${r.big_text === null ? null : BigInt(r.big_text)}, ${r.big_num}, ${r.ubig}, ${r.f === null ? null : sql`${r.f}::FLOAT`}, ${r.d}, ${r.dec === null ? null : sql`${r.dec}::DECIMAL(38, 10)`}, ${r.s}, ${r.bin}, ${r.day?.toISOString().slice(0, 10) ?? null}, ${r.at}, ${r.at_tz}, ${r.span}, ${r.v === null ? null : sql`PARSE_JSON(${JSON.stringify(r.v)})`}, ${r.tags}, ${r.grid}, ${r.counts === null ? null : sql`PARSE_JSON(${countsJson(r.counts)})::MAP(STRING, BIGINT NULL)`}, ${r.pair === null ? null : sql`(${r.pair.name}, ${r.pair.x})`}, ${r.emb === null ? null : sql`${[...r.emb]}::VECTOR(3)`}, ${bitmapText(r.members)}, ${r.place})`
              .sql,
        );
      await client.execute(`INSERT INTO fidelity_all VALUES ${values.join(', ')}`);
    }

    const all = Object.values(paths).flat();
    const read = await readBack('fidelity_all');
    for (const [path, written] of Object.entries(paths)) {
      const keys = new Set(written.map((w) => w.k));
      compare(
        path,
        read.filter((r) => keys.has(r.k as number)),
        written,
      );
    }
    compare('Kysely read', await db.selectFrom('fidelity_all').selectAll().orderBy('k').execute(), all);

    await client.query(copyIntoStage(stage, 'unload/').from(target));
    const twin = everything('fidelity_twin');
    await client.execute(createTable(twin).orReplace());
    const reload = await client.copy(copyInto(twin).fromStage(stage, 'unload/'));
    expect(reload.reduce((n, f) => n + f.rowsLoaded, 0)).toBe(all.length);
    compare('unload -> reload', await readBack('fidelity_twin'), all);
  });

  it('the default projection refuses a NULL vector among vectors in a Parquet file (why withVector exists); mapped, it loads', async () => {
    const [first, second] = rows(6 * ROWS, 2, SEED + 6).map(withVector);
    const written = [{ ...first!, emb: null }, second!];
    const target = everything('fidelity_null_vector');
    await client.execute(createTable(target).orReplace());
    await writeFile(join(root, 'null-vector.parquet'), parquetFile(written));
    for (const load of [copyInto(target).fromStage(stage, 'null-vector.parquet'), insertInto(target).fromStage(stage, 'null-vector.parquet')]) {
      await expect(client.execute(load)).rejects.toMatchObject({
        serverCode: 1006,
        serverMessage: expect.stringContaining('Array value cast to a vector has incorrect dimension'),
      });
    }
    expect(await readBack(target.name)).toEqual([]);

    // The way round it (docs/api.md): the cast is given three elements on every row, and the NULL put back after.
    const emb = sql`IF(emb IS NULL, NULL, COALESCE(emb, [0, 0, 0])::VECTOR(3))`;
    await client.copy(copyInto(target).fromStage(stage, 'null-vector.parquet').map({ emb }));
    compare('NULL vector, mapped COPY', await readBack(target.name), written);
    await client.execute(insertInto(target).fromStage(stage, 'null-vector.parquet').map({ emb }).overwrite());
    compare('NULL vector, mapped INSERT OVERWRITE', await readBack(target.name), written);
  });
});
