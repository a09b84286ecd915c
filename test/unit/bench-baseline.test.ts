import { describe, expect, it } from 'vitest';
import { wideSchema } from '../../bench/statements.js';
import { templateCreateTable, templatePlan, templateSelect } from '../../bench/template-baseline.js';
import { everdrivePipeline, GUIDE_CONFIG } from '../../examples/everdrive/pipeline.js';
import { createTable, renderPlan, selectFromStage } from '../../src/index.js';

// The benchmark's floor is only a floor if it renders exactly what the SDK renders.
describe('benchmark baselines', () => {
  it('the template-string EverDrive plan equals the SDK plan byte for byte', () => {
    expect(templatePlan()).toBe(renderPlan(everdrivePipeline(GUIDE_CONFIG), { revealSecrets: true }));
  });

  it('the template-string 50-table statements equal the SDK statements', () => {
    const { tables, plain } = wideSchema();
    expect(plain.flatMap((t) => [templateCreateTable(t), templateSelect(t)])).toEqual(
      tables.flatMap((t) => [createTable(t).ifNotExists().compile(), selectFromStage('s', `${t.name}/`).typedAs(t).compile()]),
    );
  });
});
