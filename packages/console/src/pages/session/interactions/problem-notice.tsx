import { AgentApiError } from "pi-agent-server-client";
import { ErrorNotice } from "../../../ui/errors.js";

/** Field labels for the paths the settings route names in its validation errors. */
export type FieldNames = Record<string, string>;

/**
 * The form's name for a path such as `body.autopilot.prompts.2`: the longest known
 * prefix, with a list index shown as the item's number.
 */
function fieldName(path: string, fields: FieldNames): string {
  const parts = path.replace(/^body\./, "").split(".");
  for (let end = parts.length; end > 0; end--) {
    const name = fields[parts.slice(0, end).join(".")];
    if (name === undefined) continue;
    const index = Number(parts[end]);
    return Number.isInteger(index) ? `${name} (number ${index + 1})` : name;
  }
  return path;
}

/**
 * A failed save: the server's message, and for validation failures each offending field
 * by the name the form shows it under.
 */
export function ProblemNotice({ error, fields }: { error: unknown; fields: FieldNames }) {
  if (error === undefined || error === null) return null;
  const problem = error instanceof AgentApiError ? error.problem : undefined;
  const errors = (problem as { errors?: { path: string; message: string }[] } | undefined)?.errors;
  if (!errors?.length) return <ErrorNotice error={error} />;
  return (
    <div class="notice error" role="alert">
      <p>The settings were not saved:</p>
      <ul>
        {errors.map((entry) => (
          <li key={`${entry.path}:${entry.message}`}>
            <strong>{fieldName(entry.path, fields)}</strong>: {entry.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
