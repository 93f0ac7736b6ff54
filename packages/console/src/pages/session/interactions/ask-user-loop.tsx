import { unwrap } from "pi-agent-server-client";
import { useClient } from "../../../api/connection.js";
import { ErrorNotice } from "../../../ui/errors.js";
import { formatDuration } from "../../../ui/format.js";
import { useAction } from "../../../ui/use-action.js";
import type { AskUserOverview } from "./use-ask-user.js";

export interface AskUserLoopProps {
  projectId: string;
  sessionId: string;
  overview: AskUserOverview;
  warning: string | undefined;
  onChanged(): void;
}

/** Where the `ask_user` loop stands (counters, a pending stop), with stop and reset. */
export function AskUserLoop({
  projectId,
  sessionId,
  overview,
  warning,
  onChanged,
}: AskUserLoopProps) {
  const client = useClient();
  const path = { projectId, sessionId };
  const { counters, settings } = overview;

  const { busy, error, run } = useAction(onChanged);

  const stop = () =>
    run(async () =>
      unwrap(
        await client.POST("/v1/projects/{projectId}/sessions/{sessionId}/ask-user/stop", {
          params: { path },
        }),
      ),
    );
  const reset = () =>
    run(async () =>
      unwrap(
        await client.POST("/v1/projects/{projectId}/sessions/{sessionId}/ask-user/counters/reset", {
          params: { path },
        }),
      ),
    );

  return (
    <section class="ask-user-loop" aria-labelledby="loop-title">
      <h2 id="loop-title">Question loop</h2>
      <p class="loop-state">
        <span class={`badge ${settings.enabled ? "ok" : ""}`}>
          {settings.enabled ? "ask_user on" : "ask_user off"}
        </span>
        <span class={`badge ${settings.autopilot.enabled ? "ok" : ""}`}>
          {settings.autopilot.enabled ? "autopilot on" : "autopilot off"}
        </span>
        {overview.stopRequested ? <span class="badge warn">stop requested</span> : null}
      </p>
      {warning ? <p class="notice info">{warning}</p> : null}
      <dl class="counters">
        <dt>Questions</dt>
        <dd>{counters.askUserCalls}</dd>
        <dt>Runs</dt>
        <dd>{counters.runs}</dd>
        <dt>Direct replies</dt>
        <dd>{counters.directReplies}</dd>
        <dt>Other tool calls</dt>
        <dd>{counters.otherToolCalls}</dd>
        <dt>Running for</dt>
        <dd>{counters.startedAt ? formatDuration(counters.elapsedMs) : "—"}</dd>
      </dl>
      <div class="actions start">
        <button type="button" class="danger" disabled={busy} onClick={() => void stop()}>
          Stop the loop
        </button>
        <button type="button" disabled={busy} onClick={() => void reset()}>
          Reset counters
        </button>
      </div>
      <ErrorNotice error={error} />
    </section>
  );
}
