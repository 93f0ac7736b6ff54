import { describe, expect, it } from "vitest";
import { runTs, waitForOutput } from "#test-support/processes.js";
import { useTempDirs } from "#test-support/temp-dir.js";
import { IdempotencyStore } from "../src/idempotency/index.js";

describe("idempotency store under SIGKILL", () => {
  const tempDir = useTempDirs();

  it("replays every response reported stored and forgets keys that were only in flight", async () => {
    const file = `${await tempDir()}/idempotency.jsonl`;
    const confirmed: string[] = [];
    for (let round = 0; round < 4; round++) {
      const proc = runTs("test/fixtures/store-idempotent-responses-forever.ts", {
        args: [file, String(round)],
      });
      await waitForOutput(proc, /ready \d+/);
      await waitForOutput(proc, /stored r\d+-20\n/);
      await new Promise((resolve) => setTimeout(resolve, 20 + round * 40));
      proc.child.kill("SIGKILL");
      expect(await proc.exited).toBe("SIGKILL");
      confirmed.push(...[...proc.output().matchAll(/stored (\S+)\n/g)].map((m) => m[1] as string));

      const reopened = await IdempotencyStore.open(file);
      for (const key of confirmed) {
        const claim = reopened.claim("crash", key, "fp");
        expect(claim.kind, key).toBe("replay");
        if (claim.kind === "replay") {
          expect(claim.response).toEqual({
            status: 201,
            headers: { location: `/x/${key}` },
            body: key.repeat(60),
          });
        }
      }
      expect(reopened.claim("crash", `held-${round}`, "fp").kind).toBe("claimed");
      await reopened.close();
    }
    expect(confirmed.length).toBeGreaterThan(80);
  }, 120_000);
});
