import { linkTo } from "../../router.js";
import { ErrorNotice } from "../../ui/errors.js";
import { formatAge } from "../../ui/format.js";
import { LongText } from "./long-text.js";
import { TaskActions } from "./task-actions.js";
import { badgeClass, stageOf, type Task, type TaskSummary } from "./task-model.js";
import { TaskOutcome } from "./task-outcome.js";
import { useTaskDetail } from "./use-task-detail.js";

/** What the running session is doing, in words. */
const sessionWords = {
  idle: "between turns",
  streaming: "working",
  awaiting_input: "waiting for an answer",
} as const;

/**
 * The submitter's page for the task (an issue, a ticket), when its metadata names one
 * with `url`; only web addresses, so a crafted `javascript:` URL never becomes a link.
 */
function sourceLink(task: Task | undefined): string | undefined {
  const url = task?.metadata?.url;
  return typeof url === "string" && /^https?:\/\//i.test(url) ? url : undefined;
}

/**
 * One task: its title, status, project, source, priority and age, then what fits its
 * stage — the prompt and the approve/reject buttons while pending, the live session while
 * running, the outcome once finished.
 */
export function TaskCard({ task, onChanged }: { task: TaskSummary; onChanged(): void }) {
  const { task: detail, error } = useTaskDetail(task);
  const stage = stageOf(task.status);
  const titleId = `task-${task.id}`;
  return (
    <article class={`card task-card ${stage}`} aria-labelledby={titleId}>
      <header class="task-head">
        <h3 id={titleId}>{task.title}</h3>
        <span class={badgeClass(task.status)}>{task.status}</span>
      </header>
      <p class="task-meta muted">
        <a href={linkTo({ page: "project", projectId: task.projectId })}>{task.projectId}</a>
        {task.source ? (
          <span>
            from {task.source}
            {task.externalId ? ` (${task.externalId})` : ""}
          </span>
        ) : null}
        {sourceLink(detail) ? (
          <a href={sourceLink(detail)} target="_blank" rel="noreferrer noopener">
            where it came from
          </a>
        ) : null}
        <span>priority {task.priority}</span>
        <span title={task.createdAt}>submitted {formatAge(task.createdAt)}</span>
      </p>
      {stage === "pending" && detail ? <LongText label="Prompt" text={detail.prompt} /> : null}
      {stage === "active" ? (
        <p class="task-live">
          {task.status === "approved" ? (
            <span>Queued {formatAge(task.approvedAt ?? undefined)}, waiting for a free agent.</span>
          ) : (
            <span>
              Started {formatAge(task.startedAt ?? undefined)}
              {task.sessionStatus ? `, ${sessionWords[task.sessionStatus]}` : ""}.
            </span>
          )}
          {task.sessionId ? (
            <a
              href={linkTo({
                page: "session",
                projectId: task.projectId,
                sessionId: task.sessionId,
              })}
            >
              Watch the live session
            </a>
          ) : null}
        </p>
      ) : null}
      {stage === "finished" ? <TaskOutcome task={task} detail={detail} /> : null}
      {stage === "finished" && task.sessionId ? (
        <a href={linkTo({ page: "session", projectId: task.projectId, sessionId: task.sessionId })}>
          Open the session
        </a>
      ) : null}
      {stage !== "pending" && detail ? <LongText label="Prompt" text={detail.prompt} fold /> : null}
      <ErrorNotice error={error} />
      <TaskActions task={task} onChanged={onChanged} />
    </article>
  );
}
