import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * The console is served by the server at `/ui/` from `dist/ui` of the server package.
 * It imports the typed client from this checkout's sources, so it is always built
 * against the API it ships with. `npm run dev -w pi-agent-server-console` serves it with
 * hot reload and forwards `/v1` to a server on `PI_AGENT_SERVER_URL` (default :4001).
 */
export default defineConfig({
  base: "/ui/",
  resolve: {
    alias: { "pi-agent-server-client": here("../../src/client/index.ts") },
  },
  esbuild: { jsx: "automatic", jsxImportSource: "preact" },
  build: {
    outDir: process.env.CONSOLE_OUT_DIR ?? here("../../dist/ui"),
    emptyOutDir: true,
    target: "es2022",
    // No inline scripts or data: modules, so the page runs under `script-src 'self'`.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    reportCompressedSize: true,
  },
  server: {
    proxy: { "/v1": process.env.PI_AGENT_SERVER_URL ?? "http://127.0.0.1:4001" },
  },
});
