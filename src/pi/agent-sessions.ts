import {
  type AgentSession,
  createAgentSession,
  DefaultResourceLoader,
  type ExtensionUIContext,
  SessionManager,
  SettingsManager,
} from "@mariozechner/pi-coding-agent";
import type { PiResourceConfig } from "../config/index.js";
import type { AgentSandbox } from "../sandbox/index.js";
import { type AskUserHooks, askUserSessionParts, connectAskUser } from "./ask-user-tool.js";
import { applyModelDefaults } from "./model-defaults.js";
import type { OrgServices } from "./org-services.js";
import {
  confinedToolNames,
  createSandboxedTools,
  defaultActiveToolNames,
  readableSkillDirs,
} from "./sandboxed-tools.js";

export type { ImageContent, Model } from "@mariozechner/pi-ai";
export type {
  AgentSession,
  AgentSessionEvent,
  ExtensionUIContext,
  ExtensionUIDialogOptions,
  SessionStats,
} from "@mariozechner/pi-coding-agent";

import type { ThinkingLevel } from "../contract/thinking-levels.js";

export { type ThinkingLevel, thinkingLevels } from "../contract/thinking-levels.js";

/** Extra pi resources and discovery switches (the `PI_*` variables), plus prompt additions. */
export interface ResourceOptions extends PiResourceConfig {
  /** Paragraphs appended to every session's system prompt. */
  appendSystemPrompt: string[];
}

export const defaultResourceOptions: ResourceOptions = {
  extensionPaths: [],
  skillPaths: [],
  promptPaths: [],
  themePaths: [],
  noExtensions: false,
  noSkills: false,
  noPrompts: false,
  noThemes: false,
  appendSystemPrompt: [],
};

/** Where one project's sessions live and what they load. */
export interface ProjectSessionContext {
  org: OrgServices;
  /** The project directory: the agent's working directory. */
  cwd: string;
  /** `.pi-global/sessions/{id}`: where transcripts are written. */
  sessionsDir: string;
  resources: ResourceOptions;
  /** Confines every tool the agent runs to its working directory. */
  sandbox: AgentSandbox;
}

export interface OpenSessionOptions {
  /** Transcript to resume; omit for a new session. */
  sessionFile?: string | undefined;
  /** Id of a new session, to recreate one that pi never wrote under its old id. Default: a fresh id. */
  sessionId?: string | undefined;
  provider?: string | undefined;
  modelId?: string | undefined;
  thinkingLevel?: ThinkingLevel | undefined;
  /** Gives the session the server-managed `ask_user` tool. Default: no such tool. */
  askUser?: AskUserHooks | undefined;
  /**
   * The agent's working directory (tools, extensions, transcript header) when it is not
   * the project directory, e.g. a task's git worktree. Settings and resources still come
   * from the project, and the transcript stays with the project's sessions.
   * Default: the project directory.
   */
  cwd?: string | undefined;
}

/** A persisted session as pi lists it. */
export interface PersistedSessionInfo {
  id: string;
  path: string;
  name: string | undefined;
  created: Date;
  modified: Date;
  messageCount: number;
  firstMessage: string;
}

/**
 * Builds a pi `AgentSession` for a project: project settings merged over the org's,
 * resources discovered from the project and the org plus the configured extras.
 */
export async function openAgentSession(
  context: ProjectSessionContext,
  options: OpenSessionOptions = {},
): Promise<AgentSession> {
  const { org, cwd, sessionsDir, resources, sandbox } = context;
  const askUser = options.askUser ? askUserSessionParts(options.askUser) : undefined;
  const settingsManager = SettingsManager.create(cwd, org.agentDir);
  const resourceLoader = new DefaultResourceLoader({
    cwd,
    agentDir: org.agentDir,
    settingsManager,
    additionalExtensionPaths: resources.extensionPaths,
    additionalSkillPaths: resources.skillPaths,
    additionalPromptTemplatePaths: resources.promptPaths,
    additionalThemePaths: resources.themePaths,
    noExtensions: resources.noExtensions,
    noSkills: resources.noSkills,
    noPromptTemplates: resources.noPrompts,
    noThemes: resources.noThemes,
    appendSystemPrompt: resources.appendSystemPrompt,
    ...(askUser ? { extensionFactories: [askUser.extension] } : {}),
  });
  await resourceLoader.reload();
  const agentCwd = options.cwd ?? cwd;
  const sessionManager = options.sessionFile
    ? SessionManager.open(options.sessionFile, sessionsDir, agentCwd)
    : SessionManager.create(agentCwd, sessionsDir);
  if (!options.sessionFile && options.sessionId)
    sessionManager.newSession({ id: options.sessionId });
  const requested = {
    model:
      options.provider && options.modelId
        ? org.modelRegistry.find(options.provider, options.modelId)
        : undefined,
    thinkingLevel: options.thinkingLevel,
  };
  const { model, thinkingLevel } = options.sessionFile
    ? requested
    : applyModelDefaults(org, settingsManager, requested);
  const tools = createSandboxedTools(agentCwd, {
    sandbox,
    readOnly: readableSkillDirs(
      resourceLoader.getSkills().skills.map((skill) => skill.baseDir),
      org.agentDir,
    ),
    // A task worktree belongs to the project's repository; its git needs that `.git`.
    repository: agentCwd === cwd ? undefined : cwd,
    // The project's extensions and settings run in this process: not the agent's to write.
    // (A worktree's `.pi/` is only the task's branch; sessions load the project's.)
    protected: agentCwd === cwd ? [".pi"] : [],
    commandPrefix: settingsManager.getShellCommandPrefix(),
  });
  const { session } = await createAgentSession({
    cwd: agentCwd,
    agentDir: org.agentDir,
    authStorage: org.authStorage,
    modelRegistry: org.modelRegistry,
    resourceLoader,
    settingsManager,
    sessionManager,
    ...(model ? { model } : {}),
    ...(thinkingLevel ? { thinkingLevel } : {}),
    customTools: askUser ? [...tools, askUser.tool] : tools,
  });
  // Tools passed in are switched on; keep pi's default set, with the confined versions.
  const confined = new Set<string>(confinedToolNames);
  session.setActiveToolsByName(
    session
      .getActiveToolNames()
      .filter((name) => !confined.has(name) || defaultActiveToolNames.includes(name)),
  );
  if (options.askUser) connectAskUser(session, options.askUser);
  return session;
}

/** Lists a project's persisted sessions, newest first. */
export async function listPersistedSessions(
  context: Pick<ProjectSessionContext, "cwd" | "sessionsDir">,
): Promise<PersistedSessionInfo[]> {
  const infos = await SessionManager.list(context.cwd, context.sessionsDir);
  return infos
    .map((info) => ({
      id: info.id,
      path: info.path,
      name: info.name,
      created: info.created,
      modified: info.modified,
      messageCount: info.messageCount,
      firstMessage: info.firstMessage,
    }))
    .sort((a, b) => b.modified.getTime() - a.modified.getTime());
}

/** Connects a session's extensions to a UI context and an error sink. */
export async function bindSessionExtensions(
  session: AgentSession,
  uiContext: ExtensionUIContext,
  onError: (error: { extensionPath: string; event: string; error: string }) => void,
): Promise<void> {
  await session.bindExtensions({ uiContext, onError });
}

/** The slash commands a session offers: extension commands, prompt templates and skills. */
export function listSessionCommands(session: AgentSession): Array<{
  name: string;
  description: string | undefined;
  source: "extension" | "prompt" | "skill";
}> {
  const commands: Array<{
    name: string;
    description: string | undefined;
    source: "extension" | "prompt" | "skill";
  }> = [];
  for (const command of session.extensionRunner.getRegisteredCommands()) {
    commands.push({
      name: command.invocationName,
      description: command.description,
      source: "extension",
    });
  }
  for (const template of session.promptTemplates) {
    commands.push({ name: template.name, description: template.description, source: "prompt" });
  }
  for (const skill of session.resourceLoader.getSkills().skills) {
    commands.push({ name: `skill:${skill.name}`, description: skill.description, source: "skill" });
  }
  return commands;
}

/** When pi created the session's transcript (its header timestamp), if it has one. */
export function sessionCreatedAt(session: AgentSession): string | undefined {
  return session.sessionManager.getHeader()?.timestamp;
}
