import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GUIDE_CONFIG, configFromEnv, everdrivePipeline } from '../../examples/everdrive/pipeline.js';
import { renderPlan } from '../../src/index.js';

/** Statements of a SQL text: comments dropped, split at a `;` that ends a line, whitespace collapsed. */
function statements(text: string): string[] {
  return text
    .replace(/--[^\n]*/g, '')
    .split(/;\s*(?:\n|$)/)
    .map((statement) => statement.replace(/\s+/g, ' ').trim())
    .filter((statement) => statement.length > 0);
}

const guide = statements(readFileSync(new URL('../fixtures/guide.sql', import.meta.url), 'utf8'));
const planText = renderPlan(everdrivePipeline(GUIDE_CONFIG), { revealSecrets: true });
const plan = statements(planText);

describe("the EverDrive plan against the seed guide's SQL", () => {
  it('prints one statement per block, each ending in a semicolon, starting with the four CREATE TABLE', () => {
    const blocks = planText.trimEnd().split('\n\n');
    expect(blocks.every((block) => block.endsWith(';'))).toBe(true);
    expect(blocks).toHaveLength(plan.length);
    expect(plan.slice(0, 4).map((s) => s.split(' (')[0])).toEqual([
      'CREATE TABLE IF NOT EXISTS drive_sessions',
      'CREATE TABLE IF NOT EXISTS frame_events',
      'CREATE TABLE IF NOT EXISTS frame_payloads',
      'CREATE TABLE IF NOT EXISTS frame_embeddings',
    ]);
  });

  it("holds every statement of the guide, identical up to whitespace and in the guide's order", () => {
    expect(guide).toHaveLength(18);
    // What the plan adds to the guide: the tables it creates, the real form of `CONSUME STREAM`, and the two
    // load tasks the guide leaves to the reader ("repeat for frame_payloads and frame_embeddings").
    const added = (statement: string) =>
      statement.startsWith('CREATE TABLE') ||
      statement === 'SELECT * FROM frame_events_stream WITH CONSUME' ||
      /TASK task_load_(payloads|embeddings)\b/.test(statement);
    expect(plan.filter((statement) => !added(statement))).toEqual(guide);
    expect(plan.length - guide.length).toBe(4 + 1 + 4);
  });

  it('consumes the stream with WITH CONSUME right after reading it, never with CONSUME STREAM', () => {
    const read = plan.indexOf('SELECT * FROM frame_events_stream');
    expect(plan[read + 1]).toBe('SELECT * FROM frame_events_stream WITH CONSUME');
    expect(planText).not.toContain('CONSUME STREAM');
  });

  it('repeats the load task for frame_payloads and frame_embeddings with their COPY statements', () => {
    const copyOf = (table: string) => plan.find((s) => s.startsWith(`COPY INTO ${table} `));
    for (const [task, table] of [
      ['task_load_payloads', 'frame_payloads'],
      ['task_load_embeddings', 'frame_embeddings'],
    ] as const) {
      expect(plan).toContain(`CREATE OR REPLACE TASK ${task} WAREHOUSE = 'default' SCHEDULE = 5 MINUTE AS ${copyOf(table)}`);
      expect(plan).toContain(`ALTER TASK ${task} RESUME`);
    }
  });

  it('masks credentials unless asked, and takes them from the environment', () => {
    const env = { AWS_ACCESS_KEY_ID: 'AKIAEVERDRIVE', AWS_SECRET_ACCESS_KEY: 'wJalr/s3cret+key' };
    const masked = renderPlan(everdrivePipeline(configFromEnv(env)));
    expect(masked).toContain("ACCESS_KEY_ID = '***'");
    expect(masked).toContain("SECRET_ACCESS_KEY = '***'");
    expect(masked).not.toContain('AKIAEVERDRIVE');
    expect(masked).not.toContain('s3cret');
    const revealed = renderPlan(everdrivePipeline(configFromEnv(env)), { revealSecrets: true });
    expect(revealed).toContain("ACCESS_KEY_ID = 'AKIAEVERDRIVE'");
    expect(revealed).toContain("SECRET_ACCESS_KEY = 'wJalr/s3cret+key'");
  });

  it('uses the guide placeholders when the environment has no credentials', () => {
    expect(configFromEnv({})).toEqual(GUIDE_CONFIG);
  });

  it('points the stage at a local folder without a connection for the demo', () => {
    const local = statements(renderPlan(everdrivePipeline({ stageUrl: 'fs:///data/everdrive/' })));
    expect(local).toContain("CREATE OR REPLACE STAGE drive_stage URL = 'fs:///data/everdrive/' FILE_FORMAT = (TYPE = 'PARQUET')");
  });
});
