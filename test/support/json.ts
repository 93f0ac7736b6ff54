// biome-ignore lint/suspicious/noExplicitAny: tests inspect arbitrary JSON bodies.
export type Json = any;

/** A response body parsed as JSON, loosely typed for assertions. */
export function readJson(response: Response): Promise<Json> {
  return response.json() as Promise<Json>;
}
