import type { NodeRole } from "../../src/config/index.js";
import { runTs, type TsProcess, waitForOutput } from "./processes.js";
import { apiToken, webhookSecret } from "./tasks.js";

/** The cluster secret of node processes started here. */
export const processClusterSecret = "process-cluster-secret-0123456789abcdef";

export interface NodeProcess extends TsProcess {
  nodeId: string;
  url: string;
  /** `fetch` of `/v1<path>` on this node with the API token (or `token`). */
  api(path: string, init?: { method?: string; body?: unknown; token?: string }): Promise<Response>;
}

export interface NodeProcessOptions {
  nodeId: string;
  role?: NodeRole;
  workspaceDir: string;
  databaseUrl: string;
  /** Default 2,000 ms, so failover tests finish quickly. */
  leaseTtlMs?: number;
  /** Extra environment (e.g. `FAUX_DELAY_MS`, `TASK_CONCURRENCY`). */
  env?: Record<string, string>;
}

/**
 * Starts one node of a cluster as its own process (`test/fixtures/cluster-node.ts`: the
 * standalone server with `STATE_STORE=postgres` and a faux agent), and waits until it
 * listens. The API token and the task webhook secret are the test ones.
 */
export async function startNodeProcess(options: NodeProcessOptions): Promise<NodeProcess> {
  const proc = runTs("test/fixtures/cluster-node.ts", {
    env: {
      WORKSPACE_DIR: options.workspaceDir,
      AGENT_SERVER_PORT: "0",
      AGENT_SERVER_TOKEN: apiToken,
      WEBHOOK_SECRET: webhookSecret,
      AGENT_SERVER_SHUTDOWN_GRACE_MS: "200",
      STATE_STORE: "postgres",
      DATABASE_URL: options.databaseUrl,
      AGENT_SERVER_CLUSTER_SECRET: processClusterSecret,
      AGENT_SERVER_NODE_ID: options.nodeId,
      AGENT_SERVER_ROLE: options.role ?? "all",
      CLUSTER_LEASE_TTL_MS: String(options.leaseTtlMs ?? 2000),
      ...options.env,
    },
  });
  let url: string;
  try {
    url = (await waitForOutput(proc, /listening on (http:\/\/\S+)/, 60_000))[1] as string;
  } catch (error) {
    proc.child.kill("SIGKILL");
    throw error;
  }
  const api: NodeProcess["api"] = (path, init = {}) =>
    fetch(`${url}/v1${path}`, {
      method: init.method ?? "GET",
      headers: {
        authorization: `Bearer ${init.token ?? apiToken}`,
        ...(init.body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
  return { ...proc, nodeId: options.nodeId, url, api };
}

/** Stops a node process: SIGTERM (a clean leave) or SIGKILL (a crash); waits for it to end. */
export async function stopNodeProcess(
  node: NodeProcess,
  signal: "SIGTERM" | "SIGKILL" = "SIGTERM",
): Promise<void> {
  if (node.child.exitCode !== null || node.child.signalCode !== null) return;
  node.child.kill(signal);
  await node.exited;
}
