import { unwrap } from "pi-agent-server-client";
import { useState } from "preact/hooks";
import { useClient } from "../../api/connection.js";
import { ErrorNotice } from "../../ui/errors.js";

export interface RenameSessionProps {
  projectId: string;
  sessionId: string;
  name: string | null;
  onRenamed(name: string | null): void;
}

/** A "Rename" button that opens an inline form for the session's name. */
export function RenameSession(props: RenameSessionProps) {
  const client = useClient();
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);

  if (!editing) {
    return (
      <button
        type="button"
        class="small"
        onClick={() => {
          setValue(props.name ?? "");
          setError(undefined);
          setEditing(true);
        }}
      >
        Rename
      </button>
    );
  }

  return (
    <form
      class="rename-form"
      onSubmit={async (event) => {
        event.preventDefault();
        setBusy(true);
        try {
          const summary = unwrap(
            await client.PATCH("/v1/projects/{projectId}/sessions/{sessionId}", {
              params: { path: { projectId: props.projectId, sessionId: props.sessionId } },
              body: { name: value.trim() },
            }),
          );
          props.onRenamed(summary.name);
          setEditing(false);
        } catch (failure) {
          setError(failure);
        } finally {
          setBusy(false);
        }
      }}
    >
      <input
        aria-label="Session name"
        value={value}
        required
        // biome-ignore lint/a11y/noAutofocus: the field the reader just asked for
        autoFocus
        onInput={(event) => setValue(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key === "Escape") setEditing(false);
        }}
      />
      <button type="submit" class="primary small" disabled={busy || value.trim() === ""}>
        Save
      </button>
      <button type="button" class="small" onClick={() => setEditing(false)}>
        Cancel
      </button>
      <ErrorNotice error={error} />
    </form>
  );
}
