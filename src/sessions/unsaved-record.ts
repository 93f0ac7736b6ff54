import { existsSync } from "node:fs";
import type { LiveSession } from "./live-session.js";
import type { UnsavedSessionStore } from "./unsaved-sessions.js";

/**
 * Records a session pi has not written yet, refreshes the record on every rename and
 * settings change, and drops it once a run has put the transcript on disk. Writes run
 * one after another, so the last change is the one on disk; `track` sees each one so a
 * disposal can wait for it.
 */
export async function keepUntilSaved(
  live: LiveSession,
  cwd: string | undefined,
  records: UnsavedSessionStore,
  track: (write: Promise<void>) => void,
): Promise<void> {
  const remember = async () => {
    if (live.disposed) return;
    if (live.sessionFile && existsSync(live.sessionFile)) return records.remove(live.id);
    const { provider, modelId, thinkingLevel } = live.settings();
    await records.save({
      id: live.id,
      createdAt: live.createdAt,
      name: live.name ?? null,
      provider,
      modelId,
      thinkingLevel,
      ...(cwd ? { cwd } : {}),
    });
  };
  let chain = remember();
  await chain;
  const refresh = () => {
    chain = chain.then(remember).catch(() => undefined);
    track(chain);
  };
  const stopWatchingChanges = live.onChange(refresh);
  const unsubscribe = live.tap("unsaved-record", (event) => {
    if (event.type !== "agent_end") return;
    refresh();
    if (live.sessionFile && existsSync(live.sessionFile)) {
      unsubscribe();
      stopWatchingChanges();
    }
  });
}
