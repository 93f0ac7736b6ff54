import type { components } from "pi-agent-server-client";

type Schemas = components["schemas"];
type Block = Schemas["TextContent"] | Schemas["ImageContent"];

/** The text of a user, custom or tool-result message's content (a string or blocks). */
export function textOf(content: string | readonly Block[] | undefined): string {
  if (content === undefined) return "";
  if (typeof content === "string") return content;
  return content
    .map((block) => (block.type === "text" ? block.text : ""))
    .filter((text) => text !== "")
    .join("\n");
}

/** How many images a message's content holds. */
export function imageCount(content: string | readonly Block[] | undefined): number {
  if (content === undefined || typeof content === "string") return 0;
  return content.filter((block) => block.type === "image").length;
}

/**
 * The text of a tool's result as pi reports it: `{ content: [...] }` on
 * `tool_execution_update`/`_end` (and a `ToolResultMessage`), or anything else a tool
 * returned, shown as JSON.
 */
export function resultText(result: unknown): { text: string; images: number } {
  if (result === undefined || result === null) return { text: "", images: 0 };
  if (typeof result === "string") return { text: result, images: 0 };
  const content = (result as { content?: unknown }).content;
  if (Array.isArray(content) || typeof content === "string") {
    const blocks = content as string | Block[];
    return { text: textOf(blocks), images: imageCount(blocks) };
  }
  return { text: prettyJson(result), images: 0 };
}

/** JSON indented for reading; anything that does not serialise is shown as text. */
export function prettyJson(value: unknown): string {
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}
