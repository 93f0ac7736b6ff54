export type { components, operations, paths } from "../contract/openapi.generated.js";
export type {
  AgentMessage,
  AssistantMessage,
  CompactWireEvent,
  TaskStreamEvent,
  WireEvent,
} from "../contract/wire-event.generated.js";
export {
  AgentApiError,
  type AgentClient,
  type AgentClientOptions,
  type AgentConnection,
  createAgentClient,
  unwrap,
} from "./agent-client.js";
export {
  EventStreamError,
  type EventStreamOptions,
  type SessionEventStreamOptions,
  type StreamedEvent,
  streamSessionEvents,
  streamTaskEvents,
} from "./event-stream.js";
export {
  answerDialog,
  ensureProject,
  type PromptResult,
  type RunPromptOptions,
  runPrompt,
  type SessionRef,
} from "./flows.js";
export { FullViewExpander } from "./full-view.js";
export { MessageAccumulator, parseStreamingArguments } from "./message-accumulator.js";
