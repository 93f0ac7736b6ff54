import { AgentApiError } from "pi-agent-server-client";

/** The words to show for a failed request: the problem's detail when the server sent one. */
export function describeError(error: unknown): string {
  if (error instanceof AgentApiError) {
    const { title, detail, code } = (error.problem ?? {}) as {
      title?: string;
      detail?: string;
      code?: string;
    };
    return detail ?? title ?? code ?? error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

/** An error shown where the failed action was, announced to screen readers. */
export function ErrorNotice({ error }: { error: unknown }) {
  if (error === undefined || error === null) return null;
  return (
    <p class="notice error" role="alert">
      {describeError(error)}
    </p>
  );
}
