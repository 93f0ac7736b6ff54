import { unwrap } from "pi-agent-server-client";
import { useEffect, useRef, useState } from "preact/hooks";
import { useClient } from "../../api/connection.js";
import { ErrorNotice } from "../../ui/errors.js";
import type { ProviderStatus } from "./load-credentials.js";

export interface ApiKeyDialogProps {
  provider: ProviderStatus;
  onSaved(): void;
  onClose(): void;
}

/**
 * Stores an API key for a provider. The key is typed into a password field, sent once and
 * dropped from the page's state as soon as the server has it.
 */
export function ApiKeyDialog({ provider, onSaved, onClose }: ApiKeyDialogProps) {
  const client = useClient();
  const dialog = useRef<HTMLDialogElement>(null);
  const [apiKey, setApiKey] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  const save = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    try {
      unwrap(
        await client.PUT("/v1/auth/providers/{provider}/api-key", {
          params: { path: { provider: provider.provider } },
          body: { apiKey },
        }),
      );
      setApiKey("");
      onSaved();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog
      ref={dialog}
      class="modal"
      aria-labelledby="api-key-title"
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <form class="credentials-form" onSubmit={save}>
        <h2 id="api-key-title">API key for {provider.name}</h2>
        <p class="hint">
          Stored in the server's <code>auth.json</code> and used by every project at once; it takes
          precedence over a key from the environment. It is never shown again.
        </p>
        <label>
          API key
          <input
            type="password"
            name="apiKey"
            autoComplete="off"
            required
            value={apiKey}
            onInput={(event) => setApiKey(event.currentTarget.value)}
          />
        </label>
        <ErrorNotice error={error} />
        <div class="actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" class="primary" disabled={busy || apiKey === ""}>
            Save key
          </button>
        </div>
      </form>
    </dialog>
  );
}
