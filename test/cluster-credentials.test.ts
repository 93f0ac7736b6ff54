import { describe, expect, it } from "vitest";
import type { CredentialsService } from "../src/credentials/credentials-service.js";
import { openCredentials } from "../src/credentials/open-credentials.js";
import { useClusterNodes } from "./support/cluster-nodes.js";
import { useDatabases } from "./support/postgres.js";
import { useTempDirs } from "./support/temp-dir.js";

const newDatabase = useDatabases();
const tempDir = useTempDirs("pi-agent-server-cluster-credentials-");
const joinNode = useClusterNodes();

const acme = {
  provider: "acme",
  name: "Acme AI",
  baseUrl: "http://127.0.0.1:9/v1",
  api: "openai-completions" as const,
  apiKey: "acme-key-0123456789",
  models: [{ id: "acme-large", name: "Acme Large", contextWindow: 64_000, maxTokens: 4_096 }],
};

/** Two nodes' credentials over one shared `.pi-global/` and one database. */
async function twoNodes(): Promise<[CredentialsService, CredentialsService]> {
  const url = await newDatabase();
  const globalDir = await tempDir();
  const services: CredentialsService[] = [];
  for (const nodeId of ["a", "b"]) {
    const node = await joinNode(url, { nodeId });
    services.push(await openCredentials({ globalDir, database: node.database }));
  }
  return services as [CredentialsService, CredentialsService];
}

const available = (credentials: CredentialsService, provider: string) =>
  credentials.models({ provider, available: true }).length > 0;

describe("credentials across nodes on a shared volume", () => {
  it("a key stored through one node is used by the other's registry without a restart, and its removal too", async () => {
    const [a, b] = await twoNodes();
    expect(available(b, "mistral")).toBe(false);
    await a.setApiKey("mistral", "mistral-key-0123456789");
    await expect.poll(() => available(b, "mistral"), { timeout: 3000 }).toBe(true);
    expect((await b.provider("mistral")).credentials[0]?.source).toBe("stored");
    await a.removeCredential("mistral");
    await expect.poll(() => available(b, "mistral"), { timeout: 3000 }).toBe(false);
    a.dispose();
    b.dispose();
  });

  it("a custom provider created through one node is a model source on the other", async () => {
    const [a, b] = await twoNodes();
    expect(b.models({ provider: "acme" })).toEqual([]);
    await a.customProviders.upsert(acme);
    await expect
      .poll(() => b.models({ provider: "acme", available: true }).map((model) => model.id), {
        timeout: 3000,
      })
      .toEqual(["acme-large"]);
    await a.customProviders.remove("acme");
    await expect.poll(() => b.models({ provider: "acme" }), { timeout: 3000 }).toEqual([]);
    a.dispose();
    b.dispose();
  });
});
