import { type components, unwrap } from "pi-agent-server-client";
import { useEffect, useRef, useState } from "preact/hooks";
import { useClient } from "../../../api/connection.js";
import { useSessionEvents } from "../session-stream-context.js";

/** A blocking extension dialog (select, confirm, input, editor) waiting for an answer. */
export type PendingDialog = components["schemas"]["PendingExtensionUiRequest"];

/** A fire-and-forget notification an extension showed. */
export interface ExtensionNotice {
  id: string;
  message: string;
  notifyType: "info" | "warning" | "error";
}

/** Only the latest notifications stay on screen. */
const maxNotices = 5;

export interface ExtensionDialogs {
  dialogs: PendingDialog[];
  notices: ExtensionNotice[];
  error: unknown;
  /** Takes a dialog off the page (answered here, elsewhere, or gone). */
  settle(id: string): void;
  dismissNotice(id: string): void;
}

/**
 * The session's pending extension dialogs: listed once on mount (requests made before
 * the page opened), then kept current from the stream. A request resolved while the
 * list was loading never comes back, whichever of the two answers arrives first.
 */
export function useExtensionDialogs(projectId: string, sessionId: string): ExtensionDialogs {
  const client = useClient();
  const [dialogs, setDialogs] = useState<PendingDialog[]>([]);
  const [notices, setNotices] = useState<ExtensionNotice[]>([]);
  const [error, setError] = useState<unknown>(undefined);
  const settled = useRef(new Set<string>());
  /** Dialogs the stream brought while the list was loading: newer than the list. */
  const arrived = useRef(new Set<string>());
  const [generation, setGeneration] = useState(0);

  const add = (dialog: PendingDialog) => {
    if (settled.current.has(dialog.id)) return;
    arrived.current.add(dialog.id);
    setDialogs((current) =>
      current.some((known) => known.id === dialog.id) ? current : [...current, dialog],
    );
  };

  const settle = (id: string) => {
    settled.current.add(id);
    setDialogs((current) => current.filter((dialog) => dialog.id !== id));
  };

  useEffect(() => {
    let stale = false;
    arrived.current.clear();
    void (async () => {
      try {
        const listed = unwrap(
          await client.GET("/v1/projects/{projectId}/sessions/{sessionId}/extension-ui", {
            params: { path: { projectId, sessionId } },
          }),
        );
        if (stale) return;
        setError(undefined);
        const open = new Set(listed.items.map((item) => item.id));
        // After a gap in the stream the list is the truth: drop what it no longer holds,
        // except what the stream brought since the list was asked for.
        const fresh = new Set(arrived.current);
        setDialogs((current) =>
          current.filter((dialog) => open.has(dialog.id) || fresh.has(dialog.id)),
        );
        for (const item of listed.items) add(item);
      } catch (failure) {
        if (!stale) setError(failure);
      }
    })();
    return () => {
      stale = true;
    };
  }, [client, projectId, sessionId, generation]);

  useSessionEvents((event) => {
    if (event.type === "extension_ui_request") {
      // Of the extension's requests only the blocking dialogs carry `createdAt`.
      if ("createdAt" in event) {
        add(event);
      } else if (event.method === "notify") {
        const notice: ExtensionNotice = {
          id: event.id,
          message: event.message,
          notifyType: event.notifyType,
        };
        setNotices((current) => [...current, notice].slice(-maxNotices));
      }
    } else if (event.type === "extension_ui_resolved") {
      settle(event.id);
    } else if (event.type === "replay_gap") {
      setGeneration((value) => value + 1);
    }
  });

  return {
    dialogs,
    notices,
    error,
    settle,
    dismissNotice: (id) => setNotices((current) => current.filter((notice) => notice.id !== id)),
  };
}
