import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { afterEach } from "vitest";
import type { NodeRole } from "../../src/config/index.js";
import { createApp } from "../../src/server/create-app.js";
import {
  createInMemoryServices,
  type InMemoryServices,
} from "../../src/server/in-memory-services.js";
import { type TestClusterNode, useClusterNodes } from "./cluster-nodes.js";
import { installFauxProvider } from "./faux.js";

/** The bootstrap token every test node accepts. */
export const clusterAppToken = "cluster-test-token-0123456789abcdefghij";

export interface ClusterApp {
  node: TestClusterNode;
  services: InMemoryServices;
  faux: ReturnType<typeof installFauxProvider>;
  /** Where the node listens (and announced itself). */
  url: string;
  /** Calls `/v1{path}` on this node with the bootstrap token, JSON-encoding `body`. */
  api(path: string, init?: { method?: string; body?: unknown }): Promise<Response>;
  /** Stops answering and goes silent without giving anything up, as SIGKILL would. */
  crash(): Promise<void>;
}

export interface ClusterAppOptions {
  nodeId: string;
  role?: NodeRole;
  /** Default 1,500 ms. */
  leaseTtlMs?: number;
  /** An idle runtime unused this long is disposed. Default 0: never. */
  runtimeIdleEvictMs?: number;
}

/**
 * Returns a function that starts one node of a cluster in this process: a cluster node
 * on `databaseUrl`, full services over the shared `workspaceDir`, the app listening on a
 * loopback port it announces, and pi's faux provider. Everything stops after each test.
 */
export function useClusterApps() {
  const joinNode = useClusterNodes();
  const running: Array<{ stop(): Promise<void> }> = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((app) => app.stop()));
  });

  return async (
    databaseUrl: string,
    workspaceDir: string,
    options: ClusterAppOptions,
  ): Promise<ClusterApp> => {
    const node = await joinNode(databaseUrl, {
      nodeId: options.nodeId,
      ...(options.role ? { role: options.role } : {}),
      ...(options.leaseTtlMs ? { leaseTtlMs: options.leaseTtlMs } : {}),
    });
    const services = await createInMemoryServices({
      workspaceDir,
      cluster: node,
      ...(options.runtimeIdleEvictMs ? { runtimeIdleEvictMs: options.runtimeIdleEvictMs } : {}),
    });
    const faux = installFauxProvider(services.credentials.org);
    const app = createApp(services, { apiToken: clusterAppToken });
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const listening = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 }, () =>
        resolve(listening),
      );
    });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await node.nodes.announce(url);
    const closeServer = () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ("closeAllConnections" in server) server.closeAllConnections();
      });
    let stopped = false;
    running.push({
      async stop() {
        if (!stopped) await closeServer();
        stopped = true;
        await services.stop();
        await services.close();
        faux.unregister();
      },
    });
    return {
      node,
      services,
      faux,
      url,
      api: (path, init = {}) =>
        fetch(`${url}/v1${path}`, {
          method: init.method ?? "GET",
          headers: {
            authorization: `Bearer ${clusterAppToken}`,
            ...(init.body === undefined ? {} : { "content-type": "application/json" }),
          },
          ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
        }),
      async crash() {
        stopped = true;
        await closeServer();
        await node.crash();
      },
    };
  };
}
