// The CLI and the local engine as a user runs them: `databend-etl apply` against the engine (what each step did, a
// failing step named with the steps not run, resuming with --from), README's EverDrive apply as written, and
// Ctrl-C, SIGTERM and SIGHUP on `databend-etl local` and on a program that started the engine: no temporary folder
// and no gateway process left behind.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../support/engine.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
let db: TestDatabase;
let scratch: string;

beforeAll(async () => {
  db = await openTestDatabase('cli');
  scratch = await mkdtemp(join(tmpdir(), 'cli-engine-test-'));
});

afterAll(async () => {
  await db?.release();
  await rm(scratch, { recursive: true, force: true });
});

function run(command: string[], env: Record<string, string> = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const { DATABEND_DSN: _dsn, EVERDRIVE_STAGE_URL: _url, EVERDRIVE_BATCH_DATE: _date, ...rest } = process.env;
  return new Promise((resolve, reject) => {
    const child = spawn(command[0]!, command.slice(1), { cwd: root, env: { ...rest, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

const cli = (args: string[], env: Record<string, string> = {}) => run([process.execPath, '--import', 'tsx', 'src/cli/main.ts', ...args], env);

describe('databend-etl apply on the local engine', () => {
  it('reports what each step did, names a failing step with the steps not run, and resumes with --from', async () => {
    const env = { CLI_PIPELINE_DIR: join(scratch, 'out'), CLI_PIPELINE_PREFIX: 'cli_apply', CLI_PIPELINE_FAIL: '1' };
    const failed = await cli(['apply', 'test/fixtures/cli-pipeline.ts', '--dsn', db.dsn], env);
    expect(failed.status).toBe(1);
    const lines = failed.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^\[1\/6\] create items: ok \(\d+ ms\)$/);
    expect(lines[2]).toMatch(/^\[3\/6\] unload items: 3 rows unloaded \(\d+ bytes read, \d+ bytes written\) \(\d+ ms\)$/);
    expect(lines[3]).toMatch(/^\[4\/6\] preview unloaded: 3 row\(s\): id \(\d+ ms\)$/);
    expect(lines[4]).toBe('[5/6] list a missing stage: FAILED');
    expect(lines).toHaveLength(5);
    expect(failed.stderr).toContain(
      "databend-etl: step 5/6 'list a missing stage' failed: Databend error 2501: Stage 'cli_apply_missing' does not exist.\n  in: LIST @cli_apply_missing",
    );
    expect(failed.stderr).toContain('not run: 6 create after');
    expect(failed.stderr).toContain('resume with: databend-etl apply test/fixtures/cli-pipeline.ts --from 5');

    const resumed = await cli(['apply', 'test/fixtures/cli-pipeline.ts', '--dsn', db.dsn, '--from', '6', '--json'], env);
    expect(resumed.status).toBe(0);
    const report = JSON.parse(resumed.stdout) as { ok: boolean; steps: { number: number; status: string }[] };
    expect(report.ok).toBe(true);
    expect(report.steps.map((step) => step.status)).toEqual(['skipped', 'skipped', 'skipped', 'skipped', 'skipped', 'done']);
  }, 60_000);

  it('stops before the first step when a declared table drifted from the live one', async () => {
    const env = { CLI_PIPELINE_DIR: join(scratch, 'drift'), CLI_PIPELINE_PREFIX: 'cli_drift', CLI_PIPELINE_DRIFT: '0' };
    const first = await cli(['apply', 'test/fixtures/cli-pipeline.ts', '--dsn', db.dsn], env);
    expect(first.status).toBe(0);
    const drifted = await cli(['apply', 'test/fixtures/cli-pipeline.ts', '--dsn', db.dsn], { ...env, CLI_PIPELINE_DRIFT: '1' });
    expect(drifted.status).toBe(1);
    expect(drifted.stdout).toBe('');
    expect(drifted.stderr).toContain(
      'databend-etl: Table cli_drift_items differs from its declaration:\n  phone: declared (phone STRING NULL), missing on the engine\nNothing was run.',
    );
    const json = await cli(['apply', 'test/fixtures/cli-pipeline.ts', '--dsn', db.dsn, '--json'], { ...env, CLI_PIPELINE_DRIFT: '1' });
    expect(json.status).toBe(1);
    const report = JSON.parse(json.stdout) as { ok: boolean; drift: { table: string; columns: unknown[] }; steps: unknown[] };
    expect(report).toMatchObject({ ok: false, drift: { table: 'cli_drift_items', columns: [{ column: 'phone', problem: 'missing' }] }, steps: [] });
  }, 90_000);

  it("runs README's EverDrive apply against the engine with the batch `npm run batch` writes", async () => {
    const dir = join(scratch, 'everdrive');
    const batch = await run([process.execPath, '--import', 'tsx', 'examples/everdrive/write-batch.ts', dir, '--sessions', '2', '--frames', '5']);
    expect(batch.status).toBe(0);
    // `export EVERDRIVE_STAGE_URL=fs://<dir>/ EVERDRIVE_BATCH_DATE=<date>`, as README tells to run it.
    const env = Object.fromEntries([...batch.stdout.matchAll(/(EVERDRIVE_\w+)=(\S+)/g)].map((m) => [m[1]!, m[2]!]));
    expect(env.EVERDRIVE_STAGE_URL).toBe(`fs://${dir}/`);
    const applied = await cli(['apply', 'examples/everdrive/pipeline.ts', '--dsn', db.dsn], env);
    expect(applied.status).toBe(0);
    expect(applied.stdout).toContain('load frame_events: 10 rows from 1 file(s)');
    expect(applied.stdout).toContain('create stream frame_events_stream: refused by the engine (needs enterprise-license): 1402');
  }, 60_000);
});

/** Processes whose command line names `text` (a data directory): the gateway is started with `--data-dir <dir>`. */
function processesNaming(text: string): number[] {
  const found: number[] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(text)) found.push(Number(pid));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

/** Starts `command`, waits for its data directory on stdout or stderr, and resolves with it. */
function startAndWaitForDataDir(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`no data directory within 60 s: ${output}`)), 60_000);
    const look = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const dir = /"dataDir":"([^"]+)"|local Databend on (\S+?)[; ]/.exec(output);
      if (dir !== null) {
        clearTimeout(timer);
        resolve((dir[1] ?? dir[2])!);
      }
    };
    child.stdout!.on('data', look);
    child.stderr!.on('data', look);
    child.on('exit', () => reject(new Error(`exited before starting: ${output}`)));
  });
}

const linux = process.platform === 'linux';

describe.runIf(linux)('signals leave no temporary folder and no process behind', () => {
  const program = ['test/fixtures/start-engine.ts'];
  const local = ['src/cli/main.ts', 'local'];
  const cases: { name: string; args: string[]; signal: NodeJS.Signals; target: 'process' | 'group' }[] = [
    ...(['SIGINT', 'SIGTERM', 'SIGHUP'] as const).flatMap((signal) => [
      { name: 'a program that started the engine', args: program, signal, target: 'process' as const },
      { name: 'databend-etl local', args: local, signal, target: 'process' as const },
    ]),
    // Ctrl-C in a terminal signals the foreground process group: the gateway gets SIGINT too.
    { name: 'a program that started the engine', args: program, signal: 'SIGINT', target: 'group' },
    { name: 'databend-etl local', args: local, signal: 'SIGINT', target: 'group' },
  ];
  it.each(cases)(
    '$name: $signal to the $target',
    async ({ args, signal, target }) => {
      // detached: a process group of its own, as a terminal gives a foreground job.
      const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
        child.on('exit', (code, sig) => resolve({ code, signal: sig })),
      );
      const dataDir = await startAndWaitForDataDir(child);
      expect(existsSync(dataDir)).toBe(true);
      expect(processesNaming(dataDir).length).toBeGreaterThan(0);
      process.kill(target === 'group' ? -child.pid! : child.pid!, signal);
      const exit = await exited;
      // The CLI exits 0 when told to stop; a program without handlers ends by the signal, as it would have.
      if (args.includes('local')) expect(exit).toEqual({ code: 0, signal: null });
      else expect(exit.signal).toBe(signal);
      // The gateway is the engine's only process: it is gone once the program has exited.
      for (let i = 0; i < 20 && processesNaming(dataDir).length > 0; i++) await new Promise((r) => setTimeout(r, 100));
      expect(processesNaming(dataDir)).toEqual([]);
      expect(existsSync(dataDir)).toBe(false);
    },
    90_000,
  );
});
