import { unwrap } from "pi-agent-server-client";
import { useState } from "preact/hooks";
import { useClient } from "../../../api/connection.js";
import { type FieldNames, ProblemNotice } from "./problem-notice.js";
import type { AskUserSettings } from "./use-ask-user.js";

/** What the form shows each setting as, also used to name fields the server refused. */
const fieldNames: FieldNames = {
  enabled: "Offer ask_user",
  fallbackAnswer: "Fallback answer",
  waitTimeoutSeconds: "Wait for an answer (s)",
  askWhenUnwatched: "Ask when nobody watches",
  "autopilot.enabled": "Autopilot",
  "autopilot.prompts": "Autopilot prompts",
  warnAfterMinutes: "Warn after minutes",
  warnAfterAskUserCalls: "Warn after questions",
};

export interface AskUserSettingsFormProps {
  projectId: string;
  sessionId: string;
  settings: AskUserSettings;
  /** Whether the settings shown are the ones just saved from this form. */
  saved: boolean;
  onSaved(settings: AskUserSettings): void;
  /** The draft was changed after a save. */
  onEdited(): void;
}

/** Autopilot prompts are edited one a line; blank lines are not prompts. */
const promptLines = (text: string) =>
  text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "");

/**
 * The session's `ask_user` settings with autopilot, saved as a whole with the settings
 * route. The draft starts from the effective settings; the parent remounts the form
 * when they change on the server, and so keeps the "saved" mark across that.
 */
export function AskUserSettingsForm({
  projectId,
  sessionId,
  settings,
  saved,
  onSaved,
  onEdited,
}: AskUserSettingsFormProps) {
  const client = useClient();
  const [draft, setDraft] = useState(settings);
  const [prompts, setPrompts] = useState(settings.autopilot.prompts.join("\n"));
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(undefined);

  const set = <K extends keyof AskUserSettings>(key: K, value: AskUserSettings[K]) => {
    onEdited();
    setDraft((current) => ({ ...current, [key]: value }));
  };
  const number = (value: string) => (value === "" ? Number.NaN : Number(value));

  const save = async () => {
    setSaving(true);
    setError(undefined);
    try {
      const body = { ...draft, autopilot: { ...draft.autopilot, prompts: promptLines(prompts) } };
      const result = unwrap(
        await client.PATCH("/v1/projects/{projectId}/sessions/{sessionId}/ask-user/settings", {
          params: { path: { projectId, sessionId } },
          body,
        }),
      );
      onSaved(result);
    } catch (failure) {
      setError(failure);
    } finally {
      setSaving(false);
    }
  };

  return (
    <section class="ask-user-settings" aria-labelledby="ask-user-settings-title">
      <h2 id="ask-user-settings-title">Question settings</h2>
      <form
        class="settings-form"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <label class="check">
          <input
            type="checkbox"
            checked={draft.enabled}
            onChange={(event) => set("enabled", event.currentTarget.checked)}
          />
          {fieldNames.enabled}
        </label>
        <label>
          {fieldNames.fallbackAnswer}
          <input
            type="text"
            value={draft.fallbackAnswer}
            onInput={(event) => set("fallbackAnswer", event.currentTarget.value)}
          />
        </label>
        <label>
          {fieldNames.waitTimeoutSeconds}
          <input
            type="number"
            min={0}
            step={1}
            value={Number.isNaN(draft.waitTimeoutSeconds) ? "" : draft.waitTimeoutSeconds}
            aria-describedby="wait-timeout-hint"
            onInput={(event) => set("waitTimeoutSeconds", number(event.currentTarget.value))}
          />
        </label>
        <span id="wait-timeout-hint" class="hint">
          0 waits forever.
        </span>
        <label class="check">
          <input
            type="checkbox"
            checked={draft.askWhenUnwatched}
            onChange={(event) => set("askWhenUnwatched", event.currentTarget.checked)}
          />
          {fieldNames.askWhenUnwatched}
        </label>
        <fieldset>
          <legend>Autopilot</legend>
          <label class="check">
            <input
              type="checkbox"
              checked={draft.autopilot.enabled}
              onChange={(event) =>
                set("autopilot", { ...draft.autopilot, enabled: event.currentTarget.checked })
              }
            />
            Answer from the prompts when no answer is queued
          </label>
          <label>
            {fieldNames["autopilot.prompts"]}
            <textarea
              rows={4}
              value={prompts}
              aria-describedby="autopilot-prompts-hint"
              onInput={(event) => {
                onEdited();
                setPrompts(event.currentTarget.value);
              }}
            />
          </label>
          <span id="autopilot-prompts-hint" class="hint">
            One a line, used in turn.
          </span>
        </fieldset>
        <fieldset>
          <legend>Warnings (0: never)</legend>
          <label>
            {fieldNames.warnAfterMinutes}
            <input
              type="number"
              min={0}
              step={1}
              value={Number.isNaN(draft.warnAfterMinutes) ? "" : draft.warnAfterMinutes}
              onInput={(event) => set("warnAfterMinutes", number(event.currentTarget.value))}
            />
          </label>
          <label>
            {fieldNames.warnAfterAskUserCalls}
            <input
              type="number"
              min={0}
              step={1}
              value={Number.isNaN(draft.warnAfterAskUserCalls) ? "" : draft.warnAfterAskUserCalls}
              onInput={(event) => set("warnAfterAskUserCalls", number(event.currentTarget.value))}
            />
          </label>
        </fieldset>
        <div class="actions start">
          <button type="submit" class="primary" disabled={saving}>
            Save settings
          </button>
          {saved ? (
            <span role="status" class="muted">
              Saved.
            </span>
          ) : null}
        </div>
      </form>
      <ProblemNotice error={error} fields={fieldNames} />
    </section>
  );
}
