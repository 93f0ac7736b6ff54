import { type AgentClient, createAgentClient } from "pi-agent-server-client";
import { createContext } from "preact";
import { useContext } from "preact/hooks";

/** The page's way to the API: the typed client, and whether it signs in with a token. */
export interface Connection {
  client: AgentClient;
  /** Whether requests carry a token; streams then open with tickets. */
  withToken: boolean;
  /** Forgets the token and returns to the token screen. */
  signOut(): void;
}

/** A client for the server that served this page (same origin), with `token` when given. */
export function clientFor(token: string | undefined): AgentClient {
  return createAgentClient({
    baseUrl: location.origin,
    ...(token === undefined ? {} : { token }),
  });
}

/**
 * Whether `token` (or none) is accepted: `"ok"`, `"unauthorized"` (401), or the error
 * that kept the server from answering.
 */
export async function probe(token: string | undefined): Promise<"ok" | "unauthorized"> {
  const { response } = await clientFor(token).GET("/v1/projects", {
    params: { query: { limit: 1 } },
  });
  if (response.status === 401) return "unauthorized";
  if (!response.ok) throw new Error(`the server answered ${response.status}`);
  return "ok";
}

export const ConnectionContext = createContext<Connection | undefined>(undefined);

/** The connection of the signed-in page. */
export function useConnection(): Connection {
  const connection = useContext(ConnectionContext);
  if (!connection) throw new Error("useConnection outside the signed-in console");
  return connection;
}

/** The typed API client of the signed-in page. */
export function useClient(): AgentClient {
  return useConnection().client;
}
