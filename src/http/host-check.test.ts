import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { readJson } from "#test-support/json.js";
import { addressAsHostName, type HostCheckOptions, hostCheck, parseHost } from "./host-check.js";

function guarded(options: HostCheckOptions = {}) {
  let ran = 0;
  const app = new Hono().use(hostCheck(options)).all("*", (c) => {
    ran++;
    return c.text("served");
  });
  const send = (host: string, socket?: { localAddress: string; localPort: number }) =>
    app.request("/v1/projects", { method: "POST", headers: { host } }, { incoming: { socket } });
  return { send, ran: () => ran };
}

const socket = { localAddress: "127.0.0.1", localPort: 4001 };

describe("parseHost", () => {
  it.each([
    ["localhost:4001", { name: "localhost", port: 4001 }],
    ["LOCALHOST", { name: "localhost", port: undefined }],
    ["[::1]:80", { name: "[::1]", port: 80 }],
    ["api.example.com", { name: "api.example.com", port: undefined }],
  ])("%s", (value, parsed) => {
    expect(parseHost(value)).toEqual(parsed);
  });

  it.each(["", "a:b", "::1", "user@host", "host:99999", "a b"])("refuses %j", (value) => {
    expect(parseHost(value)).toBeUndefined();
  });
});

describe("addressAsHostName", () => {
  it.each([
    ["127.0.0.1", "127.0.0.1"],
    ["::1", "[::1]"],
    ["::ffff:10.0.0.5", "10.0.0.5"],
    ["fe80::1", "[fe80::1]"],
  ])("%s → %s", (address, name) => {
    expect(addressAsHostName(address)).toBe(name);
  });
});

describe("hostCheck", () => {
  it("serves the loopback names on the port the request arrived on", async () => {
    const { send, ran } = guarded();
    for (const host of ["localhost:4001", "127.0.0.1:4001", "[::1]:4001", "LocalHost:4001"]) {
      expect((await send(host, socket)).status, host).toBe(200);
    }
    expect(ran()).toBe(4);
  });

  it("refuses other names and other ports with 421 before anything runs", async () => {
    const { send, ran } = guarded();
    for (const host of [
      "rebind.attacker.test:4001",
      "rebind.attacker.test",
      "localhost:4002",
      "localhost",
      "localhost.:4001",
      "127.0.0.1.nip.io:4001",
      "",
    ]) {
      const response = await send(host, socket);
      expect(response.status, host).toBe(421);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
      expect(await readJson(response)).toMatchObject({ code: "MISDIRECTED_REQUEST", status: 421 });
    }
    expect(ran()).toBe(0);
  });

  it("serves the address the connection arrived on and the bind address", async () => {
    const { send } = guarded({ bindAddress: "agents.lan" });
    const lan = { localAddress: "::ffff:192.168.1.20", localPort: 4001 };
    expect((await send("192.168.1.20:4001", lan)).status).toBe(200);
    expect((await send("192.168.1.21:4001", lan)).status).toBe(421);
    expect((await send("agents.lan:4001", lan)).status).toBe(200);
    expect((await send("agents.lan:9999", lan)).status).toBe(421);
  });

  it("adds allowed names on any port, or on the one given", async () => {
    const { send } = guarded({ allowedHosts: ["Agents.example.com", "proxy.test:8443"] });
    expect((await send("agents.example.com", socket)).status).toBe(200);
    expect((await send("agents.example.com:443", socket)).status).toBe(200);
    expect((await send("proxy.test:8443", socket)).status).toBe(200);
    expect((await send("proxy.test", socket)).status).toBe(421);
    expect((await send("other.example.com", socket)).status).toBe(421);
  });

  it("serves every Host when told `*`", async () => {
    const { send } = guarded({ allowedHosts: ["*"] });
    expect((await send("rebind.attacker.test:4001", socket)).status).toBe(200);
  });

  it("checks names but not ports when the runtime exposes no socket", async () => {
    const { send } = guarded();
    expect((await send("localhost:1234")).status).toBe(200);
    expect((await send("rebind.attacker.test:1234")).status).toBe(421);
  });
});
