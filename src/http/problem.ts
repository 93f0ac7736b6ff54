import { z } from "@hono/zod-openapi";
import { type ErrorCode, errorCatalogue, errorCodes, type FieldIssue } from "../errors/index.js";

export const problemContentType = "application/problem+json";

export const ProblemSchema = z
  .object({
    type: z.string().openapi({ example: "urn:pi-agent-server:problem:project-not-found" }),
    title: z.string().openapi({ example: "Project not found" }),
    status: z.number().int().openapi({ example: 404 }),
    detail: z.string().openapi({ example: 'No project with id "my-app"' }),
    code: z.enum(errorCodes as [ErrorCode, ...ErrorCode[]]),
    errors: z
      .array(z.object({ path: z.string(), message: z.string() }))
      .optional()
      .describe("The offending fields, for validation failures."),
    budget: z
      .object({
        scope: z.enum(["org", "project"]),
        project: z.string().optional(),
        period: z.enum(["day", "month", "run"]),
        metric: z.enum(["costUsd", "tokens", "wallTimeMs", "toolCalls"]),
        limit: z.number(),
        spent: z.number(),
      })
      .optional()
      .describe("`BUDGET_EXCEEDED` only: the budget that is spent."),
  })
  .openapi("Problem", {
    description: "An RFC 9457 problem document. `code` is stable and machine-readable.",
  });

export type Problem = z.infer<typeof ProblemSchema>;

/** Builds the problem document for a catalogue code. */
export function problemFor(
  code: ErrorCode,
  detail: string,
  fields?: readonly FieldIssue[],
): Problem {
  const { status, title } = errorCatalogue[code];
  const problem: Problem = {
    type: `urn:pi-agent-server:problem:${code.toLowerCase().replaceAll("_", "-")}`,
    title,
    status,
    detail,
    code,
  };
  if (fields && fields.length > 0) problem.errors = [...fields];
  return problem;
}

/** Renders a problem document as a `Response`. */
export function problemResponse(problem: Problem, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(problem), {
    status: problem.status,
    headers: { "content-type": problemContentType, ...headers },
  });
}

type Status = (typeof errorCatalogue)[ErrorCode]["status"];

const statusDescriptions: Record<Status, string> = {
  400: "The request is invalid; `errors` lists the offending fields.",
  401: "Missing or wrong bearer token.",
  403: "The caller's role or project scope does not allow this (`FORBIDDEN`), or a web page of another origin tried to change state (`ORIGIN_NOT_ALLOWED`).",
  404: "The resource does not exist.",
  405: "Method not allowed.",
  409: "The resource's current state does not allow this; `detail` says why.",
  421: "The `Host` is not one this server answers for.",
  422: "The request was understood but refused; `detail` says why.",
  413: "The request body is too large.",
  415: "The request body is not JSON.",
  431: "The request line or headers are too large.",
  429: "A budget is spent (`BUDGET_EXCEEDED`); `budget` names it.",
  500: "Unexpected server error; the body never carries internals.",
  503: "The service cannot answer this now; `detail` says why. Retry after `Retry-After` seconds when it is given.",
};

/**
 * The documented problem responses of a route, by status.
 *
 * @example
 * createRoute({ ..., responses: { 200: ok, ...problemResponses(400, 401, 404) } })
 */
export function problemResponses<const S extends Status>(
  ...statuses: S[]
): Record<
  S,
  { description: string; content: { [problemContentType]: { schema: typeof ProblemSchema } } }
> {
  const responses = {} as Record<
    S,
    { description: string; content: { [problemContentType]: { schema: typeof ProblemSchema } } }
  >;
  for (const status of [...statuses, 500 as S]) {
    responses[status] = {
      description: statusDescriptions[status],
      content: { [problemContentType]: { schema: ProblemSchema } },
    };
  }
  return responses;
}
