import { Server, STATUS_CODES } from "node:http";
import { Socket } from "node:net";
import type { Duplex } from "node:stream";
import type { ErrorCode } from "../errors/index.js";
import { type Problem, problemContentType, problemFor } from "../http/problem.js";

const headerLimit =
  "The request line and headers together exceed the server's limit (Node's --max-http-header-size, 16 KiB by default)";

/** What Node's parser refused, as a problem; `undefined` for a request timeout. */
function problemForClientError(error: NodeJS.ErrnoException): Problem | undefined {
  const known: Record<string, [ErrorCode, string]> = {
    HPE_HEADER_OVERFLOW: ["REQUEST_HEADERS_TOO_LARGE", headerLimit],
    HPE_CHUNK_EXTENSIONS_OVERFLOW: ["PAYLOAD_TOO_LARGE", "The chunk extensions are too large"],
  };
  if (error.code === "ERR_HTTP_REQUEST_TIMEOUT") return undefined;
  const [code, detail] = known[error.code ?? ""] ?? [
    "MALFORMED_REQUEST",
    "The request is not valid HTTP/1.1",
  ];
  return problemFor(code, detail);
}

function rawResponse(problem: Problem): string {
  const body = JSON.stringify(problem);
  return [
    `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status] ?? ""}`,
    `Content-Type: ${problemContentType}`,
    `Content-Length: ${Buffer.byteLength(body)}`,
    "Connection: close",
    "",
    body,
  ].join("\r\n");
}

/**
 * Answers requests Node's HTTP parser refuses before any route runs — a request line or
 * headers over the size limit (431), oversized chunk extensions (413), malformed HTTP
 * (400) — with a problem document like every other error, instead of Node's bare status
 * line. Request timeouts keep Node's plain 408. As in Node, nothing is written once a
 * response has started on the connection.
 *
 * @example
 * answerClientErrorsWithProblems(serve({ fetch: app.fetch, port: 4001 }));
 */
export function answerClientErrorsWithProblems(server: unknown): void {
  if (!(server instanceof Server)) return;
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Duplex) => {
    const fresh = socket instanceof Socket && socket.writable && socket.bytesWritten === 0;
    if (!fresh || error.code === "ECONNRESET") {
      socket.destroy();
      return;
    }
    const problem = problemForClientError(error);
    socket.end(
      problem ? rawResponse(problem) : "HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n",
    );
  });
}
