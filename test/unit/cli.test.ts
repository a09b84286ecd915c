import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { configFromEnv, everdrivePipeline } from '../../examples/everdrive/pipeline.js';
import { messageOnly } from '../../src/cli/progress.js';
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
    expect(result.stderr).toContain('apply needs --dsn or DATABEND_DSN (or --dry-run)');
    expect(result.stderr).toContain('databend-etl apply --help lists the options');
  }, 30_000);

  it('apply --dry-run needs no DSN', () => {
    const result = cli(['apply', 'examples/everdrive/pipeline.ts', '--dry-run']);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain("applying pipeline 'everdrive' (27 steps) as a dry run (nothing is sent)");
    expect(result.stdout.trim().split('\n')).toHaveLength(27);
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

  it('an unknown command is named as such, with the list of commands, and exits 2', () => {
    const result = cli(['deploy']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("databend-etl: unknown command 'deploy'");
    expect(result.stderr).toContain('  apply     run a pipeline against a Databend server');
    expect(result.stdout).toBe('');
  }, 30_000);

  it('--help of every command prints its usage on stdout and exits 0; --version the package version', () => {
    const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    const schema = ['diff', 'push', 'generate', 'migrate'].map((command) => [command, '--help']);
    for (const args of [
      ['--help'],
      ['-h'],
      ['help'],
      ['local', '--help'],
      ['plan', '--help'],
      ['apply', '--help'],
      ['apply', '-h'],
      ['help', 'apply'],
      ...schema,
    ]) {
      const result = cli(args);
      expect(result.status, args.join(' ')).toBe(0);
      expect(result.stderr, args.join(' ')).toBe('');
      expect(result.stdout, args.join(' ')).toMatch(/^usage: databend-etl /);
    }
    expect(cli(['apply', '--help']).stdout).toContain('--only STEPS');
    for (const command of ['diff', 'push', 'generate', 'migrate', 'pull', 'infer']) {
      const help = cli([command, '--help']).stdout;
      expect(help, command).toMatch(new RegExp(`^usage: databend-etl ${command} `));
      expect(help, command).toContain('--dsn DSN');
      expect(help, command).toContain('--json');
    }
    const top = cli(['--help']).stdout;
    for (const command of ['diff', 'push', 'generate', 'migrate', 'pull', 'infer']) expect(top).toMatch(new RegExp(`^  ${command} +\\S`, 'm'));
    for (const flag of ['--version', '-v']) expect(cli([flag]).stdout).toBe(`${version}\n`);
  }, 180_000);

  it('an unknown option is a usage error naming it', () => {
    const result = cli(['apply', 'examples/everdrive/pipeline.ts', '--dry-runn']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("databend-etl: apply: Unknown option '--dry-runn'");
  }, 30_000);

  it('--from and --only select steps by number, range or title; the others are not run', () => {
    const dry = (more: string[]) => cli(['apply', 'test/fixtures/cli-pipeline.ts', '--dry-run', ...more], { CLI_PIPELINE_FAIL: '1' });
    const titles = (stdout: string) =>
      stdout
        .trim()
        .split('\n')
        .map((line) => /^\[(\d)\/6\] ([^:]+)/.exec(line)?.slice(1).join(' '));
    expect(titles(dry(['--from', '4']).stdout)).toEqual(['4 preview unloaded', '5 list a missing stage', '6 create after']);
    expect(titles(dry(['--from', 'list a missing stage']).stdout)).toEqual(['5 list a missing stage', '6 create after']);
    expect(titles(dry(['--only', '1,3-4,create after']).stdout)).toEqual(['1 create items', '3 unload items', '4 preview unloaded', '6 create after']);
    expect(titles(dry(['--only', '2-6', '--from', '5']).stdout)).toEqual(['5 list a missing stage', '6 create after']);
    expect(dry(['--only', '2-6']).stderr).toContain("applying pipeline 'cli-pipeline' (5 of 6 steps) as a dry run");
    const missing = dry(['--from', '9']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('databend-etl: --from: there is no step 9 (the pipeline has 6)');
    expect(dry(['--only', 'no such step']).stderr).toContain("databend-etl: --only: no step is titled 'no such step'");
    expect(dry(['--only', '4-2']).stderr).toContain('databend-etl: --only: the range 4-2 runs backwards');
  }, 60_000);

  it('--json prints one report for CI; --verbose each statement, credentials masked', () => {
    const env = { AWS_SECRET_ACCESS_KEY: 'cli-verbose-s3cret' };
    const json = cli(['apply', 'examples/everdrive/pipeline.ts', '--dry-run', '--json', '--only', '5-6'], env);
    expect(json.status).toBe(0);
    const report = JSON.parse(json.stdout) as { pipeline: string; ok: boolean; dryRun: boolean; steps: { number: number; status: string; reason?: string }[] };
    expect(report).toMatchObject({ pipeline: 'everdrive', ok: true, dryRun: true });
    expect(report.steps).toHaveLength(27);
    expect(report.steps.filter((step) => step.status === 'done').map((step) => step.number)).toEqual([5, 6]);
    expect(report.steps[0]).toEqual({ number: 1, title: 'create table drive_sessions', status: 'skipped', reason: 'not selected' });
    expect(json.stderr).toBe('');
    const verbose = cli(['apply', 'examples/everdrive/pipeline.ts', '--dry-run', '--verbose', '--only', '5'], env);
    expect(verbose.stderr).toContain('      sql: CREATE OR REPLACE CONNECTION everdrive_s3');
    expect(verbose.stderr).toContain("SECRET_ACCESS_KEY = '***'");
    expect(verbose.stdout + verbose.stderr).not.toContain('cli-verbose-s3cret');
  }, 60_000);

  it('a server that cannot be reached fails the first step at once, naming it and the steps not run', () => {
    const started = performance.now();
    const result = cli(['apply', 'test/fixtures/cli-pipeline.ts', '--dsn', 'databend://root:pw@127.0.0.1:9/default?sslmode=disable', '--retries', '1']);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('[1/4] create items: FAILED\n');
    expect(result.stderr).toContain('[1/4] create items: The Databend server is not reachable at 127.0.0.1:9: connection refused');
    expect(result.stderr).toContain('retry 1 of 1');
    expect(result.stderr).toContain(
      "databend-etl: step 1/4 'create items' failed: The Databend server is not reachable at 127.0.0.1:9: connection refused (is the server running?) (3 attempts)",
    );
    expect(result.stderr).toContain('not run: 2 create stage, 3 unload items, 4 preview unloaded');
    expect(result.stderr).toContain('resume with: databend-etl apply test/fixtures/cli-pipeline.ts --from 1');
    expect(result.stderr).not.toContain('WARN');
    expect(result.stderr).not.toContain('pw@');
  }, 30_000);
});

describe('engine messages in the CLI', () => {
  it('keep their text and lose a backtrace', () => {
    expect(messageOnly('Catalog creation failed: http://x\n\n   0: backtrace::capture\n   1: main')).toBe('Catalog creation failed: http://x');
    expect(messageOnly('divided by zero\n<Backtrace disabled by default>')).toBe('divided by zero');
    expect(messageOnly('error: \n  --> SQL:1:1\n  |\n1 | SELEC 1\n  | ^^^^^ unexpected')).toBe(
      'error: \n  --> SQL:1:1\n  |\n1 | SELEC 1\n  | ^^^^^ unexpected',
    );
  });
});

describe('the schema commands refuse a wrong command line before connecting', () => {
  it('names the missing or wrong option and exits 2; a module without tables exits 1', () => {
    const cases: [string[], string][] = [
      [['diff'], 'databend-etl: diff needs --tables'],
      [['push', '--tables', 'test/fixtures/cli-tables.ts'], 'databend-etl: push needs --dsn or DATABEND_DSN'],
      [
        ['generate', '--tables', 'test/fixtures/cli-tables.ts', '--dsn', 'databend://root:@127.0.0.1:9/default', '--name', 'Add-Phone'],
        "--name must be 1 to 60 lower-case letters, digits and _, got 'Add-Phone'",
      ],
      [['migrate', '--dsn', 'databend://root:@127.0.0.1:9/default', '--lock-timeout', 'soon'], "--lock-timeout must be 0..3600000 (ms), got 'soon'"],
      [['migrate', '--dir'], "databend-etl: migrate: Option '--dir <value>' argument missing"],
      [['push', '--tables', 'test/fixtures/cli-tables.ts', '--allow-destructiv'], "databend-etl: push: Unknown option '--allow-destructiv'"],
    ];
    for (const [args, message] of cases) {
      const result = cli(args);
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toContain(message);
      expect(result.stdout, args.join(' ')).toBe('');
    }
    const noTables = cli(['diff', '--tables', 'test/fixtures/cli-pipeline.ts', '--dsn', 'databend://root:@127.0.0.1:9/default']);
    expect(noTables.status).toBe(1);
    expect(noTables.stderr).toContain('the module must export table() declarations');
  }, 120_000);
});
