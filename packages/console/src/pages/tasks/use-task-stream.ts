import { unwrap } from "pi-agent-server-client";
import { useEffect, useRef, useState } from "preact/hooks";
import { useConnection } from "../../api/connection.js";
import { openLiveStream, type StreamState } from "../../api/live-stream.js";
import type { TaskStreamEvent } from "./task-model.js";

/**
 * Follows the org task stream for as long as the page is shown. With a token each
 * (re)open asks for a fresh ticket, since `EventSource` cannot send the header.
 * `onOpen` runs whenever the stream (re)connects: a stream opened without a last id
 * starts from now, so whatever changed before it opened is only seen by reloading.
 */
export function useTaskStream(
  onEvent: (event: TaskStreamEvent) => void,
  onOpen: () => void,
): StreamState {
  const { client, withToken } = useConnection();
  const [state, setState] = useState<StreamState>("connecting");
  const handlers = useRef({ onEvent, onOpen });
  handlers.current = { onEvent, onOpen };

  useEffect(() => {
    const stream = openLiveStream<TaskStreamEvent>({
      url: async () => {
        if (!withToken) return "/v1/tasks/events";
        return unwrap(await client.POST("/v1/tasks/events/tickets")).url;
      },
      onEvent: (event) => handlers.current.onEvent(event),
      onState: (next) => {
        setState(next);
        if (next === "open") handlers.current.onOpen();
      },
    });
    return () => stream.close();
  }, [client, withToken]);

  return state;
}
