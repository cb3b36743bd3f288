import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@shared': resolve(import.meta.dirname, 'shared') } },
  test: {
    include: ['shared/**/*.test.ts', 'electron/**/*.test.ts', 'renderer/**/*.test.ts', 'renderer/**/*.test.tsx', 'scripts/**/*.test.ts', 'tests/unit/**/*.test.ts', 'bench/**/*.test.ts', 'tests/fuzz/**/*.test.ts', 'tests/security/**/*.test.ts', 'tests/xlsx/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    setupFiles: ['tests/unit/setup.ts'],
    globalSetup: ['tests/unit/globalSeed.ts'],
    environment: 'node',
    testTimeout: 60_000,
    pool: 'forks',
  },
});
