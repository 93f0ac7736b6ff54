import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { ClusterConfig, NodeRole } from "../config/index.js";
import { type Logger, silentLogger } from "../logging/logger.js";
import { type Database, openDatabase } from "../storage/postgres/index.js";
import { NodeRegistry } from "./node-registry.js";

/**
 * This process as one node of a cluster: the shared database, its name and role, where
 * the other nodes reach it, the secret they share and how long a lease lasts. Present on
 * `Services` only when `STATE_STORE=postgres`; every service picks its shared-state
 * backend from it (see docs/scale-out.md).
 */
export interface ClusterNode {
  readonly database: Database;
  readonly nodeId: string;
  readonly role: NodeRole;
  /** This node's row and heartbeat; it renews every lease the node holds. */
  readonly nodes: NodeRegistry;
  /** Shared by every node: signs forwarded requests and stream tickets. */
  readonly secret: string;
  /** A lease not renewed within this is free to take. */
  readonly leaseTtlMs: number;
}

/** Whether a node of `role` runs sessions and tasks itself (`api` nodes forward instead). */
export function runsSessions(role: NodeRole): boolean {
  return role !== "api";
}

/** Whether a node of `role` serves the public API (`worker` nodes serve only internal routes). */
export function servesApi(role: NodeRole): boolean {
  return role !== "worker";
}

/** A node id unique enough without configuration: host, process id, random suffix. */
export function defaultNodeId(): string {
  const host = hostname()
    .replace(/[^A-Za-z0-9.-]/g, "-")
    .slice(0, 40);
  return `${host}-${process.pid}-${randomBytes(3).toString("hex")}`;
}

export interface JoinClusterOptions {
  logger?: Logger;
  /** Connections this node holds at most. Default 10. */
  maxConnections?: number;
  /** Called with the resources whose leases this node lost. */
  onLeasesLost?: (resources: string[]) => void;
}

/**
 * Connects to the shared database (running its migrations), registers this node and
 * starts its heartbeat. `leave()` stops the heartbeat, gives up the node's leases and
 * closes the database.
 */
export async function joinCluster(
  config: ClusterConfig,
  options: JoinClusterOptions = {},
): Promise<ClusterNode & { leave(): Promise<void> }> {
  const logger = options.logger ?? silentLogger;
  const nodeId = config.nodeId ?? defaultNodeId();
  const database = await openDatabase(config.databaseUrl, {
    logger,
    applicationName: `pi-agent-server ${nodeId}`,
    ...(options.maxConnections === undefined ? {} : { maxConnections: options.maxConnections }),
  });
  const nodes = new NodeRegistry({
    database,
    nodeId,
    role: config.role,
    nodeUrl: config.nodeUrl,
    leaseTtlMs: config.leaseTtlMs,
    logger,
    ...(options.onLeasesLost ? { onLeasesLost: options.onLeasesLost } : {}),
  });
  try {
    await nodes.start();
  } catch (error) {
    await database.close();
    throw error;
  }
  return {
    database,
    nodeId,
    role: config.role,
    nodes,
    secret: config.secret,
    leaseTtlMs: config.leaseTtlMs,
    async leave() {
      await nodes.stop();
      await database.close();
    },
  };
}
