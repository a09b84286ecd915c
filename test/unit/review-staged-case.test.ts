import { describe, expect, it } from 'vitest';
import { selectFromStage } from '../../src/builders/select-stage.js';
import { staged } from '../../src/builders/staged-columns.js';

describe('review: staged names differing only in case', () => {
  it('quotes them inside count() too (bare, COUNT(b) beside COUNT("B") is 1065 ambiguous over a file with both)', () => {
    const counts = selectFromStage('s', 'p/')
      .fileFormat('PARQUET')
      .select(staged.count(staged.column('b')).as('nb'), staged.count(staged.column('B')).as('n_upper'));
    expect(counts.compile()).toBe(['SELECT COUNT("b") AS nb,', '       COUNT("B") AS n_upper', "FROM @s/p/ (FILE_FORMAT => 'PARQUET')"].join('\n'));
  });
});
