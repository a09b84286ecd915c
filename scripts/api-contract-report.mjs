#!/usr/bin/env node
// Runs the API contract test (test/engine/api-contract.test.ts) on the three seeds docs/bad-input.md reports, keeps
// each run's counts in test/support/api-contract-runs.json, then regenerates docs/bad-input.md from them, so that the
// doc's figures are what a run printed, never typed in. Takes a few minutes (one engine per run).
//   node scripts/api-contract-report.mjs
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const SEEDS = [20240816, 1, 424242];
const vitest = join(root, 'node_modules', '.bin', 'vitest');
const work = mkdtempSync(join(tmpdir(), 'api-contract-report-'));

function run(args, env) {
  const result = spawnSync(vitest, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) {
    console.error(`api-contract-report: 'vitest ${args.join(' ')}' failed (exit ${result.status ?? result.signal})`);
    process.exit(1);
  }
}

try {
  const runs = SEEDS.map((seed) => {
    const report = join(work, `${seed}.json`);
    run(['run', '--project', 'engine', 'test/engine/api-contract.test.ts'], { API_CONTRACT_SEED: String(seed), API_CONTRACT_REPORT: report });
    return JSON.parse(readFileSync(report, 'utf8'));
  });
  writeFileSync(
    join(root, 'test', 'support', 'api-contract-runs.json'),
    `${JSON.stringify({ measured: new Date().toISOString().slice(0, 10), runs }, null, 2)}\n`,
  );
  run(['run', '--project', 'unit', 'test/unit/bad-input.test.ts'], { UPDATE_BAD_INPUT_DOC: '1' });
} finally {
  rmSync(work, { recursive: true, force: true });
}
