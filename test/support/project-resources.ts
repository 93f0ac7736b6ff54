import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";

/**
 * A project extension with a `/hello` command and an `ask` tool whose `method` argument
 * picks the blocking UI call (`select`, `confirm`, `input`, `editor`); the tool's result
 * text is `answer:` followed by the JSON of what the dialog returned.
 */
const extensionSource = `
export default function (pi) {
  pi.registerCommand("hello", { description: "Say hello", handler: async () => {} });
  pi.registerTool({
    name: "ask",
    label: "Ask",
    description: "Ask the user",
    parameters: {
      type: "object",
      properties: { method: { type: "string" }, timeout: { type: "number" } },
      required: ["method"],
    },
    async execute(_id, params, signal, _onUpdate, ctx) {
      const opts = { signal, ...(params.timeout ? { timeout: params.timeout } : {}) };
      let answer;
      if (params.method === "select") answer = await ctx.ui.select("Pick one", ["red", "blue"], opts);
      if (params.method === "confirm") answer = await ctx.ui.confirm("Sure?", "Really do it?", opts);
      if (params.method === "input") answer = await ctx.ui.input("Name?", "your name", opts);
      if (params.method === "editor") answer = await ctx.ui.editor("Edit", "draft");
      ctx.ui.notify("asked " + params.method, "info");
      return { content: [{ type: "text", text: "answer:" + JSON.stringify(answer ?? null) }], details: {} };
    },
  });
}
`;

/**
 * Writes a prompt template (`/review`), a skill (`/skill:deploy`) and the extension above
 * into the project's `.pi/` directory, where pi discovers them per project.
 */
export async function writeProjectResources(projectDir: string): Promise<void> {
  const pi = join(projectDir, ".pi");
  await mkdir(join(pi, "prompts"), { recursive: true });
  await mkdir(join(pi, "skills", "deploy"), { recursive: true });
  await mkdir(join(pi, "extensions"), { recursive: true });
  await writeFile(
    join(pi, "prompts", "review.md"),
    "---\ndescription: Review the staged changes\n---\nReview the staged changes carefully.\n",
  );
  await writeFile(
    join(pi, "skills", "deploy", "SKILL.md"),
    "---\nname: deploy\ndescription: Deploy the app to production when asked to ship it.\n---\n# Deploy\nRun the deploy script.\n",
  );
  await writeFile(join(pi, "extensions", "ask.ts"), extensionSource);
}
