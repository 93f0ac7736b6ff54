import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { validate as validateDockerfile } from "dockerfile-utils";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config/index.js";

const root = new URL("../", import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), "utf8");
const exists = (path: string) => existsSync(new URL(path, root));

// js-yaml is a dev dependency only: the server itself never parses YAML.
const { load: parseYaml } = createRequire(import.meta.url)("js-yaml") as {
  load: (text: string) => unknown;
};

interface Instruction {
  stage: string;
  keyword: string;
  args: string;
}

/** The Dockerfile's instructions, continuation lines joined, each tagged with its stage. */
function dockerfileInstructions(text: string): Instruction[] {
  const lines = text
    .replace(/\\\n/g, " ")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"));
  let stage = "";
  return lines.map((line) => {
    const [keyword = "", ...rest] = line.split(/\s+/);
    const args = rest.join(" ");
    if (keyword.toUpperCase() === "FROM") stage = /\bAS\s+(\S+)/i.exec(args)?.[1] ?? "";
    return { stage, keyword: keyword.toUpperCase(), args };
  });
}

function copySources(args: string): { from: string | undefined; sources: string[] } {
  const words = args.split(/\s+/);
  const from = words.find((word) => word.startsWith("--from="))?.slice("--from=".length);
  const paths = words.filter((word) => !word.startsWith("--"));
  return { from, sources: paths.slice(0, -1) };
}

function envOf(instructions: Instruction[], stage: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const { keyword, args } of instructions.filter((entry) => entry.stage === stage)) {
    if (keyword !== "ENV") continue;
    for (const [, name = "", value = ""] of args.matchAll(/(\w+)=(\S+)/g)) env[name] = value;
  }
  return env;
}

/** `NAME=value` lines of an env file, comments and blank lines skipped. */
function envFile(text: string): Record<string, string> {
  const entries = text
    .split("\n")
    .filter((line) => /^\w+=/.test(line))
    .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]);
  return Object.fromEntries(entries);
}

const instructions = dockerfileInstructions(read("Dockerfile"));
const runtime = instructions.at(-1)?.stage ?? "";
const runtimeOnly = instructions.filter((entry) => entry.stage === runtime);
const packageJson = JSON.parse(read("package.json")) as { scripts: Record<string, string> };

describe("Dockerfile", () => {
  it("passes the Dockerfile linter of dockerfile-utils with no diagnostic", () => {
    expect(validateDockerfile(read("Dockerfile"))).toEqual([]);
  });

  it("starts the server with the command npm start ends in", () => {
    const cmd = runtimeOnly.filter((entry) => entry.keyword === "CMD").at(-1);
    expect(JSON.parse(cmd?.args ?? "null")).toEqual(["node", "dist/server.js"]);
    expect(packageJson.scripts.start).toBe("node dist/server.js");
  });

  it("copies only paths that exist in the repository or come from the build stage", () => {
    const copies = instructions.filter((entry) => entry.keyword === "COPY");
    expect(copies.length).toBeGreaterThan(0);
    for (const copy of copies) {
      const { from, sources } = copySources(copy.args);
      if (from === undefined) {
        for (const source of sources) expect(exists(source), source).toBe(true);
      } else {
        expect(from).toBe("build");
        expect(sources).toEqual(["/app/dist"]);
      }
    }
    const build = instructions.filter((entry) => entry.stage === "build");
    expect(build.some((entry) => entry.args === "npm run build")).toBe(true);
    expect(read("tsconfig.build.json")).toMatch(/"outDir":\s*"dist"/);
  });

  it("ships what the runtime reads and installs the sandbox's packages without recommends", () => {
    const copied = runtimeOnly
      .filter((entry) => entry.keyword === "COPY")
      .flatMap((entry) => copySources(entry.args).sources);
    for (const path of ["package.json", "package-lock.json", "openapi.json", "libexec"]) {
      expect(copied).toContain(path);
    }
    expect(copied).toContain("builder-agent");
    const run = runtimeOnly
      .filter((entry) => entry.keyword === "RUN")
      .map((entry) => entry.args)
      .join("\n");
    expect(run).toContain("npm ci --omit=dev");
    expect(run).toMatch(
      /apt-get install -y --no-install-recommends bubblewrap slirp4netns git ca-certificates/,
    );
  });

  it("runs as a non-root user on a public bind with the workspace as a volume", () => {
    const user = runtimeOnly.filter((entry) => entry.keyword === "USER").at(-1)?.args;
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^(root|0)(:|$)/);
    const env = envOf(instructions, runtime);
    expect(env).toMatchObject({ WORKSPACE_DIR: "/workspace", AGENT_SERVER_HOST: "0.0.0.0" });
    const volume = runtimeOnly.find((entry) => entry.keyword === "VOLUME")?.args;
    expect(JSON.parse(volume ?? "null")).toEqual(["/workspace"]);
    const exposed = runtimeOnly.find((entry) => entry.keyword === "EXPOSE")?.args;
    expect(exposed).toBe(env.AGENT_SERVER_PORT);
    const healthcheck = runtimeOnly.find((entry) => entry.keyword === "HEALTHCHECK")?.args;
    expect(healthcheck).toContain("/v1/healthz");
    expect(healthcheck).toContain("AGENT_SERVER_TOKEN");
  });

  it("keeps state, secrets and build output out of the build context", () => {
    const ignored = read(".dockerignore")
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line !== "" && !line.startsWith("#"));
    // At every depth: the workspace packages (packages/*) have node_modules and dist too.
    for (const path of ["**/node_modules", "**/dist", ".git", "workspace", ".env"]) {
      expect(ignored).toContain(path);
    }
    const copied = instructions
      .filter((entry) => entry.keyword === "COPY" && !entry.args.includes("--from="))
      .flatMap((entry) => copySources(entry.args).sources);
    for (const path of copied) expect(ignored).not.toContain(path);
  });
});

describe("compose.yaml", () => {
  interface Service {
    image?: string;
    build?: unknown;
    env_file?: { path: string }[];
    environment?: Record<string, string>;
    volumes?: string[];
    healthcheck?: { test: string[] };
    depends_on?: Record<string, { condition: string }>;
  }
  const compose = parseYaml(read("compose.yaml")) as {
    services: Record<string, Service>;
    volumes: Record<string, unknown>;
  };
  const server = compose.services.server ?? {};
  const litellm = compose.services.litellm ?? {};

  it("names the server, the LiteLLM proxy and the workspace volume", () => {
    expect(Object.keys(compose.services).sort()).toEqual(["litellm", "server"]);
    expect(Object.keys(compose.volumes)).toEqual(["workspace"]);
    expect(server.build).toBe(".");
    expect(server.volumes).toContain("workspace:/workspace");
    expect(litellm.image).toMatch(/^ghcr\.io\/berriai\/litellm:/);
    expect(server.depends_on?.litellm?.condition).toBe("service_healthy");
    expect(server.healthcheck?.test.join(" ")).toContain("/v1/healthz");
    expect(litellm.healthcheck?.test.join(" ")).toContain("/health/liveliness");
  });

  it("mounts files that exist and reads secrets from env files with committed examples", () => {
    for (const mount of litellm.volumes ?? []) {
      const source = mount.split(":")[0] ?? "";
      expect(exists(source), source).toBe(true);
    }
    for (const service of [server, litellm]) {
      expect(service.env_file?.length).toBeGreaterThan(0);
      for (const file of service.env_file ?? []) {
        expect(exists(`${file.path}.example`), file.path).toBe(true);
        expect(read(".gitignore")).toContain("deploy/*.env");
      }
    }
    expect(server.environment?.LITELLM_BASE_URL).toBe("http://litellm:4000");
  });

  it("gives the server a configuration it accepts once the token is filled in", () => {
    const env = {
      ...envOf(instructions, runtime),
      ...envFile(read("deploy/server.env.example")),
      ...server.environment,
    };
    expect(() => loadConfig(env)).toThrow(ConfigError);
    const config = loadConfig({
      ...env,
      AGENT_SERVER_TOKEN: "0123456789abcdef0123456789abcdef",
      LITELLM_API_KEY: "sk-litellm-key",
    });
    expect(config).toMatchObject({ host: "0.0.0.0", port: 4001, workspaceDir: "/workspace" });
    expect(config.litellm).toMatchObject({
      baseUrl: "http://litellm:4000",
      apiKey: "sk-litellm-key",
      defaultModel: "openai/gpt-5.5",
    });
    const proxy = read("deploy/litellm.yaml");
    for (const model of config.litellm?.modelIds ?? []) {
      expect(proxy).toContain(`model_name: ${model}`);
    }
  });
});
