import { describe, expect, it } from "vitest";
import { useSandboxes } from "./deploy-harness.js";

const runProd =
  "run -d --name my-app-prod -p 8080:80 --restart unless-stopped --label appx.project=my-app --label appx.env=prod appx-my-app:prod";
const curl = (port: number) =>
  `curl -s -o /dev/null -w %{http_code} --max-time 5 http://127.0.0.1:${port}/`;

const open = useSandboxes();

const mutating = / (build|tag|run|stop|rm) /;

describe("promote.sh", () => {
  it("re-tags the image DEV runs as prod, keeps the old one and restarts PROD", () => {
    const box = open();
    box.setImages({ "appx-my-app:dev": "sha256:dev-image", "appx-my-app:prod": "sha256:old" });
    const result = box.run("promote.sh", [], { FAKE_CONTAINERS: "my-app-dev my-app-prod" });

    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(box.commands()).toEqual([
      "podman container inspect --format {{.State.Running}} my-app-dev",
      "podman container inspect --format {{.Image}} my-app-dev",
      curl(5173),
      "podman image inspect --format {{.Id}} appx-my-app:prod",
      "podman tag sha256:old appx-my-app:prod-previous",
      "podman tag sha256:dev-image appx-my-app:prod",
      "podman container inspect my-app-prod",
      "podman stop my-app-prod",
      "podman rm my-app-prod",
      `podman ${runProd}`,
      curl(8080),
    ]);
    expect(box.images()).toMatchObject({
      "appx-my-app:prod": "sha256:dev-image",
      "appx-my-app:prod-previous": "sha256:old",
    });
    expect(result.stdout).toContain("prod is live at https://my-app.example.test");
  });

  it("does not overwrite prod-previous when PROD already runs the DEV image", () => {
    const box = open();
    box.setImages({
      "appx-my-app:prod": "sha256:dev-image",
      "appx-my-app:prod-previous": "sha256:older",
    });
    const result = box.run("promote.sh", [], { FAKE_CONTAINERS: "my-app-dev" });

    expect(result.status).toBe(0);
    expect(box.images()["appx-my-app:prod-previous"]).toBe("sha256:older");
    expect(box.commands()).toContain(`podman ${runProd}`);
  });

  it("uses docker when APP_CONTAINER_RUNTIME=docker", () => {
    const box = open();
    const result = box.run("promote.sh", [], {
      APP_CONTAINER_RUNTIME: "docker",
      FAKE_CONTAINERS: "my-app-dev",
    });

    expect(result.status).toBe(0);
    expect(box.commands()).toContain("docker tag sha256:dev-image appx-my-app:prod");
    expect(box.commands()).toContain(`docker ${runProd}`);
    expect(box.commands().some((line) => line.startsWith("podman "))).toBe(false);
  });

  it("refuses to promote when the DEV container is not running", () => {
    const box = open();
    const result = box.run("promote.sh");

    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("DEV container my-app-dev is not running");
    expect(box.commands().filter((line) => mutating.test(line))).toEqual([]);
  });

  it("fails before touching anything when PROD has no port", () => {
    const box = open("my-app", { dev: { port: 5173 }, prod: { publicUrl: "https://x.test" } });
    const result = box.run("promote.sh", [], { FAKE_CONTAINERS: "my-app-dev" });

    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("no port for 'prod'");
    expect(box.commands()).toEqual([]);
  });
});

describe("rollback.sh", () => {
  it("swaps prod and prod-previous and restarts PROD, so a second run undoes it", () => {
    const box = open();
    box.setImages({ "appx-my-app:prod": "sha256:new", "appx-my-app:prod-previous": "sha256:old" });

    const first = box.run("rollback.sh", [], { FAKE_CONTAINERS: "my-app-prod" });
    expect(first.status).toBe(0);
    expect(box.commands()).toContain("podman tag sha256:old appx-my-app:prod");
    expect(box.commands()).toContain("podman tag sha256:new appx-my-app:prod-previous");
    expect(box.commands().slice(-2)).toEqual([`podman ${runProd}`, curl(8080)]);
    expect(box.images()).toEqual({
      "appx-my-app:prod": "sha256:old",
      "appx-my-app:prod-previous": "sha256:new",
    });

    expect(box.run("rollback.sh").status).toBe(0);
    expect(box.images()).toEqual({
      "appx-my-app:prod": "sha256:new",
      "appx-my-app:prod-previous": "sha256:old",
    });
  });

  it("fails clearly when there is no previous PROD image", () => {
    const box = open();
    box.setImages({ "appx-my-app:prod": "sha256:new" });
    const result = box.run("rollback.sh");

    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("nothing to roll back to");
    expect(box.commands().filter((line) => mutating.test(line))).toEqual([]);
  });
});

describe("status.sh", () => {
  it("reports ports, URLs, containers and images without changing anything", () => {
    const box = open("my-app", {
      dev: { port: 5173, publicUrl: "https://dev.my-app.example.test" },
    });
    box.setImages({ "appx-my-app:dev": "sha256:dev-image" });
    const result = box.run("status.sh", [], { FAKE_CONTAINERS: "my-app-dev" });

    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(
      /\[dev\]\n {2}port: +5173\n {2}public URL: +https:\/\/dev\.my-app/,
    );
    expect(result.stdout).toMatch(/container: +my-app-dev \(running\)/);
    expect(result.stdout).toMatch(/HTTP: +200/);
    expect(result.stdout).toMatch(/\[prod\]\n {2}port: +not configured/);
    expect(result.stdout).toMatch(/container: +my-app-prod \(absent\)/);
    expect(result.stdout).toMatch(/appx-my-app:prod-previous: absent/);
    expect(box.commands()).toContain(curl(5173));
    expect(box.commands().filter((line) => mutating.test(line))).toEqual([]);
  });
});
