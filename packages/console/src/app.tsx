import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import {
  type Caller,
  type Connection,
  ConnectionContext,
  clientFor,
  probe,
} from "./api/connection.js";
import { forgetToken, storedToken, storeToken } from "./api/token-store.js";
import { Shell } from "./shell.js";
import { TokenScreen } from "./token-screen.js";
import { describeError } from "./ui/errors.js";

type Access =
  | { state: "checking" }
  | { state: "signed-in"; token: string | undefined; caller: Caller }
  | { state: "needs-token"; notice?: string }
  | { state: "unreachable"; error: unknown };

const refusedNotice = "That token was not accepted.";
const revokedNotice =
  "The server no longer accepts this token: it was deleted or has expired. Sign in with another one.";

/**
 * Finds out whether the server wants a token and who it belongs to (`GET /v1/whoami`):
 * without one set (loopback, auth off) the console opens at once as admin; otherwise it
 * asks for the token and keeps it for this tab. A token refused later (deleted,
 * expired) sends the tab back to the token screen on its next request.
 */
export function App() {
  const [access, setAccess] = useState<Access>({ state: "checking" });
  // Which sign-in is current: a late 401 to an earlier one must not sign out a newer one.
  const signIns = useRef(0);

  const tryToken = async (token: string | undefined) => {
    try {
      const caller = await probe(token);
      if (caller !== "unauthorized") {
        if (token !== undefined) storeToken(token);
        setAccess({ state: "signed-in", token, caller });
      } else {
        if (token !== undefined) forgetToken();
        setAccess({
          state: "needs-token",
          ...(token !== undefined ? { notice: refusedNotice } : {}),
        });
      }
    } catch (error) {
      setAccess({ state: "unreachable", error });
    }
  };

  useEffect(() => {
    void tryToken(storedToken());
  }, []);

  const connection = useMemo<Connection | undefined>(() => {
    const signIn = ++signIns.current;
    if (access.state !== "signed-in") return undefined;
    const { token } = access;
    const client = clientFor(token);
    if (token !== undefined) {
      client.use({
        onResponse({ response }) {
          if (response.status !== 401 || signIn !== signIns.current) return;
          if (storedToken() === token) forgetToken();
          setAccess({ state: "needs-token", notice: revokedNotice });
        },
      });
    }
    return {
      client,
      withToken: token !== undefined,
      caller: access.caller,
      signOut() {
        forgetToken();
        setAccess({ state: "needs-token" });
      },
    };
  }, [access]);

  switch (access.state) {
    case "checking":
      return <p class="splash">Connecting…</p>;
    case "unreachable":
      return (
        <main class="splash">
          <p role="alert">The server could not be reached: {describeError(access.error)}</p>
          <button type="button" onClick={() => void tryToken(storedToken())}>
            Try again
          </button>
        </main>
      );
    case "needs-token":
      return <TokenScreen notice={access.notice} onSubmit={tryToken} />;
    case "signed-in":
      return (
        <ConnectionContext.Provider value={connection}>
          <Shell />
        </ConnectionContext.Provider>
      );
  }
}
