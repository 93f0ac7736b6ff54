import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    reporters: process.env.CI
      ? ["default", ["json", { outputFile: ".ci/test-results.json" }]]
      : ["default"],
  },
});
