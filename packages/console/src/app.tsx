import { useEffect, useMemo, useState } from "preact/hooks";
import { type Connection, ConnectionContext, clientFor, probe } from "./api/connection.js";
import { forgetToken, storedToken, storeToken } from "./api/token-store.js";
import { Shell } from "./shell.js";
import { TokenScreen } from "./token-screen.js";
import { describeError } from "./ui/errors.js";

type Access =
  | { state: "checking" }
  | { state: "signed-in"; token: string | undefined }
  | { state: "needs-token"; rejected: boolean }
  | { state: "unreachable"; error: unknown };

/**
 * Finds out whether the server wants a token: without one set (loopback, auth off) the
 * console opens at once; otherwise it asks for the token and keeps it for this tab.
 */
export function App() {
  const [access, setAccess] = useState<Access>({ state: "checking" });

  const tryToken = async (token: string | undefined) => {
    try {
      if ((await probe(token)) === "ok") {
        if (token !== undefined) storeToken(token);
        setAccess({ state: "signed-in", token });
      } else {
        if (token !== undefined) forgetToken();
        setAccess({ state: "needs-token", rejected: token !== undefined });
      }
    } catch (error) {
      setAccess({ state: "unreachable", error });
    }
  };

  useEffect(() => {
    void tryToken(storedToken());
  }, []);

  const connection = useMemo<Connection | undefined>(() => {
    if (access.state !== "signed-in") return undefined;
    return {
      client: clientFor(access.token),
      withToken: access.token !== undefined,
      signOut() {
        forgetToken();
        setAccess({ state: "needs-token", rejected: false });
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
      return <TokenScreen rejected={access.rejected} onSubmit={tryToken} />;
    case "signed-in":
      return (
        <ConnectionContext.Provider value={connection}>
          <Shell />
        </ConnectionContext.Provider>
      );
  }
}
