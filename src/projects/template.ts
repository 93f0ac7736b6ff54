import { cp } from "node:fs/promises";
import { basename } from "node:path";

/** Directory names never copied from a template: build output and dependency caches. */
export const skippedTemplateEntries: ReadonlySet<string> = new Set([
  "node_modules",
  "dist",
  ".vite",
  ".cache",
  ".turbo",
  ".parcel-cache",
  ".next",
  "coverage",
  ".git",
]);

/** Recursively copies `templateDir` into `targetDir` (dotfiles included, build caches skipped). */
export async function copyTemplate(templateDir: string, targetDir: string): Promise<void> {
  await cp(templateDir, targetDir, {
    recursive: true,
    errorOnExist: false,
    force: true,
    filter: (source) => source === templateDir || !skippedTemplateEntries.has(basename(source)),
  });
}
