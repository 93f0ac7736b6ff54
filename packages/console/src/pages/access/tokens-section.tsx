import { useState } from "preact/hooks";
import { useClient } from "../../api/connection.js";
import { ConfirmDialog } from "../../ui/confirm-dialog.js";
import { ErrorNotice } from "../../ui/errors.js";
import type { Loaded } from "../../ui/use-load.js";
import type { Project } from "../projects/load-projects.js";
import type { ApiToken, CreatedApiToken } from "./access-model.js";
import { CreateTokenForm } from "./create-token-form.js";
import { NewSecret } from "./new-secret.js";
import { TokenTable } from "./token-table.js";

export interface TokensSectionProps {
  tokens: Loaded<ApiToken[]>;
  projects: Loaded<Project[]>;
}

/** The API tokens: the list, the form that creates one, and deleting one after asking. */
export function TokensSection({ tokens, projects }: TokensSectionProps) {
  const client = useClient();
  const [created, setCreated] = useState<CreatedApiToken | undefined>(undefined);
  const [deleting, setDeleting] = useState<ApiToken | undefined>(undefined);
  const [deleteError, setDeleteError] = useState<unknown>(undefined);

  const remove = async (token: ApiToken) => {
    setDeleting(undefined);
    const { response, error } = await client.DELETE("/v1/tokens/{tokenId}", {
      params: { path: { tokenId: token.id } },
    });
    setDeleteError(response.ok ? undefined : (error ?? new Error(`HTTP ${response.status}`)));
    if (created?.token.id === token.id) setCreated(undefined);
    await tokens.reload();
  };

  return (
    <section aria-labelledby="tokens-title">
      <h2 id="tokens-title">API tokens</h2>
      {created ? (
        <NewSecret created={created} onDone={() => setCreated(undefined)} />
      ) : (
        <CreateTokenForm
          projects={projects.data ?? []}
          onCreated={(next) => {
            setCreated(next);
            void tokens.reload();
          }}
        />
      )}
      <ErrorNotice error={tokens.error} />
      <ErrorNotice error={projects.error} />
      <ErrorNotice error={deleteError} />
      {tokens.data === undefined && tokens.loading ? <p>Loading…</p> : null}
      {tokens.data?.length === 0 ? (
        <p class="empty">
          No API tokens yet: only the server's own token (AGENT_SERVER_TOKEN) signs in.
        </p>
      ) : null}
      {tokens.data && tokens.data.length > 0 ? (
        <TokenTable tokens={tokens.data} onDelete={setDeleting} />
      ) : null}
      {deleting ? (
        <ConfirmDialog
          title={`Delete the token “${deleting.name}”?`}
          confirmLabel="Delete token"
          danger
          onConfirm={() => void remove(deleting)}
          onCancel={() => setDeleting(undefined)}
        >
          <p>
            Every request with it is refused from now on, including streams opened with it. This
            cannot be undone.
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
