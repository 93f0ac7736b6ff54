import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    reporters: process.env.CI
      ? ["default", ["json", { outputFile: ".ci/test-results.json" }]]
      : ["default"],
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          // The console's tests are DOM-free modules (its state logic, not its components).
          include: ["src/**/*.test.ts", "packages/console/src/**/*.test.ts"],
          alias: {
            // The console imports the client from this checkout's sources, as Vite does.
            "pi-agent-server-client": fileURLToPath(
              new URL("./src/client/index.ts", import.meta.url),
            ),
          },
          setupFiles: ["./test/support/in-process-only.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["test/**/*.test.ts"],
          // One throwaway PostgreSQL cluster for the run, for the shared-state tests.
          globalSetup: ["./test/support/postgres-global-setup.ts"],
        },
      },
    ],
  },
});
