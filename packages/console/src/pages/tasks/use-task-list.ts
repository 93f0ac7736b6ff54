import { unwrap } from "pi-agent-server-client";
import { useEffect, useRef } from "preact/hooks";
import { useClient } from "../../api/connection.js";
import type { StreamState } from "../../api/live-stream.js";
import { type Loaded, useLoad } from "../../ui/use-load.js";
import type { TaskStatus, TaskStreamEvent, TaskSummary } from "./task-model.js";
import { useTaskStream } from "./use-task-stream.js";

export const pageSize = 20;

export interface TaskListQuery {
  status?: TaskStatus | undefined;
  projectId?: string | undefined;
  offset: number;
}

export interface TaskPage {
  items: TaskSummary[];
  total: number;
  /** Tasks waiting for approval across the filtered projects, on any page. */
  pendingTotal: number;
}

export interface LiveTaskList {
  list: Loaded<TaskPage>;
  stream: StreamState;
}

/**
 * One page of tasks matching `query`, kept current by the task stream: any event
 * reloads the page (shortly, so a burst of status changes costs one request), which is
 * how new tasks appear, changed ones move and deleted ones vanish without the reader
 * reloading. A `replay_gap` or a reconnect reloads it too.
 */
export function useLiveTaskList(query: TaskListQuery): LiveTaskList {
  const client = useClient();
  const { status, projectId, offset } = query;
  const list = useLoad(async (): Promise<TaskPage> => {
    const filter = projectId ? { projectId } : {};
    const [page, pending] = await Promise.all([
      client.GET("/v1/tasks", {
        params: { query: { ...filter, ...(status ? { status } : {}), limit: pageSize, offset } },
      }),
      client.GET("/v1/tasks", { params: { query: { ...filter, status: "pending", limit: 1 } } }),
    ]);
    const { items, total } = unwrap(page);
    return { items, total, pendingTotal: unwrap(pending).total };
  }, [client, status, projectId, offset]);

  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const reloadSoon = () => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void list.reload(), 120);
  };
  useEffect(() => () => clearTimeout(timer.current), []);

  const stream = useTaskStream((event: TaskStreamEvent) => {
    if (event.type === "replay_gap") return void list.reload();
    if (projectId && event.projectId !== projectId) return;
    reloadSoon();
  }, reloadSoon);

  return { list, stream };
}
