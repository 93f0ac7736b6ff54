import { unwrap } from "pi-agent-server-client";
import { useState } from "preact/hooks";
import { useClient } from "../../api/connection.js";
import { ErrorNotice } from "../../ui/errors.js";
import type { Project } from "../projects/load-projects.js";
import { type CreatedApiToken, instantOf, type Role, roleChoices } from "./access-model.js";

export interface CreateTokenFormProps {
  projects: Project[];
  onCreated(created: CreatedApiToken): void;
}

/** Creates an API token: a name, a role, optionally some projects and an expiry. */
export function CreateTokenForm({ projects, onCreated }: CreateTokenFormProps) {
  const client = useClient();
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>("viewer");
  const [scope, setScope] = useState<string[]>([]);
  const [expires, setExpires] = useState("");
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setBusy(true);
    try {
      const expiresAt = instantOf(expires);
      const created = unwrap(
        await client.POST("/v1/tokens", {
          body: {
            name: name.trim(),
            role,
            ...(scope.length > 0 ? { projects: scope } : {}),
            ...(expiresAt ? { expiresAt } : {}),
          },
        }),
      );
      setName("");
      setScope([]);
      setExpires("");
      setError(undefined);
      onCreated(created);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <details class="card access-create">
      <summary>New token</summary>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <label>
          Token name
          <input
            value={name}
            required
            maxLength={100}
            onInput={(event) => setName(event.currentTarget.value)}
          />
        </label>
        <label>
          Role
          <select value={role} onChange={(event) => setRole(event.currentTarget.value as Role)}>
            {roleChoices.map((choice) => (
              <option key={choice.role} value={choice.role}>
                {choice.label}
              </option>
            ))}
          </select>
        </label>
        <p class="hint">
          A viewer reads lists, history, streams and usage; an operator also changes projects,
          sessions, prompts, approvals and tasks; an admin also manages credentials, tokens and
          reads the audit trail.
        </p>
        <label>
          Limit to projects (optional)
          <select
            multiple
            size={Math.min(6, Math.max(2, projects.length))}
            aria-describedby="token-scope-hint"
            onChange={(event) =>
              setScope(Array.from(event.currentTarget.selectedOptions, (option) => option.value))
            }
          >
            {projects.map((project) => (
              <option key={project.id} value={project.id} selected={scope.includes(project.id)}>
                {project.name}
              </option>
            ))}
          </select>
        </label>
        <p id="token-scope-hint" class="hint">
          None selected: every project. A limited token sees other projects as missing.
        </p>
        <label>
          Expires (optional)
          <input
            type="datetime-local"
            value={expires}
            onInput={(event) => setExpires(event.currentTarget.value)}
          />
        </label>
        <ErrorNotice error={error} />
        <button type="submit" class="primary" disabled={busy || name.trim() === ""}>
          Create token
        </button>
      </form>
    </details>
  );
}
