import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { fauxAssistantMessage, fauxText, fauxThinking, fauxToolCall } from "#test-support/faux.js";
import { readJson } from "#test-support/json.js";
import { useSessionServers } from "#test-support/session-server.js";
import { useTempDirs } from "#test-support/temp-dir.js";

const documentId = "https://pi-agent-server.invalid/openapi.json";

describe("issue 14.7: session history is typed with pi's message types", () => {
  const tempDir = useTempDirs();
  const servers = useSessionServers();

  it("documents messages as AgentMessages, and a real transcript validates against SessionDetail", async () => {
    const { faux, api, server, newSession, waitUntilIdle } = await servers.boot(await tempDir());
    const document = await readJson(await fetch(`${server.url}/openapi.json`));
    const messages = document.components.schemas.SessionDetail.properties.messages;
    expect(messages).toMatchObject({
      type: "array",
      items: { $ref: "#/components/schemas/AgentMessage" },
    });

    const sessionId = await newSession();
    faux.setResponses([
      fauxAssistantMessage(
        [
          fauxThinking("plan"),
          fauxText("Writing it."),
          fauxToolCall("write", { path: "notes.txt", content: "typed" }),
        ],
        { stopReason: "toolUse" },
      ),
      fauxAssistantMessage("Done."),
    ]);
    const prompt = await api(`/projects/demo/sessions/${sessionId}/prompt`, {
      method: "POST",
      body: { text: "write notes" },
    });
    expect(prompt.status).toBe(202);
    await waitUntilIdle(sessionId);
    const detail = await readJson(await api(`/projects/demo/sessions/${sessionId}`));
    expect(detail.messages.map((message: { role: string }) => message.role)).toEqual([
      "user",
      "assistant",
      "toolResult",
      "assistant",
    ]);

    const ajv = new Ajv2020({ strict: false, allErrors: true });
    ajv.addSchema({ ...document, $id: documentId });
    const validate = ajv.compile({ $ref: `${documentId}#/components/schemas/SessionDetail` });
    expect(validate(detail), ajv.errorsText(validate.errors)).toBe(true);

    const bogus = { ...detail, messages: [{ role: "nobody", content: 42 }] };
    expect(validate(bogus)).toBe(false);
  });
});
