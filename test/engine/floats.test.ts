// FLOAT, DOUBLE and VECTOR values on the local engine: every finite double and float32 written through each of the
// SDK's write paths reads back with the same bits (-0 and subnormals included), and WHERE d = x finds every stored
// double. Seeded random values (fast-check's doubles and floats over every exponent, decimal-looking values with up to
// 17 digits, subnormals) and fixed edge values (-0, the smallest subnormal and normal, the largest finite, values next
// to powers of two and to the exact-decimal limits) go through:
// - the sql tag: INSERT ... VALUES rows of literals only (the engine's fast row parser) and rows holding an expression
//   (the SQL parser), a CASE in an INSERT ... SELECT built with insertInto().fromTable().map(), WHERE lookups;
// - column DEFAULTs declared with the SDK (FLOAT, DOUBLE, VECTOR, ARRAY, MAP, TUPLE) and through Kysely's defaultTo();
// - the Kysely dialect: typed values (the declared column type decides the spelling), untyped values, comparisons,
//   and a VECTOR query vector (l2_distance to the stored vector is 0).
// NaN and the infinities go through every path too, with the engine's rules asserted: it stores them, NaN = NaN is
// TRUE, -0 = 0 is TRUE.
//
// FLOATS_SEED=<n> replays a run; the seed is printed and named in every failure. FLOATS_VALUES sets the random values
// per kind (default 400, plus the edge values).
import fc from 'fast-check';
import { Kysely, sql as kyselySql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  array,
  createClient,
  createTable,
  double,
  float,
  insertInto,
  int,
  map,
  sql,
  string,
  table,
  tuple,
  vector,
  type DatabendClient,
} from '../../src/index.js';
import { DatabendDialect, l2Distance, type KyselyDatabase } from '../../src/kysely/index.js';
import { openTestDatabase, type TestDatabase } from '../support/engine.js';

const SETUP_TIMEOUT_MS = 300_000;
const RUN_TIMEOUT_MS = 300_000;
const SEED = Number(process.env.FLOATS_SEED ?? Date.now() % 2 ** 31);
const COUNT = Number(process.env.FLOATS_VALUES ?? 400);
const seedNote = `FLOATS_SEED=${SEED}`;

// ---- Values ------------------------------------------------------------------------------------------------------

const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

function fromBits64(bits: bigint): number {
  u64[0] = bits;
  return f64[0]!;
}
function bits64(x: number): bigint {
  f64[0] = x;
  return u64[0]!;
}
function fromBits32(bits: number): number {
  u32[0] = bits;
  return f32[0]!;
}
function bits32(x: number): number {
  f32[0] = x;
  return u32[0]!;
}

/** A value and its bits, for messages: `0.30000000000000004 (3fd3333333333334)`. */
const show = (x: number, single = false) =>
  `${Object.is(x, -0) ? '-0' : x} (${Number.isNaN(x) ? 'NaN' : single ? bits32(x).toString(16) : bits64(x).toString(16)})`;

/** Each power of two from 2^min to 2^max in steps, with its neighbours one unit in the last place either side. */
function nearPowersOfTwo(single: boolean): number[] {
  const out: number[] = [];
  const [min, max, step] = single ? [-149, 127, 11] : [-1074, 1023, 53];
  for (let e = min; e <= max; e += step) {
    const p = 2 ** e;
    if (single) out.push(p, fromBits32(bits32(p) + 1), fromBits32(bits32(p) - 1), -p);
    else out.push(p, fromBits64(bits64(p) + 1n), fromBits64(bits64(p) - 1n), -p);
  }
  return out.filter((x) => x !== 0 && Number.isFinite(x));
}

/** Fixed values; each is also looked up by a WHERE d = x statement of its own. */
const FIXED_DOUBLES = [
  -0,
  0,
  5e-324,
  -5e-324,
  2.225073858507201e-308,
  2.2250738585072014e-308,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  1,
  -1,
  0.1,
  0.2,
  0.1 + 0.2,
  1 / 3,
  Math.PI,
  Number.EPSILON,
  2 ** 53,
  2 ** 53 + 2,
  2 ** 60,
  1e21,
  1e-7,
  1e-10,
  1e-11,
  1e300,
  1e-300,
  123456789012345.6,
  0.000001,
  0.0000001,
  123456789012.3,
  // biome-ignore lint/correctness/noPrecisionLoss: a literal with more digits than a double holds, on purpose
  1.2345678901234567e28,
  // The limits of a bare decimal: 15 digits, 16 characters; 10 fractional digits in a DEFAULT.
  0.123456789012345,
  0.12345678901234,
  12345.6789012345,
  0.1234567891,
  0.12345678901,
  // Folded as DEFAULTs, these were stored one unit in the last place off (found by FLOATS_SEED=1157249095 and a sweep
  // of about 3,000 fractions between 2^32 and 2^33); now written unfolded.
  4318318803.737,
  4327079332.6773,
  4325528779.02,
];
const EDGE_DOUBLES = [...FIXED_DOUBLES, ...nearPowersOfTwo(false)];
const EDGE_FLOATS = [
  -0,
  0,
  1.401298464324817e-45,
  -1.401298464324817e-45,
  1.1754942106924411e-38,
  1.1754943508222875e-38,
  3.4028234663852886e38,
  -3.4028234663852886e38,
  Math.fround(0.1),
  Math.fround(0.2124),
  Math.fround(1 / 3),
  16777216,
  16777218,
  2 ** 40,
  Math.fround(1e30),
  Math.fround(0.1234567),
  Math.fround(1234567.5),
  Math.fround(0.00001),
  Math.fround(1e-7),
  // A FLOAT DEFAULT the engine would store with a digit changed (13.079 as 13.079001), and neighbours it keeps.
  Math.fround(13.079),
  Math.fround(10.02),
  Math.fround(13.07),
  Math.fround(-10.053),
  ...nearPowersOfTwo(true),
];

/** A decimal-looking number: up to `digits` random digits, a scale up to `scale`, a sign. */
const decimalLike = (digits: number, scale: number) =>
  fc
    .tuple(fc.boolean(), fc.integer({ min: 1, max: digits }), fc.integer({ min: 0, max: scale }), fc.nat())
    .chain(([negative, n, s]) => fc.stringMatching(new RegExp(`^[1-9][0-9]{${n - 1}}$`)).map((m) => (negative ? -1 : 1) * Number(`${m}e-${s}`)));

const doubleValue = fc.oneof(
  { weight: 4, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 3, arbitrary: decimalLike(17, 24) },
  { weight: 1, arbitrary: fc.bigInt(1n, 2n ** 52n - 1n).map((m) => fromBits64(m)) }, // subnormal
);
const floatValue = fc.oneof(
  { weight: 4, arbitrary: fc.float({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 3, arbitrary: decimalLike(9, 12).map(Math.fround) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 2 ** 23 - 1 }).map(fromBits32) }, // subnormal
);

const sample = <T>(arb: fc.Arbitrary<T>, seed: number) => fc.sample(fc.array(arb, { minLength: COUNT, maxLength: COUNT }), { seed, numRuns: 1 })[0]!;
const DOUBLES = [...EDGE_DOUBLES, ...sample(doubleValue, SEED)];
const FLOATS = [...EDGE_FLOATS, ...sample(floatValue, SEED + 1)].filter((x) => Math.fround(x) === x || Number.isNaN(x));
/** Doubles that are not float32 values: a FLOAT column keeps Math.fround of them. */
const DOUBLES_AS_FLOAT = DOUBLES.filter((x) => Math.abs(x) <= 3.4028234663852886e38);
const NON_FINITE = [NaN, Infinity, -Infinity];

/** Rows of lists written as DEFAULTs: a table each. */
const LIST_DEFAULTS = 20;

const chunks = <T>(values: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(values.length / size) }, (_, i) => values.slice(i * size, (i + 1) * size));

/** The values read back that are not the values written, bit for bit, as messages. */
function mismatches(path: string, written: readonly number[], read: readonly unknown[], single = false): string[] {
  const out: string[] = [];
  written.forEach((x, i) => {
    const want = single ? Math.fround(x) : x;
    const got = read[i];
    if (typeof got !== 'number' || !Object.is(got, want))
      out.push(`${path}: wrote ${show(x)}, read ${typeof got === 'number' ? show(got, single) : String(got)}`);
  });
  return out;
}

// ---- Tables ------------------------------------------------------------------------------------------------------

const scalars = table('fl_scalars', { k: int().notNull(), d: double(), f: float() });
const lists = table('fl_lists', {
  k: int().notNull(),
  ds: array(double()),
  fs: array(float()),
  v: vector(4),
  m: map(string(), double()),
  mf: map(string(), float()),
  t: tuple(double(), float()),
});
const keys = table('fl_keys', { k: int().notNull() });
const tables = [scalars, lists, keys] as const;
type DB = KyselyDatabase<typeof tables>;

let engine: TestDatabase;
let client: DatabendClient;
let db: Kysely<DB>;
let untyped: Kysely<DB>;

beforeAll(async () => {
  engine = await openTestDatabase('floats');
  client = createClient({ dsn: engine.dsn });
  db = new Kysely<DB>({ dialect: new DatabendDialect({ client, tables }) });
  untyped = new Kysely<DB>({ dialect: new DatabendDialect({ client }) });
  await client.execute(createTable(keys));
  await client.execute(`INSERT INTO fl_keys SELECT number FROM numbers(${Math.max(DOUBLES.length, FLOATS.length, DOUBLES_AS_FLOAT.length)})`);
  console.log(`floats: ${seedNote}, ${DOUBLES.length} doubles and ${FLOATS.length} float32s (${COUNT} random of each)`);
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  await db?.destroy();
  await untyped?.destroy();
  await client?.close();
  await engine?.release();
});

async function fresh(t: typeof scalars | typeof lists): Promise<void> {
  await client.execute(createTable(t).orReplace());
}

/** The column of fl_scalars, in k order. */
async function readScalars(column: 'd' | 'f', count: number): Promise<unknown[]> {
  const rows = await client.query<{ k: number; d: number | null; f: number | null }>('SELECT k, d, f FROM fl_scalars ORDER BY k');
  expect(
    rows.map((r) => r.k),
    seedNote,
  ).toEqual(Array.from({ length: count }, (_, i) => i));
  return rows.map((r) => r[column]);
}

// ---- Scalars -------------------------------------------------------------------------------------------------------

describe('FLOAT and DOUBLE values read back bit for bit', { timeout: RUN_TIMEOUT_MS }, () => {
  const paths: [string, (column: 'd' | 'f', values: readonly number[]) => Promise<void>][] = [
    [
      'sql tag, rows of literals only (the fast row parser)',
      async (column, values) => {
        for (const [c, part] of chunks(values, 200).entries()) {
          const rows = part.map((x, i) => sql`(${c * 200 + i}, ${x})`.sql).join(', ');
          await client.execute(`INSERT INTO fl_scalars (k, ${column}) VALUES ${rows}`);
        }
      },
    ],
    [
      'sql tag, rows holding an expression',
      async (column, values) => {
        for (const [c, part] of chunks(values, 200).entries()) {
          const rows = part.map((x, i) => sql`(${c * 200 + i} + 0, ${x})`.sql).join(', ');
          await client.execute(`INSERT INTO fl_scalars (k, ${column}) VALUES ${rows}`);
        }
      },
    ],
    [
      'insertInto().fromTable().map() with a CASE of sql tag values',
      async (column, values) => {
        for (const [c, part] of chunks(values, 100).entries()) {
          const branches = part.map((x, i) => sql`WHEN ${c * 100 + i} THEN ${x}`.sql).join(' ');
          await client.execute(
            insertInto(scalars)
              .fromTable(keys)
              .columns(['k', column])
              .map({ [column]: sql`CASE k ${sql.raw(branches)} END` })
              .where(sql`k >= ${c * 100} AND k < ${c * 100 + part.length}`),
          );
        }
      },
    ],
    [
      'Kysely, typed by the declared column',
      async (column, values) => {
        for (const [c, part] of chunks(values, 200).entries()) {
          await db
            .insertInto('fl_scalars')
            .values(part.map((x, i) => ({ k: c * 200 + i, [column]: x })))
            .execute();
        }
      },
    ],
    [
      'Kysely, untyped (a number is a DOUBLE)',
      async (column, values) => {
        for (const [c, part] of chunks(values, 200).entries()) {
          await untyped
            .insertInto('fl_scalars')
            .values(part.map((x, i) => ({ k: c * 200 + i, [column]: x })))
            .execute();
        }
      },
    ],
  ];

  for (const [path, write] of paths) {
    it(`${path}: DOUBLE, FLOAT, and doubles into FLOAT (Math.fround)`, async () => {
      const failures: string[] = [];
      for (const [column, values, single] of [
        ['d', DOUBLES, false],
        ['f', FLOATS, true],
        ['f', DOUBLES_AS_FLOAT, true],
      ] as const) {
        await fresh(scalars);
        await write(column, values);
        failures.push(...mismatches(`${path} (${column === 'd' ? 'DOUBLE' : 'FLOAT'})`, values, await readScalars(column, values.length), single));
      }
      expect(failures, seedNote).toEqual([]);
    });
  }

  it('WHERE d = x finds every stored double, through the sql tag and Kysely; a FLOAT column its float32 value', async () => {
    await fresh(scalars);
    const asFloat = (x: number) => (Math.abs(x) <= 3.4028234663852886e38 ? Math.fround(x) : null);
    await db
      .insertInto('fl_scalars')
      .values(DOUBLES.map((d, k) => ({ k, d, f: asFloat(d) })))
      .execute();
    const missing: string[] = [];
    const expectRows = (path: string, found: readonly { k: number }[], keys: readonly number[]) => {
      const got = new Set(found.map((r) => r.k));
      for (const k of keys) if (!got.has(k)) missing.push(`${path}: ${show(DOUBLES[k]!)}`);
    };
    // Every value, a hundred comparisons a statement: WHERE CASE k WHEN 0 THEN d = x0 ... END.
    for (const [c, part] of chunks(DOUBLES, 100).entries()) {
      const keys = part.map((_, i) => c * 100 + i);
      const branches = part.map((x, i) => sql`WHEN ${keys[i]} THEN d = ${x}`.sql).join(' ');
      expectRows('sql tag', await client.query<{ k: number }>(`SELECT k FROM fl_scalars WHERE CASE k ${branches} ELSE FALSE END`), keys);
      const byCase = (column: 'd' | 'f', value: (x: number) => number | null) =>
        db
          .selectFrom('fl_scalars')
          .select('k')
          .where(
            (eb) =>
              kyselySql<boolean>`case k ${kyselySql.join(
                part.map((x, i) => kyselySql`when ${keys[i]} then ${eb(column, '=', value(x))}`),
                kyselySql` `,
              )} else false end`,
          )
          .execute();
      expectRows('Kysely', await byCase('d', (x) => x), keys);
      expectRows(
        'Kysely (FLOAT)',
        await byCase('f', (x) => asFloat(x) ?? 0),
        keys.filter((k) => asFloat(DOUBLES[k]!) !== null),
      );
    }
    // The fixed values, a statement each.
    for (const x of FIXED_DOUBLES) {
      const k = DOUBLES.indexOf(x);
      expectRows('sql tag, one value', await client.query<{ k: number }>(sql`SELECT k FROM fl_scalars WHERE d = ${x}`), [k]);
      expectRows('Kysely, one value', await db.selectFrom('fl_scalars').select('k').where('d', '=', x).execute(), [k]);
    }
    expect(missing, seedNote).toEqual([]);
  });
});

// ---- DEFAULTs ------------------------------------------------------------------------------------------------------

describe('DEFAULT values read back bit for bit', { timeout: RUN_TIMEOUT_MS }, () => {
  /** One table per hundred values, a column each; a row inserted with only its key takes them all. */
  async function viaDefaults(
    kind: 'DOUBLE' | 'FLOAT',
    values: readonly number[],
    create: (name: string, part: readonly number[]) => Promise<void>,
  ): Promise<unknown[]> {
    const read: unknown[] = [];
    for (const [c, part] of chunks(values, 100).entries()) {
      const name = `fl_defaults_${kind.toLowerCase()}_${c}`;
      await create(name, part);
      await client.execute(`INSERT INTO ${name} (k) VALUES (1)`);
      const row = (await client.query<Record<string, unknown>>(`SELECT * FROM ${name}`))[0]!;
      read.push(...part.map((_, i) => row[`c${i}`]));
      await client.execute(`DROP TABLE ${name}`);
    }
    return read;
  }

  it('DEFAULTs declared with the SDK: DOUBLE, FLOAT, and doubles into FLOAT', async () => {
    const sdk = (kind: 'DOUBLE' | 'FLOAT') => async (name: string, part: readonly number[]) => {
      const columns = Object.fromEntries(part.map((x, i) => [`c${i}`, (kind === 'DOUBLE' ? double() : float()).default(x)]));
      await client.execute(createTable(table(name, { k: int(), ...columns })));
    };
    expect(
      [
        ...mismatches('DEFAULT (DOUBLE)', DOUBLES, await viaDefaults('DOUBLE', DOUBLES, sdk('DOUBLE'))),
        ...mismatches('DEFAULT (FLOAT)', FLOATS, await viaDefaults('FLOAT', FLOATS, sdk('FLOAT')), true),
        ...mismatches('DEFAULT (double into FLOAT)', DOUBLES_AS_FLOAT, await viaDefaults('FLOAT', DOUBLES_AS_FLOAT, sdk('FLOAT')), true),
      ],
      seedNote,
    ).toEqual([]);
  });

  it("DEFAULTs through Kysely's defaultTo() on DOUBLE and FLOAT columns", async () => {
    const viaKysely = (kind: 'DOUBLE' | 'FLOAT') => async (name: string, part: readonly number[]) => {
      let create = db.schema.createTable(name).addColumn('k', 'integer');
      for (const [i, x] of part.entries())
        create = create.addColumn(`c${i}`, kind === 'DOUBLE' ? kyselySql`DOUBLE` : kyselySql`FLOAT`, (col) => col.defaultTo(x));
      await create.execute();
    };
    expect(
      [
        ...mismatches('defaultTo() (DOUBLE)', DOUBLES, await viaDefaults('DOUBLE', DOUBLES, viaKysely('DOUBLE'))),
        ...mismatches('defaultTo() (FLOAT)', FLOATS, await viaDefaults('FLOAT', FLOATS, viaKysely('FLOAT')), true),
      ],
      seedNote,
    ).toEqual([]);
  });
});

// ---- Lists ---------------------------------------------------------------------------------------------------------

type ListRow = { k: number; ds: number[]; fs: number[]; v: number[]; m: Record<string, number>; mf: Record<string, number>; t: [number, number] };

/** Rows of fl_lists holding `doubles` and `floats`: arrays of up to 6, a VECTOR(4), maps of 3, a tuple. */
function listRows(doubles: readonly number[], floats: readonly number[]): ListRow[] {
  const n = Math.max(Math.ceil(doubles.length / 6), Math.ceil(floats.length / 6));
  const d = (i: number) => doubles[i % doubles.length]!;
  const f = (i: number) => floats[i % floats.length]!;
  return Array.from({ length: n }, (_, k) => ({
    k,
    ds: [0, 1, 2, 3, 4, 5].map((j) => d(6 * k + j)).slice(0, 1 + (k % 6)),
    fs: [0, 1, 2, 3, 4, 5].map((j) => f(6 * k + j)).slice(0, 1 + ((k + 3) % 6)),
    v: [0, 1, 2, 3].map((j) => f(6 * k + j + 1)),
    m: { a: d(6 * k + 1), 'b\'"': d(6 * k + 2), c: d(6 * k + 3) },
    mf: { a: f(6 * k + 2), b: f(6 * k + 4) },
    t: [d(6 * k + 5), f(6 * k + 5)],
  }));
}

/** Every float of a row, in a fixed order, with whether it is a float32 (FLOAT, VECTOR). */
function leaves(r: ListRow): [number, boolean][] {
  return [
    ...r.ds.map((x): [number, boolean] => [x, false]),
    ...r.fs.map((x): [number, boolean] => [x, true]),
    ...r.v.map((x): [number, boolean] => [x, true]),
    ...Object.keys(r.m)
      .sort()
      .map((key): [number, boolean] => [r.m[key]!, false]),
    ...Object.keys(r.mf)
      .sort()
      .map((key): [number, boolean] => [r.mf[key]!, true]),
    [r.t[0], false],
    [r.t[1], true],
  ];
}

function listMismatches(path: string, written: readonly ListRow[], read: readonly Record<string, unknown>[]): string[] {
  const out: string[] = [];
  written.forEach((w, i) => {
    const got = read[i] as ListRow | undefined;
    if (got === undefined) return void out.push(`${path}: row ${w.k} missing`);
    const want = leaves(w);
    const have = leaves(got);
    if (have.length !== want.length) return void out.push(`${path}: row ${w.k} has ${have.length} values, not ${want.length}`);
    want.forEach(([x, single], j) => {
      const y = have[j]![0];
      if (!Object.is(y, single ? Math.fround(x) : x)) out.push(`${path}: row ${w.k} value ${j}: wrote ${show(x)}, read ${show(y, single)}`);
    });
  });
  return out;
}

describe('ARRAY, MAP, TUPLE and VECTOR values read back bit for bit', { timeout: RUN_TIMEOUT_MS }, () => {
  const finiteRows = listRows(DOUBLES, FLOATS);

  async function readLists(): Promise<Record<string, unknown>[]> {
    return client.query('SELECT * FROM fl_lists ORDER BY k', { table: lists });
  }

  it('Kysely typed values, the sql tag (each value a literal; the VECTOR and maps cast), and SDK DEFAULTs', async () => {
    const failures: string[] = [];

    await fresh(lists);
    await db.insertInto('fl_lists').values(finiteRows).execute();
    failures.push(...listMismatches('Kysely typed', finiteRows, await readLists()));

    await fresh(lists);
    for (const part of chunks(finiteRows, 50)) {
      const rows = part.map(
        (r) =>
          sql`(${r.k}, ${r.ds}, ${r.fs}, ${r.v}::VECTOR(4), ${sql.raw(
            `{${Object.entries(r.m)
              .map(([k, x]) => `${sql`${k}`.sql}: ${sql`${x}`.sql}`)
              .join(', ')}}`,
          )}, ${sql.raw(
            `{${Object.entries(r.mf)
              .map(([k, x]) => `${sql`${k}`.sql}: ${sql`${x}`.sql}`)
              .join(', ')}}`,
          )}, (${r.t[0]}, ${r.t[1]}))`.sql,
      );
      await client.execute(`INSERT INTO fl_lists VALUES ${rows.join(', ')}`);
    }
    failures.push(...listMismatches('sql tag', finiteRows, await readLists()));

    // DEFAULTs: one table per row (the first LIST_DEFAULTS rows), its values as the columns' defaults.
    const read: Record<string, unknown>[] = [];
    for (const r of finiteRows.slice(0, LIST_DEFAULTS)) {
      const name = `fl_list_defaults_${r.k}`;
      const t = table(name, {
        k: int().notNull().default(r.k),
        ds: array(double()).default(r.ds),
        fs: array(float()).default(r.fs),
        v: vector(4).default(r.v),
        m: map(string(), double()).default(r.m),
        mf: map(string(), float()).default(r.mf),
        t: tuple(double(), float()).default(r.t),
      });
      await client.execute(createTable(t));
      await client.execute(`INSERT INTO ${name} (k) VALUES (${r.k})`);
      read.push((await client.query<Record<string, unknown>>(`SELECT * FROM ${name}`, { table: t }))[0]!);
      await client.execute(`DROP TABLE ${name}`);
    }
    failures.push(...listMismatches('DEFAULT', finiteRows.slice(0, LIST_DEFAULTS), read));
    expect(failures, seedNote).toEqual([]);
  });

  it('a VECTOR query vector is the stored vector: l2_distance is 0', async () => {
    await fresh(lists);
    await db.insertInto('fl_lists').values(finiteRows).execute();
    const far: string[] = [];
    for (const part of chunks(finiteRows, 25)) {
      const rows = await db
        .selectFrom('fl_lists')
        .select([
          'k',
          kyselySql<number>`case k ${kyselySql.join(
            part.map((r) => kyselySql`when ${r.k} then ${l2Distance('v', r.v)}`),
            kyselySql` `,
          )} end`.as('d'),
        ])
        .where(
          'k',
          'in',
          part.map((r) => r.k),
        )
        .orderBy('k')
        .execute();
      rows.forEach((row, i) => {
        if (row.d !== 0) far.push(`row ${row.k}: ${part[i]!.v.map((x) => show(x, true)).join(', ')} at ${String(row.d)}`);
      });
    }
    expect(far, seedNote).toEqual([]);
  });
});

// ---- NaN and the infinities ----------------------------------------------------------------------------------------

describe('NaN, Infinity and -Infinity', { timeout: RUN_TIMEOUT_MS }, () => {
  it('are stored and read back through every path; NaN = NaN and -0 = 0 are TRUE', async () => {
    const failures: string[] = [];
    for (const [path, write] of [
      ['sql tag', () => client.execute(`INSERT INTO fl_scalars (k, d, f) VALUES ${NON_FINITE.map((x, k) => sql`(${k}, ${x}, ${x})`.sql).join(', ')}`)],
      [
        'Kysely typed',
        () =>
          db
            .insertInto('fl_scalars')
            .values(NON_FINITE.map((x, k) => ({ k, d: x, f: x })))
            .execute(),
      ],
      [
        'Kysely untyped',
        () =>
          untyped
            .insertInto('fl_scalars')
            .values(NON_FINITE.map((x, k) => ({ k, d: x, f: x })))
            .execute(),
      ],
    ] as const) {
      await fresh(scalars);
      await write();
      failures.push(
        ...mismatches(`${path} (DOUBLE)`, NON_FINITE, await readScalars('d', 3)),
        ...mismatches(`${path} (FLOAT)`, NON_FINITE, await readScalars('f', 3), true),
      );
    }

    const defaults = table('fl_nonfinite_defaults', {
      k: int(),
      ...Object.fromEntries(
        NON_FINITE.flatMap((x, i) => [
          [`d${i}`, double().default(x)],
          [`f${i}`, float().default(x)],
        ]),
      ),
      ds: array(double()).default(NON_FINITE),
      v: vector(3).default(NON_FINITE),
      t: tuple(double(), float()).default([NaN, -Infinity]),
    });
    await client.execute(createTable(defaults));
    await client.execute('INSERT INTO fl_nonfinite_defaults (k) VALUES (1)');
    const row = (await client.query<Record<string, unknown>>('SELECT * FROM fl_nonfinite_defaults', { table: defaults }))[0]!;
    failures.push(
      ...mismatches(
        'DEFAULT (DOUBLE)',
        NON_FINITE,
        NON_FINITE.map((_, i) => row[`d${i}`]),
      ),
      ...mismatches(
        'DEFAULT (FLOAT)',
        NON_FINITE,
        NON_FINITE.map((_, i) => row[`f${i}`]),
        true,
      ),
      ...mismatches('DEFAULT ARRAY(DOUBLE)', NON_FINITE, row.ds as number[]),
      ...mismatches('DEFAULT VECTOR(3)', NON_FINITE, row.v as number[], true),
      ...mismatches('DEFAULT TUPLE', [NaN, -Infinity], row.t as number[]),
    );

    // Inside lists, through Kysely's typed values. A MAP with STRING keys is read as VARIANT JSON by the client,
    // which has no NaN: its values are checked as the engine's text.
    await fresh(lists);
    await db
      .insertInto('fl_lists')
      .values({ k: 0, ds: NON_FINITE, fs: NON_FINITE, v: [NaN, Infinity, -Infinity, 0], m: { n: NaN, i: Infinity }, mf: { n: -Infinity }, t: [NaN, Infinity] })
      .execute();
    const [list] = await db.selectFrom('fl_lists').select(['ds', 'fs', 'v', 't']).execute();
    failures.push(
      ...mismatches('Kysely ARRAY(DOUBLE)', NON_FINITE, list!.ds as number[]),
      ...mismatches('Kysely ARRAY(FLOAT)', NON_FINITE, list!.fs as number[], true),
      ...mismatches('Kysely VECTOR', [NaN, Infinity, -Infinity, 0], list!.v as number[], true),
      ...mismatches('Kysely TUPLE', [NaN, Infinity], list!.t as unknown as number[]),
    );
    expect(await client.query("SELECT m['n']::STRING AS n, m['i']::STRING AS i, mf['n']::STRING AS f FROM fl_lists")).toEqual([
      { n: 'NaN', i: 'inf', f: '-inf' },
    ]);
    expect(failures).toEqual([]);

    // The engine's comparisons: NaN equals NaN (and sorts above Infinity), -0 equals 0.
    await fresh(scalars);
    await db
      .insertInto('fl_scalars')
      .values([NaN, Infinity, -Infinity, -0, 0].map((d, k) => ({ k, d })))
      .execute();
    const where = async (x: number) => (await db.selectFrom('fl_scalars').select('k').where('d', '=', x).orderBy('k').execute()).map((r) => r.k);
    expect(await where(NaN)).toEqual([0]);
    expect(await where(Infinity)).toEqual([1]);
    expect(await where(-Infinity)).toEqual([2]);
    expect(await where(-0)).toEqual([3, 4]);
    expect(await where(0)).toEqual([3, 4]);
    expect((await db.selectFrom('fl_scalars').select('k').orderBy('d').orderBy('k').execute()).map((r) => r.k)).toEqual([2, 3, 4, 1, 0]);
  });
});
