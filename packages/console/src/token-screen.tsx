import { useState } from "preact/hooks";

export interface TokenScreenProps {
  /** The last token tried was refused. */
  rejected: boolean;
  onSubmit(token: string): Promise<void>;
}

/** Asks for the server's API token; it is kept in this tab's session storage only. */
export function TokenScreen({ rejected, onSubmit }: TokenScreenProps) {
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
        {rejected ? (
          <p class="notice error" role="alert">
            That token was not accepted.
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
