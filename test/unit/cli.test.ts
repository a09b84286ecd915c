import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { configFromEnv, everdrivePipeline } from '../../examples/everdrive/pipeline.js';
import { renderPlan } from '../../src/index.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

function cli(args: string[], env: Record<string, string> = {}) {
  const { AWS_ACCESS_KEY_ID: _id, AWS_SECRET_ACCESS_KEY: _key, DATABEND_DSN: _dsn, ...rest } = process.env;
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: root, encoding: 'utf8', env: { ...rest, ...env } });
}

describe('databend-etl CLI', () => {
  it('plan prints the pipeline module as renderPlan does, secrets masked', () => {
    const env = { AWS_ACCESS_KEY_ID: 'AKIACLITEST', AWS_SECRET_ACCESS_KEY: 'cli-s3cret' };
    const result = cli(['plan', 'examples/everdrive/pipeline.ts'], env);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(renderPlan(everdrivePipeline(configFromEnv(env))));
    expect(result.stdout).not.toContain('cli-s3cret');
  }, 30_000);

  it('plan --reveal-secrets shows the credentials', () => {
    const result = cli(['plan', 'examples/everdrive/pipeline.ts', '--reveal-secrets'], { AWS_SECRET_ACCESS_KEY: 'cli-s3cret' });
    expect(result.stdout).toContain("SECRET_ACCESS_KEY = 'cli-s3cret'");
  }, 30_000);

  it('apply without a DSN is a usage error (exit 2) and sends nothing', () => {
    const result = cli(['apply', 'examples/everdrive/pipeline.ts']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('apply needs --dsn or DATABEND_DSN');
  }, 30_000);

  it('apply --dry-run lists every step without connecting', () => {
    const result = cli(['apply', 'examples/everdrive/pipeline.ts', '--dsn', 'databend://root:pw@127.0.0.1:9/default', '--dry-run']);
    expect(result.status).toBe(0);
    const lines = result.stdout
      .trim()
      .split('\n')
      .filter((line) => /^\[\s*\d+\/27\]/.test(line));
    expect(lines).toHaveLength(27);
    expect(result.stderr).not.toContain('pw@');
  }, 30_000);

  it('refuses a module that exports no pipeline', () => {
    const result = cli(['plan', 'examples/everdrive/tables.ts']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('the module must export a pipeline(...) as default or as `pipeline`');
  }, 30_000);

  it('an unknown command prints the usage and exits 2', () => {
    const result = cli(['deploy']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('databend-etl apply <pipeline-module> --dsn DSN');
  }, 30_000);
});
