import { AppError } from "../errors/index.js";
import type { AgentSession, ThinkingLevel } from "../pi/agent-sessions.js";
import { isPlaceholderModel } from "../pi/model-guidance.js";
import type { OrgServices } from "../pi/org-services.js";
import type { OnBusyPolicy, PromptQueue } from "./prompt-queue.js";

/** A session's effective settings: pi's model and thinking level, and its on-busy default. */
export interface SessionSettings {
  provider: string | null;
  modelId: string | null;
  thinkingLevel: ThinkingLevel;
  availableThinkingLevels: ThinkingLevel[];
  onBusy: OnBusyPolicy;
}

/** A change of settings; fields left undefined stay as they are. */
export interface SessionSettingsInput {
  provider?: string | undefined;
  modelId?: string | undefined;
  thinkingLevel?: ThinkingLevel | undefined;
  onBusy?: OnBusyPolicy | undefined;
}

/** What the settings are read from and written to. */
export interface SettingsTarget {
  agent: AgentSession;
  org: OrgServices;
  queue: PromptQueue;
}

/** The effective settings; a placeholder model (none configured) reads as no model. */
export function readSessionSettings({ agent, org, queue }: SettingsTarget): SessionSettings {
  const agentModel = agent.model;
  const model = agentModel && !isPlaceholderModel(org, agentModel) ? agentModel : undefined;
  return {
    provider: model?.provider ?? null,
    modelId: model?.id ?? null,
    thinkingLevel: agent.thinkingLevel as ThinkingLevel,
    availableThinkingLevels: agent.getAvailableThinkingLevels() as ThinkingLevel[],
    onBusy: queue.defaultPolicy,
  };
}

/** Whether `input` changes pi's own settings (model or thinking level), which wait for an idle session. */
export function changesAgentSettings(input: SessionSettingsInput): boolean {
  return (
    input.provider !== undefined || input.modelId !== undefined || input.thinkingLevel !== undefined
  );
}

/**
 * Applies `input`: a model named by provider and/or id (the other part kept) must be
 * known and have credentials; pi clamps the thinking level to what the model supports.
 *
 * @throws {AppError} `MODEL_NOT_FOUND`, `MODEL_NO_CREDENTIALS`
 */
export async function applySessionSettings(
  { agent, org, queue }: SettingsTarget,
  input: SessionSettingsInput,
): Promise<void> {
  if (input.provider !== undefined || input.modelId !== undefined) {
    const provider = input.provider ?? agent.model?.provider;
    const modelId = input.modelId ?? agent.model?.id;
    const model = provider && modelId ? org.modelRegistry.find(provider, modelId) : undefined;
    if (!model) {
      throw new AppError("MODEL_NOT_FOUND", `No model ${provider ?? "?"}/${modelId ?? "?"}`);
    }
    if (!org.modelRegistry.hasConfiguredAuth(model)) {
      throw new AppError("MODEL_NO_CREDENTIALS", `No credentials for ${provider}/${modelId}`);
    }
    await agent.setModel(model);
  }
  if (input.thinkingLevel !== undefined) agent.setThinkingLevel(input.thinkingLevel);
  if (input.onBusy !== undefined) await queue.setDefaultPolicy(input.onBusy);
}
