import { defineConfig } from 'vitest/config';

// Slow test files are tagged by name, `*.slow.test.ts`: the real engine over many cases, git, pre-commit,
// Chromium, packing the package. `npm run test:fast` leaves them out; `npm test` (and CI) runs everything.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Child processes (kubectl, git, node) and process-wide state (signals, cwd) need forks, not threads.
    pool: 'forks',
    // Most files spawn processes and wait on them: two workers keep both cores busy (vitest's default on a
    // 2-core machine is one). Files reuse a worker instead of paying a fresh one each.
    maxWorkers: 2,
    isolate: false,
  },
});
