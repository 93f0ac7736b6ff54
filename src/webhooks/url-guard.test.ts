import type { LookupAddress } from "node:dns";
import { describe, expect, it } from "vitest";
import { checkWebhookUrl, guardedLookup, isPrivateAddress, type ResolveHost } from "./url-guard.js";

const zone: Record<string, LookupAddress[]> = {
  "hooks.example.com": [{ address: "93.184.216.34", family: 4 }],
  "dual.example.com": [
    { address: "2606:2800:220:1::1", family: 6 },
    { address: "93.184.216.34", family: 4 },
  ],
  "rebound.example.com": [{ address: "127.0.0.1", family: 4 }],
  "mixed.example.com": [
    { address: "93.184.216.34", family: 4 },
    { address: "10.1.2.3", family: 4 },
  ],
  "metadata.example.com": [{ address: "169.254.169.254", family: 4 }],
};
const resolve: ResolveHost = async (hostname) => {
  const found = zone[hostname];
  if (!found)
    throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
  return found;
};

describe("isPrivateAddress", () => {
  it.each([
    "127.0.0.1",
    "127.255.0.9",
    "10.0.0.1",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "224.0.0.1",
    "255.255.255.255",
    "::1",
    "::",
    "fe80::1",
    "fd00::1",
    "fc00::abcd",
    "ff02::1",
    "::ffff:127.0.0.1",
    "::ffff:7f00:1",
    "::ffff:10.0.0.1",
    "64:ff9b::a9fe:a9fe",
    "not-an-ip",
  ])("refuses %s", (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each(["93.184.216.34", "8.8.8.8", "172.32.0.1", "2606:2800:220:1::1", "::ffff:8.8.8.8"])(
    "allows %s",
    (address) => {
      expect(isPrivateAddress(address)).toBe(false);
    },
  );
});

describe("checkWebhookUrl", () => {
  const check = (url: string, allowPrivate = false) =>
    checkWebhookUrl(url, { allowPrivate, resolve });

  it("accepts public http(s) URLs, by name or address", async () => {
    expect((await check("https://hooks.example.com/pi")).ok).toBe(true);
    expect((await check("http://dual.example.com:8080/x")).ok).toBe(true);
    expect((await check("https://93.184.216.34/")).ok).toBe(true);
  });

  it("refuses other schemes and non-URLs even when private URLs are allowed", async () => {
    expect(await check("ftp://hooks.example.com/", true)).toEqual({
      ok: false,
      reason: "must be an http: or https: URL",
    });
    expect(await check("file:///etc/passwd", true)).toMatchObject({ ok: false });
    expect(await check("hooks.example.com", true)).toEqual({ ok: false, reason: "is not a URL" });
  });

  it("refuses private literals and names that resolve to any private address", async () => {
    expect(await check("http://127.0.0.1:9000/")).toMatchObject({ ok: false });
    expect(await check("http://[::1]:9000/")).toMatchObject({ ok: false });
    expect(await check("http://[::ffff:127.0.0.1]/")).toMatchObject({ ok: false });
    expect(await check("http://rebound.example.com/")).toEqual({
      ok: false,
      reason: "resolves to a private address (127.0.0.1)",
    });
    expect(await check("http://mixed.example.com/")).toMatchObject({ ok: false });
    expect(await check("http://metadata.example.com/latest")).toMatchObject({ ok: false });
    expect(await check("http://nowhere.example.com/")).toEqual({
      ok: false,
      reason: "does not resolve (ENOTFOUND)",
    });
  });

  it("lets every http(s) URL through when private URLs are allowed", async () => {
    expect((await check("http://127.0.0.1:9000/", true)).ok).toBe(true);
    expect((await check("http://rebound.example.com/", true)).ok).toBe(true);
  });
});

describe("guardedLookup", () => {
  const lookup = (hostname: string, options: { all?: boolean; family?: number }) =>
    new Promise<{ error: NodeJS.ErrnoException | null; result: unknown }>((done) => {
      guardedLookup(resolve)(hostname, options, (error, address, family) =>
        done({ error, result: options.all ? address : { address, family } }),
      );
    });

  it("hands the connection only public addresses", async () => {
    expect(await lookup("hooks.example.com", {})).toEqual({
      error: null,
      result: { address: "93.184.216.34", family: 4 },
    });
    expect(await lookup("dual.example.com", { all: true })).toEqual({
      error: null,
      result: zone["dual.example.com"],
    });
    expect(await lookup("dual.example.com", { family: 4 })).toMatchObject({
      result: { address: "93.184.216.34", family: 4 },
    });
  });

  it("fails the connection when the name now resolves to a private address", async () => {
    const { error } = await lookup("rebound.example.com", { all: true });
    expect(error?.code).toBe("EWEBHOOKPRIVATE");
    expect(error?.message).toBe("rebound.example.com resolves to a private address (127.0.0.1)");
    expect((await lookup("mixed.example.com", {})).error?.code).toBe("EWEBHOOKPRIVATE");
    expect((await lookup("nowhere.example.com", {})).error?.code).toBe("ENOTFOUND");
  });
});
