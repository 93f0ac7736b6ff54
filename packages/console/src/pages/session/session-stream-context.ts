import type { CompactWireEvent } from "pi-agent-server-client";
import { createContext } from "preact";
import { useContext, useEffect, useRef } from "preact/hooks";

/** One event of the session's stream, as the session page received it. */
export type SessionStreamListener = (event: CompactWireEvent, id: number | undefined) => void;

/**
 * The session page's one event stream, shared with the panels inside it (extension UI
 * dialogs, `ask_user` questions), so the page opens a single `EventSource` per session.
 */
export interface SessionStream {
  /** Calls `listener` with every event from now on; returns the unsubscribe. */
  subscribe(listener: SessionStreamListener): () => void;
}

export const SessionStreamContext = createContext<SessionStream | undefined>(undefined);

/** Calls `listener` with each event of the surrounding session page's stream. */
export function useSessionEvents(listener: SessionStreamListener): void {
  const stream = useContext(SessionStreamContext);
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(() => stream?.subscribe((event, id) => latest.current(event, id)), [stream]);
}
