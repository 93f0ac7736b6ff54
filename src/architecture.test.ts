import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, normalize, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const srcDir = dirname(fileURLToPath(import.meta.url));
const rulesFile = join(srcDir, "..", "docs", "architecture.md");

/** Room → layer, read from the table between the `layers:start` / `layers:end` markers. */
function readLayers(markdown: string): Map<string, number> {
  const table = markdown.split("<!-- layers:start -->")[1]?.split("<!-- layers:end -->")[0];
  if (!table) throw new Error("docs/architecture.md has no layers table");
  const layers = new Map<string, number>();
  for (const line of table.split("\n")) {
    const cells = line.split("|").map((cell) => cell.trim());
    const layer = Number(cells[1]);
    if (!/^\d+$/.test(cells[1] ?? "")) continue;
    for (const room of (cells[2] ?? "").matchAll(/`([^`]+)`/g))
      layers.set(room[1] as string, layer);
  }
  return layers;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    const isSource = entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts");
    return isSource ? [relative(srcDir, path)] : [];
  });
}

const importPattern = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)["'](\.{1,2}\/[^"']+)["']/gm;

/** Relative imports of `file`, as paths under `src/` ending in `.ts`. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(srcDir, file), "utf8");
  return [...text.matchAll(importPattern)]
    .map((match) => normalize(join(dirname(file), match[1] as string)))
    .filter((target) => !target.startsWith(".."))
    .map((target) => target.replace(/\.js$/, ".ts"));
}

const roomOf = (file: string) => file.split(sep)[0] as string;

/** Groups of files that import each other in a circle (Tarjan's strongly connected components). */
function cycles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node) as number);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) as number, low.get(next) as number));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node) as number, index.get(next) as number));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const group: string[] = [];
    let member: string;
    do {
      member = stack.pop() as string;
      onStack.delete(member);
      group.push(member);
    } while (member !== node);
    if (group.length > 1 || graph.get(node)?.includes(node)) found.push(group.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}

describe("architecture (docs/architecture.md)", () => {
  const layers = readLayers(readFileSync(rulesFile, "utf8"));
  const files = sourceFiles(srcDir);
  const graph = new Map(files.map((file) => [file, importsOf(file)]));

  it("places every room of src/ in a layer", () => {
    const unplaced = [...new Set(files.map(roomOf))].filter((room) => !layers.has(room));
    expect(unplaced).toEqual([]);
  });

  it("imports only from lower layers", () => {
    const violations: string[] = [];
    for (const [file, targets] of graph) {
      for (const target of targets) {
        const from = roomOf(file);
        const to = roomOf(target);
        if (from === to) continue;
        if ((layers.get(to) ?? Infinity) >= (layers.get(from) ?? -1)) {
          violations.push(`${file} -> ${target}`);
        }
      }
    }
    expect(violations).toEqual([]);
  });

  it("has no import cycle between files", () => {
    expect(cycles(graph)).toEqual([]);
  });

  it("reads process.env only in the entry point", () => {
    const readers = files.filter(
      (file) =>
        file !== "server.ts" &&
        /\bprocess\.env\b/.test(
          readFileSync(join(srcDir, file), "utf8").replace(/^\s*(\/\/|\*).*$/gm, ""),
        ),
    );
    expect(readers).toEqual([]);
  });
});
