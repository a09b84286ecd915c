import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { inspect } from 'node:util';
import { maskDsn } from '../client/dsn.js';
import { DataDirInUseError, EngineStartError } from './errors.js';
import { checkStartOptions } from './options.js';
import { ensureLocalEngine, isAlive, pythonAssetsDir } from './python-env.js';

export interface StartLocalDatabendOptions {
  /** Where the engine keeps its tables (`data/`), metadata (`meta/`) and logs. Default: a temporary directory removed on stop. */
  dataDir?: string;
  /** Default 0: a free port. */
  port?: number;
  /** Password of user `root`. Default: none. */
  password?: string;
  /** Where the private Python venv lives; see `ensureLocalEngine`. */
  home?: string;
  /** Receives set-up progress and the gateway's log lines. */
  onLog?: (line: string) => void;
  /** How long to wait for the gateway to listen once the venv exists. Default 60 s. */
  startTimeoutMs?: number;
}

export interface LocalDatabend {
  /** `databend://root:<password>@127.0.0.1:<port>/default?sslmode=disable` */
  dsn: string;
  host: string;
  port: number;
  dataDir: string;
  /** Stops the engine (SIGTERM, then SIGKILL after 5 s) and removes a temporary data directory. Idempotent. */
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';
const LOCK_FILE = '.databend-etl.lock';
const STDERR_TAIL_LINES = 40;

/**
 * Starts the embedded Databend engine behind a loopback HTTP gateway that speaks Databend's HTTP query API, so
 * `databend-driver` connects to it like to a real server.
 *
 * One engine per data directory: the embedded meta store is not safe for two processes, so a second start on a
 * directory whose lock file names a live process is refused with `DataDirInUseError`; a lock left by a dead
 * process is taken over.
 *
 * @example
 * const engine = await startLocalDatabend();
 * const client = new Client(engine.dsn);
 * // ...
 * await engine.stop();
 */
export async function startLocalDatabend(given: StartLocalDatabendOptions = {}): Promise<LocalDatabend> {
  const options = checkStartOptions(given);
  const log = options.onLog ?? (() => {});
  const { python } = await ensureLocalEngine({ ...(options.home === undefined ? {} : { home: options.home }), onLog: log });
  const temporary = options.dataDir === undefined;
  const dataDir = temporary ? await mkdtemp(join(tmpdir(), 'databend-etl-')) : resolve(options.dataDir!);
  let lock: DataDirLock | undefined;
  let child: ChildProcessWithoutNullStreams | undefined;
  const cleanUp = () => {
    if (lock !== undefined) releaseDataDirLock(lock);
    if (temporary) rmSync(dataDir, { recursive: true, force: true });
  };
  // Dies with us: the gateway also exits when its stdin (our pipe) closes, which covers SIGKILL of this process.
  const onExit = () => {
    child?.kill('SIGTERM');
    cleanUp();
  };
  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      process.off('exit', onExit);
      unwatchSignals(stop);
      if (child !== undefined) await terminate(child);
      cleanUp();
    })();
    return stopped;
  };
  // From here a signal or an exit stops what was started: the folder now, the gateway once spawned.
  process.once('exit', onExit);
  watchSignals(stop);

  let port: number;
  try {
    lock = await prepareDataDir(dataDir);
    child = spawnGateway(python, dataDir, options);
    port = await waitForReady(child, options.startTimeoutMs ?? 60_000, log);
  } catch (error) {
    await stop();
    throw error;
  }

  const credentials = `root:${encodeURIComponent(options.password ?? '')}`;
  const dsn = `databend://${credentials}@${HOST}:${port}/default?sslmode=disable`;
  const engine: LocalDatabend = { dsn, host: HOST, port, dataDir, stop };
  // `dsn` is clear on purpose (it is what a client needs); printing the object must not show the password.
  const shown = () => ({ dsn: maskDsn(dsn), host: HOST, port, dataDir });
  Object.defineProperties(engine, {
    toJSON: { value: shown },
    [inspect.custom]: { value: () => ({ ...shown(), stop: '[Function: stop]' }) },
  });
  return engine;
}

/** The stop() of every engine this process started and has not stopped. */
const running = new Set<() => Promise<void>>();
const SIGNALS: readonly NodeJS.Signals[] = process.platform === 'win32' ? ['SIGINT', 'SIGTERM'] : ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * Ctrl-C, a closed terminal (SIGHUP) or a kill (SIGTERM) ends a Node process without its 'exit' event, which would
 * leave the gateway running until it notices its stdin closed and a temporary data folder behind. While an engine
 * runs and nobody else listens for the signal, its arrival stops every engine (the gateway terminated, the folder
 * removed), then ends the process by the same signal, as it would have ended. A program or CLI with its own listener
 * decides itself: its process.exit() runs the 'exit' handler, its engine.stop() the rest.
 */
function watchSignals(stop: () => Promise<void>): void {
  if (running.size === 0) for (const signal of SIGNALS) process.on(signal, onSignal);
  running.add(stop);
}

function unwatchSignals(stop: () => Promise<void>): void {
  if (running.delete(stop) && running.size === 0) for (const signal of SIGNALS) process.off(signal, onSignal);
}

function onSignal(signal: NodeJS.Signals): void {
  if (process.listenerCount(signal) > 1) return;
  for (const each of SIGNALS) process.off(each, onSignal);
  void Promise.allSettled([...running].map((stop) => stop())).finally(() => {
    if (process.platform === 'win32') process.exit(130);
    else process.kill(process.pid, signal);
  });
}

function spawnGateway(python: string, dataDir: string, options: StartLocalDatabendOptions): ChildProcessWithoutNullStreams {
  const args = [join(pythonAssetsDir(), 'gateway.py'), '--data-dir', dataDir, '--host', HOST, '--port', String(options.port ?? 0)];
  // The password travels in the environment, not argv, which other local users can read with `ps`.
  const env = { ...process.env, DATABEND_GATEWAY_PASSWORD: options.password ?? '', PYTHONUNBUFFERED: '1' };
  return spawn(python, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
}

/** Resolves with the port from the gateway's `{"ready": true, "port": N}` line. */
function waitForReady(child: ChildProcessWithoutNullStreams, timeoutMs: number, log: (line: string) => void): Promise<number> {
  const stderrTail: string[] = [];
  createInterface({ input: child.stderr }).on('line', (line) => {
    log(line);
    stderrTail.push(line);
    if (stderrTail.length > STDERR_TAIL_LINES) stderrTail.shift();
  });
  const tail = () => stderrTail.join('\n');

  return new Promise<number>((resolvePort, reject) => {
    const fail = (reason: string, cause?: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new EngineStartError(reason, tail(), cause ? { cause } : undefined));
    };
    const timer = setTimeout(() => fail(`no ready line within ${timeoutMs} ms`), timeoutMs);
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => fail(`the gateway exited early (${signal ?? `exit code ${code}`})`);
    child.once('exit', onExit);
    child.once('error', (error) => fail(`could not run ${child.spawnfile}: ${error.message}`, error));

    const stdout = createInterface({ input: child.stdout });
    stdout.once('line', (line) => {
      const port = readyPort(line);
      if (port === undefined) return fail(`unexpected first line on stdout: ${line.slice(0, 200)}`);
      clearTimeout(timer);
      child.off('exit', onExit);
      stdout.on('line', log);
      resolvePort(port);
    });
  });
}

function readyPort(line: string): number | undefined {
  try {
    const parsed = JSON.parse(line) as { ready?: unknown; port?: unknown };
    return parsed.ready === true && typeof parsed.port === 'number' ? parsed.port : undefined;
  } catch {
    return undefined;
  }
}

async function terminate(child: ChildProcessWithoutNullStreams): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

interface DataDirLock {
  path: string;
  token: string;
}

/** Makes the data directory and takes its lock; a directory the OS refuses is an EngineStartError saying why. */
async function prepareDataDir(dataDir: string): Promise<DataDirLock> {
  try {
    await mkdir(dataDir, { recursive: true });
    return await acquireDataDirLock(dataDir);
  } catch (error) {
    if (error instanceof DataDirInUseError) throw error;
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new EngineStartError(`the data directory ${dataDir} cannot be used (${reason})`, '', { cause: error });
  }
}

async function acquireDataDirLock(dataDir: string): Promise<DataDirLock> {
  const path = join(dataDir, LOCK_FILE);
  const lock = { path, token: randomUUID() };
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(path, JSON.stringify({ pid: process.pid, token: lock.token }), { flag: 'wx' });
      return lock;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw error;
      const owner = await readLockOwner(path);
      if (owner !== undefined && isAlive(owner)) throw new DataDirInUseError(dataDir, owner);
      await rm(path, { force: true }); // left by a process that died without stopping its engine
    }
  }
}

async function readLockOwner(path: string): Promise<number | undefined> {
  try {
    const { pid } = JSON.parse(await readFile(path, 'utf8')) as { pid?: unknown };
    return typeof pid === 'number' ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Synchronous because it also runs in the process 'exit' handler; leaves a lock that another start took over. */
function releaseDataDirLock(lock: DataDirLock): void {
  try {
    if ((JSON.parse(readFileSync(lock.path, 'utf8')) as { token?: string }).token === lock.token) rmSync(lock.path);
  } catch {
    // already gone
  }
}
