import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach } from "vitest";

/**
 * Returns a factory of fresh temporary directories, each removed after the current test.
 * Call it at the top of a `describe` block, before the hooks of whatever writes into the
 * directories (servers, apps, nodes): `afterEach` hooks run in reverse order of
 * declaration, so those stop first and the directories go last.
 */
export function useTempDirs(prefix = "pi-agent-server-test-"): () => Promise<string> {
  const created: string[] = [];
  afterEach(async () => {
    await Promise.all(created.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });
  return async () => {
    const dir = await mkdtemp(join(tmpdir(), prefix));
    created.push(dir);
    return dir;
  };
}
