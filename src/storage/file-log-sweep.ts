import type { Dirent } from "node:fs";
import { rmSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { type EventLogRetention, expiredSegmentCount } from "./event-log.js";
import { segmentFirstId } from "./event-log-format.js";
import { listSegmentFilesSync, segmentNewestAtSync } from "./event-log-segments.js";

/** How deep below the swept directory logs are looked for (sessions sit two levels down). */
const maxDepth = 4;

/** What a sweep of file logs needs from their store. */
export interface FileLogSweep {
  /** The retention to apply. */
  retention: Required<EventLogRetention>;
  now: () => number;
  /**
   * Applies retention to the log in `dir` when this process has it open, returning how
   * many segments went; undefined when it is not open.
   */
  pruneOpen(dir: string): number | undefined;
}

/**
 * Applies retention to every log directory under `under` (a directory holding segment
 * files), returning how many logs lost segments. A log open in this process is pruned by
 * its owner; a closed one has its expired segments deleted without being opened, reading
 * only the last record of each old segment. Each log is handled in one synchronous step,
 * so no open of it can interleave.
 */
export async function sweepFileLogs(under: string, sweep: FileLogSweep): Promise<number> {
  let trimmed = 0;
  for (const dir of await findLogDirs(resolve(under))) {
    const removed = sweep.pruneOpen(dir) ?? pruneClosedLogSync(dir, sweep);
    if (removed > 0) trimmed += 1;
    await new Promise((done) => setImmediate(done));
  }
  return trimmed;
}

/** The directories under `root` (itself included) that hold segment files. */
async function findLogDirs(root: string): Promise<string[]> {
  const found: string[] = [];
  const visit = async (dir: string, depth: number): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return; // gone, or not a directory
    }
    if (entries.some((entry) => entry.isFile() && segmentFirstId(entry.name) !== undefined)) {
      found.push(dir);
      return;
    }
    if (depth >= maxDepth) return;
    for (const entry of entries) {
      if (entry.isDirectory()) await visit(join(dir, entry.name), depth + 1);
    }
  };
  await visit(root, 0);
  return found;
}

/** Deletes the expired segments of the closed log in `dir`; returns how many went. */
function pruneClosedLogSync(dir: string, sweep: FileLogSweep): number {
  let segments: Array<{ path: string; size: number }>;
  try {
    segments = listSegmentFilesSync(dir);
  } catch {
    return 0; // removed meanwhile: nothing to keep short
  }
  // An empty segment is one a crash left just after a roll: the one before it holds the
  // newest event, which always stays.
  segments = segments.filter((segment) => segment.size > 0);
  if (segments.length < 2) return 0;
  const now = sweep.now();
  const expired = expiredSegmentCount(
    segments.map((segment) => segment.size),
    (index) => {
      const segment = segments[index] as { path: string; size: number };
      return segmentNewestAtSync(segment.path, segment.size) ?? now;
    },
    sweep.retention,
    now,
  );
  let removed = 0;
  for (const segment of segments.slice(0, expired)) {
    try {
      rmSync(segment.path, { force: true });
      removed += 1;
    } catch {
      // Left on disk, it goes at the next sweep or open.
    }
  }
  return removed;
}
