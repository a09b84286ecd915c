// Package: the size of the entries as `npm run build` makes them (minified + gzipped), and the root entry's import
// time in fresh Node processes, without and with a client connecting, against a bare Node start and the raw driver.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { buildSync, transformSync } from 'esbuild';
import { measure, type Measurement } from './measure.js';

const root = resolve(import.meta.dirname, '..');

/**
 * Runs the project's tsup configuration into `outDir` instead of dist/, so that tests running meanwhile on another
 * shell never see dist/ emptied. Same entries, externals and options as `npm run build`.
 */
export function buildPackage(outDir: string): void {
  execFileSync(process.execPath, [join(root, 'node_modules/tsup/dist/cli-default.js'), '--out-dir', outDir], { cwd: root, stdio: 'pipe' });
}

export interface EntrySize {
  readonly entry: string;
  readonly rawBytes: number;
  readonly minifiedBytes: number;
  readonly minifiedGzipBytes: number;
}

export interface PackageFigures {
  readonly entries: EntrySize[];
  /** The root entry bundled with what it imports from zod, minified + gzipped: what a bundler ships. */
  readonly rootWithZodGzipBytes: number;
  readonly imports: {
    readonly bare: Measurement;
    readonly zod: Measurement;
    readonly root: Measurement;
    readonly rootRender: Measurement;
    readonly driverConnect: Measurement;
    readonly clientConnect: Measurement;
  };
}

function size(file: string, label: string): EntrySize {
  const code = readFileSync(file, 'utf8');
  const minified = transformSync(code, { minify: true, format: 'esm', loader: 'js', logLevel: 'silent' }).code;
  return {
    entry: label,
    rawBytes: Buffer.byteLength(code),
    minifiedBytes: Buffer.byteLength(minified),
    minifiedGzipBytes: gzipSync(minified, { level: 9 }).length,
  };
}

function nodeRun(script: string, env: NodeJS.ProcessEnv = process.env): void {
  execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, stdio: 'ignore', env });
}

/** `outDir` holds a build made by `buildPackage`; `dsn` is a running engine for the connecting cases. */
export async function packageBenchmarks(outDir: string, dsn: string, progress: (line: string) => void): Promise<PackageFigures> {
  const entries = ['index.js', 'kysely.js', 'local.js'].map((entry) => size(join(outDir, entry), `dist/${entry}`));
  const bundled = buildSync({
    entryPoints: [join(outDir, 'index.js')],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'node',
    external: ['databend-driver'],
    write: false,
    logLevel: 'silent',
  });
  const rootWithZodGzipBytes = gzipSync(bundled.outputFiles[0]!.contents, { level: 9 }).length;

  const index = JSON.stringify(pathToFileURL(join(outDir, 'index.js')).href);
  const env = { ...process.env, BENCH_DSN: dsn };
  progress('package: import times in child processes');
  const [bare, zod, rootImport, rootRender, driverConnect, clientConnect] = await measure(
    [
      { name: 'node: empty script (baseline)', fn: () => nodeRun('') },
      { name: "node: import 'zod' (the one dependency)", fn: () => nodeRun(`await import('zod');`) },
      { name: 'node: import the root entry', fn: () => nodeRun(`await import(${index});`) },
      {
        name: 'node: import the root entry, build and render a CREATE TABLE',
        fn: () => nodeRun(`const m = await import(${index}); m.createTable(m.table('t', { a: m.string() })).compile();`),
      },
      {
        name: 'node: raw databend-driver, connect and run SELECT 1 (baseline)',
        fn: () =>
          nodeRun(
            `const { Client } = await import('databend-driver'); const c = await new Client(process.env.BENCH_DSN + '&timezone=UTC').getConn(); await c.exec('SELECT 1'); await c.close();`,
            env,
          ),
      },
      {
        name: 'node: import the root entry, client connects and runs SELECT 1',
        fn: () =>
          nodeRun(
            `const m = await import(${index}); const c = m.createClient({ dsn: process.env.BENCH_DSN }); await c.execute('SELECT 1'); await c.close();`,
            env,
          ),
      },
    ],
    { warmup: 1, minRuns: 10, maxRuns: 60, tolerance: 0.03, maxTimeMs: 90_000 },
  );
  return {
    entries,
    rootWithZodGzipBytes,
    imports: { bare: bare!, zod: zod!, root: rootImport!, rootRender: rootRender!, driverConnect: driverConnect!, clientConnect: clientConnect! },
  };
}
