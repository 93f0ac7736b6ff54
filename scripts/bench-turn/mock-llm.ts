import { startFakeOpenAi } from "#test-support/fake-openai.js";

/** Text of one streamed chunk: 6 bytes, so 6,000 chunks is a ~35 KB reply. */
export const chunkText = "token ";

/** The OpenAI-compatible mock every path talks to, streaming `chunks` chunks per reply. */
export async function startMockLlm(chunks: number) {
  const fake = await startFakeOpenAi(Array.from({ length: chunks }, () => chunkText));
  return {
    url: fake.url,
    replyBytes: chunks * Buffer.byteLength(chunkText),
    /** Drops the recorded requests (so none pile up) and returns them. */
    forget: () => fake.requests.splice(0),
    close: () => fake.close(),
  };
}

/** pi's `models.json` registering the mock as provider `bench-mock`, model `bench-mock`. */
export const mockModelsJson = (url: string) =>
  JSON.stringify({
    providers: {
      "bench-mock": {
        baseUrl: `${url}/v1`,
        api: "openai-completions",
        apiKey: "bench",
        models: [{ id: "bench-mock" }],
      },
    },
  });
