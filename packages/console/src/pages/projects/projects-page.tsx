import { useState } from "preact/hooks";
import { useCan, useClient } from "../../api/connection.js";
import { linkTo } from "../../router.js";
import { ConfirmDialog } from "../../ui/confirm-dialog.js";
import { ErrorNotice } from "../../ui/errors.js";
import { formatAge } from "../../ui/format.js";
import { useLoad } from "../../ui/use-load.js";
import { CreateProjectForm } from "./create-project-form.js";
import { loadAllProjects, type Project } from "./load-projects.js";

/**
 * Every project: search by name or id, create one, delete one after confirming (the
 * last two from the operator role up).
 */
export function ProjectsPage() {
  const client = useClient();
  const canChange = useCan("operator");
  const projects = useLoad(() => loadAllProjects(client), [client]);
  const [search, setSearch] = useState("");
  const [deleting, setDeleting] = useState<Project | undefined>(undefined);
  const [deleteError, setDeleteError] = useState<unknown>(undefined);

  const needle = search.trim().toLowerCase();
  const shown = (projects.data ?? []).filter(
    (project) =>
      needle === "" || project.name.toLowerCase().includes(needle) || project.id.includes(needle),
  );

  const remove = async (project: Project) => {
    setDeleting(undefined);
    const { response, error } = await client.DELETE("/v1/projects/{id}", {
      params: { path: { id: project.id } },
    });
    setDeleteError(response.ok ? undefined : (error ?? new Error(`HTTP ${response.status}`)));
    await projects.reload();
  };

  return (
    <section aria-labelledby="projects-title">
      <div class="page-head">
        <h1 id="projects-title">Projects</h1>
        <input
          type="search"
          aria-label="Search projects"
          placeholder="Search projects"
          value={search}
          onInput={(event) => setSearch(event.currentTarget.value)}
        />
      </div>
      {canChange ? <CreateProjectForm onCreated={() => void projects.reload()} /> : null}
      <ErrorNotice error={projects.error} />
      <ErrorNotice error={deleteError} />
      {projects.data === undefined && projects.loading ? <p>Loading…</p> : null}
      {projects.data !== undefined && shown.length === 0 ? (
        <p class="empty">{needle ? "No project matches." : "No projects yet."}</p>
      ) : null}
      <ul class="cards" aria-label="Projects">
        {shown.map((project) => (
          <li key={project.id} class="card project-card">
            <a class="title" href={linkTo({ page: "project", projectId: project.id })}>
              {project.name}
            </a>
            <span class="muted">{project.id}</span>
            <span class="muted">created {formatAge(project.createdAt)}</span>
            {canChange ? (
              <button
                type="button"
                class="danger small"
                aria-label={`Delete project ${project.name}`}
                onClick={() => setDeleting(project)}
              >
                Delete
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {deleting ? (
        <ConfirmDialog
          title={`Delete ${deleting.name}?`}
          confirmLabel="Delete project"
          danger
          onConfirm={() => void remove(deleting)}
          onCancel={() => setDeleting(undefined)}
        >
          <p>
            Its directory <code>{deleting.projectDir}</code>, its sessions and its tasks are
            removed. This cannot be undone.
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
