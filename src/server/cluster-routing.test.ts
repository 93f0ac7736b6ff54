import { describe, expect, it } from "vitest";
import { runtimeProjectOf } from "./cluster-routing.js";

describe("runtimeProjectOf", () => {
  it.each([
    ["GET", "/v1/projects/app/sessions"],
    ["POST", "/v1/projects/app/sessions"],
    ["GET", "/v1/projects/app/sessions/s1"],
    ["POST", "/v1/projects/app/sessions/s1/prompt"],
    ["PUT", "/v1/projects/app/sessions/s1/settings"],
    ["DELETE", "/v1/projects/app/sessions/s1/queue/q1"],
    ["POST", "/v1/projects/app/sessions/s1/events/tickets"],
    ["POST", "/v1/projects/app/sessions/s1/extension-ui/r1/response"],
    ["POST", "/v1/projects/app/sessions/s1/ask-user/queue"],
    ["PUT", "/v1/projects/app/ask-user/defaults"],
    ["DELETE", "/v1/projects/app"],
  ])("sends %s %s to the project's owner", (method, path) => {
    expect(runtimeProjectOf(method, path)).toBe("app");
  });

  it.each([
    ["GET", "/v1/projects/app/sessions/s1/events"],
    ["GET", "/v1/projects/app"],
    ["GET", "/v1/projects"],
    ["POST", "/v1/projects"],
    ["GET", "/v1/projects/app/tasks"],
    ["GET", "/v1/projects/app/budget"],
    ["GET", "/v1/projects/Not_An_Id/sessions"],
    ["GET", "/v1/usage"],
  ])("serves %s %s on any node", (method, path) => {
    expect(runtimeProjectOf(method, path)).toBeUndefined();
  });

  it("honours the mount prefix", () => {
    expect(runtimeProjectOf("GET", "/agents/projects/app/sessions", "/agents")).toBe("app");
    expect(runtimeProjectOf("GET", "/v1/projects/app/sessions", "/agents")).toBeUndefined();
  });
});
