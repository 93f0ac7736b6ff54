import { type components, unwrap } from "pi-agent-server-client";
import { useEffect, useRef, useState } from "preact/hooks";
import { useClient } from "../../../api/connection.js";
import { useLoad } from "../../../ui/use-load.js";
import { useSessionEvents } from "../session-stream-context.js";

export type AskUserOverview = components["schemas"]["AskUserOverview"];
export type WaitingQuestion = components["schemas"]["AskUserWaitingQuestion"];
export type AskUserSettings = components["schemas"]["AskUserSettings"];

/** Events that change the queue, the counters or the settings the panel shows. */
const changes = new Set<string>(["ask_user_answered", "ask_user_state", "ask_user_warning"]);

export interface AskUserState {
  overview: AskUserOverview | undefined;
  loadError: unknown;
  /** Questions waiting for an answer, oldest first. */
  waiting: WaitingQuestion[];
  /** The latest threshold warning of the loop, if any. */
  warning: string | undefined;
  reload(): Promise<void>;
  /** Takes a question off the page once it is answered (here or elsewhere). */
  settle(requestId: string): void;
}

/**
 * The session's `ask_user` loop: the overview (settings, queue, counters, waiting
 * questions) read once, then read again whenever the stream says it changed; questions
 * that start waiting are shown at once from their `ask_user_waiting` event.
 */
export function useAskUser(projectId: string, sessionId: string): AskUserState {
  const client = useClient();
  const loaded = useLoad(
    async () =>
      unwrap(
        await client.GET("/v1/projects/{projectId}/sessions/{sessionId}/ask-user", {
          params: { path: { projectId, sessionId } },
        }),
      ),
    [client, projectId, sessionId],
  );
  const [live, setLive] = useState<WaitingQuestion[]>([]);
  const [warning, setWarning] = useState<string | undefined>(undefined);
  const settled = useRef(new Set<string>());
  const [, setSettledCount] = useState(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const waitingRef = useRef<WaitingQuestion[]>([]);

  // A run answers many questions in a burst; one read after the burst is enough.
  const reloadSoon = () => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void loaded.reload(), 150);
  };
  useEffect(() => () => clearTimeout(timer.current), []);

  const settle = (requestId: string) => {
    settled.current.add(requestId);
    setSettledCount((count) => count + 1);
    setLive((current) => current.filter((question) => question.requestId !== requestId));
  };

  useSessionEvents((event) => {
    if (event.type === "ask_user_waiting") {
      const question: WaitingQuestion = {
        requestId: event.requestId,
        toolCallId: event.toolCallId,
        question: event.question,
        timeoutMs: event.timeoutMs,
        createdAt: new Date().toISOString(),
      };
      setLive((current) => [...current, question]);
    } else if (event.type === "extension_ui_resolved") {
      settle(event.id);
      reloadSoon();
    } else if (event.type === "replay_gap") {
      reloadSoon();
    } else if (changes.has(event.type)) {
      if (event.type === "ask_user_warning") setWarning(event.message);
      if (event.type === "ask_user_answered") {
        // Answered from the queue, by autopilot or by a fallback: the question is over.
        for (const question of waitingRef.current) {
          if (question.toolCallId === event.toolCallId) settle(question.requestId);
        }
      }
      reloadSoon();
    }
  });

  const waiting = [...(loaded.data?.waiting ?? []), ...live].filter(
    (question, index, all) =>
      !settled.current.has(question.requestId) &&
      all.findIndex((other) => other.requestId === question.requestId) === index,
  );

  waitingRef.current = waiting;

  return {
    overview: loaded.data,
    loadError: loaded.error,
    waiting,
    warning,
    reload: loaded.reload,
    settle,
  };
}
