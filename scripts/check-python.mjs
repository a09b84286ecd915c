#!/usr/bin/env node
// Checks the local server's Python (src/local/python): ruff check, ruff format --check, then pytest. The tools are
// pinned in requirements-dev.txt and installed into the engine's private venv, which `node scripts/setup.mjs`
// makes first when it is missing or out of date (the tests need its pyarrow, not the engine). Runs every check and
// exits non-zero if any failed. Standard library only, like setup.mjs.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pythonDir = join(root, 'src', 'local', 'python');

function run(step, command, args, cwd = root) {
  console.log(`check:python: ${step}`);
  const result = spawnSync(command, args, { cwd, stdio: 'inherit', env: process.env });
  if (result.error) console.error(`check:python: ${step}: ${result.error.message}`);
  return result.status === 0;
}

function must(ok, step) {
  if (!ok) {
    console.error(`check:python: ${step} failed`);
    process.exit(1);
  }
}

// The npm packages first (a no-op when current): tsx runs the engine's set-up below.
must(run('installing the npm packages', process.execPath, [join(root, 'scripts', 'setup.mjs'), '--no-engine']), 'preparing the npm packages');
// The venv's place as src/local/python-env.ts decides it (the user's cache folder, keyed by the requirements' hash).
console.log('check:python: preparing the venv');
const prepared = spawnSync(join(root, 'node_modules', '.bin', 'tsx'), [join(root, 'scripts', 'prepare-engine.ts'), '--print-python'], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'inherit'],
  encoding: 'utf8',
});
const python = prepared.status === 0 ? prepared.stdout.trim().split('\n').pop() : undefined;
must(python !== undefined && existsSync(python), 'preparing the venv');
must(
  run('installing requirements-dev.txt', python, [
    '-m',
    'pip',
    'install',
    '--disable-pip-version-check',
    '--no-input',
    '--quiet',
    '-r',
    join(pythonDir, 'requirements-dev.txt'),
  ]),
  'installing requirements-dev.txt',
);

const checks = [
  ['ruff check', ['-m', 'ruff', 'check', '.']],
  ['ruff format --check', ['-m', 'ruff', 'format', '--check', '.']],
  ['pytest', ['-m', 'pytest']],
];
const failed = checks.filter(([step, args]) => !run(step, python, args, pythonDir)).map(([step]) => step);
if (failed.length > 0) {
  console.error(`check:python: failed: ${failed.join(', ')}`);
  process.exit(1);
}
console.log('check:python: ruff and pytest passed');
