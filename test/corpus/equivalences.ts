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

export const EQUIVALENCES: Readonly<Record<string, readonly Equivalence[]>> = {
  'copy-into-table-014': [
    {
      docs: 'COPY INTO orc_test_table',
      sdk: 'COPY INTO orc_test_table (firstname, lastname, email, gender, country)',
      reason: "the SDK's COPY transform always names the target columns; naming every column in the table's order is what the engine does without a list",
    },
  ],
  'copy-into-table-021': [stageRoot('my_stage')],
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
    families: ['create-table'],
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
    families: ['create-table'],
    reason: 'a column is nullable unless it says NOT NULL; the SDK writes NULL explicitly',
    apply: (text) => text.replace(/(?<!\b(NOT|DEFAULT|IS)) NULL(?= ,|\)| DEFAULT\b| COMMENT\b)/g, ''),
  },
  {
    families: ['create-table'],
    reason: 'FUSE is the default table engine; the SDK does not write ENGINE = FUSE',
    apply: (text) => text.replace(/ ENGINE = FUSE\b/g, ''),
  },
];
