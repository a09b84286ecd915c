import { describe, expect, it } from 'vitest';
import { driveSessions } from '../../examples/everdrive/tables.js';
import { copyInto } from '../../src/builders/copy-into-table.js';
import { sql } from '../../src/builders/sql.js';
import { selectFromStream } from '../../src/builders/select-stream.js';
import { alterTask } from '../../src/builders/alter-task.js';
import { createTask, streamStatus } from '../../src/builders/create-task.js';
import { executeTask } from '../../src/builders/execute-task.js';
import { ValidationError } from '../../src/errors.js';
import { expectValidation } from '../support/expect-validation.js';

const body = selectFromStream('frame_events_stream').consume();
const draft = createTask('task_load');
const task = (build: (d: typeof draft) => typeof draft) => build(draft).as(body).compile();
/** The option lines of a rendered task, between the head and AS. */
const options = (build: (d: typeof draft) => typeof draft) => task(build).split('\n').slice(1, -2).join('\n');

describe('createTask', () => {
  it('renders a task with its body on the lines below AS', () => {
    expect(draft.as(body).compile()).toBe(['CREATE TASK task_load', 'AS', '  SELECT * FROM frame_events_stream WITH CONSUME'].join('\n'));
  });

  it("renders the guide's head", () => {
    expect(task((d) => d.orReplace().warehouse('default').schedule({ minutes: 5 }))).toBe(
      ['CREATE OR REPLACE TASK task_load', "  WAREHOUSE = 'default'", '  SCHEDULE = 5 MINUTE', 'AS', '  SELECT * FROM frame_events_stream WITH CONSUME'].join(
        '\n',
      ),
    );
  });

  it("renders the guide's task byte for byte, the COPY body indented", () => {
    const load = copyInto(driveSessions).fromStage('drive_stage', 'sessions/').fileFormat({ type: 'PARQUET' });
    expect(createTask('task_load_sessions').orReplace().warehouse('default').schedule({ minutes: 5 }).as(load).compile()).toBe(
      [
        'CREATE OR REPLACE TASK task_load_sessions',
        "  WAREHOUSE = 'default'",
        '  SCHEDULE = 5 MINUTE',
        'AS',
        '  COPY INTO drive_sessions (session_id, vehicle_id, route_name, start_time, end_time, weather, camera_setup)',
        '  FROM (',
        '    SELECT session_id::STRING,',
        '           vehicle_id::STRING,',
        '           route_name::STRING,',
        '           start_time::TIMESTAMP,',
        '           end_time::TIMESTAMP,',
        '           weather::STRING,',
        '           camera_setup::STRING',
        '    FROM @drive_stage/sessions/',
        '  )',
        "  FILE_FORMAT = (TYPE = 'PARQUET')",
      ].join('\n'),
    );
  });

  it('renders IF NOT EXISTS', () => {
    expect(task((d) => d.ifNotExists()).split('\n')[0]).toBe('CREATE TASK IF NOT EXISTS task_load');
  });

  it('renders each schedule', () => {
    expect(options((d) => d.schedule({ minutes: 5 }))).toBe('  SCHEDULE = 5 MINUTE');
    expect(options((d) => d.schedule({ seconds: 30 }))).toBe('  SCHEDULE = 30 SECOND');
    expect(options((d) => d.schedule({ milliseconds: 500 }))).toBe('  SCHEDULE = 500 MILLISECOND');
    expect(options((d) => d.schedule({ cron: '0 0 9 * * *' }))).toBe("  SCHEDULE = USING CRON '0 0 9 * * *'");
    expect(options((d) => d.schedule({ cron: '0 0 9 * * MON-FRI', timezone: 'Asia/Shanghai' }))).toBe(
      "  SCHEDULE = USING CRON '0 0 9 * * MON-FRI' 'Asia/Shanghai'",
    );
    expect(options((d) => d.schedule({ cron: ' 0  0 0 1 1 ? 2100 ' }))).toBe("  SCHEDULE = USING CRON '0 0 0 1 1 ? 2100'");
  });

  it('renders each option on its own line', () => {
    expect(options((d) => d.suspendTaskAfterNumFailures(3))).toBe('  SUSPEND_TASK_AFTER_NUM_FAILURES = 3');
    expect(options((d) => d.errorIntegration('ops_notify'))).toBe("  ERROR_INTEGRATION = 'ops_notify'");
    expect(options((d) => d.comment('loads sessions'))).toBe("  COMMENT = 'loads sessions'");
    expect(options((d) => d.after('task_a', 'task_b'))).toBe("  AFTER 'task_a', 'task_b'");
    expect(options((d) => d.when(streamStatus('frame_events_stream')))).toBe("  WHEN STREAM_STATUS('frame_events_stream')");
    expect(options((d) => d.settings({ timezone: 'UTC', max_threads: 4, enable_query_result_cache: true }))).toBe(
      "  timezone = 'UTC', max_threads = 4, enable_query_result_cache = TRUE",
    );
  });

  it('renders settings last whatever the call order', () => {
    expect(options((d) => d.settings({ timezone: 'UTC' }).when(sql`1 = 1`).comment('c').after('a').warehouse('w'))).toBe(
      ["  WAREHOUSE = 'w'", "  COMMENT = 'c'", "  AFTER 'a'", '  WHEN 1 = 1', "  timezone = 'UTC'"].join('\n'),
    );
  });

  it('renders several statements inside BEGIN ... END', () => {
    expect(draft.as([body, selectFromStream('other').where(sql`a = ${1}`)]).compile()).toBe(
      ['CREATE TASK task_load', 'AS', '  BEGIN', '    SELECT * FROM frame_events_stream WITH CONSUME;', '    SELECT * FROM other WHERE a = 1;', '  END'].join(
        '\n',
      ),
    );
  });

  it('indents a multi-line body', () => {
    const create = createTask('t').as(createTask('nested').as(body));
    expect(create.compile()).toBe(['CREATE TASK t', 'AS', '  CREATE TASK nested', '  AS', '    SELECT * FROM frame_events_stream WITH CONSUME'].join('\n'));
  });

  it('streamStatus names a qualified stream in a string literal', () => {
    expect(streamStatus({ database: 'lake', name: 'frame_events_stream' }).sql).toBe("STREAM_STATUS('lake.frame_events_stream')");
  });

  it('renders task names bare, case kept, and escapes strings', () => {
    expect(createTask('LoadTask').as(body).compile().split('\n')[0]).toBe('CREATE TASK LoadTask');
    // Keywords that are not reserved parse bare as task names in every TASK statement (test/engine/keywords.test.ts).
    expect(createTask('table').as(body).compile().split('\n')[0]).toBe('CREATE TASK table');
    expect(options((d) => d.comment("it's \\ done\n✓").warehouse("w'h"))).toBe(["  WAREHOUSE = 'w\\'h'", "  COMMENT = 'it\\'s \\\\ done\\n✓'"].join('\n'));
    expect(options((d) => d.settings({ timezone: "x'y" }))).toBe("  timezone = 'x\\'y'");
  });

  it('takes a built task as an AFTER name', () => {
    const parent = createTask('parent').schedule({ minutes: 5 }).as(body);
    expect(options((d) => d.after(parent))).toBe("  AFTER 'parent'");
  });

  it("names a parent and its child the same way: CREATE TASK Parent, AFTER 'Parent'", () => {
    const parent = createTask('Parent').warehouse('etl').schedule({ minutes: 5 }).as(body);
    const child = createTask('Child').warehouse('etl').after('Parent').as(body);
    expect(parent.compile().split('\n').slice(0, 3)).toEqual(['CREATE TASK Parent', "  WAREHOUSE = 'etl'", '  SCHEDULE = 5 MINUTE']);
    expect(child.compile().split('\n').slice(0, 3)).toEqual(['CREATE TASK Child', "  WAREHOUSE = 'etl'", "  AFTER 'Parent'"]);
    expect(createTask('Child').after(parent).as(body).compile().split('\n')[1]).toBe("  AFTER 'Parent'");
    expect(alterTask('Child').addAfter(parent).compile()).toBe("ALTER TASK Child ADD AFTER 'Parent'");
    expect(alterTask(child).removeAfter('Parent').compile()).toBe("ALTER TASK Child REMOVE AFTER 'Parent'");
    expect(executeTask(parent).compile()).toBe('EXECUTE TASK Parent');
  });

  it('refuses task names the engine would store with quotes, reserved words and if, in every task statement', () => {
    expectValidation(() => createTask('Load Task'), { reason: 'invalid_format', field: 'task name', call: 'createTask()' });
    expectValidation(() => createTask('task'), { reason: 'reserved', field: 'task name', call: 'createTask()' });
    expectValidation(() => createTask('If'), { reason: 'reserved', field: 'task name', call: 'createTask()' });
    expectValidation(() => draft.after('Parent', 'my parent'), { reason: 'invalid_format', field: 'task name', call: "createTask('task_load').after()" });
    expectValidation(() => alterTask('"Parent"'), { reason: 'invalid_format', field: 'task name', call: 'alterTask()' });
    expectValidation(() => alterTask('task_load').addAfter('a-b'), { reason: 'invalid_format', field: 'task name', call: "alterTask('task_load').addAfter()" });
    expectValidation(() => alterTask('task_load').removeAfter('select'), {
      reason: 'reserved',
      field: 'task name',
      call: "alterTask('task_load').removeAfter()",
    });
    expectValidation(() => executeTask('é'), { reason: 'invalid_format', field: 'task name', call: 'executeTask()' });
  });

  it('refuses AFTER together with SCHEDULE, in either order', () => {
    expectValidation(() => draft.after('a').schedule({ minutes: 5 }), { reason: 'conflict', field: undefined, call: "createTask('task_load').schedule()" });
    expectValidation(() => draft.schedule({ minutes: 5 }).after('a'), { reason: 'conflict', field: undefined, call: "createTask('task_load').after()" });
  });

  it('refuses a schedule that is not a positive integer', () => {
    const cases = [
      [{ minutes: 0 }, 'too_small'],
      [{ seconds: -5 }, 'too_small'],
      [{ milliseconds: 1.5 }, 'invalid_type'],
      [{ minutes: Number.NaN }, 'invalid_type'],
    ] as const;
    for (const [schedule, reason] of cases) {
      expectValidation(() => draft.schedule(schedule), { reason, field: Object.keys(schedule)[0], call: "createTask('task_load').schedule()" });
    }
    expectValidation(() => draft.schedule({ hours: 1 } as never), { reason: 'unknown_key', field: undefined });
    expectValidation(() => draft.schedule({ minutes: 1, seconds: 1 } as never), { reason: 'conflict', field: undefined });
  });

  it('accepts the cron tokens of each field', () => {
    for (const cron of ['0 0 9 * * *', '*/15 0-30/5 1,2,3 ? JAN-MAR SUN', '0 0 0 31 * ?', '59 59 23 1 12 7 2099', '0 0 12 ? * mon-fri']) {
      expect(() => draft.schedule({ cron })).not.toThrow();
    }
  });

  it('refuses a cron expression naming the field at fault', () => {
    const call = "createTask('task_load').schedule()";
    expect(() => draft.schedule({ cron: '0 9 * * *' })).toThrow(
      new ValidationError(
        'invalid_format',
        call,
        'SCHEDULE cron must have 6 fields (second minute hour day-of-month month day-of-week), or 7 with a year',
        'cron',
      ),
    );
    expect(() => draft.schedule({ cron: '0 0 24 * * *' })).toThrow("SCHEDULE cron field 3 (hour) '24' is not valid");
    expect(() => draft.schedule({ cron: '60 0 0 * * *' })).toThrow("SCHEDULE cron field 1 (second) '60' is not valid");
    expect(() => draft.schedule({ cron: '0 0 0 0 * *' })).toThrow("field 4 (day of month) '0' is not valid");
    expect(() => draft.schedule({ cron: '0 0 0 * 13 *' })).toThrow("field 5 (month) '13' is not valid");
    expect(() => draft.schedule({ cron: '0 0 0 * FOO *' })).toThrow("field 5 (month) 'FOO' is not valid");
    expect(() => draft.schedule({ cron: '0 0 0 * * 8' })).toThrow("field 6 (day of week) '8' is not valid");
    expect(() => draft.schedule({ cron: '? 0 0 * * *' })).toThrow("field 1 (second) '?' is not valid");
    expect(() => draft.schedule({ cron: '0 */0 0 * * *' })).toThrow("field 2 (minute) '*/0' is not valid");
    expect(() => draft.schedule({ cron: '0 30-10 0 * * *' })).toThrow("field 2 (minute) '30-10' is not valid");
    expect(() => draft.schedule({ cron: '0 0 0 * * * 1969' })).toThrow("field 7 (year) '1969' is not valid");
    expect(() => draft.schedule({ cron: "0 0 0 * * *'" })).toThrow('field 6 (day of week)');
  });

  it('refuses an unknown time zone', () => {
    expectValidation(() => draft.schedule({ cron: '0 0 9 * * *', timezone: 'Mars/Olympus' }), {
      reason: 'invalid_format',
      field: 'timezone',
      call: "createTask('task_load').schedule()",
    });
  });

  it('refuses other invalid options with the rule', () => {
    expectValidation(() => createTask(''), { reason: 'invalid_format', field: 'task name' });
    expectValidation(() => draft.warehouse(''), { reason: 'too_small', field: 'WAREHOUSE', call: "createTask('task_load').warehouse()" });
    expectValidation(() => draft.suspendTaskAfterNumFailures(-1), { reason: 'too_small', field: 'suspendTaskAfterNumFailures' });
    expectValidation(() => draft.errorIntegration(''), { reason: 'too_small', field: 'ERROR_INTEGRATION' });
    expectValidation(() => draft.after(), { reason: 'too_small', field: undefined });
    expectValidation(() => draft.when('x' as never), { reason: 'invalid_type', field: undefined });
    expectValidation(() => draft.settings({ 'time zone': 'UTC' }), { reason: 'invalid_format', field: 'time zone' });
    expectValidation(() => draft.settings({ max_threads: Number.POSITIVE_INFINITY }), { reason: 'invalid_type', field: 'max_threads' });
    expectValidation(() => draft.as([]), { reason: 'too_small', field: undefined, call: "createTask('task_load').as()" });
    expectValidation(() => draft.as('SELECT 1' as never), { reason: 'invalid_type', field: 'body statement 1' });
  });

  it('never changes the builder it was called on', () => {
    const base = draft.warehouse('default');
    base.schedule({ minutes: 5 }).comment('c');
    base.orReplace().settings({ timezone: 'UTC' });
    expect(base.as(body).compile()).toBe(
      ['CREATE TASK task_load', "  WAREHOUSE = 'default'", 'AS', '  SELECT * FROM frame_events_stream WITH CONSUME'].join('\n'),
    );
    expect(Object.isFrozen(base.as(body).toNode().body)).toBe(true);
  });
});

describe('alterTask', () => {
  it('renders each action', () => {
    expect(alterTask('task_load').resume().compile()).toBe('ALTER TASK task_load RESUME');
    expect(alterTask('task_load').suspend().compile()).toBe('ALTER TASK task_load SUSPEND');
    expect(alterTask('task_load').ifExists().resume().compile()).toBe('ALTER TASK IF EXISTS task_load RESUME');
    expect(alterTask('task_load').unsetWarehouse().compile()).toBe('ALTER TASK task_load UNSET WAREHOUSE');
    expect(alterTask('task_load').modifyWhen(streamStatus('s')).compile()).toBe("ALTER TASK task_load MODIFY WHEN STREAM_STATUS('s')");
    expect(alterTask('task_load').addAfter('a', 'b').compile()).toBe("ALTER TASK task_load ADD AFTER 'a', 'b'");
    expect(alterTask('task_load').removeAfter('a').compile()).toBe("ALTER TASK task_load REMOVE AFTER 'a'");
  });

  it('renders MODIFY AS like the body of CREATE TASK', () => {
    expect(alterTask('task_load').modifyAs(body).compile()).toBe(
      ['ALTER TASK task_load MODIFY AS', '  SELECT * FROM frame_events_stream WITH CONSUME'].join('\n'),
    );
    expect(alterTask('task_load').modifyAs([body, body]).compile()).toBe(
      [
        'ALTER TASK task_load MODIFY AS',
        '  BEGIN',
        '    SELECT * FROM frame_events_stream WITH CONSUME;',
        '    SELECT * FROM frame_events_stream WITH CONSUME;',
        '  END',
      ].join('\n'),
    );
  });

  it('renders SET with the CREATE option rules, settings last', () => {
    expect(
      alterTask('task_load')
        .set({ schedule: { minutes: 10 } })
        .compile(),
    ).toBe('ALTER TASK task_load SET SCHEDULE = 10 MINUTE');
    expect(
      alterTask('task_load')
        .set({
          settings: { timezone: 'UTC' },
          comment: 'c',
          errorIntegration: 'e',
          suspendTaskAfterNumFailures: 2,
          schedule: { cron: '0 0 9 * * *', timezone: 'UTC' },
          warehouse: 'w',
        })
        .compile(),
    ).toBe(
      "ALTER TASK task_load SET WAREHOUSE = 'w' SCHEDULE = USING CRON '0 0 9 * * *' 'UTC' SUSPEND_TASK_AFTER_NUM_FAILURES = 2 " +
        "ERROR_INTEGRATION = 'e' COMMENT = 'c' timezone = 'UTC'",
    );
  });

  it('refuses invalid input with the rule', () => {
    expectValidation(() => alterTask('task_load').set({}), { reason: 'too_small', field: undefined, call: "alterTask('task_load').set()" });
    expectValidation(() => alterTask('task_load').set({ settings: {} }), { reason: 'too_small', field: undefined });
    expectValidation(() => alterTask('task_load').set({ schedule: { minutes: 0 } }), {
      reason: 'too_small',
      field: 'minutes',
      call: "alterTask('task_load').set()",
    });
    expectValidation(() => alterTask('task_load').addAfter(), { reason: 'too_small', field: undefined });
    expectValidation(() => alterTask('task_load').modifyAs([]), { reason: 'too_small', field: undefined });
    expectValidation(() => alterTask('task_load').modifyWhen('x' as never), { reason: 'invalid_type', field: undefined });
    expectValidation(() => alterTask('\n'), { reason: 'invalid_format', field: 'task name', call: 'alterTask()' });
  });
});

describe('executeTask', () => {
  it('renders EXECUTE TASK', () => {
    expect(executeTask('task_load').compile()).toBe('EXECUTE TASK task_load');
    expect(executeTask('Task_Load').compile()).toBe('EXECUTE TASK Task_Load');
  });
});
