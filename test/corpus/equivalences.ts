// Known, justified differences between a documentation example and the SDK's rendering of it: in the example's text,
// `docs` (white space aside) is read as `sdk` before both are normalised and compared. Each says why the two mean the
// same to the engine. An equivalence whose `docs` text no longer occurs fails the corpus test.

export interface Equivalence {
  readonly docs: string;
  readonly sdk: string;
  readonly reason: string;
}

/** `@stage/` and `@stage` both name the stage's root; the SDK writes a path only when there is one. */
const stageRoot = (name: string): Equivalence => ({
  docs: `@${name}/`,
  sdk: `@${name}`,
  reason: `\`@${name}/\` and \`@${name}\` both name the stage's root (the engine run gives the same outcome); the SDK writes no empty path`,
});

/** The SDK's INSERT names the target's columns; the pages that do not create the table get a one-column `c`. */
const insertColumns = (table: string, columns: string): Equivalence => ({
  docs: `INSERT INTO ${table} SELECT`,
  sdk: `INSERT INTO ${table} (${columns}) SELECT`,
  reason: "the SDK's INSERT always names the target columns; naming every column in the table's order is what the engine does without a list",
});

/**
 * The guide's join of two stream CTEs: the SDK names each selected expression and writes the join's kind. The engine
 * gives `SELECT o.a, c.s FROM ta AS o JOIN tb AS c ON ...` and `SELECT o.a AS a, c.s AS s FROM ta AS o INNER JOIN tb AS c
 * ON ...` the same columns and rows (the streams themselves are refused here for the licence).
 */
const cteJoin: readonly Equivalence[] = [
  {
    docs: 'o.customer_id, c.segment,',
    sdk: 'o.customer_id AS customer_id, c.segment AS segment,',
    reason: 'a column selected by its qualified name is named after the column; the SDK writes that name as the alias',
  },
  {
    docs: 'JOIN customers_delta',
    sdk: 'INNER JOIN customers_delta',
    reason: 'a JOIN without a kind is an INNER JOIN; the SDK writes the kind',
  },
];
/** A table function's `location => '@stage'` at a stage's root: the SDK writes the root as `'@stage/'`. */
const stageRootLocation = (name: string): Equivalence => ({
  docs: `'@${name}'`,
  sdk: `'@${name}/'`,
  reason: `\`location => '@${name}'\` and \`'@${name}/'\` both name the stage's root (the engine run gives the same outcome); the SDK writes the root with its slash`,
});

/** `CAST(x AS T)` and `x::T` are one cast in Databend's grammar; the SDK writes `::`. */
const castSpelling = (docs: string, sdk: string): Equivalence => ({
  docs,
  sdk,
  reason: '`CAST(x AS T)` and `x::T` parse to the same cast (the engine run gives the same rows); the SDK writes `x::T`',
});

/** A COPY transform without a target column list: the SDK names every column, in the table's order. */
const allColumns = (table: string, columns: string): Equivalence => ({
  docs: `COPY INTO ${table}`,
  sdk: `COPY INTO ${table} (${columns})`,
  reason: "the SDK's COPY transform always names the target columns; naming every column in the table's order is what the engine does without a list",
});

/**
 * Kysely names every selected expression (`select 1 as x`): a query whose column's name reaches nothing (a task body,
 * whose result is not kept; an unload to CSV without a header, whose file holds the values only) gets the same outcome.
 */
const namedColumn = (docs: string, sdk: string, where: string): Equivalence => ({
  docs,
  sdk,
  reason: `Kysely names every selected expression; ${where}, the column's name reaches nothing, so both write the same`,
});

/** A decimal literal cast to DOUBLE: `100.50` and `100.5` are one number, and the cast makes them one DOUBLE. */
const doubleLiteral = (docs: string, sdk: string): Equivalence => ({
  docs,
  sdk,
  reason: `\`${docs}\` and \`${sdk}\` are the same DOUBLE (trailing zeros of a decimal literal change its scale, which the cast drops); the SDK writes a JavaScript number`,
});

/** The later branches of a UNION: the result's names are the first branch's; Kysely names the later ones too. */
const unionBranchNames = (docs: string, sdk: string): Equivalence => ({
  docs,
  sdk,
  reason:
    "a UNION's columns are named by its first SELECT, and names in the later branches are ignored (the engine run gives the same rows and files); Kysely names every selected expression",
});

export const EQUIVALENCES: Readonly<Record<string, readonly Equivalence[]>> = {
  'copy-into-location-005': [
    {
      docs: '(SELECT NULL)',
      sdk: '(SELECT NULL AS x)',
      reason:
        "a scalar subquery's value does not depend on its column's name: both order the window by the same constant NULL; Kysely names every selected expression",
    },
  ],
  'copy-into-location-006': [
    unionBranchNames("SELECT 2, 250.50::DOUBLE, 'EUR'", "SELECT 2 AS order_id, 250.5::DOUBLE AS amount, 'EUR' AS currency"),
    doubleLiteral('100.50::DOUBLE', '100.5::DOUBLE'),
  ],
  'copy-into-location-007': [doubleLiteral('75.50::DOUBLE', '75.5::DOUBLE')],
  'copy-into-location-008': [unionBranchNames("SELECT 2, 'NYC', 8", "SELECT 2 AS id, 'NYC' AS city, 8 AS score")],
  'copy-into-location-014': [
    namedColumn(
      "(SELECT 'customer asked for a refund after the package arrived damaged')",
      "(SELECT 'customer asked for a refund after the package arrived damaged' AS content)",
      'unloaded to a CSV file without a header',
    ),
  ],
  'copy-into-location-015': [
    namedColumn(
      "(SELECT 'customer praised the fast response and confirmed the issue was resolved')",
      "(SELECT 'customer praised the fast response and confirmed the issue was resolved' AS content)",
      'unloaded to a CSV file without a header',
    ),
  ],
  'copy-into-location-016': [
    namedColumn(
      "(SELECT 'customer requested escalation because the replacement order was delayed')",
      "(SELECT 'customer requested escalation because the replacement order was delayed' AS content)",
      'unloaded to a CSV file without a header',
    ),
  ],
  'task-001': [namedColumn('AS SELECT 1', 'AS SELECT 1 AS x', "as a task's body, whose result is not kept")],
  'copy-into-table-016': [allColumns('employees_no_age', 'id, name, onboarded')],
  'copy-into-table-017': [allColumns('employees_new_order', 'id, age, name, onboarded')],
  'copy-into-table-018': [allColumns('employees_date', 'id, name, age, onboarded')],
  'copy-into-table-019': [allColumns('employees_new_age', 'id, name, age, onboarded')],
  'infer-schema-001': [stageRootLocation('test_parquet')],
  'list-stage-001': [stageRootLocation('partitioned_stage')],
  'infer-schema-002': [stageRootLocation('test_csv')],
  'infer-schema-003': [stageRootLocation('test_csv_headers')],
  'infer-schema-004': [stageRootLocation('test_csv')],
  'infer-schema-005': [stageRootLocation('test_ndjson')],
  'infer-schema-006': [stageRootLocation('test_ndjson')],
  'stage-query-013': [castSpelling('CAST($1:id AS INT)', '$1:id::INT')],
  'stage-query-014': [castSpelling('CAST($1:id AS INT)', '$1:id::INT')],
  'copy-into-table-014': [
    {
      docs: 'COPY INTO orc_test_table',
      sdk: 'COPY INTO orc_test_table (firstname, lastname, email, gender, country)',
      reason: "the SDK's COPY transform always names the target columns; naming every column in the table's order is what the engine does without a list",
    },
  ],
  'copy-into-table-021': [stageRoot('my_stage')],
  'create-table-037': [
    {
      docs: 'AUTOINCREMENT START 100 INCREMENT 10',
      sdk: 'AUTOINCREMENT (100, 10)',
      reason:
        "Databend's grammar reads `AUTOINCREMENT START s INCREMENT n` and `AUTOINCREMENT (s, n)` alike (both run; SHOW CREATE TABLE shows the same column); the SDK writes the second",
    },
  ],
  'create-table-096': [stageRoot('my_stage')],
  'alter-table-029': [
    {
      docs: 'DROP province',
      sdk: 'DROP COLUMN province',
      reason: "ALTER TABLE's grammar reads `DROP [COLUMN] name`: COLUMN is optional (the original runs); the SDK always writes it",
    },
  ],
  'stream-006': cteJoin,
  'stream-007': cteJoin,
  'task-012': [insertColumns('sensor_events_latest', 'event_time, sensor_id, temperature, humidity')],
  'task-015': [insertColumns('summary_table', 'c')],
  'task-016': [insertColumns('mart.events', 'c')],
  'task-018': [
    {
      docs: 'INSERT INTO compaction_test.test VALUES((1))',
      sdk: 'INSERT INTO compaction_test.test (c) VALUES (1)',
      reason:
        "the SDK's INSERT names the target columns (the page does not create the table; the corpus gives it one INT column `c`), and `(1)` in a row is the value 1: the engine inserts the same row for `INSERT INTO tv VALUES((1))` and `INSERT INTO tv (c) VALUES (1)`",
    },
  ],
  'task-026': [insertColumns('new_table', 'c')],
  'task-034': [
    {
      docs: 'COPY INTO logs',
      sdk: 'COPY INTO logs (event, timestamp, user_id)',
      reason: "the SDK's COPY transform always names the target columns; naming every column in the table's order is what the engine does without a list",
    },
    stageRoot('mylog'),
  ],
  'copy-into-table-023': [stageRoot('my_stage')],
  // Errata ahead of the engine (SCHEMA_EVOLUTION): the engine parses neither form; the same `@stage/` equivalence is
  // run on copy-into-table-021, -023 and -044.
  'copy-into-table-022': [stageRoot('events_stage')],
  'copy-into-table-045': [stageRoot('events_stage')],
  'copy-into-table-044': [stageRoot('my_stage')],
  'stage-054': [
    {
      docs: "CREATE STAGE mylog 's3://databend-doc/logs/'",
      sdk: "CREATE STAGE mylog URL = 's3://databend-doc/logs/'",
      reason: 'the engine takes a stage URL with or without `URL =` (the original runs); the SDK always writes `URL =`',
    },
  ],
};

/**
 * Equivalences that hold for a whole family, applied to both normalised texts (so they can only make equal what
 * differs by exactly these spellings). Each is a fact of Databend's grammar, and the engine run checks the outcome.
 */
export interface Rule {
  readonly families: readonly string[];
  readonly reason: string;
  readonly apply: (normalised: string) => string;
}

export const RULES: readonly Rule[] = [
  {
    families: ['create-table', 'alter-table'],
    reason:
      'type aliases: VARCHAR, VARCHAR(n) (the length is parsed and ignored) and TEXT are STRING, INTEGER and INT32 are INT, FLOAT64 is DOUBLE, DATETIME is TIMESTAMP; the SDK writes the canonical names',
    apply: (text) =>
      text
        .replace(/\bVARCHAR \(\d+\)/g, 'STRING')
        .replace(/\b(VARCHAR|TEXT)\b/g, 'STRING')
        .replace(/\b(INTEGER|INT32)\b/g, 'INT')
        .replace(/\bFLOAT64\b/g, 'DOUBLE')
        .replace(/\bDATETIME\b/g, 'TIMESTAMP'),
  },
  {
    families: ['create-table', 'alter-table'],
    reason: 'a column is nullable unless it says NOT NULL; the SDK writes NULL explicitly',
    apply: (text) => text.replace(/(?<!\b(NOT|DEFAULT|IS)) NULL(?= ,|\)| DEFAULT\b| COMMENT\b| AUTOINCREMENT\b| AS \(|$)/g, ''),
  },
  {
    families: ['create-table'],
    reason: 'FUSE is the default table engine; the SDK does not write ENGINE = FUSE',
    apply: (text) => text.replace(/ ENGINE = FUSE\b/g, ''),
  },
];
