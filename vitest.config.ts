import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Process-level tests spawn real `hotconf serve` processes and bind loopback ports;
    // two cores: keep the pool small so timing-sensitive scenarios are not starved.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Every test file runs in its own process: services and ports never leak across files.
    pool: 'forks',
  },
  resolve: { alias: { '@': new URL('.', import.meta.url).pathname } },
});
