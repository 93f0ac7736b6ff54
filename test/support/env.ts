/**
 * Puts `process.env` back to `saved` in place (keys added since are removed), keeping
 * Node's own env object: replacing it with a plain copy would leak into later test files
 * that share the worker.
 */
export function restoreEnv(saved: Readonly<Record<string, string | undefined>>): void {
  for (const name of Object.keys(process.env)) {
    if (!(name in saved)) delete process.env[name];
  }
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
}
