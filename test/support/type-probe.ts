import ts from "typescript";
import { repoRoot } from "./processes.js";

/**
 * The string literals of union types, read with the TypeScript checker from real
 * declarations: `source` is a module (resolved as if it lived in `test/`) whose type
 * aliases are the probes, e.g. `export type Pi = AgentSessionEvent["type"];`.
 *
 * @returns each alias's literals, sorted, by alias name.
 */
export function stringLiteralUnions(source: string): Record<string, string[]> {
  const probe = `${repoRoot}test/__type-probe__.ts`;
  const options: ts.CompilerOptions = {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    types: ["node"],
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, language, ...rest) =>
    fileName === probe
      ? ts.createSourceFile(fileName, source, language)
      : getSourceFile(fileName, language, ...rest);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (fileName) => fileName === probe || fileExists(fileName);
  const program = ts.createProgram([probe], options, host);
  const file = program.getSourceFile(probe);
  if (!file) throw new Error("the probe did not compile");
  const diagnostics = ts.getPreEmitDiagnostics(program, file);
  if (diagnostics.length > 0) {
    throw new Error(ts.formatDiagnostics(diagnostics, host));
  }
  const checker = program.getTypeChecker();
  const unions: Record<string, string[]> = {};
  for (const alias of file.statements.filter(ts.isTypeAliasDeclaration)) {
    const type = checker.getTypeAtLocation(alias.name);
    unions[alias.name.text] = (type.isUnion() ? type.types : [type])
      .map((member) => (member.isStringLiteral() ? member.value : undefined))
      .filter((value): value is string => value !== undefined)
      .sort();
  }
  return unions;
}
