import { AgentApiError } from "pi-agent-server-client";

interface ProblemFields {
  title?: unknown;
  detail?: unknown;
  code?: unknown;
}

/** A problem document's most telling words, if `value` is one. */
function problemText(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const { detail, title, code } = value as ProblemFields;
  const text = [detail, title, code].find((part) => typeof part === "string");
  return text as string | undefined;
}

/**
 * The words to show for a failed request: the problem's detail when the server sent one
 * (thrown by `unwrap`, or openapi-fetch's plain `error`), else the error's message.
 */
export function describeError(error: unknown): string {
  if (error instanceof AgentApiError) return problemText(error.problem) ?? error.message;
  if (error instanceof Error) return error.message;
  return problemText(error) ?? String(error);
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
