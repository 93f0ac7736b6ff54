import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useSandboxes } from "./deploy-harness.js";

const runDev =
  "run -d --name my-app-dev -p 5173:80 --restart unless-stopped --label appx.project=my-app --label appx.env=dev appx-my-app:dev";
const curlDev = "curl -s -o /dev/null -w %{http_code} --max-time 5 http://127.0.0.1:5173/";

const open = useSandboxes();

describe("deploy.sh", () => {
  it("builds, replaces the DEV container and checks it with podman by default", () => {
    const box = open();
    const result = box.run("deploy.sh", ["dev"], { FAKE_CONTAINERS: "my-app-dev" });

    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(box.commands()).toEqual([
      `podman build -t appx-my-app:dev ${box.projectDir}`,
      "podman container inspect my-app-dev",
      "podman stop my-app-dev",
      "podman rm my-app-dev",
      `podman ${runDev}`,
      curlDev,
    ]);
    expect(result.stdout).toContain("https://dev.my-app.example.test");
  });

  it("skips stop and rm when no container exists yet", () => {
    const box = open();
    expect(box.run("deploy.sh", ["dev"]).status).toBe(0);
    expect(box.commands()).toEqual([
      `podman build -t appx-my-app:dev ${box.projectDir}`,
      "podman container inspect my-app-dev",
      `podman ${runDev}`,
      curlDev,
    ]);
  });

  it("uses docker when APP_CONTAINER_RUNTIME=docker", () => {
    const box = open();
    const result = box.run("deploy.sh", ["dev"], { APP_CONTAINER_RUNTIME: "docker" });

    expect(result.status).toBe(0);
    const runtime = box.commands().filter((line) => !line.startsWith("curl "));
    expect(runtime).toContain(`docker ${runDev}`);
    expect(runtime.every((line) => line.startsWith("docker "))).toBe(true);
  });

  it("keeps the image PROD ran before as prod-previous when deploying PROD", () => {
    const box = open();
    box.setImages({ "appx-my-app:prod": "sha256:old" });
    const result = box.run("deploy.sh", ["prod"]);

    expect(result.status).toBe(0);
    expect(box.commands()).toContain(`podman build -t appx-my-app:prod ${box.projectDir}`);
    expect(box.commands()).toContain("podman tag sha256:old appx-my-app:prod-previous");
    expect(box.commands().at(-2)).toBe(
      "podman run -d --name my-app-prod -p 8080:80 --restart unless-stopped --label appx.project=my-app --label appx.env=prod appx-my-app:prod",
    );
    expect(box.images()).toEqual({
      "appx-my-app:prod": "sha256:built",
      "appx-my-app:prod-previous": "sha256:old",
    });
    expect(result.stdout).toContain("https://my-app.example.test");
  });

  it("derives sanitised names from the project directory", () => {
    const box = open("My_App.v2");
    expect(box.run("deploy.sh", ["dev"]).status).toBe(0);
    expect(box.commands()[0]).toBe(`podman build -t appx-my-app-v2:dev ${box.projectDir}`);
    expect(box.commands()).toContain(
      "podman run -d --name my-app-v2-dev -p 5173:80 --restart unless-stopped --label appx.project=my-app-v2 --label appx.env=dev appx-my-app-v2:dev",
    );
  });

  it("takes the project from --project-dir or APP_PROJECT_DIR over the working directory", () => {
    const box = open();
    const other = join(box.root, "other-app");
    mkdirSync(join(other, ".pi"), { recursive: true });
    writeFileSync(join(other, "Dockerfile"), "FROM nginx:alpine\n");
    writeFileSync(join(other, ".pi", "deployment.json"), JSON.stringify({ dev: { port: 6001 } }));

    expect(box.run("deploy.sh", ["dev", "--project-dir", other]).status).toBe(0);
    expect(box.run("deploy.sh", ["dev"], { APP_PROJECT_DIR: other }).status).toBe(0);
    const builds = box.commands().filter((line) => line.includes(" build "));
    expect(builds).toEqual([
      `podman build -t appx-other-app:dev ${other}`,
      `podman build -t appx-other-app:dev ${other}`,
    ]);
  });

  it("refuses an environment other than dev or prod", () => {
    const box = open();
    const result = box.run("deploy.sh", ["staging"]);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("unknown environment 'staging'");
    expect(box.commands()).toEqual([]);
  });
});

describe("deploy.sh without a usable port", () => {
  it("fails clearly and runs nothing when the environment has no port", () => {
    const box = open("my-app", { dev: { port: 5173 } });
    const result = box.run("deploy.sh", ["prod"]);

    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("no port for 'prod'");
    expect(result.stderr).toContain("do not pick one");
    expect(box.commands()).toEqual([]);
  });

  it("fails clearly when .pi/deployment.json is missing", () => {
    const box = open("my-app", null);
    const result = box.run("deploy.sh", ["dev"]);

    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/no .*\.pi\/deployment\.json/);
    expect(box.commands()).toEqual([]);
  });

  it("rejects a port outside 1-65535", () => {
    const box = open("my-app", { dev: { port: 70000 } });
    const result = box.run("deploy.sh", ["dev"]);

    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('"dev.port" must be an integer from 1 to 65535');
    expect(box.commands()).toEqual([]);
  });
});

describe("deploy.sh health check", () => {
  it("retries APP_DEPLOY_HEALTH_TRIES times, then fails and shows the container logs", () => {
    const box = open();
    const result = box.run("deploy.sh", ["dev"], {
      FAKE_HTTP_CODE: "502",
      APP_DEPLOY_HEALTH_TRIES: "3",
    });

    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("did not answer 200 after 3 tries (last status: 502)");
    expect(result.stderr).toContain("nginx: worker process started");
    expect(box.commands().filter((line) => line === curlDev)).toHaveLength(3);
    expect(box.commands().at(-1)).toBe("podman logs --tail 50 my-app-dev");
  });
});
