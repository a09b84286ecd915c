// The schema commands' declared objects: the loader takes stages, file formats and connections by their class (never
// by shape), planChanges() puts them before the tables, refuseChanges() refuses destructive ones without the flag, and
// their output never holds a credential.
import { describe, expect, it } from 'vitest';
import { loadDeclarations } from '../../src/cli/load-tables.js';
import { objectJson, objectLines, planChanges, refuseChanges } from '../../src/cli/schema-changes.js';
import { createClient, createFileFormat, createStage, pushObjects, SchemaChangeRefusedError } from '../../src/index.js';
import { diffObjects, type LiveObject } from '../../src/migrate/objects.js';
import { CLI_OBJECTS_SECRET } from '../fixtures/cli-objects.js';

const dry = () => createClient({ dsn: 'databend://root:@127.0.0.1:9/default', dryRun: true });

describe('loadDeclarations', () => {
  it('takes tables and the CREATE STAGE / FILE FORMAT / CONNECTION builders by class, each once; not a look-alike', async () => {
    const { tables, objects } = await loadDeclarations('test/fixtures/cli-objects.ts');
    expect(tables.map((t) => t.name)).toEqual(['clio_events']);
    // `csv` is exported alone and in `objects`: once. `lookalike` has toNode() and compile() but is no builder.
    expect(objects.map((o) => o.toNode().name).sort()).toEqual(['clio_csv', 'clio_lake', 'clio_landing']);
  });

  it('a module of neither tables nor objects is refused', async () => {
    await expect(loadDeclarations('test/fixtures/cli-pipeline.ts')).rejects.toThrow(/must export table\(\) declarations or createStage\(\)/);
  });
});

describe('planChanges, refuseChanges and the object output', () => {
  it('objects are planned before tables, file formats and connections before the stage that may name them', async () => {
    const declared = await loadDeclarations('test/fixtures/cli-objects.ts');
    const client = dry();
    try {
      // A dry-run client lists no live object and no table: everything is created.
      const planned = await planChanges(client, declared, false);
      expect(planned.objects.map((c) => `${c.kind} ${c.object} ${c.name}`)).toEqual([
        'create_object file_format clio_csv',
        'create_object connection clio_lake',
        'create_object stage clio_landing',
      ]);
      expect(planned.tables.map((c) => `${c.kind} ${c.table}`)).toEqual(['create_table clio_events']);
      const printed = JSON.stringify(planned.objects.map(objectJson)) + planned.objects.map(objectLines).join('\n');
      expect(printed).toContain("SECRET_ACCESS_KEY = '***'");
      expect(printed).not.toContain(CLI_OBJECTS_SECRET);
      // ... while the statement run holds it (the engine needs it).
      expect(planned.objects[1]!.statement.compile()).toContain(CLI_OBJECTS_SECRET);
    } finally {
      await client.close();
    }
  });

  it('replacing an internal stage and dropping an undeclared object are refused without allowDestructive', () => {
    const live: LiveObject[] = [
      { object: 'stage', name: 'scratch', url: undefined, hasCredentials: false, fileFormat: { type: 'Csv', field_delimiter: ',' }, comment: '' },
      { object: 'file_format', name: 'old_csv', options: { type: 'CSV' } },
    ];
    const scratch = createStage('scratch').fileFormat({ type: 'CSV', fieldDelimiter: '|' });
    const objects = diffObjects([scratch], live, { dropUndeclared: true });
    expect(objects.map((c) => [c.kind, c.name, c.destructive])).toEqual([
      ['replace_object', 'scratch', true],
      ['drop_object', 'old_csv', true],
    ]);
    let refused: unknown;
    try {
      refuseChanges({ objects, tables: [] }, false);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(SchemaChangeRefusedError);
    expect((refused as SchemaChangeRefusedError).refused.map((r) => r.table)).toEqual(['stage scratch', 'file format old_csv']);
    expect((refused as Error).message).toContain('push refused 2 change(s), and ran none');
    expect(objectLines(objects[0]!)).toContain('[destructive: needs --allow-destructive]');
    expect(() => refuseChanges({ objects, tables: [] }, true)).not.toThrow();
  });

  it('pushObjects() runs the creates in order on a dry-run client', async () => {
    const client = dry();
    try {
      const changes = await pushObjects(client, [createStage('landing').fileFormat({ formatName: 'csv_pipe' }), createFileFormat('csv_pipe', { type: 'CSV' })]);
      expect(changes.map((c) => `${c.kind} ${c.name}`)).toEqual(['create_object csv_pipe', 'create_object landing']);
    } finally {
      await client.close();
    }
  });
});
