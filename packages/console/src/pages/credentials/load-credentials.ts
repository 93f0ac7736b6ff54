import { type AgentClient, type components, unwrap } from "pi-agent-server-client";

export type ProviderStatus = components["schemas"]["ProviderStatus"];
export type CredentialSource = components["schemas"]["CredentialSource"];
export type CustomProvider = components["schemas"]["CustomProvider"];
export type CustomProviderInput = components["schemas"]["CustomProviderInput"];
export type SubscriptionFlow = components["schemas"]["SubscriptionFlow"];

export async function loadProviders(client: AgentClient): Promise<ProviderStatus[]> {
  return unwrap(await client.GET("/v1/auth/providers")).items;
}

export async function loadCustomProviders(client: AgentClient): Promise<CustomProvider[]> {
  return unwrap(await client.GET("/v1/custom/providers")).items;
}

const sourceLabels: Record<CredentialSource["source"], string> = {
  stored: "stored",
  environment: "environment",
  models_json: "models.json",
  server_config: "server config",
};

/** A credential in words, e.g. `API key · environment (ANTHROPIC_API_KEY)`. */
export function describeCredential(credential: CredentialSource): string {
  const kind = credential.type === "oauth" ? "Subscription" : "API key";
  const variable = credential.variable ? ` (${credential.variable})` : "";
  return `${kind} · ${sourceLabels[credential.source]}${variable}`;
}

/** Whether the provider has a credential in `auth.json`, which the page can remove. */
export function hasStoredCredential(provider: ProviderStatus): boolean {
  return provider.credentials.some((credential) => credential.source === "stored");
}
