export {
  AgentSandbox,
  type AgentSandboxOptions,
  type ConfinedCommand,
  SandboxUnavailableError,
  type ToolAccess,
} from "./agent-sandbox.js";
export { type BwrapSpec, bwrapArgs, type SystemMount, shellQuote } from "./bwrap-args.js";
export { type GitMounts, gitMounts } from "./git-mounts.js";
export { type HostLayout, readHostLayout } from "./host-layout.js";
export {
  isInside,
  PathGuard,
  PathOutsideError,
  PathReadOnlyError,
  resolveReal,
} from "./path-guard.js";
export {
  defaultSandboxPolicy,
  defaultToolPath,
  passedEnvVars,
  pickPassedEnv,
  type SandboxMode,
  type SandboxPolicy,
  type SandboxStatus,
  sandboxModes,
  sandboxStatus,
  toolEnv,
  unsandboxedWarning,
} from "./sandbox-policy.js";
