import { afterEach } from "vitest";
import { type ClusterNode, joinCluster } from "../../src/cluster/index.js";
import type { NodeRole } from "../../src/config/index.js";

export interface TestNodeOptions {
  nodeId: string;
  role?: NodeRole;
  /** Default 1,500 ms: short, so failover tests finish quickly. */
  leaseTtlMs?: number;
  /** Default: a fixed test secret shared by every test node. */
  secret?: string;
}

/** The secret every test node shares unless told otherwise. */
export const testClusterSecret = "test-cluster-secret-0123456789abcdef";

export type TestClusterNode = ClusterNode & {
  leave(): Promise<void>;
  /** Goes silent without giving anything up (as SIGKILL would) and disconnects. */
  crash(): Promise<void>;
};

/**
 * Returns a function that joins a cluster node (a real database connection, node row and
 * heartbeat) to the database at `databaseUrl`; every node joined in a test leaves after it.
 * Several nodes in one process stand for several processes: each has its own pool,
 * listener and leases.
 */
export function useClusterNodes(): (
  databaseUrl: string,
  options: TestNodeOptions,
) => Promise<TestClusterNode> {
  const joined: TestClusterNode[] = [];
  afterEach(async () => {
    await Promise.all(joined.splice(0).map((node) => node.leave().catch(() => undefined)));
  });
  return async (databaseUrl, options) => {
    const node = await joinCluster(
      {
        databaseUrl,
        role: options.role ?? "all",
        nodeId: options.nodeId,
        nodeUrl: undefined,
        secret: options.secret ?? testClusterSecret,
        leaseTtlMs: options.leaseTtlMs ?? 1500,
      },
      { maxConnections: 5 },
    );
    const testNode: TestClusterNode = {
      ...node,
      leave: () => node.leave(),
      async crash() {
        await node.nodes.silence();
        await node.database.close();
      },
    };
    joined.push(testNode);
    return testNode;
  };
}
