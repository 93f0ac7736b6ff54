import { unwrap } from "pi-agent-server-client";
import { useState } from "preact/hooks";
import { useClient } from "../../api/connection.js";
import { ConfirmDialog } from "../../ui/confirm-dialog.js";
import { ErrorNotice } from "../../ui/errors.js";
import { useLoad } from "../../ui/use-load.js";
import { ApiKeyDialog } from "./api-key-dialog.js";
import { CustomProviderForm } from "./custom-provider-form.js";
import { CustomProviderList } from "./custom-provider-list.js";
import {
  type CustomProvider,
  loadCustomProviders,
  loadProviders,
  type ProviderStatus,
} from "./load-credentials.js";
import { ProviderTable } from "./provider-table.js";
import { SubscriptionLogin } from "./subscription-login.js";
import "./credentials.css";

/** A removal waiting for confirmation: a stored credential, or a custom provider. */
type Removal =
  | { kind: "credential"; provider: ProviderStatus }
  | { kind: "custom"; provider: CustomProvider };

/** Where each provider's credentials come from; API keys, custom providers, subscription logins. */
export function CredentialsPage() {
  const client = useClient();
  const providers = useLoad(() => loadProviders(client), [client]);
  const custom = useLoad(() => loadCustomProviders(client), [client]);
  const [search, setSearch] = useState("");
  const [settingKey, setSettingKey] = useState<ProviderStatus | undefined>(undefined);
  const [loggingIn, setLoggingIn] = useState<ProviderStatus | undefined>(undefined);
  const [removing, setRemoving] = useState<Removal | undefined>(undefined);
  const [editing, setEditing] = useState<string | undefined>(undefined);
  const [actionError, setActionError] = useState<unknown>(undefined);
  const [saved, setSaved] = useState<string | undefined>(undefined);

  const reloadAll = () => Promise.all([providers.reload(), custom.reload()]);
  const needle = search.trim().toLowerCase();
  const shown = (providers.data ?? []).filter(
    (provider) =>
      needle === "" ||
      provider.provider.includes(needle) ||
      provider.name.toLowerCase().includes(needle),
  );

  const remove = async (removal: Removal) => {
    setRemoving(undefined);
    const provider = removal.provider.provider;
    try {
      if (removal.kind === "credential") {
        unwrap(
          await client.DELETE("/v1/auth/providers/{provider}", { params: { path: { provider } } }),
        );
      } else {
        unwrap(
          await client.DELETE("/v1/custom/providers/{provider}", {
            params: { path: { provider } },
          }),
        );
      }
      await reloadAll();
      setActionError(undefined);
      setSaved(
        removal.kind === "credential"
          ? `Removed the stored credential of ${removal.provider.name}.`
          : `Deleted custom provider ${provider}.`,
      );
    } catch (failure) {
      setActionError(failure);
      await reloadAll();
    }
  };

  return (
    <section aria-labelledby="credentials-title" class="credentials-page">
      <div class="page-head">
        <h1 id="credentials-title">Credentials</h1>
        <input
          type="search"
          aria-label="Filter providers"
          placeholder="Filter providers"
          value={search}
          onInput={(event) => setSearch(event.currentTarget.value)}
        />
      </div>
      <ErrorNotice error={actionError} />
      {saved ? (
        <p class="notice info" role="status">
          {saved}
        </p>
      ) : null}
      {loggingIn ? (
        <SubscriptionLogin
          key={loggingIn.provider}
          provider={loggingIn}
          onFinished={() => void providers.reload()}
          onClose={() => {
            setLoggingIn(undefined);
            void providers.reload();
          }}
        />
      ) : null}
      <section aria-labelledby="providers-title">
        <h2 id="providers-title">Providers</h2>
        <p class="hint">
          The first credential listed is the one in use. Keys from the environment or from custom
          providers are changed where they are defined.
        </p>
        <ErrorNotice error={providers.error} />
        {providers.data === undefined && providers.loading ? <p>Loading…</p> : null}
        {providers.data !== undefined && shown.length === 0 ? (
          <p class="empty">No provider matches.</p>
        ) : null}
        {shown.length > 0 ? (
          <ProviderTable
            providers={shown}
            onSetKey={setSettingKey}
            onLogin={setLoggingIn}
            onRemove={(provider) => setRemoving({ kind: "credential", provider })}
          />
        ) : null}
      </section>
      <section aria-labelledby="custom-title">
        <h2 id="custom-title">Custom providers</h2>
        <ErrorNotice error={custom.error} />
        {custom.data ? (
          <CustomProviderList
            providers={custom.data}
            editing={editing}
            onEdit={setEditing}
            onDelete={(provider) => setRemoving({ kind: "custom", provider })}
            onSaved={() => {
              setSaved("Saved the custom provider.");
              void reloadAll();
            }}
          />
        ) : null}
        <details class="card credentials-add">
          <summary>Add a custom provider</summary>
          <CustomProviderForm
            onSaved={() => {
              setSaved("Added the custom provider.");
              void reloadAll();
            }}
          />
        </details>
      </section>
      {settingKey ? (
        <ApiKeyDialog
          provider={settingKey}
          onClose={() => setSettingKey(undefined)}
          onSaved={() => {
            setSaved(`Stored an API key for ${settingKey.name}.`);
            setSettingKey(undefined);
            void providers.reload();
          }}
        />
      ) : null}
      {removing ? (
        <ConfirmDialog
          title={
            removing.kind === "credential"
              ? `Remove the stored credential of ${removing.provider.name}?`
              : `Delete custom provider ${removing.provider.provider}?`
          }
          confirmLabel={removing.kind === "credential" ? "Remove credential" : "Delete provider"}
          danger
          onConfirm={() => void remove(removing)}
          onCancel={() => setRemoving(undefined)}
        >
          <p>
            {removing.kind === "credential"
              ? "Sessions stop using it at once; a key from the environment, if any, applies again."
              : "Its models disappear at once; sessions using them fail on their next model call."}
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
