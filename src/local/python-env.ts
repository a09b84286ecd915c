import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { constants, existsSync } from 'node:fs';
import { access, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EngineSetupError, PythonMissingError } from './errors.js';
import { checkEngineOptions } from './options.js';

export interface LocalEngineOptions {
  /**
   * Where the private venvs live (`<home>/venv-<hash of requirements.txt>`). Default: $DATABEND_ETL_HOME, else
   * `<projectRoot>/.databend-etl` when `projectRoot` is given, else the user's cache folder (`$XDG_CACHE_HOME` or
   * `~/.cache` on Linux, `~/Library/Caches` on macOS, `%LOCALAPPDATA%` on Windows) + `/databend-etl`, shared by every
   * project and clone of the same requirements.
   */
  home?: string;
  /** A project whose own `.databend-etl` folder holds the venv instead of the user's cache folder. */
  projectRoot?: string;
  /** A CPython 3.12+ to build the venv with. Default: $DATABEND_ETL_PYTHON, else the first suitable one found. */
  python?: string;
  /** Receives set-up progress (venv creation, pip output), one line at a time. */
  onLog?: (line: string) => void;
}

const MIN_PYTHON: readonly [number, number] = [3, 12];
const STAMP_FILE = '.databend-etl-requirements';
/** Hex digits of the requirements' SHA-256 in a venv's name: enough to tell pins apart, short enough for Windows paths. */
const VENV_KEY_LENGTH = 16;
const SETUP_LOCK_TIMEOUT_MS = 15 * 60_000;

/**
 * Makes sure the local engine can run: a private virtual environment with the pinned `databend` and `pyarrow`
 * from `python/requirements.txt`. The first call creates it (minutes: the wheel is ~60 MB); later calls only compare
 * the requirements' hash with the stamp left by the last install.
 *
 * @example
 * const { python } = await ensureLocalEngine();
 * // python: '/home/me/.cache/databend-etl/venv-3f2a9c0d1e4b5a67/bin/python'
 */
export async function ensureLocalEngine(given: LocalEngineOptions = {}): Promise<{ python: string }> {
  const options = checkEngineOptions(given, 'ensureLocalEngine()');
  const home = homeOf(options);
  const requirements = join(pythonAssetsDir(), 'requirements.txt');
  const wanted = createHash('sha256')
    .update(await readFile(requirements))
    .digest('hex');
  const venv = venvDir(home, wanted);
  const python = venvPython(venv);
  if (await isReady(python, venv, wanted)) return { python };

  // Nobody listening: the first set-up takes a minute, which must not look like a hang (the milestones only, not pip's).
  const milestone = options.onLog ?? ((line: string) => process.stderr.write(`${line}\n`));
  await withSetupLock(`${venv}.lock`, milestone, async () => {
    if (await isReady(python, venv, wanted)) return; // another process finished while we waited
    const started = Date.now();
    if (!existsSync(python)) {
      const base = await findPython(options.python ?? process.env.DATABEND_ETL_PYTHON);
      milestone(`local engine: first set-up of ${venv} (once per user and version of the engine; about a minute)`);
      milestone(`local engine: creating the venv with ${base.path} (Python ${base.version})`);
      await rm(venv, { recursive: true, force: true });
      await run(base.path, ['-m', 'venv', venv], 'creating the virtual environment', options.onLog ?? (() => {}));
    }
    milestone('local engine: installing the pinned packages (databend, pyarrow)');
    // pip's steps are progress for everyone; the rest of its output only for a caller who asked for the log.
    const pipLog = (line: string) => {
      if (/^\s*(Collecting|Downloading|Installing collected|Successfully installed) /.test(line)) milestone(`local engine: pip: ${line.trim()}`);
      else options.onLog?.(line);
    };
    await run(python, ['-m', 'pip', 'install', '--disable-pip-version-check', '--no-input', '-r', requirements], `installing ${requirements}`, pipLog);
    await writeFile(join(venv, STAMP_FILE), wanted);
    milestone(`local engine: ready in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  });
  return { python };
}

/** The venv for one set of pinned requirements: `<home>/venv-<first hex digits of their SHA-256>`. */
export function venvDir(home: string, requirementsHash: string): string {
  return join(home, `venv-${requirementsHash.slice(0, VENV_KEY_LENGTH)}`);
}

/** `<home>` of the local engine: its venvs (one per version of the pinned requirements) and their set-up locks live there. */
export function engineHome(options: Pick<LocalEngineOptions, 'home' | 'projectRoot'> = {}): string {
  return homeOf(checkEngineOptions(options, 'engineHome()', ['home', 'projectRoot']));
}

function homeOf(options: Pick<LocalEngineOptions, 'home' | 'projectRoot'>): string {
  if (options.home !== undefined) return resolve(options.home);
  if (process.env.DATABEND_ETL_HOME) return resolve(process.env.DATABEND_ETL_HOME);
  if (options.projectRoot !== undefined) return resolve(options.projectRoot, '.databend-etl');
  return join(userCacheDir(), 'databend-etl');
}

/** The platform's per-user cache folder: what may be deleted and rebuilt, never synced or backed up. */
export function userCacheDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  if (platform === 'win32') return env.LOCALAPPDATA || join(home, 'AppData', 'Local');
  if (platform === 'darwin') return join(home, 'Library', 'Caches');
  // XDG: a relative value is invalid and to be ignored.
  return env.XDG_CACHE_HOME && isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : join(home, '.cache');
}

/**
 * The folder holding gateway.py and requirements.txt: next to this file in the sources, and under
 * `src/local/python` of the published package (listed in package.json `files`) when running from `dist/`.
 */
export function pythonAssetsDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, 'python'), join(here, '..', 'src', 'local', 'python')];
  const found = candidates.find((dir) => existsSync(join(dir, 'gateway.py')));
  if (found === undefined) {
    throw new EngineSetupError('locating the gateway', `gateway.py not found in ${candidates.join(' or ')}`);
  }
  return found;
}

function venvPython(venv: string): string {
  return process.platform === 'win32' ? join(venv, 'Scripts', 'python.exe') : join(venv, 'bin', 'python');
}

async function isReady(python: string, venv: string, wanted: string): Promise<boolean> {
  try {
    await access(python, constants.X_OK); // follows the venv's symlink: fails when the base Python is gone
    return (await readFile(join(venv, STAMP_FILE), 'utf8')) === wanted;
  } catch {
    return false;
  }
}

interface FoundPython {
  path: string;
  version: string;
}

/** Probes each candidate in turn; the first CPython >= 3.12 wins. */
export async function findPython(explicit?: string): Promise<FoundPython> {
  const tried: string[] = [];
  for (const candidate of explicit ? [explicit] : await pythonCandidates()) {
    const probe = await probePython(candidate);
    if (probe.ok) return { path: candidate, version: probe.version };
    tried.push(`${candidate}: ${probe.reason}`);
  }
  throw new PythonMissingError(tried);
}

async function pythonCandidates(): Promise<string[]> {
  const onPath = ['python3.14', 'python3.13', 'python3.12', 'python3', 'python'];
  const managed = [
    ...(await versionDirs(join(homedir(), '.pyenv', 'versions'), 'bin/python3')),
    ...(await versionDirs(join(homedir(), '.local', 'share', 'uv', 'python'), 'bin/python3')),
  ];
  const system = ['/opt/homebrew/bin', '/usr/local/bin', '/usr/bin'].flatMap((dir) =>
    ['3.14', '3.13', '3.12'].map((v) => `${dir}/python${v}`).filter((p) => existsSync(p)),
  );
  return [...new Set([...onPath, ...managed, ...system])];
}

/** `<root>/<version>/<suffix>` for each installed version, newest first. */
async function versionDirs(root: string, suffix: string): Promise<string[]> {
  const names = await readdir(root).catch(() => [] as string[]);
  return names
    .sort((a, b) => b.localeCompare(a, 'en', { numeric: true }))
    .map((name) => join(root, name, suffix))
    .filter((path) => existsSync(path));
}

type Probe = { ok: true; version: string } | { ok: false; reason: string };

function probePython(command: string): Promise<Probe> {
  const script = 'import sys; print(sys.implementation.name, *sys.version_info[:3])';
  return new Promise((resolve) => {
    execFile(command, ['-c', script], { timeout: 15_000 }, (error, stdout, stderr) => {
      if (error) {
        const detail = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : firstLine(stderr) || error.message;
        resolve({ ok: false, reason: detail });
        return;
      }
      const [implementation, major, minor, micro] = stdout.trim().split(' ');
      const version = `${major}.${minor}.${micro}`;
      if (implementation !== 'cpython') resolve({ ok: false, reason: `${implementation} ${version} is not CPython` });
      else if (Number(major) < MIN_PYTHON[0] || (Number(major) === MIN_PYTHON[0] && Number(minor) < MIN_PYTHON[1]))
        resolve({ ok: false, reason: `Python ${version} is older than ${MIN_PYTHON.join('.')}` });
      else resolve({ ok: true, version });
    });
  });
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? '';
}

/** Runs a set-up command, forwarding its output line by line; fails with the output's tail. */
function run(command: string, args: string[], step: string, log: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const tail: string[] = [];
    const collect = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
        log(line);
        tail.push(line);
        if (tail.length > 30) tail.shift();
      }
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', (error) => reject(new EngineSetupError(step, error.message, { cause: error })));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new EngineSetupError(`${step} (exit ${code})`, tail.join('\n')))));
  });
}

/**
 * Serialises set-up across processes (two test runs may start at once): a lock directory created atomically,
 * holding the owner's pid so a lock left by a dead process is taken over.
 */
async function withSetupLock(lock: string, log: (line: string) => void, body: () => Promise<void>): Promise<void> {
  const deadline = Date.now() + SETUP_LOCK_TIMEOUT_MS;
  let waiting = false;
  // A home the OS refuses (too long a name, no permission, a file in the way) is a set-up error saying why.
  await mkdir(dirname(lock), { recursive: true }).catch((error: NodeJS.ErrnoException) => {
    throw new EngineSetupError(`preparing the engine home ${dirname(lock)}`, error.code ?? error.message, { cause: error });
  });
  for (;;) {
    try {
      await mkdir(lock);
      break;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') throw new EngineSetupError(`taking the set-up lock ${lock}`, code ?? (error as Error).message, { cause: error });
      const owner = Number(await readFile(join(lock, 'pid'), 'utf8').catch(() => ''));
      if (owner > 0 && !isAlive(owner)) await rm(lock, { recursive: true, force: true });
      else if (!waiting) {
        waiting = true;
        log(`local engine: waiting for another process (pid ${owner || 'unknown'}) to finish setting up ${lock.replace(/\.lock$/, '')}`);
      } else if (Date.now() > deadline) throw new EngineSetupError('waiting for another set-up', `lock ${lock} held by pid ${owner}`);
      else await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    await writeFile(join(lock, 'pid'), String(process.pid));
    await body();
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
