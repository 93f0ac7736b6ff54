/**
 * Setup file of the unit project (`vitest.config.ts`): unit tests start no process and
 * touch no network, so any `node:child_process` call, listening server or outgoing
 * connection throws. A caller that swallows the error still fails its test, because
 * every attempt is also recorded and reported after the test.
 */
import { createRequire, syncBuiltinESMExports } from "node:module";
import type { Server, Socket } from "node:net";
import { afterEach } from "vitest";

const require = createRequire(import.meta.url);
const childProcess: Record<string, unknown> = require("node:child_process");
const net: typeof import("node:net") = require("node:net");

const attempts: string[] = [];

function refuse(what: string): never {
  attempts.push(what);
  throw new Error(`unit tests run in-process (move this test to test/): ${what}`);
}

for (const name of ["spawn", "spawnSync", "exec", "execSync", "execFile", "execFileSync", "fork"]) {
  childProcess[name] = (file: unknown) => refuse(`child_process.${name}(${JSON.stringify(file)})`);
}
net.Server.prototype.listen = function listen(this: Server, ...args: unknown[]) {
  return refuse(`net.Server.listen(${JSON.stringify(args[0])})`);
} as Server["listen"];
net.Socket.prototype.connect = function connect(this: Socket, ...args: unknown[]) {
  const target = (Array.isArray(args[0]) ? args[0][0] : args[0]) as
    | { host?: string; port?: number | string; path?: string }
    | undefined;
  const where = target?.path ?? `${target?.host ?? "localhost"}:${target?.port}`;
  return refuse(`net.Socket.connect(${where})`);
} as Socket["connect"];
// Named imports (`import { spawn } from "node:child_process"`) see the replacements too.
syncBuiltinESMExports();

afterEach(() => {
  const seen = attempts.splice(0);
  if (seen.length > 0) throw new Error(`unit tests run in-process, but saw ${seen.join(", ")}`);
});
