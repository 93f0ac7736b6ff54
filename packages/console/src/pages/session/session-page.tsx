import { type CompactWireEvent, unwrap } from "pi-agent-server-client";
import { useEffect, useMemo, useState } from "preact/hooks";
import { useClient, useConnection } from "../../api/connection.js";
import { openLiveStream, type StreamState } from "../../api/live-stream.js";
import { linkTo } from "../../router.js";
import { ErrorNotice } from "../../ui/errors.js";
import { useLoad } from "../../ui/use-load.js";
import { SessionInteractions } from "./interactions/session-interactions.js";
import {
  type SessionStream,
  SessionStreamContext,
  type SessionStreamListener,
} from "./session-stream-context.js";

/**
 * A session: its one live event stream, shared through `SessionStreamContext` with the
 * panels that answer what the agent waits for. The stream follows on from the session's
 * newest event as read before the panels mount, so whatever the panels' first reads miss
 * arrives on the stream, and nothing falls between the two.
 */
export function SessionPage({ projectId, sessionId }: { projectId: string; sessionId: string }) {
  const client = useClient();
  const { withToken } = useConnection();
  const [state, setState] = useState<StreamState>("connecting");
  const detail = useLoad(
    async () =>
      unwrap(
        await client.GET("/v1/projects/{projectId}/sessions/{sessionId}", {
          params: { path: { projectId, sessionId } },
        }),
      ),
    [client, projectId, sessionId],
  );
  const after = detail.data?.lastEventId;
  const listeners = useMemo(() => new Set<SessionStreamListener>(), [projectId, sessionId]);
  const stream = useMemo<SessionStream>(
    () => ({
      subscribe(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    }),
    [listeners],
  );

  useEffect(() => {
    if (after === undefined) return;
    const path = { projectId, sessionId };
    const live = openLiveStream<CompactWireEvent>({
      after,
      url: async () => {
        if (!withToken) {
          return `/v1/projects/${encodeURIComponent(projectId)}/sessions/${encodeURIComponent(sessionId)}/events`;
        }
        const ticket = unwrap(
          await client.POST("/v1/projects/{projectId}/sessions/{sessionId}/events/tickets", {
            params: { path },
          }),
        );
        return ticket.url;
      },
      onEvent: (event, id) => {
        for (const listener of listeners) listener(event, id);
      },
      onState: setState,
    });
    return () => live.close();
  }, [client, withToken, projectId, sessionId, listeners, after]);

  return (
    <section aria-labelledby="session-title">
      <div class="page-head">
        <h1 id="session-title">{detail.data?.name ?? `Session ${sessionId}`}</h1>
        <span class={`badge ${state === "open" ? "ok" : "warn"}`}>{state}</span>
      </div>
      <p>
        <a href={linkTo({ page: "project", projectId })}>Back to {projectId}</a>
      </p>
      <ErrorNotice error={detail.error} />
      {after === undefined ? null : (
        <SessionStreamContext.Provider value={stream}>
          <SessionInteractions projectId={projectId} sessionId={sessionId} />
        </SessionStreamContext.Provider>
      )}
    </section>
  );
}
