import "./chat.css";
import { unwrap } from "pi-agent-server-client";
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from "preact/hooks";
import { useCan, useConnection } from "../../api/connection.js";
import type { StreamState } from "../../api/live-stream.js";
import { linkTo } from "../../router.js";
import { ErrorNotice } from "../../ui/errors.js";
import type { ChatView } from "./chat-items.js";
import { ChatLog } from "./chat-log.js";
import { Composer, QueuedMessages, type SendKind } from "./composer.js";
import { SessionInteractions } from "./interactions/session-interactions.js";
import { SessionChat } from "./session-chat.js";
import { RenameSession } from "./session-rename.js";
import { ContextPanel, type SessionSettings, SettingsPanel } from "./session-side.js";
import { SessionStreamContext } from "./session-stream-context.js";

interface SessionPageProps {
  projectId: string;
  sessionId: string;
}

/** A session's live chat, with its settings, usage and what the agent waits for beside it. */
export function SessionPage(props: SessionPageProps) {
  return <LiveSession key={`${props.projectId}/${props.sessionId}`} {...props} />;
}

const statusLabels = {
  idle: "idle",
  streaming: "streaming",
  awaiting_input: "waiting for input",
  reconnecting: "reconnecting",
  connecting: "connecting",
} as const;

function LiveSession({ projectId, sessionId }: SessionPageProps) {
  const { client, withToken } = useConnection();
  // A viewer reads the chat; prompting, renaming and settings need an operator.
  const canChange = useCan("operator");
  const [view, setView] = useState<ChatView | undefined>(undefined);
  const [connection, setConnection] = useState<StreamState>("connecting");
  const [settings, setSettings] = useState<SessionSettings | undefined>(undefined);
  const [name, setName] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<unknown>(undefined);

  const chat = useMemo(
    () =>
      new SessionChat({
        client,
        withToken,
        projectId,
        sessionId,
        onView: setView,
        onConnection: setConnection,
        onDetail: (detail) => {
          setSettings(detail.settings);
          setName(detail.name);
          setLoadError(undefined);
        },
        onError: setLoadError,
      }),
    [client, withToken, projectId, sessionId],
  );
  useEffect(() => {
    void chat.start();
    return () => chat.close();
  }, [chat]);

  // The stream reports renames and thinking level changes made anywhere.
  const streamedName = view?.name;
  useEffect(() => {
    if (streamedName !== undefined) setName(streamedName);
  }, [streamedName]);
  const streamedLevel = view?.thinkingLevel;
  useEffect(() => {
    if (streamedLevel) setSettings((known) => known && { ...known, thinkingLevel: streamedLevel });
  }, [streamedLevel]);

  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  useLayoutEffect(() => {
    const element = scroller.current;
    if (element && atBottom.current) element.scrollTop = element.scrollHeight;
  }, [view]);

  const path = { projectId, sessionId };
  const send = async (kind: SendKind, text: string) => {
    const options = { params: { path }, body: { text } };
    if (kind === "prompt") {
      unwrap(await client.POST("/v1/projects/{projectId}/sessions/{sessionId}/prompt", options));
    } else if (kind === "steer") {
      unwrap(await client.POST("/v1/projects/{projectId}/sessions/{sessionId}/steer", options));
    } else {
      unwrap(await client.POST("/v1/projects/{projectId}/sessions/{sessionId}/follow-up", options));
    }
    atBottom.current = true;
  };
  const abort = async () => {
    unwrap(
      await client.POST("/v1/projects/{projectId}/sessions/{sessionId}/abort", {
        params: { path },
      }),
    );
  };

  const running = view !== undefined && view.status !== "idle";
  const status =
    connection === "reconnecting"
      ? "reconnecting"
      : view === undefined || connection === "connecting"
        ? "connecting"
        : view.status;

  return (
    <SessionStreamContext.Provider value={chat}>
      <section class="session-page" aria-labelledby="session-title">
        <p class="crumbs">
          <a href={linkTo({ page: "project", projectId })}>{projectId}</a>
          <span aria-hidden="true"> / </span>
          <span class="muted">{sessionId}</span>
        </p>
        <div class="page-head session-head">
          <h1 id="session-title">{name ?? "Untitled session"}</h1>
          {view === undefined && loadError ? null : (
            <span
              class={`badge session-status ${status}`}
              role="status"
              aria-label="Session status"
            >
              {statusLabels[status]}
            </span>
          )}
          {canChange ? (
            <RenameSession
              projectId={projectId}
              sessionId={sessionId}
              name={name}
              onRenamed={setName}
            />
          ) : null}
        </div>
        <ErrorNotice error={loadError} />
        <div class="session-layout">
          <div class="chat-column">
            <div
              class="chat-scroll"
              ref={scroller}
              onScroll={(event) => {
                const element = event.currentTarget;
                atBottom.current =
                  element.scrollHeight - element.scrollTop - element.clientHeight < 40;
              }}
            >
              {view ? <ChatLog view={view} /> : loadError ? null : <p class="muted">Loading…</p>}
              {view && view.items.length === 0 ? (
                <p class="empty">No messages yet: ask the agent something.</p>
              ) : null}
            </div>
            {view ? <QueuedMessages queue={view.queue} /> : null}
            {canChange ? (
              <Composer
                running={running}
                ready={view !== undefined}
                onSend={send}
                onAbort={abort}
              />
            ) : (
              <p class="notice info">Your role can read this session but not prompt it.</p>
            )}
          </div>
          <aside class="side-column" aria-label="Session details">
            {settings ? (
              <SettingsPanel
                projectId={projectId}
                sessionId={sessionId}
                settings={settings}
                idle={view?.status === "idle"}
                canChange={canChange}
                onChanged={setSettings}
              />
            ) : null}
            <ContextPanel
              projectId={projectId}
              sessionId={sessionId}
              idle={view?.status === "idle"}
              canChange={canChange}
              refreshKey={`${view?.runsEnded ?? 0}/${view?.compactions ?? 0}`}
            />
            {/* Mounted once the history is read: what the panel's own first reads miss
                then arrives on the stream, which follows on from that history. */}
            {view ? <SessionInteractions projectId={projectId} sessionId={sessionId} /> : null}
          </aside>
        </div>
      </section>
    </SessionStreamContext.Provider>
  );
}
