import { describe, expect, it } from "vitest";
import type { ServerEvent } from "../contract/server-events.js";
import { ExtensionUiBridge } from "../sessions/extension-ui-bridge.js";
import { EventHub } from "../sse/event-hub.js";
import { EventSequence } from "../sse/sequence.js";
import { AskUserSession } from "./ask-user-session.js";
import type { AskUserSettingsPatch } from "./ask-user-settings.js";
import { type AskUserState, freshState } from "./ask-user-state.js";

function setup(options: { watchers?: number; defaults?: AskUserSettingsPatch } = {}) {
  const events: Array<{ type: string } & Record<string, unknown>> = [];
  const hub = new EventHub({ sequence: EventSequence.inMemory() });
  const publish = (event: ServerEvent) => {
    events.push(event as { type: string });
    return hub.publish(event);
  };
  const ui = new ExtensionUiBridge(publish);
  const saved: AskUserState[] = [];
  let failNextSave = false;
  const session = new AskUserSession(freshState(), {
    save: async (_id, state) => {
      if (failNextSave) {
        failNextSave = false;
        throw new Error("disk full");
      }
      saved.push(state);
    },
    projectDefaults: () => options.defaults ?? {},
    onAttach: () => undefined,
  });
  session.attach({
    id: "s1",
    hub: { publish, subscriberCount: options.watchers ?? 1 },
    ui,
  });
  const ask = (question: string, signal?: AbortSignal) =>
    session.hooks.ask(question, { toolCallId: `call-${question}`, signal });
  return { session, ui, events, saved, ask, failSave: () => (failNextSave = true) };
}

describe("AskUserSession", () => {
  it("opens a pending input request for a watched session and returns the typed answer", async () => {
    const { session, ui, events, ask } = setup();
    const answer = ask("Proceed?");
    const [request] = ui.list();
    expect(request).toMatchObject({ method: "input", title: "Proceed?" });
    expect(session.waiting).toEqual([
      expect.objectContaining({ requestId: request?.id, question: "Proceed?", timeoutMs: null }),
    ]);
    ui.answer(request?.id ?? "", { value: "yes" });
    expect(await answer).toBe("yes");
    expect(session.waiting).toEqual([]);
    expect(events.map((event) => event.type)).toEqual(
      expect.arrayContaining(["extension_ui_request", "ask_user_waiting", "ask_user_answered"]),
    );
  });

  it("gives the fallback when the person cancels or answers blank", async () => {
    const { ui, ask } = setup({ defaults: { fallbackAnswer: "go on" } });
    const cancelled = ask("a");
    ui.answer(ui.list()[0]?.id ?? "", { cancelled: true });
    expect(await cancelled).toBe("go on");
    const blank = ask("b");
    ui.answer(ui.list()[0]?.id ?? "", { value: "  " });
    expect(await blank).toBe("go on");
  });

  it("hands an answer queued while waiting to the oldest waiting call, in order", async () => {
    const { session, ask } = setup();
    const first = ask("1");
    const second = ask("2");
    expect(session.enqueue("for one").position).toBe(0);
    expect(session.enqueue("for two").position).toBe(0);
    expect(session.enqueue("queued").position).toBe(1);
    expect([await first, await second]).toEqual(["for one", "for two"]);
    expect(session.queue.map((item) => item.text)).toEqual(["queued"]);
  });

  it("releases every waiting call with stop, and an aborted run cancels its request", async () => {
    const { session, ui, ask } = setup();
    const waiting = [ask("1"), ask("2")];
    expect(session.stop()).toEqual({ released: 2, stopRequested: false });
    expect(await Promise.all(waiting)).toEqual(["stop", "stop"]);
    expect(ui.list()).toEqual([]);

    const controller = new AbortController();
    const aborted = ask("3", controller.signal);
    controller.abort();
    expect(await aborted).toBe("continue");
    expect(ui.list()).toEqual([]);
  });

  it("does not wait when nobody watches unless askWhenUnwatched is set", async () => {
    expect(await setup({ watchers: 0 }).ask("q")).toBe("continue");
    const { ui, ask } = setup({ watchers: 0, defaults: { askWhenUnwatched: true } });
    const answer = ask("q");
    expect(ui.list()).toHaveLength(1);
    ui.answer(ui.list()[0]?.id ?? "", { value: "here" });
    expect(await answer).toBe("here");
  });

  it("coalesces saves, reports a failed write from flush, and stops writing once closed", async () => {
    const { session, saved, failSave } = setup();
    session.enqueue("a");
    session.enqueue("b");
    session.enqueue("c");
    await session.flush();
    expect(saved.length).toBeLessThan(3);
    expect(saved.at(-1)?.queue.map((item) => item.text)).toEqual(["a", "b", "c"]);

    failSave();
    session.clearQueue();
    await expect(session.flush()).rejects.toThrow("disk full");
    await session.flush();

    await session.close();
    const count = saved.length;
    session.enqueue("after close");
    await session.flush();
    expect(saved.length).toBe(count);
  });

  it("resets autopilot to the first prompt when the prompts change", async () => {
    const { session, ask } = setup({ watchers: 0 });
    session.updateSettings({ autopilot: { enabled: true, prompts: ["1", "2"] } });
    expect(await ask("a")).toBe("1");
    session.updateSettings({ autopilot: { prompts: ["x", "y"] } });
    expect(await ask("b")).toBe("x");
    session.updateSettings({ autopilot: { enabled: true } });
    expect(await ask("c")).toBe("y");
  });

  it("refuses to queue past the limit without changing the queue", async () => {
    const { session } = setup();
    for (let i = 0; i < 1000; i++) session.enqueue(`answer ${i}`);
    expect(() => session.enqueue("one too many")).toThrow(
      expect.objectContaining({ code: "ASK_USER_QUEUE_FULL" }),
    );
    expect(session.queue).toHaveLength(1000);
  });
});
