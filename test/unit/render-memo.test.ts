import { describe, expect, it } from 'vitest';
import { frameEvents } from '../../examples/everdrive/tables.js';
import { alterTask, copyInto, createTable, createTask, pipeline, renderPlan } from '../../src/index.js';

// The renderer keeps texts derived from a declared table (CREATE TABLE bodies, COPY heads) and renderPlan() joins
// long plans in parts: neither may change a byte of what is rendered.
describe('kept texts and long plans', () => {
  it('a CREATE TABLE whose parts differ from the table declared is not given the kept body', () => {
    const plain = createTable(frameEvents).ifNotExists().compile();
    const commented = createTable(frameEvents).comment('other').compile();
    const options = createTable(frameEvents).engineOptions({ bloom_index_columns: 'frame_id' }).compile();
    expect(createTable(frameEvents).ifNotExists().compile()).toBe(plain);
    expect(commented).toContain("COMMENT = 'other'");
    expect(commented).not.toContain('one row per captured frame');
    expect(options).toContain("bloom_index_columns = 'frame_id'");
    expect(plain).not.toContain('bloom_index_columns');
    // Rendered again after the variants, the plain statement is still the plain text.
    expect(createTable(frameEvents).ifNotExists().compile()).toBe(plain);
  });

  it("a COPY's kept head follows its columns and its indentation", () => {
    const all = copyInto(frameEvents).fromStage('s', 'a/').compile();
    const some = copyInto(frameEvents).fromStage('s', 'a/').columns(['frame_id', 'risk_score']).compile();
    const task = createTask('t').schedule({ minutes: 5 }).as(copyInto(frameEvents).fromStage('s', 'a/')).compile();
    expect(some).toBe('COPY INTO frame_events (frame_id, risk_score)\nFROM (\n  SELECT frame_id::STRING,\n         risk_score::DOUBLE\n  FROM @s/a/\n)');
    expect(task).toContain(
      'AS\n  COPY INTO frame_events (frame_id, session_id, frame_index, captured_at, event_type, risk_score)\n  FROM (\n    SELECT frame_id::STRING,',
    );
    expect(copyInto(frameEvents).fromStage('s', 'a/').compile()).toBe(all);
    expect(
      all.startsWith('COPY INTO frame_events (frame_id, session_id, frame_index, captured_at, event_type, risk_score)\nFROM (\n  SELECT frame_id::STRING,'),
    ).toBe(true);
  });

  it('a plan of 600 steps renders every statement in order, joined as a short one is', () => {
    const steps = Array.from({ length: 600 }, (_, i) => ({ title: `resume ${i}`, statement: alterTask(`task_${i}`).resume() }));
    const expected = `${steps.map((s) => `${s.statement.compile()};`).join('\n\n')}\n`;
    expect(renderPlan(pipeline('long', steps))).toBe(expected);
    expect(renderPlan(pipeline('long', steps), { revealSecrets: true })).toBe(expected);
    expect(renderPlan(pipeline('short', steps.slice(0, 3)))).toBe('ALTER TASK task_0 RESUME;\n\nALTER TASK task_1 RESUME;\n\nALTER TASK task_2 RESUME;\n');
  });
});
