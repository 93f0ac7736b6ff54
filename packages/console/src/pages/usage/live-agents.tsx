import { useEffect } from "preact/hooks";
import { useClient } from "../../api/connection.js";
import { linkTo } from "../../router.js";
import { ErrorNotice } from "../../ui/errors.js";
import { formatAge, formatCost, formatCount, formatTime } from "../../ui/format.js";
import { type Loaded, useLoad } from "../../ui/use-load.js";
import { type LiveAgent, loadLiveAgents } from "./load-usage.js";

/** How often the live list is read again while the page is open. */
const refreshMs = 3_000;

/** The runs in progress, read again every few seconds while mounted. */
export function useLiveAgents(): Loaded<LiveAgent[]> {
  const client = useClient();
  const live = useLoad(() => loadLiveAgents(client), [client]);
  useEffect(() => {
    // A hidden tab has nobody watching; it catches up on the next tick once shown.
    const timer = setInterval(() => {
      if (!document.hidden) void live.reload();
    }, refreshMs);
    return () => clearInterval(timer);
  }, [live.reload]);
  return live;
}

const statusBadges: Record<LiveAgent["status"], string> = {
  streaming: "ok",
  awaiting_input: "warn",
  idle: "",
};

/** Every agent running now, with a link into its session. */
export function LiveAgents({ live }: { live: Loaded<LiveAgent[]> }) {
  const agents = live.data;
  return (
    <section class="card" aria-labelledby="usage-live-title">
      <h2 id="usage-live-title">Live agents</h2>
      <ErrorNotice error={live.error} />
      {agents === undefined ? <p>Loading…</p> : null}
      {agents?.length === 0 ? <p class="empty">No agent is running.</p> : null}
      {agents && agents.length > 0 ? (
        <div class="table-scroll">
          <table aria-label="Live agents">
            <thead>
              <tr>
                <th scope="col">Project</th>
                <th scope="col">Session</th>
                <th scope="col">Status</th>
                <th scope="col">Model</th>
                <th scope="col">Running since</th>
                <th scope="col">Tokens</th>
                <th scope="col">Cost</th>
              </tr>
            </thead>
            <tbody>
              {agents.map((agent) => (
                <tr key={agent.sessionId}>
                  <td>{agent.projectId}</td>
                  <td>
                    <a
                      aria-label={`Session ${agent.sessionId} in ${agent.projectId}`}
                      href={linkTo({
                        page: "session",
                        projectId: agent.projectId,
                        sessionId: agent.sessionId,
                      })}
                    >
                      {agent.taskId
                        ? `task ${agent.taskId.slice(0, 8)}`
                        : agent.sessionId.slice(0, 8)}
                    </a>
                  </td>
                  <td>
                    <span class={`badge ${statusBadges[agent.status]}`}>
                      {agent.status.replace("_", " ")}
                    </span>
                    {agent.pendingUiRequests > 0 ? (
                      <span class="muted"> · {agent.pendingUiRequests} waiting</span>
                    ) : null}
                  </td>
                  <td>{agent.modelId ? `${agent.provider}/${agent.modelId}` : "—"}</td>
                  <td>
                    <time dateTime={agent.startedAt} title={formatTime(agent.startedAt)}>
                      {formatAge(agent.startedAt)}
                    </time>
                  </td>
                  <td>{formatCount(agent.tokens.total)}</td>
                  <td>{formatCost(agent.cost.total)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
