import type { AgentSessionEvent } from "../pi/agent-sessions.js";
import { type MessageRecord, maxErrorLength } from "./usage-records.js";

/** An assistant message as pi ends it. */
export type AssistantMessage = Extract<
  Extract<AgentSessionEvent, { type: "message_end" }>["message"],
  { role: "assistant" }
>;

/**
 * What a record keeps of an assistant message: its model, pi's usage (tokens and cost,
 * zero where a provider reported none), its stop reason and a shortened error.
 */
export function assistantUsage(
  message: AssistantMessage,
): Pick<MessageRecord, "provider" | "model" | "tokens" | "cost" | "stopReason" | "error"> {
  const usage = message.usage;
  const cost = usage?.cost;
  return {
    provider: message.provider,
    model: message.model,
    tokens: {
      input: usage?.input ?? 0,
      output: usage?.output ?? 0,
      cacheRead: usage?.cacheRead ?? 0,
      cacheWrite: usage?.cacheWrite ?? 0,
      total: usage?.totalTokens ?? 0,
    },
    cost: {
      input: cost?.input ?? 0,
      output: cost?.output ?? 0,
      cacheRead: cost?.cacheRead ?? 0,
      cacheWrite: cost?.cacheWrite ?? 0,
      total: cost?.total ?? 0,
    },
    stopReason: message.stopReason,
    error: message.errorMessage ? message.errorMessage.slice(0, maxErrorLength) : null,
  };
}
