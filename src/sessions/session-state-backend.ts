import { askUserStoresFor } from "../ask-user/ask-user-backend.js";
import type { AskUserStores } from "../ask-user/ask-user-state-store.js";
import type { ClusterNode } from "../cluster/index.js";
import { PgUnsavedSessions, removeProjectUnsavedSessions } from "./pg-unsaved-sessions.js";
import { type UnsavedSessionStores, UnsavedSessions } from "./unsaved-sessions.js";

/** Where each project runtime keeps its sessions' `ask_user` state and unsaved records. */
export interface SessionStateStores {
  askUser: AskUserStores;
  unsaved: UnsavedSessionStores;
}

/**
 * The session state stores of this process: the cluster's database when it is a node of
 * one, else files beside each project's transcripts.
 *
 * @example
 * const runtimes = new RuntimeManager({ registry, org, stores: sessionStateStoresFor(cluster) });
 */
export function sessionStateStoresFor(cluster: ClusterNode | undefined): SessionStateStores {
  return { askUser: askUserStoresFor(cluster), unsaved: unsavedSessionStoresFor(cluster) };
}

/** Unsaved-session records in the cluster's database, or in files when there is none. */
export function unsavedSessionStoresFor(cluster: ClusterNode | undefined): UnsavedSessionStores {
  if (!cluster) {
    return {
      forProject: (_projectId, sessionsDir) => new UnsavedSessions(sessionsDir),
      removeProject: () => Promise.resolve(),
    };
  }
  const { database } = cluster;
  return {
    forProject: (projectId) => new PgUnsavedSessions(database, projectId),
    removeProject: (projectId) => removeProjectUnsavedSessions(database, projectId),
  };
}
