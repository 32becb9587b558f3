import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // Two cores: the browser suites are heavy, so files run two at a time at most.
    maxWorkers: 2,
  },
});
