import { type AgentClient, type components, createAgentClient } from "pi-agent-server-client";
import { createContext } from "preact";
import { useContext } from "preact/hooks";

/** Who the console is signed in as: the answer of `GET /v1/whoami`. */
export type Caller = components["schemas"]["Caller"];
export type Role = Caller["role"];

/** The roles from least to most: each may do what the ones before it may. */
const roleOrder: readonly Role[] = ["viewer", "operator", "admin"];

/** Whether `held` is at least `needed`. */
export function roleAllows(held: Role, needed: Role): boolean {
  return roleOrder.indexOf(held) >= roleOrder.indexOf(needed);
}

/** The page's way to the API: the typed client, the caller, and whether it uses a token. */
export interface Connection {
  client: AgentClient;
  /** Whether requests carry a token; streams then open with tickets. */
  withToken: boolean;
  /** The token's name, role and project scope, as the server sees them. */
  caller: Caller;
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
 * Who `token` (or none) signs in as, `"unauthorized"` when it is refused (401), or the
 * error that kept the server from answering.
 */
export async function probe(token: string | undefined): Promise<Caller | "unauthorized"> {
  const { data, response } = await clientFor(token).GET("/v1/whoami");
  if (response.status === 401) return "unauthorized";
  if (!response.ok || data === undefined) throw new Error(`the server answered ${response.status}`);
  return data;
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

/**
 * Whether the signed-in caller holds at least `role`, to leave out controls the server
 * would refuse. The server decides in the end: a 403 still shows its problem.
 */
export function useCan(role: Role): boolean {
  return roleAllows(useConnection().caller.role, role);
}
