import { useState } from "preact/hooks";

export interface Action {
  /** An action is running; controls that start one should be disabled. */
  busy: boolean;
  /** What the last action failed with, for `ErrorNotice`; cleared when the next starts. */
  error: unknown;
  /** Runs `action`, then `onDone` when it succeeded. */
  run(action: () => Promise<unknown>): Promise<void>;
}

/** The busy flag and error of buttons that change something on the server. */
export function useAction(onDone: () => void): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
      onDone();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}
