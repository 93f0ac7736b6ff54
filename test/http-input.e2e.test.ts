import { connect } from "node:net";
import { describe, expect, it } from "vitest";
import { readJson } from "#test-support/json.js";
import { useSessionServers } from "#test-support/session-server.js";
import { useTempDirs } from "#test-support/temp-dir.js";

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Sends `request` as raw bytes and reads the answer until the server closes the connection. */
function rawExchange(url: string, request: string): Promise<RawResponse> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("error", reject);
    socket.on("close", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      const [head = "", body = ""] = text.split("\r\n\r\n", 2);
      const [statusLine = "", ...lines] = head.split("\r\n");
      const headers = Object.fromEntries(
        lines.map((line) => {
          const colon = line.indexOf(":");
          return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()];
        }),
      );
      resolve({ status: Number(statusLine.split(" ")[1]), headers, body });
    });
    socket.end(request);
  });
}

describe("issue 14.12: decimal integers only, and oversize request heads as problem+json", () => {
  const tempDir = useTempDirs();
  const servers = useSessionServers();

  it("refuses hexadecimal, exponent, padded and empty integers in every paging query", async () => {
    const { api } = await servers.boot(await tempDir());
    await api("/projects", { method: "POST", body: { name: "Demo" } });
    for (const path of ["/projects", "/projects/demo/tasks", "/tasks"]) {
      for (const query of ["limit=0x10", "limit=1e1", "limit=%2016", "offset=0x1", "offset="]) {
        const response = await api(`${path}?${query}`);
        expect(response.status, `${path}?${query}`).toBe(400);
        const problem = await readJson(response);
        expect(problem.code).toBe("VALIDATION_FAILED");
        expect(problem.errors[0].path).toBe(`query.${query.split("=")[0]}`);
        expect(problem.errors[0].message).toBe("must be a decimal integer");
      }
      const page = await api(`${path}?limit=016&offset=0`);
      expect(page.status, path).toBe(200);
      expect(await readJson(page)).toMatchObject({ limit: 16, offset: 0 });
    }
  });

  it("answers a request line over 16 KiB with a 431 problem document", async () => {
    const { server } = await servers.boot(await tempDir());
    const response = await rawExchange(
      server.url,
      `GET /v1/healthz?pad=${"a".repeat(17 * 1024)} HTTP/1.1\r\nHost: localhost\r\n\r\n`,
    );
    expect(response.status).toBe(431);
    expect(response.headers["content-type"]).toBe("application/problem+json");
    expect(Number(response.headers["content-length"])).toBe(Buffer.byteLength(response.body));
    expect(JSON.parse(response.body)).toMatchObject({
      status: 431,
      code: "REQUEST_HEADERS_TOO_LARGE",
      title: "Request header fields too large",
    });
  });

  it("answers oversize headers and malformed requests with problem documents too", async () => {
    const { server } = await servers.boot(await tempDir());
    const headers = await rawExchange(
      server.url,
      `GET /v1/healthz HTTP/1.1\r\nHost: localhost\r\nX-Pad: ${"b".repeat(17 * 1024)}\r\n\r\n`,
    );
    expect(headers.status).toBe(431);
    expect(JSON.parse(headers.body).code).toBe("REQUEST_HEADERS_TOO_LARGE");

    const malformed = await rawExchange(server.url, "NOT HTTP AT ALL\r\n\r\n");
    expect(malformed.status).toBe(400);
    expect(malformed.headers["content-type"]).toBe("application/problem+json");
    expect(JSON.parse(malformed.body).code).toBe("MALFORMED_REQUEST");

    const healthy = await fetch(`${server.url}/v1/healthz`);
    expect(healthy.status).toBe(200);
  });
});
