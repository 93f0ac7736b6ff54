import { useState } from "preact/hooks";
import type { SubscriptionFlow } from "./load-credentials.js";

type Prompt = NonNullable<SubscriptionFlow["prompt"]>;

export interface SubscriptionPromptProps {
  prompt: Prompt;
  onAnswer(value: string): Promise<void>;
}

/** What the login waits for: free text, the pasted code or redirect URL, or one option. */
export function SubscriptionPrompt({ prompt, onAnswer }: SubscriptionPromptProps) {
  const first = prompt.kind === "select" ? (prompt.options[0]?.id ?? "") : "";
  const [value, setValue] = useState(first);
  const [busy, setBusy] = useState(false);
  const mayBeEmpty = prompt.kind === "text" && prompt.allowEmpty;

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    try {
      await onAnswer(value);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="credentials-form" onSubmit={submit}>
      {prompt.kind === "select" ? (
        <label>
          {prompt.message}
          <select value={value} onChange={(event) => setValue(event.currentTarget.value)}>
            {prompt.options.map((option) => (
              <option key={option.id} value={option.id}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <label>
          {prompt.message}
          <input
            type="text"
            autoComplete="off"
            spellcheck={false}
            placeholder={prompt.kind === "text" ? (prompt.placeholder ?? undefined) : undefined}
            required={!mayBeEmpty}
            value={value}
            onInput={(event) => setValue(event.currentTarget.value)}
          />
        </label>
      )}
      <div class="actions">
        <button type="submit" class="primary" disabled={busy || (!mayBeEmpty && value === "")}>
          Continue login
        </button>
      </div>
    </form>
  );
}
