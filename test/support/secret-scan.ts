import { expect } from "vitest";
import type { TestApp } from "./test-app.js";

/**
 * Wraps a test app's `call` so every response body is kept for a later secret scan
 * (bodies are read from a clone, so the caller can still consume the response).
 */
export function recordBodies(call: TestApp["call"]): { call: TestApp["call"]; bodies: string[] } {
  const bodies: string[] = [];
  const recording: TestApp["call"] = async (method, path, options) => {
    const response = await call(method, path, options);
    bodies.push(await response.clone().text());
    return response;
  };
  return { call: recording, bodies };
}

/** Fails if any secret appears in any of the texts (response bodies, log lines, …). */
export function expectNoSecrets(texts: readonly string[], secrets: readonly string[]): void {
  expect(texts.length).toBeGreaterThan(0);
  for (const secret of secrets) {
    const leaks = texts.filter((text) => text.includes(secret));
    expect(leaks, `secret ${secret.slice(0, 4)}… leaked`).toEqual([]);
  }
}
