// Code generation without an engine: the exact code generated for live tables and inferred schemas, literals that
// hold nothing but their text (hostile names and comments evaluated back), and output that Biome leaves unchanged.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { DataType } from '../../src/ast/data-types.js';
import * as api from '../../src/index.js';
import { generateDeclarations, type LiveColumn, type LiveTable } from '../../src/index.js';
import { constantName, defaultCode, fileStem, propertyKey, sqlTemplate, stringLiteral } from '../../src/migrate/codegen.js';
import { inferredFile, inferredType } from '../../src/migrate/infer.js';
import { dataTypeOf } from '../../src/migrate/introspect.js';
import { parseType } from '../../src/client/type-parser.js';

const BIOME = fileURLToPath(new URL('../../node_modules/.bin/biome', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** What Biome makes of a TypeScript source, formatted with the project's biome.json. */
function biomeFormat(source: string): string {
  return execFileSync(BIOME, ['format', '--stdin-file-path=generated.ts'], { input: source, cwd: ROOT, encoding: 'utf8' });
}

const column = (name: string, type: DataType, extra: Partial<LiveColumn> = {}): LiveColumn => ({
  name,
  type,
  nullable: true,
  default: undefined,
  comment: undefined,
  computed: undefined,
  ...extra,
});

const live = (name: string, columns: LiveColumn[], extra: Partial<LiveTable> = {}): LiveTable => ({
  database: 'd',
  name,
  columns,
  clusterBy: undefined,
  comment: undefined,
  options: { compression: 'lz4', storage_format: 'native', enable_auto_analyze: '1' },
  transient: false,
  ...extra,
});

const HOSTILE = [
  "it's",
  'say "hi"',
  `both ' and "" quotes`,
  'back\\slash \\n not a newline',
  'line\nbreak\r\n and tab\t',
  '\u2028\u2029 line separators',
  '*/ end of comment /* // and a line comment',
  '`${process.exit(1)}` template',
  "'); process.exit(1); ('",
  'NUL \u0000 and \u001f controls',
  'lone surrogate \ud800 here',
  'é 中文 🚗',
  '',
];

describe('literals hold only their text', () => {
  it.each(HOSTILE.map((t) => [JSON.stringify(t), t]))('stringLiteral(%s) evaluates back to the text', (_, text) => {
    const literal = stringLiteral(text);
    expect(new Function(`return ${literal};`)()).toBe(text);
    // One literal, on one line: nothing after it can be code.
    expect(literal).not.toMatch(/[\n\r\u2028\u2029]/);
  });

  it.each(HOSTILE.map((t) => [JSON.stringify(t), t]))('sqlTemplate(%s) hands the sql tag exactly the text', (_, text) => {
    const tag = (strings: TemplateStringsArray, ...values: unknown[]) => ({ strings: [...strings], values });
    const result = new Function('sql', `return ${sqlTemplate(text)};`)(tag) as { strings: string[]; values: unknown[] };
    expect(result).toEqual({ strings: [text], values: [] });
  });

  it('quotes as Biome does: single, unless the text holds more single quotes than double ones', () => {
    expect(stringLiteral('plain')).toBe("'plain'");
    expect(stringLiteral("it's")).toBe('"it\'s"');
    expect(stringLiteral(`a'b"c"d`)).toBe(`'a\\'b"c"d'`);
  });

  it('object keys: bare when plain, quoted otherwise, and __proto__ computed so that it stays a key', () => {
    expect(propertyKey('frame_id')).toBe('frame_id');
    expect(propertyKey('Frame ID')).toBe("'Frame ID'");
    expect(propertyKey('1st')).toBe("'1st'");
    expect(propertyKey('中文')).toBe('中文');
    expect(propertyKey('__proto__')).toBe("['__proto__']");
    const object = new Function(`return { ${propertyKey('__proto__')}: 1, ${propertyKey("a'b")}: 2 };`)() as Record<string, number>;
    expect(Object.keys(object)).toEqual(['__proto__', "a'b"]);
  });

  it('constant and file names are identifiers and plain file names, whatever the table is called', () => {
    const taken = new Set<string>(['table', 'string']);
    expect(constantName('drive_sessions', taken)).toBe('driveSessions');
    expect(constantName('string', taken)).toBe('stringTable');
    expect(constantName('class', taken)).toBe('classTable');
    expect(constantName('1st table', taken)).toBe('_1stTable');
    expect(constantName("../'; x", taken)).toBe('x');
    expect(constantName('中文', taken)).toBe('tableTable');
    expect(fileStem('driveSessions')).toBe('drive-sessions');
    expect(fileStem('_1stTable')).toBe('1st-table');
  });

  it('DEFAULTs: a JavaScript value where the engine printed a plain literal, its SQL otherwise', () => {
    const uses = new Set<string>();
    expect(defaultCode('7', { kind: 'BIGINT' }, uses)).toBe('7');
    expect(defaultCode('1.50', { kind: 'DECIMAL', precision: 10, scale: 2 }, uses)).toBe("'1.50'");
    expect(defaultCode('true', { kind: 'BOOLEAN' }, uses)).toBe('true');
    expect(defaultCode("'it\\'s \\\\ x'", { kind: 'STRING' }, uses)).toBe('"it\'s \\\\ x"');
    expect(uses.size).toBe(0);
    expect(defaultCode('0.1', { kind: 'DOUBLE' }, uses)).toBe('sql`0.1`');
    expect(defaultCode("'2024-01-02'", { kind: 'DATE' }, uses)).toBe("sql`'2024-01-02'`");
    expect(defaultCode('CAST(now() AS Timestamp NULL)', { kind: 'TIMESTAMP' }, uses)).toBe('sql`CAST(now() AS Timestamp NULL)`');
    expect(defaultCode("'a\\nb'", { kind: 'STRING' }, uses)).toBe("sql`'a\\\\nb'`");
    expect([...uses]).toEqual(['sql']);
  });
});

describe('generateDeclarations', () => {
  const sessions = live(
    'drive_sessions',
    [column('session_id', { kind: 'STRING' }, { nullable: false, comment: 'one road-test session' }), column('start_time', { kind: 'TIMESTAMP' })],
    {
      comment: 'EverDrive road-test sessions',
    },
  );
  const events = live(
    'frame_events',
    [
      column('frame_id', { kind: 'STRING' }, { nullable: false }),
      column('risk', { kind: 'DECIMAL', precision: 10, scale: 2 }, { default: '1.50' }),
      column('embedding', { kind: 'VECTOR', dimension: 4 }),
      column('tags', { kind: 'ARRAY', element: { kind: 'MAP', key: { kind: 'STRING' }, value: { kind: 'BIGINT UNSIGNED' } } }),
      column('point', { kind: 'TUPLE', named: true, fields: { LAT: { kind: 'DOUBLE' }, LON: { kind: 'DOUBLE' } } }),
      column('pair', { kind: 'TUPLE', named: true, fields: { '1': { kind: 'INT' }, '2': { kind: 'STRING' } } }),
      column('doc', { kind: 'VARIANT' }),
      column('at', { kind: 'TIMESTAMP' }, { default: 'CAST(now() AS Timestamp NULL)' }),
    ],
    {
      clusterBy: { keys: ['frame_id', 'to_date(at)'], type: 'LINEAR' },
      options: { block_per_segment: '500', compression: 'zstd', storage_format: 'native', enable_auto_analyze: '1' },
      transient: true,
    },
  );

  it('one file: tables sorted by name, the imports they use, and a list of them all', () => {
    const [file, ...rest] = generateDeclarations([events, sessions]);
    expect(rest).toEqual([]);
    expect(file!.path).toBe('schema.ts');
    expect(file!.contents).toBe(
      [
        '// Generated by databend-etl pull from the live tables. Edit freely: `databend-etl diff` compares it with them.',
        "import { array, bigintUnsigned, decimal, double, int, map, sql, string, table, timestamp, tuple, variant, vector } from 'databend-etl';",
        '',
        'export const driveSessions = table(',
        "  'drive_sessions',",
        '  {',
        "    session_id: string().notNull().comment('one road-test session'),",
        '    start_time: timestamp(),',
        '  },',
        '  {',
        "    comment: 'EverDrive road-test sessions',",
        '  },',
        ');',
        '',
        'export const frameEvents = table(',
        "  'frame_events',",
        '  {',
        '    frame_id: string().notNull(),',
        "    risk: decimal(10, 2).default('1.50'),",
        '    embedding: vector(4),',
        '    tags: array(map(string(), bigintUnsigned())),',
        '    point: tuple({ lat: double(), lon: double() }),',
        '    pair: tuple(int(), string()),',
        '    doc: variant(),',
        '    at: timestamp().default(sql`CAST(now() AS Timestamp NULL)`),',
        '  },',
        '  {',
        "    clusterBy: ['frame_id', sql`to_date(at)`],",
        '    transient: true,',
        '    engineOptions: {',
        '      block_per_segment: 500,',
        "      compression: 'zstd',",
        '    },',
        '  },',
        ');',
        '',
        'export const tables = [driveSessions, frameEvents] as const;',
        '',
      ].join('\n'),
    );
  });

  it('one file per table and an index.ts exporting them, paths plain whatever the names', () => {
    const files = generateDeclarations(
      [sessions, live('../../etc/passwd', [column('a', { kind: 'INT' })]), live('Etc Passwd', [column('a', { kind: 'INT' })])],
      {
        layout: 'per-table',
        importFrom: '../src/index.js',
      },
    );
    expect(files.map((f) => f.path)).toEqual(['etc-passwd.ts', 'etc-passwd-table.ts', 'drive-sessions.ts', 'index.ts']);
    expect(files[2]!.contents).toContain("import { string, table, timestamp } from '../src/index.js';");
    expect(files[3]!.contents).toBe(
      [
        '// Generated by databend-etl pull from the live tables. Edit freely: `databend-etl diff` compares it with them.',
        "export { etcPasswd } from './etc-passwd.js';",
        "export { etcPasswdTable } from './etc-passwd-table.js';",
        "export { driveSessions } from './drive-sessions.js';",
        '',
      ].join('\n'),
    );
  });

  it('Biome leaves the output unchanged: short and long lines, hostile names and comments', () => {
    const long = 'x'.repeat(150);
    const tables = [
      sessions,
      events,
      live('short', [column('a', { kind: 'INT' })]),
      live(
        'we\'ird "name" */ ${x}',
        [
          ...HOSTILE.map((text, i) => column(`c${i}`, { kind: 'STRING' }, { comment: text })),
          column('__proto__', { kind: 'STRING' }, { comment: long }),
          column('x y', { kind: 'DECIMAL', precision: 10, scale: 2 }, { default: '1.50', nullable: false, comment: long }),
          column('m', { kind: 'MAP', key: { kind: 'STRING' }, value: { kind: 'VECTOR', dimension: 3 } }, { comment: long.slice(0, 120) }),
          column('n', { kind: 'STRING' }, { nullable: false, comment: long.slice(0, 125) }),
          column('中文', { kind: 'STRING' }, { comment: '中'.repeat(70) }),
          column('s', { kind: 'STRING' }, { default: "'it\\'s'" }),
        ],
        { comment: long, clusterBy: { keys: ['s', 'to_date(x)'], type: 'HILBERT' }, options: { block_per_segment: '500', compression: long } },
      ),
      live(`t${'t'.repeat(150)}`, [column('a', { kind: 'INT' })]),
    ];
    for (const layout of ['one-file', 'per-table'] as const)
      for (const file of generateDeclarations(tables, { layout })) expect(biomeFormat(file.contents), file.path).toBe(file.contents);
  });

  const indexed = live(
    'docs',
    [
      column('id', { kind: 'BIGINT' }, { autoIncrement: { start: 5, step: 2, order: true } }),
      column('seq', { kind: 'BIGINT' }, { nullable: false, autoIncrement: { start: 0, step: 1, order: false } }),
      column('n', { kind: 'INT' }, { autoIncrement: { start: 0, step: 1, order: true } }),
      column('note', { kind: 'STRING' }),
      column('Body Text', { kind: 'STRING' }),
      column('v', { kind: 'VECTOR', dimension: 3 }),
      column('next_id', { kind: 'BIGINT' }, { computed: { mode: 'STORED', expression: 'id + 1' } }),
    ],
    {
      indexes: [
        {
          type: 'INVERTED',
          name: 'note_idx',
          columns: ['note', 'Body Text'],
          async: false,
          options: { filters: 'english_stop,english_stemmer', index_record: 'position', tokenizer: 'english' },
        },
        { type: 'INVERTED', name: 'plain_idx', columns: ['note'], async: true, options: {} },
        { type: 'NGRAM', name: 'note_ngram', columns: ['note'], async: false, options: { bloom_size: '1024', gram_size: '3' } },
        { type: 'VECTOR', name: 'V idx', columns: ['v'], async: true, options: { distance: 'cosine,l2', ef_construct: '100', m: '16' } },
      ],
    },
  );

  it('AUTOINCREMENT (only what differs from start 0, step 1, ORDER), computed columns and each index kind with its options', () => {
    const [file] = generateDeclarations([indexed]);
    expect(file!.contents).toBe(
      [
        '// Generated by databend-etl pull from the live tables. Edit freely: `databend-etl diff` compares it with them.',
        "import { bigint, int, invertedIndex, ngramIndex, sql, string, table, vector, vectorIndex } from 'databend-etl';",
        '',
        'export const docs = table(',
        "  'docs',",
        '  {',
        '    id: bigint().autoIncrement({ start: 5, step: 2 }),',
        '    seq: bigint().notNull().autoIncrement({ order: false }),',
        '    n: int().autoIncrement(),',
        '    note: string(),',
        "    'Body Text': string(),",
        '    v: vector(3),',
        '    next_id: bigint().storedAs(sql`id + 1`),',
        '  },',
        '  {',
        '    indexes: [',
        "      invertedIndex('note_idx', ['note', 'Body Text'], { filters: ['english_stop', 'english_stemmer'], indexRecord: 'position', tokenizer: 'english' }),",
        "      invertedIndex('plain_idx', ['note'], { async: true }),",
        "      ngramIndex('note_ngram', ['note'], { bloomSize: 1024, gramSize: 3 }),",
        "      vectorIndex('V idx', ['v'], { distance: ['cosine', 'l2'], efConstruct: 100, m: 16, async: true }),",
        '    ],',
        '  },',
        ');',
        '',
        'export const tables = [docs] as const;',
        '',
      ].join('\n'),
    );
    expect(biomeFormat(file!.contents)).toBe(file!.contents);
  });

  it('the generated indexes and AUTOINCREMENT, run, are declarations that diff empty against the live table; hostile index names stay names', () => {
    const hostile = live('h', [column('s', { kind: 'STRING' }), column('x'.repeat(70), { kind: 'STRING' }), column('y'.repeat(70), { kind: 'STRING' })], {
      indexes: [
        { type: 'NGRAM', name: 'it\'s */ "q" `${process.exit(1)}` \u2028 中文', columns: ['s'], async: false, options: {} },
        { type: 'INVERTED', name: 'i'.repeat(120), columns: ['s'], async: true, options: { tokenizer: 'english' } },
        { type: 'INVERTED', name: 'j'.repeat(100), columns: ['x'.repeat(70), 'y'.repeat(70)], async: false, options: { tokenizer: 'chinese' } },
      ],
    });
    const run = (t: LiveTable) => {
      const [file] = generateDeclarations([t]);
      expect(biomeFormat(file!.contents)).toBe(file!.contents);
      const source = file!.contents.replace(/^import \{ (.*) \} from 'databend-etl';$/m, 'const { $1 } = api;');
      return (new Function('api', `${source.replaceAll('export const', 'const').replace(' as const;', ';')}; return tables;`)(api) as api.AnyTable[])[0]!;
    };
    expect(api.diffTable(run(indexed), indexed)).toEqual([]);
    const declared = run(hostile);
    expect(declared.options.indexes!.map((i) => i.name)).toEqual(hostile.indexes!.map((i) => i.name));
    expect(api.diffTable(declared, hostile)).toEqual([]);
  });

  it('an index option no helper declares is an error, not a guess', () => {
    const odd = live('o', [column('s', { kind: 'STRING' })], {
      indexes: [{ type: 'NGRAM', name: 'n', columns: ['s'], async: false, options: { shingle: '2' } }],
    });
    expect(() => generateDeclarations([odd])).toThrow("no option of ngramIndex() declares the NGRAM index option 'shingle' of index 'n'");
  });

  it('hostile names and comments come back exactly when the generated code runs', () => {
    const table = live(
      'we\'ird "name" */ ${x}',
      HOSTILE.filter((t) => t !== '').map((text, i) =>
        column(i === 0 ? '__proto__' : `c ${text.replace(/[\\\u0000-\u001f]|\ud800/g, '')}`.trim(), { kind: 'STRING' }, { comment: text }),
      ),
      { comment: HOSTILE.join('|') },
    );
    const [file] = generateDeclarations([table]);
    const source = file!.contents.replace(/^import \{ (.*) \} from 'databend-etl';$/m, 'const { $1 } = api;');
    const module = new Function('api', `${source.replaceAll('export const', 'const').replace(' as const;', ';')}; return tables;`)(api) as readonly {
      name: string;
      columns: Record<string, { spec: { comment: string } }>;
      options: { comment: string };
    }[];
    const [declared] = module;
    expect(declared!.name).toBe(table.name);
    expect(declared!.options.comment).toBe(table.comment);
    expect(Object.keys(declared!.columns)).toEqual(table.columns.map((c) => c.name));
    expect(Object.values(declared!.columns).map((c) => c.spec.comment)).toEqual(table.columns.map((c) => c.comment));
  });
});

describe('inferredType', () => {
  it("reads INFER_SCHEMA's type names, nested ones included", () => {
    expect(inferredType('VARCHAR', 'CSV')).toEqual({ kind: 'STRING' });
    expect(inferredType('BIGINT', 'CSV')).toEqual({ kind: 'BIGINT' });
    expect(inferredType('TIMESTAMP', 'PARQUET')).toEqual({ kind: 'TIMESTAMP' });
    expect(inferredType('DECIMAL(10, 2)', 'PARQUET')).toEqual({ kind: 'DECIMAL', precision: 10, scale: 2 });
    expect(inferredType('ARRAY(FLOAT32)', 'PARQUET')).toEqual({ kind: 'ARRAY', element: { kind: 'FLOAT' } });
    expect(inferredType('MAP(STRING, INT64)', 'PARQUET')).toEqual({ kind: 'MAP', key: { kind: 'STRING' }, value: { kind: 'BIGINT' } });
    expect(inferredType('TUPLE(A ARRAY(INT64), B STRING)', 'PARQUET')).toEqual({
      kind: 'TUPLE',
      named: true,
      fields: { a: { kind: 'ARRAY', element: { kind: 'BIGINT' } }, b: { kind: 'STRING' } },
    });
  });

  it('an object inferred from NDJSON is VARIANT (its keys upper-cased by the engine, and any may be missing)', () => {
    expect(inferredType('TUPLE(A ARRAY(INT64),)', 'NDJSON')).toEqual({ kind: 'VARIANT' });
    expect(inferredType('ARRAY(TUPLE(LABEL STRING, BBOX ARRAY(INT64)))', 'NDJSON')).toEqual({ kind: 'ARRAY', element: { kind: 'VARIANT' } });
  });

  it('refuses a type it has no column function for', () => {
    expect(() => inferredType('ENUM(a)', 'PARQUET')).toThrow("infer(): INFER_SCHEMA's type 'ENUM(a)' has no counterpart in the SDK's types");
  });
});

describe('introspection of tuples', () => {
  it("a positional TUPLE, whose elements system.columns' data_type names 1, 2, ..., reads as positional", () => {
    const type = dataTypeOf(parseType('Nullable(Tuple(Nullable(Int32), Nullable(String)))'), 'test', parseType('TUPLE(1 INT32, 2 STRING)'));
    expect(type).toEqual({ kind: 'TUPLE', named: false, elements: [{ kind: 'INT' }, { kind: 'STRING' }] });
    const named = dataTypeOf(parseType('Tuple(Float64, Float64)'), 'test', parseType('TUPLE(LAT FLOAT64, LON FLOAT64)'));
    expect(named).toEqual({ kind: 'TUPLE', named: true, fields: { LAT: { kind: 'DOUBLE' }, LON: { kind: 'DOUBLE' } } });
  });
});

describe('inferredFile', () => {
  const sessions = live('drive_sessions', [column('session_id', { kind: 'STRING' }), column('start_time', { kind: 'TIMESTAMP' }, { nullable: false })], {
    options: {},
  });
  const source = { stage: 'land', path: 'csv/sessions/', pattern: undefined, formatName: undefined, importFrom: 'databend-etl' } as const;

  it('the table and its COPY: Parquet through the transform, CSV and NDJSON as they are', () => {
    expect(inferredFile(sessions, { ...source, format: 'CSV' }).contents).toBe(
      [
        '// Generated by databend-etl infer from CSV files with INFER_SCHEMA. Edit names and types freely; the COPY follows the table.',
        "import { copyInto, string, table, timestamp } from 'databend-etl';",
        '',
        "export const driveSessions = table('drive_sessions', {",
        '  session_id: string(),',
        '  start_time: timestamp().notNull(),',
        '});',
        '',
        "export const loadDriveSessions = copyInto(driveSessions).fromStage('land', 'csv/sessions/').raw().fileFormat({ type: 'CSV', skipHeader: 1 });",
        '',
      ].join('\n'),
    );
    expect(inferredFile(sessions, { ...source, format: 'PARQUET' }).contents).toContain(
      "export const loadDriveSessions = copyInto(driveSessions).fromStage('land', 'csv/sessions/').fileFormat({ type: 'PARQUET' });",
    );
    expect(inferredFile(sessions, { ...source, format: 'NDJSON', formatName: 'my_json' }).contents).toContain(".raw().fileFormat({ formatName: 'my_json' });");
  });

  it('a long COPY is one call per line as Biome lays it out, and a hostile pattern is only a pattern', () => {
    const pattern = `.*'); DROP TABLE drive_sessions; --\\ \`\${x}\` ${'x'.repeat(60)}[.]csv`;
    const file = inferredFile(sessions, { ...source, format: 'CSV', path: `csv/${'s'.repeat(40)}/`, pattern });
    expect(biomeFormat(file.contents)).toBe(file.contents);
    expect(file.contents).toContain('export const loadDriveSessions = copyInto(driveSessions)\n  .fromStage(');
    const source_ = file.contents.replace(/^import \{ (.*) \} from 'databend-etl';$/m, 'const { $1 } = api;').replaceAll('export const', 'const');
    const load = new Function('api', `${source_}; return loadDriveSessions;`)(api) as api.CopyIntoTableBuilder;
    expect(load.toNode().pattern).toBe(pattern);
  });
});
