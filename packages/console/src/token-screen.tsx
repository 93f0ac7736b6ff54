import { useState } from "preact/hooks";

export interface TokenScreenProps {
  /** Why the screen is shown again: the last token was refused, or stopped working. */
  notice?: string | undefined;
  onSubmit(token: string): Promise<void>;
}

/** Asks for the server's API token; it is kept in this tab's session storage only. */
export function TokenScreen({ notice, onSubmit }: TokenScreenProps) {
  const [token, setToken] = useState("");
  const [busy, setBusy] = useState(false);
  return (
    <main class="splash">
      <form
        class="card token-form"
        onSubmit={async (event) => {
          event.preventDefault();
          setBusy(true);
          await onSubmit(token.trim());
          setBusy(false);
        }}
      >
        <h1>pi agent server</h1>
        <p>This server needs an API token.</p>
        <label for="api-token">API token</label>
        <input
          id="api-token"
          type="password"
          autocomplete="current-password"
          value={token}
          required
          onInput={(event) => setToken(event.currentTarget.value)}
        />
        {notice ? (
          <p class="notice error" role="alert">
            {notice}
          </p>
        ) : null}
        <button type="submit" class="primary" disabled={busy || token.trim() === ""}>
          Sign in
        </button>
        <p class="hint">The token is kept in this browser tab only, until it is closed.</p>
      </form>
    </main>
  );
}
