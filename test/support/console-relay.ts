import { type AddressInfo, connect, createServer, type Socket } from "node:net";
import { afterEach } from "vitest";
import type { OpenedConsole } from "./console-browser.js";

/** A TCP relay in front of a server whose connections can be cut, and kept cut for a while. */
export interface CuttableRelay {
  /** The relay's origin, `http://127.0.0.1:<port>`. */
  url: string;
  /** Drops every open connection at once (new ones go through). */
  cut(): void;
  /** Drops every open connection and refuses new ones until `release`. */
  hold(): void;
  release(): void;
  close(): Promise<void>;
}

/** Starts a relay to `target` (an `http://host:port` origin) on a free loopback port. */
export async function cuttableRelay(target: string): Promise<CuttableRelay> {
  const { hostname, port } = new URL(target);
  const sockets = new Set<Socket>();
  let holding = false;
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
  };
  const server = createServer((incoming) => {
    if (holding) {
      incoming.destroy();
      return;
    }
    const outgoing = connect(Number(port), hostname);
    track(incoming);
    track(outgoing);
    incoming.pipe(outgoing).pipe(incoming);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const cut = () => {
    for (const socket of sockets) socket.destroy();
  };
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    cut,
    hold() {
      holding = true;
      cut();
    },
    release() {
      holding = false;
    },
    close() {
      cut();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Loads an opened console through a cuttable relay instead of straight from its server,
 * so a test can cut the page's connections (an `EventSource` survives Playwright's
 * `setOffline`). The server must accept the relay's Host: boot it with
 * `AGENT_SERVER_ALLOWED_HOSTS: "127.0.0.1"`. Relays close after each test.
 */
export function useConsoleRelay() {
  const relays: CuttableRelay[] = [];
  afterEach(async () => {
    await Promise.all(relays.splice(0).map((relay) => relay.close()));
  });

  return async function throughRelay(
    opened: OpenedConsole,
    hash = "",
  ): Promise<{ relay: CuttableRelay; url: string }> {
    const relay = await cuttableRelay(opened.booted.server.url);
    relays.push(relay);
    // Page routes win over the context's, which refuses every origin but the server's.
    await opened.page.route(`${relay.url}/**`, (route) => route.continue());
    const url = `${relay.url}/ui/${hash}`;
    await opened.page.goto(url);
    return { relay, url };
  };
}
