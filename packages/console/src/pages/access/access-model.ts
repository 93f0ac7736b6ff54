import { type AgentClient, type components, unwrap } from "pi-agent-server-client";

export type ApiToken = components["schemas"]["ApiToken"];
export type CreatedApiToken = components["schemas"]["CreatedApiToken"];
export type AuditRecord = components["schemas"]["AuditRecord"];
export type AuditPage = components["schemas"]["AuditPage"];
export type Role = ApiToken["role"];

export const roleChoices: readonly { role: Role; label: string }[] = [
  { role: "viewer", label: "viewer (read only)" },
  { role: "operator", label: "operator (projects, sessions, tasks)" },
  { role: "admin", label: "admin (everything)" },
];

export async function loadTokens(client: AgentClient): Promise<ApiToken[]> {
  return unwrap(await client.GET("/v1/tokens")).items;
}

/** What the audit trail is filtered by; every field optional. */
export interface AuditFilter {
  from?: string;
  to?: string;
  tokenId?: string;
  projectId?: string;
  action?: string;
}

/** Records per page of the audit trail. */
export const auditPageSize = 50;

/** One page of the audit trail, newest first, older than `before` when given. */
export async function loadAudit(
  client: AgentClient,
  filter: AuditFilter,
  before: number | undefined,
): Promise<AuditPage> {
  return unwrap(
    await client.GET("/v1/audit", {
      params: {
        query: {
          ...filter,
          limit: auditPageSize,
          ...(before === undefined ? {} : { before }),
        },
      },
    }),
  );
}

/** A `datetime-local` value (the reader's time zone) as an ISO instant, or undefined. */
export function instantOf(local: string): string | undefined {
  if (local === "") return undefined;
  const time = new Date(local);
  return Number.isNaN(time.getTime()) ? undefined : time.toISOString();
}
