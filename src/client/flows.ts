import type { components } from "../contract/openapi.generated.js";
import type { AssistantMessage, CompactWireEvent } from "../contract/wire-event.generated.js";
import { type AgentClient, unwrap } from "./agent-client.js";
import { streamSessionEvents } from "./event-stream.js";

type Schemas = components["schemas"];

/** A session of a project. */
export interface SessionRef {
  projectId: string;
  sessionId: string;
}

/**
 * The project named `name`, created when it does not exist yet (the server makes this
 * idempotent: the same name gives the same project).
 *
 * @example
 * const project = await ensureProject(client, "My App"); // project.id === "my-app"
 */
export async function ensureProject(
  client: AgentClient,
  name: string,
): Promise<Schemas["Project"]> {
  return unwrap(await client.POST("/v1/projects", { body: { name } }));
}

export interface RunPromptOptions extends SessionRef {
  text: string;
  /** Called with every event of the run, e.g. to render it or answer a dialog. */
  onEvent?: (event: CompactWireEvent) => void | Promise<void>;
  /** Stops waiting (the run itself goes on; abort it with `sessions.abort`). */
  signal?: AbortSignal;
}

/** How a run ended. */
export interface PromptResult {
  /** The run's last assistant message, undefined when it produced none. */
  message: AssistantMessage | undefined;
  /** Every message of the run, as `agent_end` reported them. */
  messages: Extract<CompactWireEvent, { type: "agent_end" }>["messages"];
}

/**
 * Prompts a session and follows its stream to the run's `agent_end`. The stream is read
 * from the session's `lastEventId` as it was before the prompt, so no event of the run
 * is missed however late the connection opens.
 *
 * @example
 * const { message } = await runPrompt(client, { projectId, sessionId, text: "Hello" });
 */
export async function runPrompt(
  client: AgentClient,
  options: RunPromptOptions,
): Promise<PromptResult> {
  const path = { projectId: options.projectId, sessionId: options.sessionId };
  const session = unwrap(
    await client.GET("/v1/projects/{projectId}/sessions/{sessionId}", { params: { path } }),
  );
  const controller = new AbortController();
  const stop = () => controller.abort();
  options.signal?.addEventListener("abort", stop, { once: true });
  const events = streamSessionEvents({
    ...client.connection,
    ...path,
    lastEventId: session.lastEventId,
    signal: controller.signal,
  });
  try {
    const first = events.next();
    first.catch(() => undefined);
    unwrap(
      await client.POST("/v1/projects/{projectId}/sessions/{sessionId}/prompt", {
        params: { path },
        body: { text: options.text },
      }),
    );
    for (let next = await first; !next.done; next = await events.next()) {
      const event = next.value.event;
      await options.onEvent?.(event);
      if (event.type === "agent_end") {
        const assistant = event.messages.filter((message) => message.role === "assistant");
        return {
          message: assistant.at(-1) as AssistantMessage | undefined,
          messages: event.messages,
        };
      }
    }
    throw new Error("the event stream ended before agent_end");
  } finally {
    options.signal?.removeEventListener("abort", stop);
    controller.abort();
    await events.return();
  }
}

/**
 * Answers an extension's dialog (`extension_ui_request` with `method` `select`,
 * `confirm`, `input` or `editor`).
 *
 * @example
 * await answerDialog(client, { projectId, sessionId, requestId: event.id }, { confirmed: true });
 */
export async function answerDialog(
  client: AgentClient,
  request: SessionRef & { requestId: string },
  answer: Schemas["ExtensionUiAnswer"],
): Promise<void> {
  unwrap(
    await client.POST(
      "/v1/projects/{projectId}/sessions/{sessionId}/extension-ui/{requestId}/response",
      { params: { path: request }, body: answer },
    ),
  );
}
