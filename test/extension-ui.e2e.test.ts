import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { fauxAssistantMessage, fauxToolCall } from "#test-support/faux.js";
import { readJson } from "#test-support/json.js";
import { type BootedServer, useSessionServers } from "#test-support/session-server.js";
import { openSse, type ReceivedEvent } from "#test-support/sse-client.js";
import { useTempDirs } from "#test-support/temp-dir.js";

const probe = fileURLToPath(new URL("./fixtures/extensions/ui-probe.ts", import.meta.url));
const ended = (events: ReceivedEvent[]) => events.some((event) => event.data.type === "agent_end");
const dialogs = (events: ReceivedEvent[]) =>
  events.filter(
    (event) =>
      event.data.type === "extension_ui_request" &&
      ["select", "confirm", "input", "editor"].includes(event.data.method),
  );
const probeResult = (events: ReceivedEvent[]) =>
  events.find((event) => event.data.type === "tool_execution_end")?.data.result.content[0].text;

describe("extension UI over HTTP", () => {
  const tempDir = useTempDirs();
  const { boot } = useSessionServers();

  async function bootWithProbe(): Promise<BootedServer & { sessionId: string }> {
    const booted = await boot(await tempDir(), { env: { PI_EXTENSION_PATHS: probe } });
    return { ...booted, sessionId: await booted.newSession() };
  }

  function scriptProbe(booted: BootedServer, args: { method: string; timeoutMs?: number }) {
    booted.faux.setResponses([
      fauxAssistantMessage([fauxToolCall("ui_probe", args)], { stopReason: "toolUse" }),
      fauxAssistantMessage("done"),
    ]);
  }

  async function prompt(booted: BootedServer, sessionId: string) {
    const response = await booted.api(`/projects/demo/sessions/${sessionId}/prompt`, {
      method: "POST",
      body: { text: "ask me" },
    });
    expect(response.status).toBe(202);
  }

  const answer = (booted: BootedServer, sessionId: string, id: string, body: unknown) =>
    booted.api(`/projects/demo/sessions/${sessionId}/extension-ui/${id}/response`, {
      method: "POST",
      body,
    });

  it.each([
    ["select", { value: "green" }, '"green"'],
    ["confirm", { confirmed: true }, "true"],
    ["input", { value: "Grace" }, '"Grace"'],
    ["editor", { value: "final text" }, '"final text"'],
  ])(
    "%s: the request streams and lists; the HTTP answer reaches the extension",
    async (method, body, seen) => {
      const booted = await bootWithProbe();
      const { sessionId } = booted;
      const stream = await openSse(booted.eventsUrl(sessionId));
      scriptProbe(booted, { method });
      await prompt(booted, sessionId);
      await stream.waitFor((events) => dialogs(events).length === 1);
      const request = dialogs(stream.events)[0]?.data;
      expect(request.method).toBe(method);

      const listed = await readJson(
        await booted.api(`/projects/demo/sessions/${sessionId}/extension-ui`),
      );
      expect(listed.items.map((item: { id: string }) => item.id)).toEqual([request.id]);
      const detail = await readJson(await booted.api(`/projects/demo/sessions/${sessionId}`));
      expect(detail.status).toBe("awaiting_input");

      expect((await answer(booted, sessionId, request.id, body)).status).toBe(204);
      await stream.waitFor(ended);
      stream.close();
      expect(probeResult(stream.events)).toBe(`hasUI=true answer=${seen}`);
      const types = stream.events.map((event) => event.data.type);
      expect(types).toContain("extension_ui_resolved");
      const notices = stream.events.filter((event) => event.data.method === "notify");
      expect(notices.map((event) => event.data.message)).toEqual([`answered ${method}`]);

      const again = await answer(booted, sessionId, request.id, body);
      expect(again.status).toBe(409);
      expect((await readJson(again)).code).toBe("UI_REQUEST_ALREADY_RESOLVED");
    },
  );

  it("lists a request made before any client connected, and takes its answer", async () => {
    const booted = await bootWithProbe();
    const { sessionId } = booted;
    scriptProbe(booted, { method: "select" });
    await prompt(booted, sessionId);
    let items: Array<{ id: string; method: string; options: string[] }> = [];
    for (let i = 0; i < 200 && items.length === 0; i++) {
      items = (
        await readJson(await booted.api(`/projects/demo/sessions/${sessionId}/extension-ui`))
      ).items;
      if (items.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(items).toHaveLength(1);
    expect(items[0]?.options).toEqual(["red", "green"]);

    const stream = await openSse(booted.eventsUrl(sessionId), { lastEventId: 0 });
    expect((await answer(booted, sessionId, items[0]?.id ?? "", { value: "red" })).status).toBe(
      204,
    );
    await stream.waitFor(ended);
    stream.close();
    expect(probeResult(stream.events)).toBe('hasUI=true answer="red"');
  });

  it("rejects an answer of the wrong shape (400) or for an unknown id (404), changing nothing", async () => {
    const booted = await bootWithProbe();
    const { sessionId } = booted;
    const stream = await openSse(booted.eventsUrl(sessionId));
    scriptProbe(booted, { method: "confirm" });
    await prompt(booted, sessionId);
    await stream.waitFor((events) => dialogs(events).length === 1);
    const id = dialogs(stream.events)[0]?.data.id;

    for (const body of [{ value: "yes" }, { confirmed: "yes" }, {}]) {
      const response = await answer(booted, sessionId, id, body);
      expect(response.status).toBe(400);
      expect((await readJson(response)).code).toBe("VALIDATION_FAILED");
    }
    const unknown = await answer(booted, sessionId, "no-such-request", { confirmed: true });
    expect(unknown.status).toBe(404);
    expect((await readJson(unknown)).code).toBe("UI_REQUEST_NOT_FOUND");
    const listed = await readJson(
      await booted.api(`/projects/demo/sessions/${sessionId}/extension-ui`),
    );
    expect(listed.items).toHaveLength(1);

    expect((await answer(booted, sessionId, id, { cancelled: true })).status).toBe(204);
    await stream.waitFor(ended);
    stream.close();
    expect(probeResult(stream.events)).toBe("hasUI=true answer=false");
  });

  it("cancels a pending request on abort, and the session stays usable", async () => {
    const booted = await bootWithProbe();
    const { sessionId } = booted;
    const stream = await openSse(booted.eventsUrl(sessionId));
    scriptProbe(booted, { method: "input" });
    await prompt(booted, sessionId);
    await stream.waitFor((events) => dialogs(events).length === 1);

    const abort = await booted.api(`/projects/demo/sessions/${sessionId}/abort`, {
      method: "POST",
    });
    expect(abort.status).toBe(200);
    expect((await readJson(abort)).status).toBe("idle");
    await stream.waitFor(ended);
    const resolved = stream.events.find((event) => event.data.type === "extension_ui_resolved");
    expect(resolved?.data.cancelled).toBe(true);
    const listed = await readJson(
      await booted.api(`/projects/demo/sessions/${sessionId}/extension-ui`),
    );
    expect(listed.items).toEqual([]);

    booted.faux.setResponses([fauxAssistantMessage("still here")]);
    const before = stream.events.length;
    await prompt(booted, sessionId);
    await stream.waitFor((events) => ended(events.slice(before)));
    stream.close();
  });

  it("cancels a pending request when the extension's own timeout passes", async () => {
    const booted = await bootWithProbe();
    const { sessionId } = booted;
    const stream = await openSse(booted.eventsUrl(sessionId));
    scriptProbe(booted, { method: "select", timeoutMs: 150 });
    await prompt(booted, sessionId);
    await stream.waitFor((events) => dialogs(events).length === 1);
    expect(dialogs(stream.events)[0]?.data.timeout).toBe(150);
    await stream.waitFor(ended);
    stream.close();
    expect(probeResult(stream.events)).toBe("hasUI=true answer=null");
  });

  it("cancels pending requests when the session is deleted", async () => {
    const booted = await bootWithProbe();
    const { sessionId } = booted;
    const stream = await openSse(booted.eventsUrl(sessionId));
    scriptProbe(booted, { method: "editor" });
    await prompt(booted, sessionId);
    await stream.waitFor((events) => dialogs(events).length === 1);
    const removed = await booted.api(`/projects/demo/sessions/${sessionId}`, { method: "DELETE" });
    expect(removed.status).toBe(204);
    await stream.waitFor((events) =>
      events.some((event) => event.data.type === "extension_ui_resolved" && event.data.cancelled),
    );
    stream.close();
    expect(booted.server.runtimes.stats().liveSessions).toBe(0);
  });
});
