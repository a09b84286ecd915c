import { describe, expectTypeOf, it } from 'vitest';
import { copyInto } from '../../src/builders/copy-into-table.js';
import { selectFromStage, type SelectStageBuilder } from '../../src/builders/select-stage.js';
import { staged, type StagedExpr } from '../../src/builders/staged-columns.js';
import { inferSchema, listStageFiles, type InferSchemaRow, type ListStageRow } from '../../src/builders/table-functions.js';
import * as t from '../../src/schema/column-types.js';
import { table } from '../../src/schema/table.js';
import type { JsonValue } from '../../src/schema/values.js';

type RowOf<B> = B extends { readonly $inferRow: infer R } ? R : never;

describe('staged column types', () => {
  it('names $n and the metadata columns, and keeps an alias through a cast', () => {
    expectTypeOf(staged.col(3)).toEqualTypeOf<StagedExpr<'position', undefined, '$3'>>();
    expectTypeOf(staged.col(1).as('a').cast(t.int()).$staged.name).toEqualTypeOf<'a'>();
    expectTypeOf(staged.filename.$staged.name).toEqualTypeOf<'metadata$filename'>();
    expectTypeOf(staged.path(1, 'a').$staged.name).toEqualTypeOf<'$1:a'>();
    expectTypeOf(staged.path(1, 'a').cast(t.int()).$staged.name).toEqualTypeOf<undefined>();
    expectTypeOf(staged.path(1, 'Title').$staged.name).toEqualTypeOf<undefined>();
    expectTypeOf(staged.path(1, 'a', 'b').$staged.name).toEqualTypeOf<undefined>();
  });

  it('types CSV and TSV columns as nullable strings, casts by their type', () => {
    const q = selectFromStage('s').fileFormat('CSV').select(staged.col(1), staged.col(2).cast(t.int()).as('n'), staged.filename, staged.fileRowNumber);
    expectTypeOf<RowOf<typeof q>>().toEqualTypeOf<{ $1: string | null; n: number | null; metadata$filename: string; metadata$file_row_number: bigint }>();
    const tsv = selectFromStage('s').fileFormat('TSV').select(staged.col(1).as('a'));
    expectTypeOf<RowOf<typeof tsv>>().toEqualTypeOf<{ a: string | null }>();
  });

  it('types $1 of NDJSON, Parquet, Avro and ORC as a VARIANT, paths as nullable VARIANTs, not-null casts of $1', () => {
    const q = selectFromStage('s')
      .fileFormat('NDJSON')
      .select(
        staged.col(1).as('doc'),
        staged.path(1, 'a', 0).as('a0'),
        staged.col(1).cast(t.string()).as('text'),
        staged.path(1, 'n').cast(t.double()).as('n'),
      );
    expectTypeOf<RowOf<typeof q>>().toEqualTypeOf<{ doc: JsonValue; a0: JsonValue; text: string; n: number | null }>();
  });

  it("types '*' as unknown columns beside the named ones", () => {
    const q = selectFromStage('s').fileFormat('PARQUET').select('*', staged.filename);
    expectTypeOf<RowOf<typeof q>['metadata$filename']>().toEqualTypeOf<string>();
    expectTypeOf<RowOf<typeof q>['other']>().toEqualTypeOf<unknown>();
  });

  it('leaves $n unknown when the format is not named, or named by a FILE FORMAT object', () => {
    const q = selectFromStage('s').select(staged.col(1), staged.col(2).cast(t.int()).as('n'));
    expectTypeOf<RowOf<typeof q>>().toEqualTypeOf<{ $1: unknown; n: number | null }>();
    const named = selectFromStage('s').fileFormat({ formatName: 'f' }).select(staged.col(1));
    expectTypeOf<RowOf<typeof named>>().toEqualTypeOf<{ $1: unknown }>();
  });

  it('refuses an item without a name, at compile time', () => {
    // @ts-expect-error a path of two keys needs .as()
    selectFromStage('s').select(staged.path(1, 'a', 'b'));
    // @ts-expect-error a cast needs .as()
    selectFromStage('s').select(staged.col(1).cast(t.int()));
    // @ts-expect-error a string other than '*' is no item
    selectFromStage('s').select('$1');
    expectTypeOf(selectFromStage('s').fileFormat('CSV')).toEqualTypeOf<SelectStageBuilder<Record<string, unknown>, undefined, 'CSV'>>();
  });

  it('takes staged columns as mapping sources of a typed table', () => {
    const items = table('items', { id: t.int(), doc: t.variant() });
    copyInto(items)
      .fromStage('s')
      .map({ id: staged.col(1), doc: staged.path(1, 'doc') });
    selectFromStage('s').typedAs(items, { id: staged.col(1) });
    const load = copyInto(items).fromStage('s');
    // @ts-expect-error not a column of items
    load.map({ nope: staged.col(1) });
  });

  it('types the table functions rows', () => {
    expectTypeOf<RowOf<ReturnType<typeof inferSchema>>>().toEqualTypeOf<InferSchemaRow>();
    expectTypeOf<RowOf<ReturnType<typeof listStageFiles>>>().toEqualTypeOf<ListStageRow>();
    expectTypeOf<InferSchemaRow['order_id']>().toEqualTypeOf<bigint>();
    expectTypeOf<RowOf<ReturnType<ReturnType<typeof inferSchema>['pattern']>>>().toEqualTypeOf<InferSchemaRow>();
  });

  it('types a projection of the table functions, and ORDER BY over its columns', () => {
    const names = listStageFiles('s').columns('name', 'size').orderBy('size', 'DESC');
    expectTypeOf<RowOf<typeof names>>().toEqualTypeOf<Pick<ListStageRow, 'name' | 'size'>>();
    const columns = inferSchema('s').fileFormat('CSV').columns('column_name', 'type');
    expectTypeOf<RowOf<typeof columns>>().toEqualTypeOf<Pick<InferSchemaRow, 'column_name' | 'type'>>();
    // @ts-expect-error not a column of list_stage
    listStageFiles('s').columns('column_name');
    // ORDER BY a column left out of the SELECT list, as SQL allows
    listStageFiles('s').columns('name').orderBy('size');
    // @ts-expect-error not a column of list_stage
    listStageFiles('s').orderBy('column_name');
    // @ts-expect-error ASC or DESC
    listStageFiles('s').orderBy('name', 'desc');
  });

  it('types count() as a bigint named count($n), and columns by name as unknown values named after the column', () => {
    expectTypeOf(staged.count(staged.col(1)).$staged.name).toEqualTypeOf<'count($1)'>();
    expectTypeOf(staged.count(staged.path(1, 'a')).$staged.name).toEqualTypeOf<undefined>();
    const counted = selectFromStage('s')
      .fileFormat('PARQUET')
      .select(staged.count(staged.col(1)));
    expectTypeOf<RowOf<typeof counted>>().toEqualTypeOf<{ 'count($1)': bigint }>();
    const byName = selectFromStage('s')
      .fileFormat('PARQUET')
      .select(staged.column('sepal_length'), staged.column('Species').cast(t.string()), staged.filename.as('f'));
    expectTypeOf<RowOf<typeof byName>>().toEqualTypeOf<{ sepal_length: unknown; Species: string | null; f: string }>();
    // @ts-expect-error a count of a path has no name: alias it
    selectFromStage('s').select(staged.count(staged.path(1, 'a', 'b')));
    selectFromStage('s').select(staged.count(staged.path(1, 'a', 'b')).as('n'));
  });
});
