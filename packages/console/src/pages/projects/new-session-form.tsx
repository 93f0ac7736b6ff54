import { unwrap } from "pi-agent-server-client";
import { useState } from "preact/hooks";
import { useClient } from "../../api/connection.js";
import { ErrorNotice } from "../../ui/errors.js";
import { useLoad } from "../../ui/use-load.js";
import { CredentialsHint, ModelSelect, ThinkingSelect } from "../session/model-select.js";
import {
  allThinkingLevels,
  defaultModel,
  findModel,
  loadModels,
  modelKey,
  type ThinkingLevel,
} from "../session/models.js";

/**
 * Starts a session in a project on a model (those without credentials cannot be
 * chosen) and thinking level, with an optional name.
 */
export function NewSessionForm({
  projectId,
  onCreated,
}: {
  projectId: string;
  onCreated(sessionId: string): void;
}) {
  const client = useClient();
  const models = useLoad(() => loadModels(client), [client]);
  const [picked, setPicked] = useState<string | undefined>(undefined);
  const [thinking, setThinking] = useState<ThinkingLevel | "">("");
  const [name, setName] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);

  const items = models.data?.items ?? [];
  const preferred = models.data ? defaultModel(models.data) : undefined;
  const key = picked ?? (preferred ? modelKey(preferred.provider, preferred.id) : "");
  const model = findModel(items, key);
  const noModel = models.data !== undefined && !items.some((item) => item.authAvailable);

  return (
    <form
      class="card new-session"
      aria-labelledby="new-session-title"
      onSubmit={async (event) => {
        event.preventDefault();
        setBusy(true);
        try {
          const created = unwrap(
            await client.POST("/v1/projects/{projectId}/sessions", {
              params: { path: { projectId } },
              body: {
                ...(model ? { provider: model.provider, modelId: model.id } : {}),
                ...(thinking ? { thinkingLevel: thinking } : {}),
                ...(name.trim() ? { name: name.trim() } : {}),
              },
            }),
          );
          setError(undefined);
          onCreated(created.id);
        } catch (failure) {
          setError(failure);
        } finally {
          setBusy(false);
        }
      }}
    >
      <h2 id="new-session-title">New session</h2>
      <div class="new-session-fields">
        <label>
          Name (optional)
          <input
            name="sessionName"
            value={name}
            placeholder="What is it about?"
            onInput={(event) => setName(event.currentTarget.value)}
          />
        </label>
        <div class="field">
          <label for="new-session-model">Model</label>
          <ModelSelect
            id="new-session-model"
            models={items}
            value={key}
            emptyOption={models.data ? "The server's default model" : "Loading models…"}
            disabled={!models.data}
            onChange={(value) => {
              setPicked(value);
              const next = findModel(items, value);
              if (thinking && !next?.thinkingLevels.includes(thinking)) setThinking("");
            }}
          />
        </div>
        <div class="field">
          <label for="new-session-thinking">Thinking level</label>
          <ThinkingSelect
            id="new-session-thinking"
            levels={model?.thinkingLevels ?? allThinkingLevels}
            value={thinking}
            placeholder={
              model ? `The model's default (${model.defaultThinkingLevel})` : "The default"
            }
            onChange={setThinking}
          />
        </div>
      </div>
      <CredentialsHint />
      {noModel ? (
        <p class="notice error" role="alert">
          No model has credentials yet: add an API key on the Credentials page first.
        </p>
      ) : null}
      <ErrorNotice error={models.error} />
      <ErrorNotice error={error} />
      <div class="actions">
        <button
          type="submit"
          class="primary"
          disabled={busy || (models.data === undefined && models.error === undefined)}
        >
          Create session
        </button>
      </div>
    </form>
  );
}
