import { useEffect, useState } from "preact/hooks";
import { linkTo } from "../../router.js";
import { ErrorNotice } from "../../ui/errors.js";
import { TaskCard } from "./task-card.js";
import { TaskFilters } from "./task-filters.js";
import { isTaskStatus, stageOf, type TaskStage, type TaskSummary } from "./task-model.js";
import { pageSize, useLiveTaskList } from "./use-task-list.js";
import "./tasks.css";

const stages: readonly { stage: TaskStage; heading: string }[] = [
  { stage: "pending", heading: "Waiting for approval" },
  { stage: "active", heading: "Queued and running" },
  { stage: "finished", heading: "Finished" },
];

const streamWords = {
  connecting: "Connecting to live updates…",
  open: "Live",
  reconnecting: "Reconnecting…",
} as const;

/** Renders again every `ms`, so the ages on the cards ("3 min ago") keep counting. */
function useTicking(ms: number): void {
  const [, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((tick) => tick + 1), ms);
    return () => clearInterval(timer);
  }, [ms]);
}

/**
 * The approval queue: tasks submitted through the webhook, newest first, grouped by
 * whether they wait for a person, are on their way, or are done; filtered by status and
 * project from the URL, and kept current by the task stream.
 */
export function TasksPage(props: { status?: string | undefined; projectId?: string | undefined }) {
  const status = isTaskStatus(props.status) ? props.status : undefined;
  const { projectId } = props;
  const [offset, setOffset] = useState(0);
  useTicking(20_000);
  useEffect(() => setOffset(0), [status, projectId]);
  const { list, stream } = useLiveTaskList({ status, projectId, offset });
  const page = list.data;
  const reload = () => void list.reload();
  // Deleting the last tasks of the last page leaves it empty: step back to the first.
  useEffect(() => {
    if (page && page.items.length === 0 && offset > 0) setOffset(0);
  }, [page, offset]);

  const grouped = (stage: TaskStage): TaskSummary[] =>
    (page?.items ?? []).filter((task) => stageOf(task.status) === stage);
  const pendingElsewhere =
    page && status !== "pending" ? page.pendingTotal - grouped("pending").length : 0;

  return (
    <section aria-labelledby="tasks-title" class="tasks-page">
      <div class="page-head">
        <h1 id="tasks-title">Tasks</h1>
        <span class={`stream-state ${stream}`} role="status">
          {streamWords[stream]}
        </span>
      </div>
      <TaskFilters status={status} projectId={projectId} />
      {props.status && !status ? (
        <p class="notice error">Unknown status “{props.status}”; showing every status.</p>
      ) : null}
      <ErrorNotice error={list.error} />
      {page === undefined && list.loading ? <p>Loading…</p> : null}
      {page && page.items.length === 0 ? (
        <p class="empty">
          {status || projectId ? "No task matches these filters." : "No tasks yet."}
        </p>
      ) : null}
      {pendingElsewhere > 0 ? (
        <p class="notice info">
          {pendingElsewhere}
          {grouped("pending").length > 0 ? " more" : ""}{" "}
          {pendingElsewhere === 1 ? "task waits" : "tasks wait"} for approval.{" "}
          <a
            href={linkTo({ page: "tasks", status: "pending", ...(projectId ? { projectId } : {}) })}
          >
            Show pending tasks
          </a>
        </p>
      ) : null}
      {stages.map(({ stage, heading }) => {
        const tasks = grouped(stage);
        if (tasks.length === 0) return null;
        return (
          <section key={stage} aria-label={heading} class="task-group">
            <h2>
              {heading} <span class="muted">({tasks.length})</span>
            </h2>
            <ul class="task-list">
              {tasks.map((task) => (
                <li key={task.id}>
                  <TaskCard task={task} onChanged={reload} />
                </li>
              ))}
            </ul>
          </section>
        );
      })}
      {page && page.total > pageSize ? (
        <nav class="task-paging" aria-label="Pages of tasks">
          <button
            type="button"
            disabled={offset === 0}
            onClick={() => setOffset(Math.max(0, offset - pageSize))}
          >
            Newer
          </button>
          <span>
            {offset + 1}–{Math.min(offset + pageSize, page.total)} of {page.total}
          </span>
          <button
            type="button"
            disabled={offset + pageSize >= page.total}
            onClick={() => setOffset(offset + pageSize)}
          >
            Older
          </button>
        </nav>
      ) : null}
    </section>
  );
}
