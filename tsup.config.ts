import { defineConfig } from 'tsup';

const shared = {
  dts: true,
  // Maps for stack traces, without a copy of every source inside them (they were most of the tarball).
  sourcemap: true,
  esbuildOptions(options: { sourcesContent?: boolean }) {
    options.sourcesContent = false;
  },
  target: 'node20' as const,
  platform: 'node' as const,
  // One copy of each module shared by the entries (chunks): a class such as ValidationError, Table or DatabendClient
  // made by one entry must pass instanceof in another (databend-etl/kysely is given tables and clients from the root).
  splitting: true,
  treeshake: true,
  // The native driver and the peers stay outside the bundle; the driver is loaded lazily by the client.
  external: ['databend-driver', 'kysely', 'zod', 'tsx'],
};

// `npm run build` empties dist/ first: a clean here would race with the second build.
export default defineConfig([
  {
    ...shared,
    // Separate entries keep the root light: the local engine (child processes, Python) and the Kysely dialect are
    // imported only by those who use them.
    entry: { index: 'src/index.ts', local: 'src/local/index.ts', kysely: 'src/kysely/index.ts' },
    format: ['esm', 'cjs'],
  },
  // The command line uses top-level await: ESM only.
  { ...shared, entry: { cli: 'src/cli/main.ts' }, format: ['esm'], dts: false },
]);
