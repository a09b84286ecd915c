import { mkdtemp, rm, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureLocalEngine, PythonMissingError } from '../../src/local/index.js';
import { findPython } from '../../src/local/python-env.js';

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
