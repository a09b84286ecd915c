import { describe, expect, it } from 'vitest';
import { frameEvents } from '../../examples/everdrive/tables.js';
import { sql } from '../../src/builders/sql.js';
import { copyIntoStage } from '../../src/builders/copy-into-location.js';
import { ValidationError } from '../../src/errors.js';
import { expectValidation } from '../support/expect-validation.js';

const unload = copyIntoStage('drive_stage', 'exports/').from(frameEvents);
/** The lines after FROM: the clauses under test. */
const clauses = (sqlText: string) => sqlText.split('\n').slice(2).join('\n');

describe('copyIntoStage', () => {
  it('unloads a table', () => {
    expect(unload.compile()).toBe(['COPY INTO @drive_stage/exports/', 'FROM frame_events'].join('\n'));
    expect(copyIntoStage('drive_stage').from('Frame Events').compile()).toBe(['COPY INTO @drive_stage', 'FROM "Frame Events"'].join('\n'));
  });

  it('unloads a query', () => {
    expect(copyIntoStage('drive_stage', 'risky/').from(sql`SELECT * FROM frame_events WHERE risk_score > ${0.8}`).compile()).toBe(
      ['COPY INTO @drive_stage/risky/', 'FROM (', '  SELECT * FROM frame_events WHERE risk_score > 0.8::DOUBLE', ')'].join('\n'),
    );
  });

  it('renders each clause', () => {
    expect(clauses(unload.fileFormat({ type: 'PARQUET' }).compile())).toBe("FILE_FORMAT = (TYPE = 'PARQUET')");
    expect(clauses(unload.fileFormat({ type: 'CSV', outputHeader: true }).compile())).toBe("FILE_FORMAT = (TYPE = 'CSV', OUTPUT_HEADER = TRUE)");
    expect(clauses(unload.partitionBy(sql`'risk=' || to_string(risk_score > 0.8)`).compile())).toBe("PARTITION BY ('risk=' || to_string(risk_score > 0.8))");
    expect(clauses(unload.single().compile())).toBe('SINGLE = TRUE');
    expect(clauses(unload.maxFileSize(1048576).compile())).toBe('MAX_FILE_SIZE = 1048576');
    expect(clauses(unload.detailedOutput().compile())).toBe('DETAILED_OUTPUT = TRUE');
    expect(clauses(unload.single().useRawPath().compile())).toBe('SINGLE = TRUE\nUSE_RAW_PATH = TRUE');
    expect(clauses(unload.includeQueryId(true).compile())).toBe('INCLUDE_QUERY_ID = TRUE');
  });

  it('renders a raw single file that overwrites, in clause order', () => {
    const file = copyIntoStage('drive_stage', 'exports/frames.csv')
      .from(frameEvents)
      .single()
      .useRawPath()
      .includeQueryId(false)
      .overwrite()
      .detailedOutput()
      .maxFileSize(1000)
      .fileFormat({ type: 'CSV' });
    expect(file.compile()).toBe(
      [
        'COPY INTO @drive_stage/exports/frames.csv',
        'FROM frame_events',
        "FILE_FORMAT = (TYPE = 'CSV')",
        'SINGLE = TRUE',
        'MAX_FILE_SIZE = 1000',
        'DETAILED_OUTPUT = TRUE',
        'USE_RAW_PATH = TRUE',
        'INCLUDE_QUERY_ID = FALSE',
        'OVERWRITE = TRUE',
      ].join('\n'),
    );
  });

  it("refuses the option combinations Databend refuses, with the engine's rule", () => {
    expect(() => unload.useRawPath()).toThrow(
      new ValidationError('missing', "copyIntoStage('drive_stage').useRawPath()", 'USE_RAW_PATH = TRUE needs SINGLE = TRUE (call .single() first)'),
    );
    expect(() => unload.single().includeQueryId(false)).toThrow(
      new ValidationError(
        'missing',
        "copyIntoStage('drive_stage').includeQueryId()",
        'INCLUDE_QUERY_ID = FALSE needs USE_RAW_PATH = TRUE (call .useRawPath() first)',
      ),
    );
    expect(() => unload.single().overwrite()).toThrow(
      new ValidationError('missing', "copyIntoStage('drive_stage').overwrite()", 'OVERWRITE = TRUE needs SINGLE = TRUE and USE_RAW_PATH = TRUE'),
    );
    expect(() => unload.single().useRawPath().overwrite().single(false)).toThrow('USE_RAW_PATH = TRUE needs SINGLE = TRUE');
    expect(() => unload.single().useRawPath().overwrite()).not.toThrow();
    expect(() => unload.single().partitionBy(sql`'k'`)).toThrow(
      new ValidationError('conflict', "copyIntoStage('drive_stage').partitionBy()", 'PARTITION BY cannot be used together with SINGLE = TRUE'),
    );
    expect(() => unload.partitionBy(sql`'k'`).single()).toThrow('PARTITION BY cannot be used together with SINGLE = TRUE');
  });

  it('leaves USE_RAW_PATH and OVERWRITE without SINGLE to the engine for a FILE FORMAT object, which may be a LANCE one', () => {
    const named = unload.fileFormat({ formatName: 'my_lance' });
    expect(named.useRawPath().overwrite().compile()).toBe(
      ['COPY INTO @drive_stage/exports/', 'FROM frame_events', "FILE_FORMAT = (FORMAT_NAME = 'my_lance')", 'USE_RAW_PATH = TRUE', 'OVERWRITE = TRUE'].join(
        '\n',
      ),
    );
    // The format's type is checked once it is known: an inline one brings the rule back.
    expect(() => named.useRawPath().fileFormat({ type: 'CSV' })).toThrow('USE_RAW_PATH = TRUE needs SINGLE = TRUE');
    expect(() => named.single().partitionBy(sql`'k'`)).toThrow('PARTITION BY cannot be used together with SINGLE = TRUE');
  });

  it('refuses formats Databend cannot write and invalid sizes', () => {
    expectValidation(() => unload.fileFormat({ type: 'ORC' }), { reason: 'unsupported', field: undefined, call: "copyIntoStage('drive_stage').fileFormat()" });
    expectValidation(() => unload.maxFileSize(0), { reason: 'too_small', field: 'MAX_FILE_SIZE' });
    expectValidation(() => unload.partitionBy('a' as never), { reason: 'invalid_type', field: undefined });
    expectValidation(() => copyIntoStage('drive_stage', 'a\\b/').from(frameEvents), {
      reason: 'invalid_format',
      field: 'path',
      call: "copyIntoStage('drive_stage')",
    });
    expectValidation(() => copyIntoStage('drive_stage', ' a/').from(frameEvents), { reason: 'invalid_format', field: 'path' });
    expectValidation(() => copyIntoStage('drive_stage').from(''), { reason: 'too_small', field: 'table name' });
  });

  it("unloads to a path holding a space or a quote through the quoted location, '@stage/path'", () => {
    expect(copyIntoStage('drive_stage', 'path with space/').from(frameEvents).compile()).toBe("COPY INTO '@drive_stage/path with space/'\nFROM frame_events");
    expect(copyIntoStage('drive_stage', "it's/out (1).csv").from(frameEvents).single().useRawPath().compile().split('\n')[0]).toBe(
      "COPY INTO '@drive_stage/it\\'s/out (1).csv'",
    );
  });

  it('never changes the builder it was called on', () => {
    const before = unload.toNode();
    unload.single().useRawPath().overwrite().fileFormat({ type: 'CSV' });
    unload.partitionBy(sql`'x'`).maxFileSize(10);
    expect(unload.toNode()).toBe(before);
    expect(unload.compile()).toBe('COPY INTO @drive_stage/exports/\nFROM frame_events');
  });
});
