import { unwrap } from "pi-agent-server-client";
import { useId, useState } from "preact/hooks";
import { useClient } from "../../api/connection.js";
import { ErrorNotice } from "../../ui/errors.js";
import { CustomModelFields } from "./custom-model-fields.js";
import {
  type CustomApi,
  customApis,
  draftOf,
  emptyDraft,
  emptyModel,
  inputOf,
  type ProviderDraft,
} from "./custom-provider-draft.js";
import type { CustomProvider } from "./load-credentials.js";

export interface CustomProviderFormProps {
  /** The provider being edited; absent to add one. */
  editing?: CustomProvider;
  onSaved(): void;
  onCancel?: () => void;
}

/** Adds or replaces a custom provider of `models.json`: endpoint, API, key and models. */
export function CustomProviderForm({ editing, onSaved, onCancel }: CustomProviderFormProps) {
  const client = useClient();
  const [draft, setDraft] = useState<ProviderDraft>(() =>
    editing ? draftOf(editing) : emptyDraft(),
  );
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const apiId = useId();
  const update = (change: Partial<ProviderDraft>) =>
    setDraft((current) => ({ ...current, ...change }));
  const field =
    (name: "provider" | "name" | "baseUrl" | "apiKey" | "headers" | "compat") =>
    (event: { currentTarget: HTMLInputElement | HTMLTextAreaElement }) =>
      update({ [name]: event.currentTarget.value });

  const save = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    try {
      unwrap(await client.PUT("/v1/custom/providers", { body: inputOf(draft) }));
      setError(undefined);
      if (!editing) setDraft(emptyDraft());
      onSaved();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="credentials-form credentials-custom-form" onSubmit={save}>
      <div class="credentials-grid">
        <label>
          Provider id
          <input
            required
            pattern="[a-z0-9][a-z0-9._\-]{0,63}"
            title="Lower-case letters, digits, '.', '_' or '-'"
            value={draft.provider}
            disabled={editing !== undefined}
            onInput={field("provider")}
            autoComplete="off"
          />
        </label>
        <label>
          Display name
          <input value={draft.name} onInput={field("name")} />
        </label>
        <label>
          Base URL
          <input
            type="url"
            required
            placeholder="https://llm.example.com/v1"
            value={draft.baseUrl}
            onInput={field("baseUrl")}
          />
        </label>
        <div class="credentials-field">
          <label for={apiId}>API</label>
          <select
            id={apiId}
            value={draft.api}
            onChange={(event) => update({ api: event.currentTarget.value as CustomApi })}
          >
            {customApis.map((api) => (
              <option key={api} value={api}>
                {api}
              </option>
            ))}
          </select>
        </div>
        <label>
          Provider API key
          <input
            type="password"
            autoComplete="off"
            required={editing === undefined}
            value={draft.apiKey}
            onInput={field("apiKey")}
            placeholder={editing?.hasApiKey ? "Leave empty to keep the stored key" : ""}
          />
        </label>
        <label class="credentials-check">
          <input
            type="checkbox"
            checked={draft.authHeader}
            onChange={(event) => update({ authHeader: event.currentTarget.checked })}
          />
          Send the key as “Authorization: Bearer”
        </label>
      </div>
      <details class="credentials-advanced">
        <summary>Headers and compatibility</summary>
        <label>
          Extra headers
          <textarea
            rows={3}
            value={draft.headers}
            onInput={field("headers")}
            placeholder="X-Team: platform"
          />
        </label>
        <p class="hint">
          One “Name: value” per line.
          {editing && editing.headerNames.length > 0
            ? ` Stored: ${editing.headerNames.join(", ")}; leave empty to keep them.`
            : ""}
        </p>
        <label>
          Compatibility overrides (JSON)
          <textarea rows={3} value={draft.compat} onInput={field("compat")} />
        </label>
      </details>
      {draft.models.map((model, index) => (
        <CustomModelFields
          key={model.key}
          model={model}
          position={index + 1}
          onChange={(changed) =>
            update({
              models: draft.models.map((each) => (each.key === model.key ? changed : each)),
            })
          }
          {...(draft.models.length > 1
            ? {
                onRemove: () =>
                  update({ models: draft.models.filter((each) => each.key !== model.key) }),
              }
            : {})}
        />
      ))}
      <ErrorNotice error={error} />
      <div class="actions">
        <button type="button" onClick={() => update({ models: [...draft.models, emptyModel()] })}>
          Add model
        </button>
        {onCancel ? (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
        <button type="submit" class="primary" disabled={busy}>
          {editing ? "Save provider" : "Add provider"}
        </button>
      </div>
    </form>
  );
}
