import type { AgentSessionEvent } from "@mariozechner/pi-coding-agent";
import type { ServerEvent } from "../contract/server-events.js";

/**
 * One event of a session's SSE stream, as the server sees it: pi's own events plus the
 * ones the server injects. Consumers use the generated equivalent
 * (`src/contract/wire-event.generated.ts`, component `WireEvent` of `openapi.json`).
 */
export type WireEvent = AgentSessionEvent | ServerEvent;
