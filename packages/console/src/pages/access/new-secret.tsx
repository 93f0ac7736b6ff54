import { useEffect, useRef, useState } from "preact/hooks";
import type { CreatedApiToken } from "./access-model.js";

/** Copies `text`, with the clipboard API where the page may use it, else by selection. */
async function copy(text: string, field: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    field?.select();
    return document.execCommand("copy");
  }
}

/**
 * The secret of a token just created, shown this once: the server keeps only its hash,
 * so it is gone once this is dismissed or the page reloads.
 */
export function NewSecret({ created, onDone }: { created: CreatedApiToken; onDone(): void }) {
  const field = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<boolean | undefined>(undefined);
  // Focus lands on the secret, selected, ready to copy.
  useEffect(() => {
    field.current?.focus();
    field.current?.select();
  }, []);
  return (
    <section class="card access-secret" aria-labelledby="new-secret-title">
      <h3 id="new-secret-title">Token “{created.token.name}” created</h3>
      <p class="notice warn" role="alert">
        Copy the secret now: it is shown this once and cannot be read again. Anyone who has it can
        act as a {created.token.role}.
      </p>
      <label>
        Secret
        <input
          ref={field}
          readOnly
          value={created.secret}
          class="access-secret-value"
          spellcheck={false}
          onFocus={(event) => event.currentTarget.select()}
        />
      </label>
      <div class="actions">
        <span role="status" class="muted">
          {copied === true ? "Copied." : copied === false ? "Select it and copy by hand." : ""}
        </span>
        <button
          type="button"
          onClick={async () => setCopied(await copy(created.secret, field.current))}
        >
          Copy secret
        </button>
        <button type="button" class="primary" onClick={onDone}>
          I have stored it
        </button>
      </div>
    </section>
  );
}
