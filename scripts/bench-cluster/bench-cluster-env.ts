import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import {
  type NodeProcess,
  type NodeProcessOptions,
  startNodeProcess,
  stopNodeProcess,
} from "#test-support/cluster-processes.js";
import { type PostgresCluster, startPostgresCluster } from "../lib/postgres-cluster.js";

/** One cluster under test: a fresh database and a fresh shared workspace. */
export interface BenchCluster {
  databaseUrl: string;
  workspace: string;
  /** Starts a node process on this cluster's database and workspace. */
  start(options: Omit<NodeProcessOptions, "workspaceDir" | "databaseUrl">): Promise<NodeProcess>;
  /** Runs one query on the cluster's database. */
  query<Row extends pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** SIGKILLs this cluster's nodes that still run, so the next measurement has the CPU. */
  stop(): Promise<void>;
}

/**
 * The throwaway PostgreSQL server and temp directories of one benchmark run. `cluster()`
 * makes a fresh database and workspace; `close()` SIGKILLs every node started, drops the
 * server and deletes the directories.
 */
export interface BenchEnvironment {
  cluster(): Promise<BenchCluster>;
  /** A new temp directory, deleted on `close()`. */
  tempDir(): Promise<string>;
  close(): Promise<void>;
}

export async function openBenchEnvironment(leaseTtlMs: number): Promise<BenchEnvironment> {
  const postgres: PostgresCluster = await startPostgresCluster();
  const root = await mkdtemp(join(tmpdir(), "bench-cluster-"));
  const nodes: NodeProcess[] = [];
  const clients: pg.Client[] = [];
  let dirs = 0;
  let databases = 0;
  const tempDir = async () => mkdtemp(join(root, `d${dirs++}-`));

  const cluster = async (): Promise<BenchCluster> => {
    const name = `bench_${databases++}`;
    const admin = new pg.Client({ connectionString: postgres.adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`).finally(() => admin.end());
    const url = new URL(postgres.adminUrl);
    url.pathname = `/${name}`;
    const databaseUrl = url.toString();
    const workspace = await tempDir();
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    clients.push(client);
    const own: NodeProcess[] = [];
    return {
      databaseUrl,
      workspace,
      async start(options) {
        const node = await startNodeProcess({
          leaseTtlMs,
          ...options,
          workspaceDir: workspace,
          databaseUrl,
        });
        nodes.push(node);
        own.push(node);
        return node;
      },
      async stop() {
        await Promise.all(own.splice(0).map((node) => stopNodeProcess(node, "SIGKILL")));
      },
      async query(sql, params) {
        return (await client.query(sql, params)).rows;
      },
    };
  };

  return {
    cluster,
    tempDir,
    async close() {
      await Promise.all(nodes.splice(0).map((node) => stopNodeProcess(node, "SIGKILL")));
      await Promise.all(clients.splice(0).map((client) => client.end().catch(() => undefined)));
      try {
        postgres.stop();
      } finally {
        await rm(root, { recursive: true, force: true });
      }
    },
  };
}
