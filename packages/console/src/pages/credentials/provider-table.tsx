import {
  describeCredential,
  hasStoredCredential,
  type ProviderStatus,
} from "./load-credentials.js";

export interface ProviderTableProps {
  providers: ProviderStatus[];
  onSetKey(provider: ProviderStatus): void;
  onRemove(provider: ProviderStatus): void;
  onLogin(provider: ProviderStatus): void;
}

/** Every provider with where its credential comes from, and what can be done about it. */
export function ProviderTable({ providers, onSetKey, onRemove, onLogin }: ProviderTableProps) {
  return (
    <div class="table-scroll">
      <table aria-label="Providers" class="credentials-providers">
        <thead>
          <tr>
            <th scope="col">Provider</th>
            <th scope="col">Models</th>
            <th scope="col">Credential</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {providers.map((provider) => (
            <tr key={provider.provider} data-provider={provider.provider}>
              <th scope="row">
                {provider.name}
                {provider.name !== provider.provider ? (
                  <span class="muted credentials-id">{provider.provider}</span>
                ) : null}
              </th>
              <td>
                {provider.availableModels}/{provider.models}
              </td>
              <td>
                <Credentials provider={provider} />
              </td>
              <td>
                <div class="credentials-actions">
                  <button
                    type="button"
                    class="small"
                    aria-label={`Set API key for ${provider.name}`}
                    onClick={() => onSetKey(provider)}
                  >
                    Set key
                  </button>
                  {provider.subscription ? (
                    <button
                      type="button"
                      class="small"
                      aria-label={`Log in to ${provider.subscription.name}`}
                      onClick={() => onLogin(provider)}
                    >
                      {provider.subscription.activeFlowId ? "Resume login" : "Log in"}
                    </button>
                  ) : null}
                  {hasStoredCredential(provider) ? (
                    <button
                      type="button"
                      class="small danger"
                      aria-label={`Remove stored credential for ${provider.name}`}
                      onClick={() => onRemove(provider)}
                    >
                      Remove
                    </button>
                  ) : null}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The credentials found, the one in use first. */
function Credentials({ provider }: { provider: ProviderStatus }) {
  const [used, ...others] = provider.credentials;
  if (!used) return <span class="badge">none</span>;
  return (
    <div class="credentials-sources">
      <span class="badge ok credentials-source">{describeCredential(used)}</span>
      {used.expiresAt ? (
        <span class="muted">expires {new Date(used.expiresAt).toLocaleString()}</span>
      ) : null}
      {others.map((credential) => (
        <span key={describeCredential(credential)} class="muted">
          also: {describeCredential(credential)}
        </span>
      ))}
    </div>
  );
}
