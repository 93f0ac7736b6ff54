import { type AgentClient, type components, unwrap } from "pi-agent-server-client";
import { useState } from "preact/hooks";
import { useClient } from "../../api/connection.js";
import { ErrorNotice } from "../../ui/errors.js";

type Deployment = components["schemas"]["DeploymentInfo"];

function deploymentFrom(fields: Record<string, string>): Deployment | undefined {
  const deployment: Deployment = {};
  for (const environment of ["dev", "prod"] as const) {
    const port = fields[`${environment}Port`]?.trim();
    const publicUrl = fields[`${environment}Url`]?.trim();
    if (!port) continue;
    deployment[environment] = { port: Number(port), ...(publicUrl ? { publicUrl } : {}) };
  }
  return Object.keys(deployment).length > 0 ? deployment : undefined;
}

async function createProject(client: AgentClient, name: string, deployment?: Deployment) {
  return unwrap(
    await client.POST("/v1/projects", {
      body: { name, ...(deployment ? { deployment } : {}) },
    }),
  );
}

/** Creates a project by name, with the deployment ports and URLs the agent should use. */
export function CreateProjectForm({ onCreated }: { onCreated(id: string): void }) {
  const client = useClient();
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const field = (name: string, label: string, type = "text", extra = {}) => (
    <label>
      {label}
      <input
        name={name}
        type={type}
        value={fields[name] ?? ""}
        onInput={(event) => setFields({ ...fields, [name]: event.currentTarget.value })}
        {...extra}
      />
    </label>
  );

  return (
    <details class="card create-project">
      <summary>New project</summary>
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          setBusy(true);
          try {
            const project = await createProject(
              client,
              fields.name?.trim() ?? "",
              deploymentFrom(fields),
            );
            setFields({});
            setError(undefined);
            onCreated(project.id);
          } catch (failure) {
            setError(failure);
          } finally {
            setBusy(false);
          }
        }}
      >
        {field("name", "Name", "text", { required: true, maxLength: 100 })}
        <fieldset>
          <legend>Deployment (optional)</legend>
          {field("devPort", "Dev port", "number", { min: 1, max: 65535 })}
          {field("devUrl", "Dev public URL", "url")}
          {field("prodPort", "Prod port", "number", { min: 1, max: 65535 })}
          {field("prodUrl", "Prod public URL", "url")}
        </fieldset>
        <ErrorNotice error={error} />
        <button type="submit" class="primary" disabled={busy}>
          Create project
        </button>
      </form>
    </details>
  );
}
