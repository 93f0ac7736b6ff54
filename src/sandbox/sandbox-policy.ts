/** How agent tools are confined: `bwrap` (bubblewrap, the default) or `none`. */
export const sandboxModes = ["bwrap", "none"] as const;
export type SandboxMode = (typeof sandboxModes)[number];

/** Environment variables a tool process may inherit from the server, when the server has them. */
export const passedEnvVars = [
  "PATH",
  "LANG",
  "LANGUAGE",
  "LC_ALL",
  "LC_CTYPE",
  "LC_MESSAGES",
  "TERM",
  "TZ",
] as const;

/** `PATH` of tool processes when the server has none. */
export const defaultToolPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/**
 * What an agent's tools may reach. Everything else is refused: file tools stay inside
 * the working directory, and `bash` sees only that directory, read-only system
 * directories and a private `/tmp`.
 */
export interface SandboxPolicy {
  /** Default `bwrap`. */
  mode: SandboxMode;
  /** Whether `bash` may use the network. Default true. */
  network: boolean;
  /**
   * With `network`: share the server's network namespace, loopback included, instead of
   * a namespace of its own that reaches out through slirp4netns with the host's loopback
   * cut off. Default false, so no agent can call this server's API on 127.0.0.1.
   */
  hostNetwork?: boolean;
  /** Variables passed to tool processes (an allowlist of the server's own, see `passedEnvVars`). */
  env: Readonly<Record<string, string>>;
  /** Host directories bound read-only besides the system ones, e.g. Node's install prefix. Default none. */
  readOnlyPaths: readonly string[];
  /**
   * Directories no tool may see even when they sit inside a directory bound read-only,
   * e.g. the workspace and the server's own files. Default none.
   */
  hiddenPaths: readonly string[];
}

/** Bubblewrap on, network on, `PATH` only: the policy of a runtime built without one. */
export const defaultSandboxPolicy: SandboxPolicy = {
  mode: "bwrap",
  network: true,
  env: { PATH: defaultToolPath },
  readOnlyPaths: [],
  hiddenPaths: [],
};

/** What `/v1/healthz` reports about the sandbox. */
export interface SandboxStatus {
  mode: SandboxMode;
  network: boolean;
  warning?: string;
}

export const unsandboxedWarning =
  "AGENT_SANDBOX=none: agent tools run unconfined with the server's file access (only secrets are removed from their environment)";

export const hostNetworkWarning =
  "AGENT_SANDBOX_NETWORK=host: sandboxed commands share the server's network, loopback included, so without AGENT_SERVER_TOKEN an agent can call this server's API";

export function sandboxStatus(
  policy: Pick<SandboxPolicy, "mode" | "network" | "hostNetwork">,
): SandboxStatus {
  const warning =
    policy.mode === "none"
      ? unsandboxedWarning
      : policy.network && policy.hostNetwork
        ? hostNetworkWarning
        : undefined;
  return { mode: policy.mode, network: policy.network, ...(warning ? { warning } : {}) };
}

/**
 * The environment of one tool process: the policy's allowlist, `HOME` and nothing else,
 * so no token, webhook secret or provider key of the server ever reaches it.
 */
export function toolEnv(policy: Pick<SandboxPolicy, "env">, home: string): Record<string, string> {
  const env: Record<string, string> = { PATH: defaultToolPath };
  for (const name of passedEnvVars) {
    const value = policy.env[name];
    if (value !== undefined) env[name] = value;
  }
  env.HOME = home;
  return env;
}

/** Picks the passed variables out of an environment map (for the config loader). */
export function pickPassedEnv(env: Record<string, string | undefined>): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of passedEnvVars) {
    const value = env[name];
    if (value) picked[name] = value;
  }
  return picked;
}
