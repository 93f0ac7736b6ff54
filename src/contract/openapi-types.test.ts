import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { renderApiTypes } from "../../scripts/client/render-api-types.js";

describe("openapi.generated.ts", () => {
  it("is openapi-typescript's rendering of the committed openapi.json (run `npm run build`)", async () => {
    const openapi = await readFile(new URL("../../openapi.json", import.meta.url), "utf8");
    const committed = await readFile(new URL("./openapi.generated.ts", import.meta.url), "utf8");
    expect(committed === (await renderApiTypes(openapi))).toBe(true);
  });
});
