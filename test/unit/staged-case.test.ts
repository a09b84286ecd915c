import { describe, expect, it } from 'vitest';
import { selectFromStage } from '../../src/builders/select-stage.js';
import { staged } from '../../src/builders/staged-columns.js';
import { copyInto } from '../../src/builders/copy-into-table.js';
import { int } from '../../src/schema/column-types.js';
import { table } from '../../src/schema/table.js';

describe('staged names differing only in case', () => {
  it('quotes them inside count() too (bare, COUNT(b) beside COUNT("B") is 1065 ambiguous over a file with both)', () => {
    const counts = selectFromStage('s', 'p/')
      .fileFormat('PARQUET')
      .select(staged.count(staged.column('b')).as('nb'), staged.count(staged.column('B')).as('n_upper'));
    expect(counts.compile()).toBe(['SELECT COUNT("b") AS nb,', '       COUNT("B") AS n_upper', "FROM @s/p/ (FILE_FORMAT => 'PARQUET')"].join('\n'));
  });

  it("quotes one of a table's pair in a list of some of its columns, which bare would match both", () => {
    const pair = table('pair', { b: int(), B: int(), c: int() });
    expect(copyInto(pair).fromStage('s', 'p/').columns(['b', 'c']).compile()).toBe(
      ['COPY INTO pair (b, c)', 'FROM (', '  SELECT "b"::INT,', '         c::INT', '  FROM @s/p/', ')'].join('\n'),
    );
    expect(selectFromStage('s', 'p/').typedAs(pair).columns('b').compile()).toBe(['SELECT "b"::INT AS b', 'FROM @s/p/'].join('\n'));
    // A mapping's sources: x read from b beside B read from B.
    const mapped = table('mapped', { x: int(), B: int() });
    expect(copyInto(mapped).fromStage('s', 'p/').columns(['x']).map({ x: 'b' }).compile()).toBe(
      ['COPY INTO mapped (x)', 'FROM (', '  SELECT "b"::INT', '  FROM @s/p/', ')'].join('\n'),
    );
  });
});
