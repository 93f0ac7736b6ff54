import { useState } from "preact/hooks";
import { useSessionEvents } from "../session-stream-context.js";

export interface ExtensionStatus {
  /** Status line entries by key, in the order they first appeared. */
  statuses: [key: string, text: string][];
  /** Text widgets by key. */
  widgets: [key: string, lines: string[]][];
}

/** Sets `key` to `value`, or removes it when `value` is undefined, keeping the order. */
function assign<T>(entries: [string, T][], key: string, value: T | undefined): [string, T][] {
  if (value === undefined) return entries.filter(([known]) => known !== key);
  const index = entries.findIndex(([known]) => known === key);
  if (index === -1) return [...entries, [key, value]];
  return entries.map((entry, at) => (at === index ? [key, value] : entry));
}

/**
 * What extensions keep on show while the page is open: status line entries and text
 * widgets. The server does not list them, so they start empty and follow the stream.
 */
export function useExtensionStatus(): ExtensionStatus {
  const [statuses, setStatuses] = useState<[string, string][]>([]);
  const [widgets, setWidgets] = useState<[string, string[]][]>([]);
  useSessionEvents((event) => {
    if (event.type !== "extension_ui_request") return;
    if (event.method === "setStatus") {
      setStatuses((current) => assign(current, event.statusKey, event.statusText || undefined));
    } else if (event.method === "setWidget") {
      const lines = event.widgetLines?.length ? event.widgetLines : undefined;
      setWidgets((current) => assign(current, event.widgetKey, lines));
    }
  });
  return { statuses, widgets };
}
