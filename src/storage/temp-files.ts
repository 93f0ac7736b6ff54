import { randomBytes } from "node:crypto";
import { readdir, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/** Prefix of the temporary files written next to their target; recovery may sweep them. */
export const tempFilePrefix = ".tmp-";

const tempName = /^\.tmp-.+\.[0-9a-f]{12}$/;
/** What `EventSequence` wrote before it used {@link tempFilePath}: `<file>.<8 hex>.tmp`. */
const legacySequenceTempName = /^(?:.+\.)?event-seq\.json\.[0-9a-f]{8}\.tmp$/;

/**
 * A fresh temp file path beside `target`: `.tmp-<name>.<12 hex>`. Every atomic write of
 * the server names its temp file this way, so one sweep recognises them all.
 */
export function tempFilePath(target: string): string {
  return join(
    dirname(target),
    `${tempFilePrefix}${basename(target)}.${randomBytes(6).toString("hex")}`,
  );
}

/** Whether a directory entry is a temp file an interrupted write of this server left. */
export function isTempFileName(name: string): boolean {
  return tempName.test(name) || legacySequenceTempName.test(name);
}

/**
 * Removes the temp files interrupted writes left directly in each of `dirs` (missing
 * directories are skipped). Only safe while nothing writes there: call it at start-up,
 * before any writer of this process runs.
 *
 * @returns how many files were removed.
 */
export async function sweepTempFiles(dirs: Iterable<string>): Promise<number> {
  const removed = await Promise.all(
    [...dirs].map(async (dir) => {
      const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
      const stale = entries.filter((entry) => entry.isFile() && isTempFileName(entry.name));
      await Promise.all(stale.map((entry) => rm(join(dir, entry.name), { force: true })));
      return stale.length;
    }),
  );
  return removed.reduce((sum, count) => sum + count, 0);
}
