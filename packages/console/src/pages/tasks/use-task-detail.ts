import { unwrap } from "pi-agent-server-client";
import { useEffect, useState } from "preact/hooks";
import { useClient } from "../../api/connection.js";
import type { Task, TaskSummary } from "./task-model.js";

export interface TaskDetail {
  task: Task | undefined;
  error: unknown;
}

/**
 * The full task behind a list row (prompt, result, reasons), fetched again whenever the
 * row says it changed. The previous answer stays on screen meanwhile, so a status change
 * does not make the card's text blink.
 */
export function useTaskDetail(summary: TaskSummary): TaskDetail {
  const client = useClient();
  const [detail, setDetail] = useState<TaskDetail>({ task: undefined, error: undefined });
  const { projectId, id, updatedAt, status } = summary;

  useEffect(() => {
    let current = true;
    client
      .GET("/v1/projects/{projectId}/tasks/{taskId}", {
        params: { path: { projectId, taskId: id } },
      })
      .then((answer) => {
        if (current) setDetail({ task: unwrap(answer), error: undefined });
      })
      .catch((error: unknown) => {
        if (current) setDetail((previous) => ({ task: previous.task, error }));
      });
    return () => {
      current = false;
    };
  }, [client, projectId, id, updatedAt, status]);

  return detail;
}
