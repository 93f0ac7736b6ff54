import type { ClusterNode } from "../cluster/index.js";
import type { AskUserStores } from "./ask-user-state-store.js";
import { AskUserStore } from "./ask-user-store.js";
import { PgAskUserStore, removeProjectAskUserState } from "./pg-ask-user-store.js";

/**
 * Where `ask_user` state lives: the cluster's database when this process is a node of
 * one, else files beside each project's transcripts.
 *
 * @example
 * const runtimes = new RuntimeManager({ registry, org, askUserStores: askUserStoresFor(cluster) });
 */
export function askUserStoresFor(cluster: ClusterNode | undefined): AskUserStores {
  if (!cluster) {
    return {
      forProject: (_projectId, sessionsDir) => new AskUserStore(sessionsDir),
      removeProject: () => Promise.resolve(),
    };
  }
  const { database } = cluster;
  return {
    forProject: (projectId) => new PgAskUserStore(database, projectId),
    removeProject: (projectId) => removeProjectAskUserState(database, projectId),
  };
}
