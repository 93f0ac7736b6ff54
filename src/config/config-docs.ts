import { type ConfigVariable, configGroups, configVariables } from "./config-variables.js";

const commentWidth = 88;

function byGroup(variables: readonly ConfigVariable[]) {
  return configGroups
    .map((group) => ({ group, variables: variables.filter((v) => v.group === group) }))
    .filter((section) => section.variables.length > 0);
}

function defaultCell(variable: ConfigVariable): string {
  if (variable.default !== undefined) return `\`${variable.default}\``;
  return variable.defaultText ?? "—";
}

/**
 * `docs/configuration.md`: one table per group of {@link configVariables}.
 *
 * @example
 * await writeFile("docs/configuration.md", renderConfigurationDoc());
 */
export function renderConfigurationDoc(variables = configVariables): string {
  const lines = [
    "<!-- Generated from src/config/config-variables.ts by `npm run docs:config`; do not edit. -->",
    "",
    "# Configuration",
    "",
    "All configuration is by environment variable, validated once at start-up; an invalid",
    "value stops the process with a message naming the variable. [`.env.example`](../.env.example)",
    "lists every variable with its default: copy it to `.env` and start with",
    "`node --env-file=.env dist/server.js`, or export the variables in your shell.",
  ];
  for (const { group, variables: rows } of byGroup(variables)) {
    lines.push("", `## ${group}`, "", "| Variable | Default | Meaning |", "|---|---|---|");
    for (const variable of rows) {
      const meaning = variable.meaning.replaceAll("|", "\\|");
      lines.push(`| \`${variable.name}\` | ${defaultCell(variable)} | ${meaning} |`);
    }
  }
  return `${lines.join("\n")}\n`;
}

/** Markdown to plain comment text: relative links point into `docs/`, others keep their URL. */
function plain(markdown: string): string {
  return markdown.replace(/\[([^\]]+)\]\(([^)]+)\)/g, (_match, text: string, url: string) =>
    /^[a-z]+:/.test(url) ? `${text} (${url})` : `docs/${url.replace(/#.*$/, "")}`,
  );
}

function wrapComment(text: string): string[] {
  const lines: string[] = [];
  let line = "#";
  for (const word of text.split(/\s+/)) {
    if (line.length > 1 && line.length + 1 + word.length > commentWidth) {
      lines.push(line);
      line = "#";
    }
    line += ` ${word}`;
  }
  lines.push(line);
  return lines;
}

/**
 * `.env.example`: every variable with its comment and default, grouped like the docs.
 *
 * @example
 * await writeFile(".env.example", renderEnvExample());
 */
export function renderEnvExample(variables = configVariables): string {
  const lines = [
    "# Every variable the server reads, with its default. Copy to .env and adjust;",
    "# start with `node --env-file=.env dist/server.js` or export them in your shell.",
    "# Generated from src/config/config-variables.ts by `npm run docs:config`; do not edit.",
  ];
  for (const { group, variables: rows } of byGroup(variables)) {
    lines.push("", `# ── ${group} ──`);
    for (const variable of rows) {
      const assignment = `${variable.name}=${variable.default ?? ""}`;
      lines.push(
        "",
        ...wrapComment(plain(variable.meaning)),
        variable.requires === undefined ? assignment : `# ${assignment}`,
      );
    }
  }
  return `${lines.join("\n")}\n`;
}
