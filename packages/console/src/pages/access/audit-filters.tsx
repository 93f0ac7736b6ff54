import { useState } from "preact/hooks";
import type { Project } from "../projects/load-projects.js";
import { type ApiToken, type AuditFilter, instantOf } from "./access-model.js";

export interface AuditFiltersProps {
  tokens: ApiToken[];
  projects: Project[];
  /** Actions (`METHOD route`) to suggest: those seen so far. */
  actions: string[];
  onApply(filter: AuditFilter): void;
}

type Fields = Record<"from" | "to" | "tokenId" | "projectId" | "action", string>;
const blank: Fields = { from: "", to: "", tokenId: "", projectId: "", action: "" };

function filterOf(fields: Fields): AuditFilter {
  const from = instantOf(fields.from);
  const to = instantOf(fields.to);
  const action = fields.action.trim();
  return {
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(fields.tokenId ? { tokenId: fields.tokenId } : {}),
    ...(fields.projectId ? { projectId: fields.projectId } : {}),
    ...(action ? { action } : {}),
  };
}

/** The audit trail's filters: time range, token, project and action, applied together. */
export function AuditFilters({ tokens, projects, actions, onApply }: AuditFiltersProps) {
  const [fields, setFields] = useState<Fields>(blank);
  const set = (name: keyof Fields) => (event: { currentTarget: { value: string } }) =>
    setFields({ ...fields, [name]: event.currentTarget.value });

  return (
    <form
      class="audit-filters"
      aria-label="Audit filters"
      onSubmit={(event) => {
        event.preventDefault();
        onApply(filterOf(fields));
      }}
    >
      <label>
        From
        <input type="datetime-local" value={fields.from} onInput={set("from")} />
      </label>
      <label>
        To
        <input type="datetime-local" value={fields.to} onInput={set("to")} />
      </label>
      <label>
        Token
        <select value={fields.tokenId} onChange={set("tokenId")}>
          <option value="">Any token</option>
          {tokens.map((token) => (
            <option key={token.id} value={token.id}>
              {token.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Project
        <select value={fields.projectId} onChange={set("projectId")}>
          <option value="">Any project</option>
          {projects.map((project) => (
            <option key={project.id} value={project.id}>
              {project.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Action
        <input
          list="audit-actions"
          placeholder="POST /v1/tokens"
          value={fields.action}
          onInput={set("action")}
        />
        <datalist id="audit-actions">
          {actions.map((action) => (
            <option key={action} value={action} />
          ))}
        </datalist>
      </label>
      <div class="audit-filter-buttons">
        <button type="submit" class="primary">
          Filter
        </button>
        <button
          type="button"
          onClick={() => {
            setFields(blank);
            onApply({});
          }}
        >
          Clear
        </button>
      </div>
    </form>
  );
}
