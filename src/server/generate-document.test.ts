import { afterEach, describe, expect, it } from "vitest";
import { createApp } from "./create-app.js";
import { describeApi } from "./generate-document.js";
import { createInMemoryServices } from "./in-memory-services.js";
import type { Services } from "./services.js";

describe("the document from route data", () => {
  let services: Services | undefined;
  afterEach(async () => {
    await services?.stop();
    await services?.close();
    services = undefined;
  });

  it("equals the document a running app serves", async () => {
    services = await createInMemoryServices({ version: "9.9.9" });
    const served = await createApp(services).request("/openapi.json");
    expect(await served.json()).toEqual(describeApi("9.9.9"));
  });

  it("names every operation once", () => {
    const operations = Object.values(describeApi().paths ?? {}).flatMap((item) =>
      Object.values(item as Record<string, { operationId?: string }>).map((op) => op.operationId),
    );
    expect(operations.length).toBeGreaterThan(50);
    expect(new Set(operations).size).toBe(operations.length);
  });
});
