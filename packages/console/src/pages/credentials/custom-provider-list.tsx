import { CustomProviderForm } from "./custom-provider-form.js";
import type { CustomProvider } from "./load-credentials.js";

export interface CustomProviderListProps {
  providers: CustomProvider[];
  /** The provider whose edit form is open, if any. */
  editing: string | undefined;
  onEdit(provider: string | undefined): void;
  onDelete(provider: CustomProvider): void;
  onSaved(): void;
}

/** The providers of `models.json`, each editable in place. */
export function CustomProviderList(props: CustomProviderListProps) {
  if (props.providers.length === 0) return <p class="empty">No custom providers yet.</p>;
  return (
    <ul class="credentials-custom-list" aria-label="Custom providers">
      {props.providers.map((provider) => (
        <li key={provider.provider} class="card">
          <div class="credentials-custom-head">
            <div>
              <strong>{provider.name ?? provider.provider}</strong>{" "}
              <span class="muted">{provider.provider}</span>
            </div>
            <div class="credentials-actions">
              <button
                type="button"
                class="small"
                aria-label={`Edit custom provider ${provider.provider}`}
                aria-expanded={props.editing === provider.provider}
                onClick={() =>
                  props.onEdit(props.editing === provider.provider ? undefined : provider.provider)
                }
              >
                Edit
              </button>
              <button
                type="button"
                class="small danger"
                aria-label={`Delete custom provider ${provider.provider}`}
                onClick={() => props.onDelete(provider)}
              >
                Delete
              </button>
            </div>
          </div>
          <dl class="credentials-facts">
            <dt>Base URL</dt>
            <dd>
              <code>{provider.baseUrl ?? "—"}</code>
            </dd>
            <dt>API</dt>
            <dd>{provider.api ?? "—"}</dd>
            <dt>API key</dt>
            <dd>{provider.hasApiKey ? "stored" : "none"}</dd>
            {provider.headerNames.length > 0 ? (
              <>
                <dt>Headers</dt>
                <dd>{provider.headerNames.join(", ")}</dd>
              </>
            ) : null}
            <dt>Models</dt>
            <dd>{provider.models.map((model) => model.name ?? model.id).join(", ")}</dd>
          </dl>
          {props.editing === provider.provider ? (
            <CustomProviderForm
              editing={provider}
              onSaved={() => {
                props.onEdit(undefined);
                props.onSaved();
              }}
              onCancel={() => props.onEdit(undefined)}
            />
          ) : null}
        </li>
      ))}
    </ul>
  );
}
