import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile, chmod } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineHome, ensureLocalEngine, PythonMissingError } from '../../src/local/index.js';
import { findPython, pythonAssetsDir, userCacheDir, venvDir } from '../../src/local/python-env.js';

let scratch: string;
let oldPython: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'python-env-test-'));
  // A fake interpreter that reports CPython 3.11, which the engine wheel (cp312-abi3) cannot use.
  oldPython = join(scratch, 'python3.11');
  await writeFile(oldPython, '#!/bin/sh\necho "cpython 3 11 9"\n');
  await chmod(oldPython, 0o755);
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('finding a Python for the local engine', () => {
  it('refuses an interpreter older than 3.12 and says what it found', async () => {
    const error = await findPython(oldPython).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PythonMissingError);
    const missing = error as PythonMissingError;
    expect(missing.code).toBe('LOCAL_ENGINE_PYTHON_MISSING');
    expect(missing.tried).toHaveLength(1);
    expect(missing.tried[0]).toContain(oldPython);
    expect(missing.message).toContain('needs CPython 3.12 or newer');
    expect(missing.message).toContain('DATABEND_ETL_PYTHON');
  });

  it('refuses a path that does not exist', async () => {
    const absent = join(scratch, 'no-such-python');
    const error = (await findPython(absent).catch((e: unknown) => e)) as PythonMissingError;
    expect(error).toBeInstanceOf(PythonMissingError);
    expect(error.tried[0]).toContain(absent);
  });

  it('fails the set-up with that error when told to use such an interpreter', async () => {
    const home = join(scratch, 'home');
    const error = await ensureLocalEngine({ home, python: oldPython }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PythonMissingError);
  });

  it('finds a suitable interpreter on this machine', async () => {
    const found = await findPython();
    const [major, minor] = found.version.split('.').map(Number);
    expect(major).toBe(3);
    expect(minor).toBeGreaterThanOrEqual(12);
  });
});

describe('where the local engine lives', () => {
  it("is the platform's per-user cache folder", () => {
    expect(userCacheDir('linux', {}, '/home/me')).toBe('/home/me/.cache');
    expect(userCacheDir('linux', { XDG_CACHE_HOME: '/var/cache/me' }, '/home/me')).toBe('/var/cache/me');
    // The XDG spec: a relative value is invalid and ignored.
    expect(userCacheDir('linux', { XDG_CACHE_HOME: 'cache' }, '/home/me')).toBe('/home/me/.cache');
    expect(userCacheDir('darwin', { XDG_CACHE_HOME: '/x' }, '/Users/me')).toBe('/Users/me/Library/Caches');
    expect(userCacheDir('win32', { LOCALAPPDATA: 'C:\\Users\\me\\AppData\\Local' }, 'C:\\Users\\me')).toBe('C:\\Users\\me\\AppData\\Local');
  });

  it('is one folder per user whatever the working directory, overridable by DATABEND_ETL_HOME and the options', () => {
    const saved = process.env.DATABEND_ETL_HOME;
    const cwd = process.cwd();
    try {
      delete process.env.DATABEND_ETL_HOME;
      const fromRoot = engineHome();
      process.chdir(scratch);
      expect(engineHome()).toBe(fromRoot);
      expect(fromRoot).toBe(join(userCacheDir(), 'databend-etl'));
      expect(fromRoot.startsWith(homedir()) || fromRoot.startsWith(process.env.XDG_CACHE_HOME ?? homedir())).toBe(true);
      expect(engineHome({ projectRoot: '/srv/app' })).toBe('/srv/app/.databend-etl');
      process.env.DATABEND_ETL_HOME = 'engine-home';
      expect(engineHome()).toBe(join(scratch, 'engine-home'));
      expect(engineHome({ home: '/opt/engine' })).toBe('/opt/engine');
    } finally {
      process.chdir(cwd);
      if (saved === undefined) delete process.env.DATABEND_ETL_HOME;
      else process.env.DATABEND_ETL_HOME = saved;
    }
  });

  it('keys the venv by the hash of the pinned requirements', async () => {
    const hash = createHash('sha256')
      .update(await readFile(join(pythonAssetsDir(), 'requirements.txt')))
      .digest('hex');
    expect(venvDir('/h', hash)).toBe(`/h/venv-${hash.slice(0, 16)}`);
  });

  it('sets up once when two callers start at the same time, with progress, and reuses the venv after', async () => {
    const home = join(scratch, 'shared-home');
    const installs = join(scratch, 'installs.log');
    // A fake CPython: its probe answers 3.12, its `-m venv` makes a venv whose pip install takes a second and logs itself.
    const base = join(scratch, 'fake-python3.12');
    const venvPython = ['#!/bin/sh', 'echo "Collecting databend==1.0"', 'sleep 1', `echo install >> '${installs}'`, ''].join('\n');
    await writeFile(
      base,
      [
        '#!/bin/sh',
        'if [ "$1" = "-c" ]; then echo "cpython 3 12 9"; exit 0; fi',
        'if [ "$1" = "-m" ] && [ "$2" = "venv" ]; then',
        '  mkdir -p "$3/bin"',
        `  cat > "$3/bin/python" <<'PY'\n${venvPython}PY`,
        '  chmod +x "$3/bin/python"',
        'fi',
        '',
      ].join('\n'),
    );
    await chmod(base, 0o755);
    const lines: string[][] = [[], []];
    const [a, b] = await Promise.all(lines.map((log) => ensureLocalEngine({ home, python: base, onLog: (line) => log.push(line) })));
    expect(a).toEqual(b);
    expect(a!.python.startsWith(join(home, 'venv-'))).toBe(true);
    expect((await readFile(installs, 'utf8')).trim().split('\n')).toEqual(['install']);
    const all = lines.flat();
    expect(all.some((line) => line.startsWith('local engine: first set-up of'))).toBe(true);
    expect(all).toContain('local engine: pip: Collecting databend==1.0');
    expect(all.some((line) => line.startsWith('local engine: waiting for another process'))).toBe(true);
    // The lock is gone; a later call finds the venv ready and installs nothing.
    expect((await readdir(home)).filter((name) => name.endsWith('.lock'))).toEqual([]);
    await ensureLocalEngine({ home, python: base });
    expect((await readFile(installs, 'utf8')).trim().split('\n')).toEqual(['install']);
  });
});
