import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          setupFiles: ['test/support/fast-check-seed.ts'],
          typecheck: { enabled: true, include: ['test/types/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
        },
      },
      {
        test: {
          // Builds and packs the package, installs it into fresh projects and runs two TypeScript compilers on them.
          name: 'consumer',
          include: ['test/consumer/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'engine',
          include: ['test/engine/**/*.test.ts'],
          // One local engine for every file (test/support/engine.ts), each file in a database of its own; the files
          // run one after another, as the engine's global objects are reset between them and the 2 cores are shared.
          globalSetup: ['test/support/engine.ts'],
          setupFiles: ['test/support/fast-check-seed.ts'],
          fileParallelism: false,
        },
      },
    ],
  },
});
