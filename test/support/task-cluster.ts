import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { FauxProviderRegistration } from "@mariozechner/pi-ai";
import { afterEach } from "vitest";
import type { NodeRole } from "../../src/config/index.js";
import { installFauxProvider, registerFauxModels } from "../../src/pi/faux-provider.js";
import { createInMemoryServices } from "../../src/server/in-memory-services.js";
import type { Services, TaskSettings } from "../../src/server/services.js";
import type { TaskRecord } from "../../src/tasks/index.js";
import { type TestClusterNode, useClusterNodes } from "./cluster-nodes.js";
import { scriptTaskAgent } from "./tasks.js";

/** One node of a test cluster: its cluster membership and the services built over it. */
export interface TaskNode {
  node: TestClusterNode;
  services: Services;
}

export interface TaskClusterOptions {
  /** Projects created before any node starts (each node's registry reads them at start). */
  projects: string[];
  tasks?: TaskSettings;
  leaseTtlMs?: number;
}

/**
 * Returns a function that builds task nodes on one shared workspace and one database:
 * `add(nodeId)` joins a node and builds its services (the task queue not yet started:
 * call `services.tasks.ready()`). The faux provider is installed once and every node's
 * org selects it. Services stop before their nodes leave.
 */
export function useTaskCluster(): (
  workspaceDir: string,
  databaseUrl: string,
  options: TaskClusterOptions,
) => Promise<{
  faux: FauxProviderRegistration;
  /**
   * Joins a node and builds its services; the first `node-a` is the one built with the
   * cluster, a later one is that node restarted. `tasks` overrides the cluster's settings.
   */
  add(nodeId: string, tasks?: TaskSettings, role?: NodeRole): Promise<TaskNode>;
}> {
  const joinNode = useClusterNodes();
  const built: Services[] = [];
  const fauxes: FauxProviderRegistration[] = [];
  afterEach(async () => {
    for (const services of built.splice(0)) {
      await services.stop().catch(() => undefined);
      await services.close().catch(() => undefined);
    }
    for (const faux of fauxes.splice(0)) faux.unregister();
  });
  return async (workspaceDir, databaseUrl, options) => {
    let faux: FauxProviderRegistration | undefined;
    const add = async (
      nodeId: string,
      tasks?: TaskSettings,
      role?: NodeRole,
    ): Promise<TaskNode> => {
      const node = await joinNode(databaseUrl, {
        nodeId,
        ...(role === undefined ? {} : { role }),
        ...(options.leaseTtlMs === undefined ? {} : { leaseTtlMs: options.leaseTtlMs }),
      });
      const services = await createInMemoryServices({
        workspaceDir,
        cluster: node,
        tasks: { clusterPollMs: 200, ...options.tasks, ...tasks },
      });
      built.push(services);
      if (!faux) {
        faux = installFauxProvider(services.credentials.org);
        fauxes.push(faux);
      } else registerFauxModels(services.credentials.org, "faux", faux.api, faux.models);
      return { node, services };
    };
    const first = await add("node-a");
    let firstTaken = false;
    for (const name of options.projects) await first.services.registry.createProject({ name });
    const created = faux as unknown as FauxProviderRegistration;
    await writeFile(
      join(workspaceDir, ".pi-global", "settings.json"),
      JSON.stringify({ defaultProvider: "faux", defaultModel: created.getModel().id }),
    );
    return {
      faux: created,
      add: async (nodeId, tasks, role) => {
        if (nodeId !== "node-a" || firstTaken) return add(nodeId, tasks, role);
        firstTaken = true;
        return first;
      },
    };
  };
}

/** Submits and approves a task whose prompt the scripted agent runs (`write <name>.txt`). */
export async function approveTask(
  services: Services,
  projectId: string,
  name: string,
  priority = 0,
): Promise<string> {
  const { task } = await services.tasks.submit(projectId, {
    title: name,
    prompt: `write ${name}.txt ${name}`,
    priority,
  });
  await services.tasks.approve(projectId, task.id);
  return task.id;
}

/** Polls `read` until `done` holds (default: 60 s). */
export async function waitFor<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = await read();
  while (!done(last)) {
    if (Date.now() > deadline) throw new Error(`never matched; last: ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
    last = await read();
  }
  return last;
}

/** A task as any node reads it. */
export function readTask(services: Services, projectId: string, taskId: string) {
  return services.tasks.get(projectId, taskId) as Promise<TaskRecord & { sessionStatus: unknown }>;
}

/** A test cluster as `useTaskCluster()` builds it. */
export type TaskCluster = Awaited<ReturnType<ReturnType<typeof useTaskCluster>>>;

/**
 * Node A of `cluster` (project `demo`) runs one slow task named `name` (its agent waits
 * `agent.delayMs`, 60 s until a test shortens it), and node B has joined since.
 */
export async function slowTaskOnNodeA(cluster: TaskCluster, name: string) {
  const agent = { delayMs: 60_000, starts: 0 };
  scriptTaskAgent(
    cluster.faux,
    { delayMs: () => agent.delayMs, onStart: () => (agent.starts += 1) },
    10,
  );
  const a = await cluster.add("node-a");
  await a.services.tasks.ready();
  const id = await approveTask(a.services, "demo", name);
  const running = await waitFor(
    () => readTask(a.services, "demo", id),
    (task) => task.sessionStatus === "streaming",
  );
  const b = await cluster.add("node-b");
  await b.services.tasks.ready();
  return { a, b, id, running, agent };
}
