import { useClient } from "../../api/connection.js";
import { navigate } from "../../router.js";
import { ErrorNotice } from "../../ui/errors.js";
import { useLoad } from "../../ui/use-load.js";
import { loadAllProjects } from "../projects/load-projects.js";
import { type TaskStatus, taskStatuses } from "./task-model.js";

export interface TaskFilterValues {
  status?: TaskStatus | undefined;
  projectId?: string | undefined;
}

/**
 * The status and project filters. They live in the URL (`#/tasks?status=…&project=…`),
 * so a filtered queue can be bookmarked or sent to someone.
 */
export function TaskFilters({ status, projectId }: TaskFilterValues) {
  const client = useClient();
  const projects = useLoad(() => loadAllProjects(client), [client]);
  const go = (next: TaskFilterValues) =>
    navigate({
      page: "tasks",
      ...(next.status ? { status: next.status } : {}),
      ...(next.projectId ? { projectId: next.projectId } : {}),
    });
  const known = projects.data ?? [];
  // A project named in the URL stays selectable even before (or without) the list.
  const listed = projectId && !known.some((project) => project.id === projectId);

  return (
    <form class="task-filters" onSubmit={(event) => event.preventDefault()}>
      <label>
        Status
        <select
          value={status ?? ""}
          onChange={(event) =>
            go({ status: (event.currentTarget.value || undefined) as TaskStatus, projectId })
          }
        >
          <option value="">Any status</option>
          {taskStatuses.map((value) => (
            <option key={value} value={value}>
              {value}
            </option>
          ))}
        </select>
      </label>
      <label>
        Project
        <select
          value={projectId ?? ""}
          onChange={(event) => go({ status, projectId: event.currentTarget.value || undefined })}
        >
          <option value="">All projects</option>
          {listed ? <option value={projectId}>{projectId}</option> : null}
          {known.map((project) => (
            <option key={project.id} value={project.id}>
              {project.name}
            </option>
          ))}
        </select>
      </label>
      <ErrorNotice error={projects.error} />
    </form>
  );
}
