// diffObjects() is pure: declared CREATE builders against live objects written as introspectObjects() reads them.
import { describe, expect, it } from 'vitest';
import { createConnection, createFileFormat, createStage, secret } from '../../src/index.js';
import { diffObjects, parseFormatOptions, type LiveObject } from '../../src/migrate/objects.js';

const csv = createFileFormat('csv_pipe', { type: 'CSV', fieldDelimiter: '|', skipHeader: 1 });
const liveCsv: LiveObject = {
  object: 'file_format',
  name: 'csv_pipe',
  options: parseFormatOptions("TYPE = CSV COMPRESSION = None FIELD_DELIMITER = '|' RECORD_DELIMITER = '\\n' SKIP_HEADER= 1 NULL_DISPLAY = '\\\\N'"),
};
const s3 = createConnection('lake').s3({ accessKeyId: 'AKIAEXAMPLE', secretAccessKey: secret('TOP/SECRET/VALUE') });
const liveS3: LiveObject = { object: 'connection', name: 'lake', storageType: 's3', parameters: ['access_key_id', 'secret_access_key'] };

describe('parseFormatOptions (SHOW FILE FORMATS text)', () => {
  it('reads quoted, bare and list values, keys lower-cased', () => {
    expect(
      parseFormatOptions("TYPE = CSV FIELD_DELIMITER = '|' RECORD_DELIMITER = '\\n' QUOTE = '\\\"' ESCAPE = '' SKIP_HEADER= 1 NULL_IF = ('', 'NULL')"),
    ).toEqual({
      type: 'CSV',
      field_delimiter: '|',
      record_delimiter: '\n',
      quote: '"',
      escape: '',
      skip_header: '1',
      null_if: "('', 'NULL')",
    });
  });
});

describe('diffObjects', () => {
  it('equal objects: nothing; missing ones are created, file formats and connections before stages', () => {
    expect(diffObjects([csv, s3], [liveCsv, liveS3])).toEqual([]);
    const stage = createStage('landing').fileFormat({ formatName: 'csv_pipe' } as never);
    const changes = diffObjects([stage, csv, s3], []);
    expect(changes.map((c) => [c.kind, c.object, c.name])).toEqual([
      ['create_object', 'file_format', 'csv_pipe'],
      ['create_object', 'connection', 'lake'],
      ['create_object', 'stage', 'landing'],
    ]);
  });

  it('a changed file format is replaced (CREATE OR REPLACE), naming what differs', () => {
    const tab = createFileFormat('csv_pipe', { type: 'CSV', fieldDelimiter: '\t', skipHeader: 1 });
    const [change] = diffObjects([tab], [liveCsv]);
    expect(change).toMatchObject({ kind: 'replace_object', summary: 'replace file format csv_pipe (field_delimiter: \t -> |)', destructive: false });
    expect(change!.statement.compile()).toMatch(/^CREATE OR REPLACE FILE FORMAT csv_pipe TYPE = CSV/);
  });

  it("a connection's parameter values are not compared (the engine masks them), and never printed", () => {
    const other = createConnection('lake').s3({ accessKeyId: 'AKIAOTHER', secretAccessKey: secret('ANOTHER/SECRET') });
    expect(diffObjects([other], [liveS3])).toEqual([]);
    const more = createConnection('lake').s3({ accessKeyId: 'AKIAOTHER', secretAccessKey: secret('ANOTHER/SECRET'), region: 'us-east-1' });
    const [change] = diffObjects([more], [liveS3]);
    expect(change).toMatchObject({ kind: 'replace_object', notCompared: ['the parameters’ values (the engine masks them)'] });
    expect(change!.summary).toBe('replace connection lake (parameters: access_key_id, region, secret_access_key -> access_key_id, secret_access_key)');
    expect(JSON.stringify({ ...change, statement: change!.statement.toString() })).not.toMatch(/ANOTHER\/SECRET/);
  });

  it('stages: URL, comment (when shown), inline file format options; replacing an internal stage is destructive (its files go)', () => {
    const liveStage: LiveObject = {
      object: 'stage',
      name: 'landing',
      url: undefined,
      hasCredentials: false,
      fileFormat: { type: 'CSV', field_delimiter: ',' },
      comment: '',
    };
    const declared = createStage('landing').fileFormat({ type: 'CSV', fieldDelimiter: ';' }).comment('raw drops');
    const [change] = diffObjects([declared], [liveStage]);
    expect(change).toMatchObject({
      kind: 'replace_object',
      summary: 'replace stage landing (file format field_delimiter: ; -> ,); its files are lost',
      destructive: true,
      // SHOW STAGES lists a comment empty: compared only when the engine shows one.
      notCompared: ['its comment (SHOW STAGES lists it empty)'],
    });
    expect(diffObjects([createStage('landing').comment('a')], [{ ...liveStage, fileFormat: {}, comment: 'b' }])[0]!.summary).toBe(
      'replace stage landing (comment); its files are lost',
    );
    const external = createStage('landing').url('s3://bucket/raw/').connection('lake');
    expect(diffObjects([external], [liveStage])[0]).toMatchObject({
      summary: expect.stringMatching(/^replace stage landing \(url: s3:\/\/bucket\/raw\/ -> internal/),
      notCompared: ['the connection it names'],
    });
  });

  it('undeclared objects are left alone unless dropUndeclared (destructive)', () => {
    expect(diffObjects([], [liveCsv, liveS3])).toEqual([]);
    expect(diffObjects([], [liveCsv, liveS3], { dropUndeclared: true }).map((c) => [c.statement.compile(), c.destructive])).toEqual([
      ['DROP FILE FORMAT csv_pipe', true],
      ['DROP CONNECTION lake', true],
    ]);
  });

  it('refuses what is not a declared object or a live one', () => {
    expect(() => diffObjects(['CREATE STAGE x'] as never, [])).toThrow(/declared\[0\] must be a createStage\(\)/);
    expect(() => diffObjects([], [{ object: 'pipe', name: 'x' }] as never)).toThrow(/live\[0\].object must be/);
    expect(() => diffObjects([], [{ ...liveS3, parameters: [1] }] as never)).toThrow(/parameters\[0\]/);
  });
});
