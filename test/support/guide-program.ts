/**
 * The program a Markdown guide's marked code blocks make, in order: a block fenced as
 * ```` ```ts run ```` is copied as is; one fenced as ```` ```ts check ```` is wrapped in a
 * function that is never called, so it is type-checked against everything declared before
 * it but does not run. Other blocks are prose.
 */
export function guideProgram(markdown: string): { source: string; run: number; check: number } {
  const fence = /^```ts (run|check)\n([\s\S]*?)^```$/gm;
  const parts: string[] = [];
  let run = 0;
  let check = 0;
  for (const [, kind, body] of markdown.matchAll(fence)) {
    if (kind === "run") {
      run += 1;
      parts.push(body as string);
    } else {
      check += 1;
      parts.push(`async function checkOnly${check}() {\n${body}}\n`);
    }
  }
  return { source: parts.join("\n"), run, check };
}

/**
 * Stands in for `@types/node` in a scratch project that installs nothing but the client:
 * the guide's programs use no more of Node than its environment.
 */
export const processEnvDeclaration =
  "declare const process: { env: Record<string, string | undefined> };\n";
