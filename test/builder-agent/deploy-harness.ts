import { spawnSync } from "node:child_process";
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach } from "vitest";

export const scriptsDir = fileURLToPath(
  new URL("../../builder-agent/skills/deploy-app/scripts", import.meta.url),
);

// Containers come from $FAKE_CONTAINERS (all running); images live in $FAKE_IMAGES,
// a file of "ref id" lines that build and tag update like a real runtime would.
const fakeRuntime = `#!/usr/bin/env bash
printf '%s %s\\n' "$(basename "$0")" "$*" >> "$FAKE_LOG"
listed() { case " $2 " in *" $1 "*) return 0 ;; esac; return 1; }
lookup() { awk -v ref="$1" '$1 == ref { print $2 }' "$FAKE_IMAGES"; }
assign() {
  awk -v ref="$1" '$1 != ref' "$FAKE_IMAGES" > "$FAKE_IMAGES.tmp"
  printf '%s %s\\n' "$1" "$2" >> "$FAKE_IMAGES.tmp"
  mv "$FAKE_IMAGES.tmp" "$FAKE_IMAGES"
}
last="\${!#}"
case "$1" in
  build) assign "$3" "sha256:built"; echo "STEP 1/2: FROM node:20-slim AS build" ;;
  tag) id="$(lookup "$2")"; assign "$3" "\${id:-$2}" ;;
  container)
    listed "$last" "\${FAKE_CONTAINERS:-}" || { echo "Error: no such container $last" >&2; exit 1; }
    case "$*" in
      *State.Running*) echo true ;;
      *State.Status*) echo running ;;
      *.Image*) echo "\${FAKE_CONTAINER_IMAGE:-sha256:dev-image}" ;;
      *) echo "[{}]" ;;
    esac ;;
  image)
    id="$(lookup "$last")"
    [[ -n "$id" ]] || { echo "Error: no such image $last" >&2; exit 1; }
    echo "$id" ;;
  run) echo 4f1c2d3e5a6b ;;
  logs) echo "nginx: worker process started" ;;
esac
exit 0
`;

const fakeCurl = `#!/usr/bin/env bash
printf 'curl %s\\n' "$*" >> "$FAKE_LOG"
printf '%s' "\${FAKE_HTTP_CODE:-200}"
`;

export interface Sandbox {
  root: string;
  projectDir: string;
  /** Runs a deploy-app script from the project dir; `env` adds to or overrides the defaults. */
  run(script: string, args?: string[], env?: Record<string, string>): ScriptResult;
  /** Every command the fake runtime and fake curl received, one line each. */
  commands(): string[];
  /** Image tags the fake runtime knows, as ref → id. */
  images(): Record<string, string>;
  setImages(images: Record<string, string>): void;
  dispose(): void;
}

export interface ScriptResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Builds a temp dir with stub `podman`, `docker` and `curl` and a project named
 * `projectName` whose `.pi/deployment.json` holds `deployment` (none when null).
 */
export function createSandbox(
  projectName = "my-app",
  deployment: unknown = {
    dev: { port: 5173, publicUrl: "https://dev.my-app.example.test" },
    prod: { port: 8080, publicUrl: "https://my-app.example.test" },
  },
): Sandbox {
  const root = realpathSync(mkdtempSync(join(tmpdir(), "deploy-app-")));
  const bin = join(root, "bin");
  const projectDir = join(root, projectName);
  const log = join(root, "commands.log");
  const imagesFile = join(root, "images.txt");
  mkdirSync(bin);
  mkdirSync(join(projectDir, ".pi"), { recursive: true });
  writeFileSync(join(projectDir, "Dockerfile"), "FROM nginx:alpine\n");
  if (deployment !== null) {
    writeFileSync(join(projectDir, ".pi", "deployment.json"), JSON.stringify(deployment));
  }
  for (const [name, body] of [
    ["podman", fakeRuntime],
    ["docker", fakeRuntime],
    ["curl", fakeCurl],
  ] as const) {
    writeFileSync(join(bin, name), body);
    chmodSync(join(bin, name), 0o755);
  }
  writeFileSync(log, "");
  writeFileSync(imagesFile, "");

  const baseEnv: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !key.startsWith("APP_")) baseEnv[key] = value;
  }

  return {
    root,
    projectDir,
    run(script, args = [], env = {}) {
      const result = spawnSync("bash", [join(scriptsDir, script), ...args], {
        cwd: projectDir,
        encoding: "utf8",
        env: {
          ...baseEnv,
          PATH: `${bin}:${process.env.PATH ?? ""}`,
          FAKE_LOG: log,
          FAKE_IMAGES: imagesFile,
          APP_DEPLOY_HEALTH_TRIES: "2",
          APP_DEPLOY_HEALTH_INTERVAL: "0",
          ...env,
        },
      });
      return { status: result.status, stdout: result.stdout, stderr: result.stderr };
    },
    commands() {
      return readFileSync(log, "utf8").split("\n").filter(Boolean);
    },
    images() {
      const lines = readFileSync(imagesFile, "utf8").split("\n").filter(Boolean);
      return Object.fromEntries(lines.map((line) => line.split(" ") as [string, string]));
    },
    setImages(images) {
      const lines = Object.entries(images).map(([ref, id]) => `${ref} ${id}\n`);
      writeFileSync(imagesFile, lines.join(""));
    },
    dispose() {
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Returns a `createSandbox` whose sandboxes are removed after each test of the calling file. */
export function useSandboxes(): typeof createSandbox {
  const open: Sandbox[] = [];
  afterEach(() => {
    for (const sandbox of open.splice(0)) sandbox.dispose();
  });
  return (...args) => {
    const sandbox = createSandbox(...args);
    open.push(sandbox);
    return sandbox;
  };
}
