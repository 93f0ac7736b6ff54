import { describe, expect, it } from "vitest";
import { readJson } from "#test-support/json.js";
import { runTs, waitForOutput } from "#test-support/processes.js";
import { openSse, type ReceivedEvent, type SseConnection } from "#test-support/sse-client.js";
import { useTempDirs } from "#test-support/temp-dir.js";

type View = "compact" | "full";
const views: View[] = ["compact", "full"];

async function startServer(workspace: string) {
  const env = { WORKSPACE_DIR: workspace, AGENT_SERVER_PORT: "0", AGENT_SANDBOX: "none" };
  const proc = runTs("test/fixtures/session-server.ts", { env });
  const url = (await waitForOutput(proc, /listening on (http:\/\/\S+)/))[1] as string;
  return { proc, url };
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("the event log across restarts", () => {
  const tempDir = useTempDirs();

  for (const signal of ["SIGTERM", "SIGKILL"] as const) {
    it(`replays exactly the missed events after a ${signal}, in both views`, async () => {
      const workspace = await tempDir();
      let server = await startServer(workspace);
      const api =
        (base: string) =>
        (path: string, init: RequestInit = {}) =>
          fetch(`${base}/v1${path}`, {
            ...init,
            headers: { "content-type": "application/json", ...init.headers },
          });
      let call = api(server.url);
      await call("/projects", { method: "POST", body: JSON.stringify({ name: "Demo" }) });
      const created = await readJson(
        await call("/projects/demo/sessions", { method: "POST", body: "{}" }),
      );
      const sessionId = created.id as string;
      expect(created.lastEventId).toBeGreaterThanOrEqual(0);
      const stream = (base: string, view: View, lastEventId?: number) =>
        openSse(`${base}/v1/projects/demo/sessions/${sessionId}/events?view=${view}`, {
          ...(lastEventId === undefined ? {} : { lastEventId }),
        });

      // Observers stay until the server goes; leavers go mid-reply and come back after it.
      const observers = new Map<View, SseConnection>();
      const leavers = new Map<View, SseConnection>();
      for (const view of views) {
        observers.set(view, await stream(server.url, view));
        leavers.set(view, await stream(server.url, view));
      }
      await call(`/projects/demo/sessions/${sessionId}/prompt`, {
        method: "POST",
        body: JSON.stringify({ text: "go" }),
      });
      const left = new Map<View, number>();
      for (const view of views) {
        const leaver = leavers.get(view) as SseConnection;
        await leaver.waitFor(
          (events) => events.filter((e) => e.data.type === "message_update").length >= 20,
        );
        leaver.close();
        left.set(view, leaver.events.at(-1)?.id as number);
      }
      // Frames arrive in batches, so a leaver may have got far: wait for events past it.
      const lastLeft = Math.max(...left.values());
      for (const observer of observers.values()) {
        await observer.waitFor((events) => (events.at(-1)?.id ?? 0) >= lastLeft + 30);
      }
      if (signal === "SIGKILL") await settle(Math.random() * 50);
      server.proc.child.kill(signal);
      await server.proc.exited;
      for (const observer of observers.values()) {
        await observer.closed;
        observer.close(); // every frame it got before the server went keeps the contract
      }

      server = await startServer(workspace);
      call = api(server.url);
      for (const view of views) {
        const observed = (observers.get(view) as SseConnection).events;
        const lastObserved = observed.at(-1)?.id as number;
        const missed = observed.filter((event) => (event.id ?? 0) > (left.get(view) as number));
        expect(missed.length).toBeGreaterThan(5);
        const back = await stream(server.url, view, left.get(view));
        await back.waitFor((events) => events.some((event) => (event.id ?? 0) >= lastObserved));
        const replayed = back.events.filter((event) => (event.id ?? 0) <= lastObserved);
        expect(replayed.map((event) => event.id)).toEqual(missed.map((event) => event.id));
        expect(replayed.map((event: ReceivedEvent) => event.data)).toEqual(
          missed.map((event) => event.data),
        );
        back.close();

        // The JSON page returns the same events, in order.
        const page = await readJson(
          await call(
            `/projects/demo/sessions/${sessionId}/events?view=${view}&after=${left.get(view)}&limit=1000`,
            { headers: { accept: "application/json" } },
          ),
        );
        const paged = page.events.filter((event: { id: number }) => event.id <= lastObserved);
        expect(paged.map((event: { id: number }) => event.id)).toEqual(missed.map((e) => e.id));
        expect(paged.map((event: { event: unknown }) => event.event)).toEqual(
          missed.map((e) => e.data),
        );
      }
      // The detail and the list name the newest event the log kept, a real one.
      const detail = await readJson(await call(`/projects/demo/sessions/${sessionId}`));
      expect(detail.lastEventId).toBeGreaterThanOrEqual(
        (observers.get("compact") as SseConnection).events.at(-1)?.id as number,
      );
      const newest = await readJson(
        await call(`/projects/demo/sessions/${sessionId}/events?after=${detail.lastEventId - 1}`, {
          headers: { accept: "application/json" },
        }),
      );
      expect(newest.events.map((event: { id: number }) => event.id)).toEqual([detail.lastEventId]);
      expect(newest.lastEventId).toBe(detail.lastEventId);
      const list = await readJson(await call("/projects/demo/sessions"));
      const listed = list.items.find((item: { id: string }) => item.id === sessionId);
      expect(listed.lastEventId).toBe(detail.lastEventId);
      server.proc.child.kill("SIGTERM");
      await server.proc.exited;
    }, 120_000);
  }
});
