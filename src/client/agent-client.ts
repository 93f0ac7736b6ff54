import createClient, { type Client } from "openapi-fetch";
import type { paths } from "../contract/openapi.generated.js";

/** Where the server is and how to authenticate to it. */
export interface AgentClientOptions {
  /** Server origin, e.g. `http://127.0.0.1:4001`. */
  baseUrl: string;
  /** The server's `AGENT_SERVER_TOKEN`, sent as `Authorization: Bearer …`. Default: none. */
  token?: string;
  /** Default: the global `fetch`. */
  fetch?: typeof fetch;
}

/** What the event streams need to reach the same server as the REST client. */
export interface AgentConnection {
  baseUrl: string;
  headers: Record<string, string>;
  fetch?: typeof fetch;
}

/** An `openapi-fetch` client typed with the API's `paths`, plus how to open its streams. */
export type AgentClient = Client<paths> & { readonly connection: AgentConnection };

/** The server answered a request with an error (a problem document when it sent one). */
export class AgentApiError extends Error {
  readonly status: number;
  readonly problem: unknown;

  constructor(status: number, problem: unknown) {
    const { code, detail } = (problem ?? {}) as { code?: unknown; detail?: unknown };
    const reason = [code, detail].filter((part) => typeof part === "string").join(": ");
    super(`request failed with ${status}${reason ? ` (${reason})` : ""}`);
    this.name = "AgentApiError";
    this.status = status;
    this.problem = problem;
  }
}

/**
 * A typed REST client for a pi agent server: paths, parameters, bodies and answers are
 * checked by the compiler. The token, when given, goes on every request and stream.
 *
 * @example
 * const client = createAgentClient({ baseUrl: "http://127.0.0.1:4001", token });
 * const { data, error } = await client.GET("/v1/projects");
 */
export function createAgentClient(options: AgentClientOptions): AgentClient {
  const headers: Record<string, string> =
    options.token === undefined ? {} : { authorization: `Bearer ${options.token}` };
  const custom = options.fetch;
  const client = createClient<paths>({
    baseUrl: options.baseUrl,
    headers,
    ...(custom ? { fetch: (request: Request) => custom(request) } : {}),
  });
  const connection: AgentConnection = {
    baseUrl: options.baseUrl,
    headers,
    ...(custom ? { fetch: custom } : {}),
  };
  return Object.assign(client, { connection });
}

/** The `data` of an openapi-fetch answer, or an `AgentApiError` when it failed. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.error !== undefined || !result.response.ok) {
    throw new AgentApiError(result.response.status, result.error);
  }
  return result.data as T;
}
