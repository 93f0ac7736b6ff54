/**
 * The transport's own cost, for bench:turn: pi's SDK behind the plainest HTTP + SSE
 * wrapper (node:http, no framework, no validation, no log, no compact view; each event
 * sent as its type and delta, batched per turn of the event loop like the server's, the
 * run's end at once). Runs in its own process, as the server does. Env: AGENT_DIR, CWD,
 * SESSIONS_DIR. Routes: `POST /sessions` (a fresh session), `GET /events`, `POST /prompt`
 * (`{ text }`, 202 once pi accepted it). Prints `listening on <url>`.
 */
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  type AgentSession,
  defaultResourceOptions,
  openAgentSession,
} from "../../src/pi/agent-sessions.js";
import { createOrgServices } from "../../src/pi/org-services.js";
import { AgentSandbox } from "../../src/sandbox/index.js";
import { mockModel } from "./bench-path.js";

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};
const context = {
  org: createOrgServices(env("AGENT_DIR")),
  cwd: env("CWD"),
  sessionsDir: env("SESSIONS_DIR"),
  resources: defaultResourceOptions,
  sandbox: new AgentSandbox(),
};

let session: AgentSession | undefined;
const streams = new Set<ServerResponse>();
let pending = "";
let scheduled = false;
const send = () => {
  scheduled = false;
  if (pending === "") return;
  for (const stream of streams) stream.write(pending);
  pending = "";
};

async function newSession(): Promise<void> {
  session?.dispose();
  session = await openAgentSession(context, mockModel);
  session.subscribe((event) => {
    const delta =
      event.type === "message_update" && "delta" in event.assistantMessageEvent
        ? event.assistantMessageEvent.delta
        : undefined;
    pending += `data: ${JSON.stringify(delta === undefined ? { type: event.type } : { type: event.type, delta })}\n\n`;
    if (event.type === "agent_end") queueMicrotask(send);
    else if (!scheduled) {
      scheduled = true;
      setImmediate(send);
    }
  });
}

const readBody = (req: import("node:http").IncomingMessage) =>
  new Promise<string>((resolve) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      body += chunk;
    });
    req.on("end", () => resolve(body));
  });

const server = createServer(async (req, res) => {
  if (req.method === "GET" && req.url === "/events") {
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
    res.flushHeaders();
    streams.add(res);
    res.on("close", () => streams.delete(res));
    return;
  }
  const body = await readBody(req);
  if (req.method === "POST" && req.url === "/sessions") {
    await newSession();
    res.writeHead(201).end();
  } else if (req.method === "POST" && req.url === "/prompt" && session) {
    const { text } = JSON.parse(body) as { text: string };
    await new Promise<void>((accepted, refused) => {
      session
        ?.prompt(text, { preflightResult: (ok) => (ok ? accepted() : undefined) })
        .catch(refused);
    });
    res.writeHead(202).end();
  } else {
    res.writeHead(404).end();
  }
});
server.listen(0, "127.0.0.1", () => {
  const { port } = server.address() as AddressInfo;
  console.log(`listening on http://127.0.0.1:${port}`);
});
process.on("SIGTERM", () => {
  session?.dispose();
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
