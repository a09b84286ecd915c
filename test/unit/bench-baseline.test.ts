import { describe, expect, it } from 'vitest';
import { checkBaselines, freshConfig, kyselyStatements, sdkPlan, sdkStatements, templateStatements, wideSchema } from '../../bench/statements.js';
import { EVERDRIVE, literalTemplatePlan, templatePlan } from '../../bench/template-baseline.js';
import { everdrivePipeline } from '../../examples/everdrive/pipeline.js';
import { renderPlan } from '../../src/index.js';
import { everdriveTables } from '../../examples/everdrive/tables.js';

// The benchmark's floor is only a floor if it renders exactly what the SDK renders. No timing here.
describe('benchmark baselines', () => {
  it('the template-string EverDrive plan equals the SDK plan byte for byte', () => {
    expect(templatePlan()).toBe(sdkPlan());
    expect(literalTemplatePlan()).toBe(sdkPlan());
  });

  it('the template-string plan takes from its configuration what the SDK pipeline takes from it', () => {
    const config = { stageUrl: 's3://other-bucket/x/', accessKeyId: 'AKIA1', secretAccessKey: 'sk2', batchDate: '2025-01-02', warehouse: 'wh_load' };
    const sdk = renderPlan(everdrivePipeline(config), { revealSecrets: true });
    expect(templatePlan(config)).toBe(sdk);
    expect(sdk).not.toBe(sdkPlan());
    // The configurations of the fresh-configuration case, one after another.
    for (let i = 0; i < 3; i++) {
      const fresh = freshConfig();
      expect(templatePlan(fresh)).toBe(renderPlan(everdrivePipeline(fresh), { revealSecrets: true }));
    }
  });

  it('the template-string EverDrive tables equal the SDK statements', () => {
    expect(templateStatements(EVERDRIVE)).toEqual(sdkStatements(everdriveTables));
  });

  it('the template-string 50-table statements equal the SDK statements', () => {
    const { tables, plain } = wideSchema();
    expect(templateStatements(plain)).toEqual(sdkStatements(tables));
  });

  it('the check run before timing passes', () => {
    expect(checkBaselines()).toEqual({ planChars: sdkPlan().length, wideStatements: 100 });
  });

  it('Kysely compiles one CREATE TABLE and one SELECT per table', () => {
    const statements = kyselyStatements(EVERDRIVE);
    expect(statements).toHaveLength(8);
    expect(statements[2]).toBe(
      'create table if not exists "frame_events" ("frame_id" text not null, "session_id" text, "frame_index" integer, "captured_at" timestamp, "event_type" text, "risk_score" double precision) cluster by ("session_id", "captured_at")',
    );
    expect(statements[5]).toContain('cast("payload" as jsonb) as "payload"');
  });
});
