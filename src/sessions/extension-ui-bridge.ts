import { randomUUID } from "node:crypto";
import type {
  ExtensionUiDialogMethod,
  ExtensionUiDialogRequest,
  ExtensionUiNotice,
  ServerEvent,
} from "../contract/server-events.js";
import { AppError } from "../errors/index.js";
import type { ExtensionUIContext, ExtensionUIDialogOptions } from "../pi/agent-sessions.js";

export type DialogMethod = ExtensionUiDialogMethod;

/** A blocking extension UI call waiting for an answer. */
export type PendingUiRequest = ExtensionUiDialogRequest;

/** A fire-and-forget notice without its envelope (`type`, `id`), as the bridge builds it. */
type NoticeFields = ExtensionUiNotice extends infer N
  ? N extends ExtensionUiNotice
    ? Omit<N, "type" | "id">
    : never
  : never;

export type UiAnswer = { value: string } | { confirmed: boolean } | { cancelled: true };

interface Waiting {
  request: PendingUiRequest;
  settle: (answer: UiAnswer) => void;
}

const recentlyResolvedLimit = 1000;

/**
 * Supplies pi extensions with a UI context backed by HTTP: blocking dialogs become
 * pending requests (published as `extension_ui_request` events and listed until
 * answered), fire-and-forget calls are published as events. Pending requests are
 * cancelled on abort, on the extension's own timeout or signal, and on disposal.
 */
export class ExtensionUiBridge {
  readonly #pending = new Map<string, Waiting>();
  readonly #resolved = new Set<string>();
  readonly #publish: (event: ServerEvent) => void;
  readonly #onChange: () => void;

  constructor(publish: (event: ServerEvent) => void, onChange: () => void = () => undefined) {
    this.#publish = publish;
    this.#onChange = onChange;
  }

  get pendingCount(): number {
    return this.#pending.size;
  }

  /** Pending requests, oldest first. */
  list(): PendingUiRequest[] {
    return [...this.#pending.values()].map((waiting) => waiting.request);
  }

  /**
   * Answers a pending request.
   *
   * @throws {AppError} `UI_REQUEST_NOT_FOUND`, `UI_REQUEST_ALREADY_RESOLVED`, or
   *   `VALIDATION_FAILED` when the answer does not fit the request's method.
   */
  answer(id: string, answer: UiAnswer): void {
    const waiting = this.#pending.get(id);
    if (!waiting) {
      if (this.#resolved.has(id)) {
        throw new AppError("UI_REQUEST_ALREADY_RESOLVED", `UI request ${id} was already resolved`);
      }
      throw new AppError("UI_REQUEST_NOT_FOUND", `No pending UI request ${id}`);
    }
    checkAnswer(waiting.request, answer);
    waiting.settle(answer);
  }

  /** Cancels every pending request (the extensions see a cancelled dialog). */
  cancelAll(): void {
    for (const waiting of [...this.#pending.values()]) waiting.settle({ cancelled: true });
  }

  createContext(): ExtensionUIContext {
    const fireAndForget = (notice: NoticeFields) =>
      this.#publish({ type: "extension_ui_request", id: randomUUID(), ...notice });
    const context = {
      select: (title: string, options: string[], opts?: ExtensionUIDialogOptions) =>
        this.#dialog({ method: "select", title, options }, opts, (a) =>
          "value" in a ? a.value : undefined,
        ),
      confirm: (title: string, message: string, opts?: ExtensionUIDialogOptions) =>
        this.#dialog({ method: "confirm", title, message }, opts, (a) =>
          "confirmed" in a ? a.confirmed : false,
        ),
      input: (title: string, placeholder?: string, opts?: ExtensionUIDialogOptions) =>
        this.#dialog(
          { method: "input", title, ...(placeholder === undefined ? {} : { placeholder }) },
          opts,
          (a) => ("value" in a ? a.value : undefined),
        ),
      editor: (title: string, prefill?: string) =>
        this.#dialog(
          { method: "editor", title, ...(prefill === undefined ? {} : { prefill }) },
          undefined,
          (a) => ("value" in a ? a.value : undefined),
        ),
      notify: (message: string, notifyType?: "info" | "warning" | "error") =>
        fireAndForget({ method: "notify", message, notifyType: notifyType ?? "info" }),
      setStatus: (statusKey: string, statusText: string | undefined) =>
        fireAndForget({
          method: "setStatus",
          statusKey,
          ...(statusText === undefined ? {} : { statusText }),
        }),
      setWidget: (
        widgetKey: string,
        content: unknown,
        options?: { placement?: "aboveEditor" | "belowEditor" },
      ) => {
        if (content !== undefined && !isStringArray(content)) return;
        fireAndForget({
          method: "setWidget",
          widgetKey,
          ...(content === undefined ? {} : { widgetLines: content }),
          ...(options?.placement === undefined ? {} : { widgetPlacement: options.placement }),
        });
      },
      setTitle: (title: string) => fireAndForget({ method: "setTitle", title }),
      setEditorText: (text: string) => fireAndForget({ method: "set_editor_text", text }),
      pasteToEditor: (text: string) => fireAndForget({ method: "set_editor_text", text }),
      getEditorText: () => "",
      onTerminalInput: () => () => undefined,
      setWorkingMessage: () => undefined,
      setWorkingVisible: () => undefined,
      setWorkingIndicator: () => undefined,
      setHiddenThinkingLabel: () => undefined,
      setFooter: () => undefined,
      setHeader: () => undefined,
      custom: async () => undefined,
      addAutocompleteProvider: () => undefined,
      setEditorComponent: () => undefined,
      getEditorComponent: () => undefined,
      get theme(): never {
        throw new Error("Terminal themes are not available to extensions running in the server");
      },
      getAllThemes: () => [],
      getTheme: () => undefined,
      setTheme: () => ({ success: false, error: "Themes are not supported by the server" }),
      getToolsExpanded: () => false,
      setToolsExpanded: () => undefined,
    };
    return context as unknown as ExtensionUIContext;
  }

  #dialog<T>(
    fields: Pick<PendingUiRequest, "method" | "title"> & Partial<PendingUiRequest>,
    opts: ExtensionUIDialogOptions | undefined,
    parse: (answer: Exclude<UiAnswer, { cancelled: true }>) => T,
  ): Promise<T | (T extends boolean ? false : undefined)> {
    type Result = T | (T extends boolean ? false : undefined);
    const cancelledValue = (fields.method === "confirm" ? false : undefined) as Result;
    if (opts?.signal?.aborted) return Promise.resolve(cancelledValue);
    const request: PendingUiRequest = {
      type: "extension_ui_request",
      id: randomUUID(),
      ...fields,
      ...(opts?.timeout ? { timeout: opts.timeout } : {}),
      createdAt: new Date().toISOString(),
    };
    return new Promise<Result>((resolve) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const onAbort = () => settle({ cancelled: true });
      const settle = (answer: UiAnswer) => {
        if (!this.#pending.delete(request.id)) return;
        if (timer) clearTimeout(timer);
        opts?.signal?.removeEventListener("abort", onAbort);
        this.#remember(request.id);
        this.#publish({
          type: "extension_ui_resolved",
          id: request.id,
          cancelled: "cancelled" in answer,
        });
        this.#onChange();
        resolve("cancelled" in answer ? cancelledValue : parse(answer));
      };
      this.#pending.set(request.id, { request, settle });
      opts?.signal?.addEventListener("abort", onAbort, { once: true });
      if (opts?.timeout) timer = setTimeout(() => settle({ cancelled: true }), opts.timeout);
      this.#publish(request);
      this.#onChange();
    });
  }

  #remember(id: string): void {
    this.#resolved.add(id);
    if (this.#resolved.size > recentlyResolvedLimit) {
      const oldest = this.#resolved.values().next().value;
      if (oldest !== undefined) this.#resolved.delete(oldest);
    }
  }
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === "string");
}

function checkAnswer(request: PendingUiRequest, answer: UiAnswer): void {
  if ("cancelled" in answer) return;
  const fail = (message: string): never => {
    throw new AppError("VALIDATION_FAILED", message, { fields: [{ path: "body", message }] });
  };
  if (request.method === "confirm") {
    if (!("confirmed" in answer))
      fail("a confirm request takes { confirmed } or { cancelled: true }");
    return;
  }
  if (!("value" in answer))
    fail(`a ${request.method} request takes { value } or { cancelled: true }`);
  if (
    request.method === "select" &&
    "value" in answer &&
    !request.options?.includes(answer.value)
  ) {
    fail("value must be one of the request's options");
  }
}
