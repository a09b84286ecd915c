// One bench entry bundled into a single ES module, to run with `node` in a fresh process as an application runs the
// SDK (tsx's transpiled sources carry keepNames wrappers and a loader that add time and memory of their own).
import { buildSync } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');

/** Bundles `bench/<entry>` into `tmp/<outfile>` (packages stay in node_modules) and returns the bundle's path. */
export function bundleBenchEntry(entry: string, outfile: string): string {
  const out = join(root, 'tmp', outfile);
  mkdirSync(dirname(out), { recursive: true });
  buildSync({
    entryPoints: [join(root, 'bench', entry)],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  return out;
}
