import "./project-page.css";
import { type components, unwrap } from "pi-agent-server-client";
import { useState } from "preact/hooks";
import { useCan, useClient, useConnection } from "../../api/connection.js";
import { linkTo, navigate } from "../../router.js";
import { ConfirmDialog } from "../../ui/confirm-dialog.js";
import { ErrorNotice } from "../../ui/errors.js";
import { formatAge, formatTime } from "../../ui/format.js";
import { useLoad } from "../../ui/use-load.js";
import { NewSessionForm } from "./new-session-form.js";

type SessionSummary = components["schemas"]["SessionSummary"];

/** Sessions shown at first, and added by each "Show more". */
const pageSize = 20;

const statusBadges = { idle: "", streaming: "ok", awaiting_input: "warn" } as const;

/** A project: its sessions (newest first), a form to start one, a link to its tasks. */
export function ProjectPage({ projectId }: { projectId: string }) {
  const client = useClient();
  const canChange = useCan("operator");
  // The tasks page reads the whole organisation, which a project-scoped token may not.
  const orgWide = useConnection().caller.projects === undefined;
  const project = useLoad(
    async () =>
      unwrap(await client.GET("/v1/projects/{id}", { params: { path: { id: projectId } } })),
    [client, projectId],
  );
  const sessions = useLoad(
    async () =>
      unwrap(
        await client.GET("/v1/projects/{projectId}/sessions", {
          params: { path: { projectId } },
        }),
      ).items,
    [client, projectId],
  );
  const [limit, setLimit] = useState(pageSize);
  const [deleting, setDeleting] = useState<SessionSummary | undefined>(undefined);
  const [deleteError, setDeleteError] = useState<unknown>(undefined);

  const remove = async (session: SessionSummary) => {
    setDeleting(undefined);
    const { response, error } = await client.DELETE(
      "/v1/projects/{projectId}/sessions/{sessionId}",
      { params: { path: { projectId, sessionId: session.id } } },
    );
    setDeleteError(response.ok ? undefined : (error ?? new Error(`HTTP ${response.status}`)));
    await sessions.reload();
  };

  const all = sessions.data ?? [];
  const shown = all.slice(0, limit);
  const title = project.data?.name ?? projectId;
  return (
    <section aria-labelledby="project-title">
      <p class="crumbs">
        <a href={linkTo({ page: "projects" })}>Projects</a>
      </p>
      <div class="page-head">
        <h1 id="project-title">{title}</h1>
        {orgWide ? <a href={linkTo({ page: "tasks", projectId })}>Tasks of this project</a> : null}
      </div>
      {project.data ? (
        <p class="muted project-dir">
          <code>{project.data.projectDir}</code>
        </p>
      ) : null}
      <ErrorNotice error={project.error} />
      {project.error || !canChange ? null : (
        <NewSessionForm
          projectId={projectId}
          onCreated={(sessionId) => navigate({ page: "session", projectId, sessionId })}
        />
      )}

      <div class="page-head sessions-head">
        <h2>Sessions</h2>
        <button type="button" class="small" onClick={() => void sessions.reload()}>
          Refresh
        </button>
      </div>
      <ErrorNotice error={sessions.error} />
      <ErrorNotice error={deleteError} />
      {sessions.data === undefined && sessions.loading ? <p>Loading…</p> : null}
      {sessions.data !== undefined && all.length === 0 ? (
        <p class="empty">No sessions yet.</p>
      ) : null}
      {shown.length > 0 ? (
        <div class="table-scroll">
          <table class="sessions-table" aria-label="Sessions">
            <thead>
              <tr>
                <th scope="col">Session</th>
                <th scope="col">Status</th>
                <th scope="col" class="messages">
                  Messages
                </th>
                <th scope="col">Last activity</th>
                {canChange ? (
                  <th scope="col">
                    <span class="visually-hidden">Actions</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {shown.map((session) => (
                <tr key={session.id}>
                  <td>
                    <a href={linkTo({ page: "session", projectId, sessionId: session.id })}>
                      {session.name ?? "Untitled session"}
                    </a>
                    <div class="muted session-id">{session.id}</div>
                  </td>
                  <td>
                    <span class={`badge ${statusBadges[session.status]}`}>
                      {session.status === "awaiting_input" ? "waiting for input" : session.status}
                    </span>
                  </td>
                  <td class="messages">{session.messageCount}</td>
                  <td title={formatTime(session.modifiedAt)}>{formatAge(session.modifiedAt)}</td>
                  {canChange ? (
                    <td>
                      <button
                        type="button"
                        class="danger small"
                        aria-label={`Delete session ${session.name ?? session.id}`}
                        onClick={() => setDeleting(session)}
                      >
                        Delete
                      </button>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {all.length > shown.length ? (
        <div class="actions">
          <span class="muted">{`${shown.length} of ${all.length}`}</span>
          <button type="button" onClick={() => setLimit(limit + pageSize)}>
            Show more
          </button>
        </div>
      ) : null}
      {deleting ? (
        <ConfirmDialog
          title={`Delete ${deleting.name ?? "this session"}?`}
          confirmLabel="Delete session"
          danger
          onConfirm={() => void remove(deleting)}
          onCancel={() => setDeleting(undefined)}
        >
          <p>A running reply is aborted and the transcript is removed. This cannot be undone.</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
