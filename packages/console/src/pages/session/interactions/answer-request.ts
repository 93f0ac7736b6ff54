import { AgentApiError, type AgentClient, type components } from "pi-agent-server-client";

export type ExtensionUiAnswer = components["schemas"]["ExtensionUiAnswer"];

/**
 * Sends the answer to a pending dialog. Resolves `"answered"`, or `"gone"` when someone
 * else answered it first (another tab) or it was cancelled meanwhile: both mean the
 * dialog is over, not that anything went wrong. Other failures throw.
 */
export async function answerRequest(
  client: AgentClient,
  path: { projectId: string; sessionId: string; requestId: string },
  answer: ExtensionUiAnswer,
): Promise<"answered" | "gone"> {
  const { response, error } = await client.POST(
    "/v1/projects/{projectId}/sessions/{sessionId}/extension-ui/{requestId}/response",
    { params: { path }, body: answer },
  );
  if (response.ok) return "answered";
  const code = (error as { code?: string } | undefined)?.code;
  if (code === "UI_REQUEST_ALREADY_RESOLVED" || code === "UI_REQUEST_NOT_FOUND") return "gone";
  throw new AgentApiError(response.status, error);
}
