import type { PersistedSessionInfo } from "../pi/agent-sessions.js";
import type { LiveSession, SessionStatus } from "./live-session.js";
import type { UnsavedSession } from "./unsaved-sessions.js";

export interface SessionSummary {
  id: string;
  name: string | null;
  createdAt: string;
  modifiedAt: string;
  messageCount: number;
  status: SessionStatus;
  live: boolean;
  /** The newest event id of the session's stream. */
  lastEventId: number;
}

/** The summary of a session held in memory. */
export function liveSessionSummary(live: LiveSession): SessionSummary {
  return {
    id: live.id,
    name: live.name ?? null,
    createdAt: live.createdAt,
    modifiedAt: live.modifiedAt,
    messageCount: live.messages.length,
    status: live.status,
    live: true,
    lastEventId: live.hub.lastId,
  };
}

/**
 * A project's sessions, newest first: the persisted ones in pi's order (with the name,
 * message count and status of those held in memory), preceded by unsaved records and then
 * by live sessions that have no transcript yet.
 */
export function sessionSummaries(
  persisted: readonly PersistedSessionInfo[],
  unsaved: readonly UnsavedSession[],
  live: ReadonlyMap<string, LiveSession>,
  lastEventId: (id: string) => number,
): SessionSummary[] {
  const seen = new Set<string>();
  const summaries: SessionSummary[] = persisted.map((info) => {
    seen.add(info.id);
    const session = live.get(info.id);
    return {
      id: info.id,
      name: session?.name ?? info.name ?? null,
      createdAt: info.created.toISOString(),
      modifiedAt: info.modified.toISOString(),
      messageCount: session ? session.messages.length : info.messageCount,
      status: session?.status ?? "idle",
      live: session !== undefined,
      lastEventId: session ? session.hub.lastId : lastEventId(info.id),
    };
  });
  for (const record of unsaved) {
    if (seen.has(record.id) || live.has(record.id)) continue;
    summaries.unshift({
      id: record.id,
      name: record.name,
      createdAt: record.createdAt,
      modifiedAt: record.createdAt,
      messageCount: 0,
      status: "idle",
      live: false,
      lastEventId: lastEventId(record.id),
    });
  }
  for (const session of live.values()) {
    if (seen.has(session.id)) continue;
    summaries.unshift(liveSessionSummary(session));
  }
  return summaries;
}
