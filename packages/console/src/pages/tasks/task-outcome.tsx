import { formatDuration, formatTime } from "../../ui/format.js";
import { LongText } from "./long-text.js";
import type { Task, TaskSummary } from "./task-model.js";

/** What became of the push: pushed, refused (with the remote's words), or not tried. */
function pushOutcome(task: TaskSummary, detail: Task | undefined): string {
  if (task.pushed === true) return "Pushed";
  if (task.pushed === false)
    return `Push failed${detail?.pushError ? `: ${detail.pushError}` : ""}`;
  if (task.status !== "completed") return "Not pushed";
  return task.commit ? "Not pushed (no remote)" : "Not pushed (no changes)";
}

/**
 * A finished task's record: where its work went (branch, commit, push, pull request),
 * what the agent answered or why it stopped, and when each step happened.
 */
export function TaskOutcome({ task, detail }: { task: TaskSummary; detail: Task | undefined }) {
  const ran =
    task.startedAt && task.finishedAt
      ? Date.parse(task.finishedAt) - Date.parse(task.startedAt)
      : undefined;
  return (
    <>
      <dl class="task-facts">
        {task.branch ? (
          <>
            <dt>Branch</dt>
            <dd>
              <code>{task.branch}</code>
            </dd>
          </>
        ) : null}
        {task.branch || task.commit ? (
          <>
            <dt>Commit</dt>
            <dd>
              {task.commit ? <code title={task.commit}>{task.commit.slice(0, 12)}</code> : "none"}
            </dd>
            <dt>Push</dt>
            <dd>{pushOutcome(task, detail)}</dd>
          </>
        ) : null}
        {task.prUrl ? (
          <>
            <dt>Pull request</dt>
            <dd>
              <a href={task.prUrl} target="_blank" rel="noreferrer noopener">
                {task.prUrl}
              </a>
            </dd>
          </>
        ) : null}
        {detail?.prError ? (
          <>
            <dt>Pull request</dt>
            <dd class="task-error">{detail.prError}</dd>
          </>
        ) : null}
        {task.approvedAt ? (
          <>
            <dt>Approved</dt>
            <dd>{formatTime(task.approvedAt)}</dd>
          </>
        ) : null}
        {task.finishedAt ? (
          <>
            <dt>{task.status === "rejected" ? "Rejected" : "Finished"}</dt>
            <dd>
              {formatTime(task.finishedAt)}
              {ran === undefined ? null : <span class="muted"> after {formatDuration(ran)}</span>}
            </dd>
          </>
        ) : null}
      </dl>
      {detail?.rejectReason ? (
        <p class="task-reason">
          <span class="task-label">Reason</span> {detail.rejectReason}
        </p>
      ) : null}
      {task.error ? (
        <p class="notice error task-error">
          <span class="task-label">Error</span> {task.error}
        </p>
      ) : null}
      {detail?.resultText ? <LongText label="Result" text={detail.resultText} /> : null}
    </>
  );
}
