#!/usr/bin/env node
// Makes a fresh clone ready: installs the locked npm packages when they are missing or older than the lockfile,
// then prepares the local Databend engine (a private Python venv with the pinned `databend` wheel).
// Standard library only, because it runs before anything is installed.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));

function run(command, commandArgs) {
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit', env: process.env });
  if (result.status !== 0) {
    console.error(`setup: '${command} ${commandArgs.join(' ')}' failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
}

function packagesAreCurrent() {
  const marker = join(root, 'node_modules', '.package-lock.json');
  if (!existsSync(marker)) return false;
  return statSync(marker).mtimeMs >= statSync(join(root, 'package-lock.json')).mtimeMs;
}

// `npm install` from the lockfile, not `npm ci`: the registry serves databend-driver's native package only for the
// platforms it mirrors, so the lockfile cannot list the others and `npm ci` refuses it as out of sync.
if (!packagesAreCurrent()) {
  console.log('setup: installing npm packages from package-lock.json');
  run('npm', ['install', '--no-audit', '--no-fund', '--no-save']);
}

if (!args.has('--no-engine')) {
  run(join(root, 'node_modules', '.bin', 'tsx'), [join(root, 'scripts', 'prepare-engine.ts')]);
}
