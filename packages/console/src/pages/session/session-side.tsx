import { type components, unwrap } from "pi-agent-server-client";
import { useEffect, useRef, useState } from "preact/hooks";
import { useClient } from "../../api/connection.js";
import { ErrorNotice } from "../../ui/errors.js";
import { formatCost, formatCount } from "../../ui/format.js";
import { useLoad } from "../../ui/use-load.js";
import { CredentialsHint, ModelSelect, ThinkingSelect } from "./model-select.js";
import { findModel, loadModels, modelKey } from "./models.js";

export type SessionSettings = components["schemas"]["SessionSettings"];

interface SessionIds {
  projectId: string;
  sessionId: string;
}

export interface SettingsPanelProps extends SessionIds {
  settings: SessionSettings;
  /** Settings change only while the session is idle. */
  idle: boolean;
  /** Whether the caller may change them (an operator). */
  canChange: boolean;
  onChanged(settings: SessionSettings): void;
}

/** The session's model and thinking level, switched while it is idle. */
export function SettingsPanel(props: SettingsPanelProps) {
  const client = useClient();
  const models = useLoad(() => loadModels(client), [client]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const { provider, modelId } = props.settings;
  const current = provider && modelId ? modelKey(provider, modelId) : "";

  const update = async (body: components["schemas"]["UpdateSessionSettings"]) => {
    setBusy(true);
    try {
      const settings = unwrap(
        await client.PATCH("/v1/projects/{projectId}/sessions/{sessionId}/settings", {
          params: { path: { projectId: props.projectId, sessionId: props.sessionId } },
          body,
        }),
      );
      setError(undefined);
      props.onChanged(settings);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card side-panel" aria-labelledby="settings-title">
      <h2 id="settings-title">Model</h2>
      <label for="session-model">Model</label>
      <ModelSelect
        id="session-model"
        models={models.data?.items ?? []}
        value={models.data ? current : ""}
        placeholder={current ? `${current}` : "Loading models…"}
        disabled={!props.canChange || !props.idle || busy || !models.data}
        onChange={(key) => {
          const model = models.data ? findModel(models.data.items, key) : undefined;
          if (model) void update({ provider: model.provider, modelId: model.id });
        }}
      />
      <label for="session-thinking">Thinking level</label>
      <ThinkingSelect
        id="session-thinking"
        levels={props.settings.availableThinkingLevels}
        value={props.settings.thinkingLevel}
        disabled={!props.canChange || !props.idle || busy}
        onChange={(value) => {
          if (value) void update({ thinkingLevel: value });
        }}
      />
      {props.idle || !props.canChange ? null : (
        <p class="hint">Switch the model while the session is idle.</p>
      )}
      <CredentialsHint />
      <ErrorNotice error={models.error} />
      <ErrorNotice error={error} />
    </section>
  );
}

export interface ContextPanelProps extends SessionIds {
  idle: boolean;
  /** Whether the caller may compact (an operator). */
  canChange: boolean;
  /** Changes whenever usage may have moved (a run or a compaction ended). */
  refreshKey: string;
}

/** Token usage, cost and context use, with a button to compact the context now. */
export function ContextPanel(props: ContextPanelProps) {
  const client = useClient();
  const path = { projectId: props.projectId, sessionId: props.sessionId };
  const stats = useLoad(
    async () =>
      unwrap(
        await client.GET("/v1/projects/{projectId}/sessions/{sessionId}/stats", {
          params: { path },
        }),
      ),
    [client, props.projectId, props.sessionId],
  );
  const [compacting, setCompacting] = useState(false);
  const [compacted, setCompacted] = useState<string | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);

  const loadedFor = useRef(props.refreshKey);
  useEffect(() => {
    if (loadedFor.current === props.refreshKey) return;
    loadedFor.current = props.refreshKey;
    void stats.reload();
  }, [props.refreshKey, stats.reload]);

  const compact = async () => {
    setCompacting(true);
    setCompacted(undefined);
    try {
      const result = unwrap(
        await client.POST("/v1/projects/{projectId}/sessions/{sessionId}/compact", {
          params: { path },
          body: {},
        }),
      );
      setError(undefined);
      setCompacted(`Compacted from ${formatCount(result.tokensBefore)} tokens.`);
      await stats.reload();
    } catch (failure) {
      setError(failure);
    } finally {
      setCompacting(false);
    }
  };

  const data = stats.data;
  const context = data?.contextUsage;
  return (
    <section class="card side-panel" aria-labelledby="usage-title">
      <h2 id="usage-title">Usage</h2>
      <ErrorNotice error={stats.error} />
      {data ? (
        <dl class="stats" aria-label="Session usage">
          <dt>Input tokens</dt>
          <dd data-stat="input">{formatCount(data.tokens.input)}</dd>
          <dt>Output tokens</dt>
          <dd data-stat="output">{formatCount(data.tokens.output)}</dd>
          <dt>Cache read / write</dt>
          <dd>{`${formatCount(data.tokens.cacheRead)} / ${formatCount(data.tokens.cacheWrite)}`}</dd>
          <dt>Total tokens</dt>
          <dd data-stat="total">{formatCount(data.tokens.total)}</dd>
          <dt>Cost</dt>
          <dd data-stat="cost">{formatCost(data.cost)}</dd>
          <dt>Messages</dt>
          <dd data-stat="messages">
            {`${data.totalMessages} (${data.toolCalls} tool call${data.toolCalls === 1 ? "" : "s"})`}
          </dd>
          {context ? (
            <>
              <dt>Context</dt>
              <dd data-stat="context">
                {context.tokens === null
                  ? `? / ${formatCount(context.contextWindow)}`
                  : `${formatCount(context.tokens)} / ${formatCount(context.contextWindow)}`}
                {context.percent === null ? "" : ` (${Math.round(context.percent)}%)`}
              </dd>
            </>
          ) : null}
        </dl>
      ) : stats.loading ? (
        <p class="muted">Loading…</p>
      ) : null}
      {props.canChange ? (
        <div class="actions">
          <button type="button" disabled={!props.idle || compacting} onClick={() => void compact()}>
            {compacting ? "Compacting…" : "Compact"}
          </button>
        </div>
      ) : null}
      {compacted ? (
        <p class="notice info" role="status">
          {compacted}
        </p>
      ) : null}
      <ErrorNotice error={error} />
    </section>
  );
}
