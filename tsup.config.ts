import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  platform: 'node',
  splitting: false,
  treeshake: true,
  // The native driver and the peers stay outside the bundle; the driver is loaded lazily by the client.
  external: ['databend-driver', 'kysely', 'zod'],
});
