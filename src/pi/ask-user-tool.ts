import { Type } from "@mariozechner/pi-ai";
import {
  type AgentSession,
  type AgentSessionEvent,
  defineTool,
  type ExtensionFactory,
  type ToolDefinition,
} from "@mariozechner/pi-coding-agent";

export const askUserToolName = "ask_user";

/**
 * Appended to the system prompt of every run that starts while `ask_user` is enabled,
 * so the model keeps pulling feedback instead of ending with a direct reply.
 */
export const askUserLoopPolicy = [
  "## Feedback loop (ask_user)",
  "Use the ask_user tool whenever you need feedback, a decision or the next instruction.",
  "After every completed step, call ask_user instead of ending your turn with a direct reply,",
  "and treat each answer as the user's instruction.",
  'End with a direct reply only after ask_user answers "stop".',
].join("\n");

/** What the server supplies to make `ask_user` work in one session. */
export interface AskUserHooks {
  /** Whether the tool is offered and the loop policy appended; read when each run starts. */
  isEnabled(): boolean;
  /** Answers one question; resolves to the text handed back to the model. */
  ask(
    question: string,
    call: { toolCallId: string; signal: AbortSignal | undefined },
  ): Promise<string>;
  /** Sees every pi event of the session (for counters), before it is streamed. */
  observe(event: AgentSessionEvent): void;
}

const parameters = Type.Object({
  question: Type.String({
    description: "What you want to know or confirm, including a short summary of what you did.",
  }),
});

function createAskUserTool(hooks: AskUserHooks): ToolDefinition {
  return defineTool({
    name: askUserToolName,
    label: "Ask user",
    description:
      "Ask the user for feedback or the next instruction and wait for the answer. " +
      'The answer "stop" means the user wants you to finish.',
    parameters,
    executionMode: "sequential",
    async execute(toolCallId, params, signal) {
      const answer = await hooks.ask(params.question, { toolCallId, signal });
      return { content: [{ type: "text", text: answer }], details: {} };
    },
  });
}

/**
 * Keeps the tool's presence in step with the setting at the start of every run and
 * appends the loop policy while it is enabled. Done here rather than through the tool's
 * prompt guidelines because a project's own SYSTEM.md drops those.
 */
function createAskUserExtension(hooks: AskUserHooks): ExtensionFactory {
  return (pi) => {
    pi.on("before_agent_start", (event) => {
      const enabled = hooks.isEnabled();
      const active = pi.getActiveTools();
      if (enabled !== active.includes(askUserToolName)) {
        pi.setActiveTools(
          enabled
            ? [...active, askUserToolName]
            : active.filter((name) => name !== askUserToolName),
        );
      }
      return enabled ? { systemPrompt: `${event.systemPrompt}\n\n${askUserLoopPolicy}` } : {};
    });
  };
}

/** The tool and the inline extension to hand to pi when a session is built. */
export function askUserSessionParts(hooks: AskUserHooks): {
  tool: ToolDefinition;
  extension: ExtensionFactory;
} {
  return { tool: createAskUserTool(hooks), extension: createAskUserExtension(hooks) };
}

/**
 * Applies the current setting right after the session is built. The hooks' `observe`
 * is tapped by the live session (stage `ask-user`), not subscribed here.
 */
export function connectAskUser(session: AgentSession, hooks: AskUserHooks): void {
  if (!hooks.isEnabled()) {
    session.setActiveToolsByName(
      session.getActiveToolNames().filter((name) => name !== askUserToolName),
    );
  }
}
