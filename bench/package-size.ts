// Package: the size of the core entry (minified + gzipped) and its import time, without and with the client's
// native driver, measured in fresh Node processes against an empty Node start-up.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { buildSync } from 'esbuild';
import { measure, type Measurement } from './measure.js';

const root = resolve(import.meta.dirname, '..');

export interface PackageFigures {
  readonly entries: { readonly entry: string; readonly rawBytes: number; readonly minifiedGzipBytes: number }[];
  readonly imports: Measurement[];
}

function minifiedGzip(file: string): number {
  const result = buildSync({ entryPoints: [file], bundle: false, minify: true, write: false, format: 'esm', logLevel: 'silent' });
  return gzipSync(result.outputFiles[0]!.contents).length;
}

function nodeRun(script: string): void {
  execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, stdio: 'ignore' });
}

export async function packageBenchmarks(): Promise<PackageFigures> {
  const entries = ['index.js', 'kysely.js', 'local.js'].map((entry) => {
    const file = join(root, 'dist', entry);
    return { entry: `dist/${entry}`, rawBytes: readFileSync(file).length, minifiedGzipBytes: minifiedGzip(file) };
  });
  const index = pathToFileURL(join(root, 'dist', 'index.js')).href;
  const options = { minRuns: 15, minTimeMs: 0, warmup: 2 };
  const imports = [
    await measure('node start-up alone (baseline)', () => nodeRun(''), options),
    await measure('import databend-etl (root entry, zod included)', () => nodeRun(`await import(${JSON.stringify(index)});`), options),
    await measure('import databend-etl + build and render the EverDrive-sized CREATE TABLE', () =>
      nodeRun(`const m = await import(${JSON.stringify(index)}); m.createTable(m.table('t', { a: m.string() })).compile();`), options),
    await measure('import databend-etl + load the client driver (databend-driver)', () =>
      nodeRun(`await import(${JSON.stringify(index)}); await import('databend-driver');`), options),
  ];
  return { entries, imports };
}
