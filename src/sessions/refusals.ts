import { AppError } from "../errors/index.js";

/** Turns pi's plain `Error` refusals into catalogue errors instead of bare 500s. */
export function rejectedAs(code: "PROMPT_REJECTED" | "COMPACTION_FAILED") {
  return (error: unknown): never => {
    throw new AppError(code, clientMessage(error));
  };
}

/** pi's refusal text without the server's file-system paths (it points at its own docs). */
export function clientMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/(^|[\s("'`])(?:[A-Za-z]:)?(?:\/[^\s/"'`)]+){2,}\/?/g, "$1<server path>");
}
