/** What a session is doing: idle, running a prompt, or blocked on an extension dialog. */
export type SessionStatus = "idle" | "streaming" | "awaiting_input";

/** The session's status changed. */
export interface SessionStatusEvent {
  type: "session_status";
  status: SessionStatus;
}
