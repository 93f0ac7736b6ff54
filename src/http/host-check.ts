import type { Context, MiddlewareHandler } from "hono";
import { problemFor, problemResponse } from "./problem.js";

export interface HostCheckOptions {
  /**
   * Extra `Host` names to serve: `name` (on any port, e.g. behind a proxy), `name:port`, or
   * `*` to serve every Host (turning the check off). Default: none.
   */
  allowedHosts?: readonly string[];
  /** The address the server binds; served like the loopback names. Default: none. */
  bindAddress?: string;
}

interface HostPort {
  name: string;
  port: number | undefined;
}

interface NodeBindings {
  incoming?: { socket?: { localAddress?: string; localPort?: number } };
}

const loopbackNames = ["localhost", "127.0.0.1", "[::1]"];

/** Splits a `Host` value (`name`, `name:port`, `[v6]:port`) into lower-case name and port. */
export function parseHost(value: string): HostPort | undefined {
  const match = /^(\[[0-9a-f:.]+\]|[^:[\]/\s@]+)(?::(\d{1,5}))?$/i.exec(value.trim());
  if (!match?.[1]) return undefined;
  const port = match[2] === undefined ? undefined : Number(match[2]);
  if (port !== undefined && port > 65_535) return undefined;
  return { name: match[1].toLowerCase(), port };
}

/** An address as a `Host` name: IPv6 in brackets, IPv4-mapped IPv6 as plain IPv4. */
export function addressAsHostName(address: string): string {
  const plain = address.toLowerCase().replace(/^\[|\]$/g, "");
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(plain);
  if (mapped?.[1]) return mapped[1];
  return plain.includes(":") ? `[${plain}]` : plain;
}

function requestHost(c: Context): string {
  return c.req.header("host") ?? new URL(c.req.url).host;
}

/**
 * Serves only requests whose `Host` names this server, so a web page on a name that
 * resolves to it (DNS rebinding) cannot reach the API. Always served: `localhost`,
 * `127.0.0.1`, `[::1]`, `bindAddress` and the address the connection arrived on, each on
 * the port it arrived on (any port when the runtime exposes no socket, as under
 * `app.request()`); plus `allowedHosts`. Anything else gets a 421 problem before any
 * route runs.
 *
 * @example
 * app.use("*", hostCheck({ bindAddress: "0.0.0.0", allowedHosts: ["agents.example.com"] }));
 */
export function hostCheck(options: HostCheckOptions = {}): MiddlewareHandler {
  const extra = (options.allowedHosts ?? []).map((entry) => entry.trim().toLowerCase());
  if (extra.includes("*")) return (_c, next) => next();
  const named = extra.map(parseHost).filter((entry) => entry !== undefined);
  const local = [...loopbackNames];
  if (options.bindAddress) local.push(addressAsHostName(options.bindAddress));

  return async (c, next) => {
    const host = parseHost(requestHost(c));
    if (host && isServed(host, c)) return next();
    return problemResponse(
      problemFor(
        "MISDIRECTED_REQUEST",
        "This server does not answer for the requested Host; add it to AGENT_SERVER_ALLOWED_HOSTS to serve it",
      ),
    );
  };

  function isServed(host: HostPort, c: Context): boolean {
    const socket = (c.env as NodeBindings | undefined)?.incoming?.socket;
    const port = host.port ?? 80;
    const onLocalPort = socket?.localPort === undefined || socket.localPort === port;
    const arrivedOn = socket?.localAddress ? addressAsHostName(socket.localAddress) : undefined;
    if (onLocalPort && (local.includes(host.name) || host.name === arrivedOn)) return true;
    return named.some(
      (entry) => entry.name === host.name && (entry.port === undefined || entry.port === host.port),
    );
  }
}
