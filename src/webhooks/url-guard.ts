import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { BlockList, isIP, type LookupFunction } from "node:net";

/** Resolves a host name to every address it has, as `dns.lookup(name, { all: true })` does. */
export type ResolveHost = (hostname: string) => Promise<LookupAddress[]>;

export const resolveHost: ResolveHost = (hostname) =>
  new Promise((resolve, reject) => {
    dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) =>
      error ? reject(error) : resolve(addresses),
    );
  });

const privateRanges = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  privateRanges.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const) {
  privateRanges.addSubnet(network, prefix, "ipv6");
}

/** The IPv4 address an IPv6 address embeds (`::ffff:a.b.c.d`, NAT64 `64:ff9b::a.b.c.d`), if any. */
function embeddedIpv4(address: string): string | undefined {
  const match = /^(?:::ffff:|64:ff9b::)(?:0:)?(.+)$/i.exec(address);
  if (!match) return undefined;
  const tail = match[1] as string;
  if (isIP(tail) === 4) return tail;
  const hex = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(tail);
  if (!hex) return undefined;
  const high = Number.parseInt(hex[1] as string, 16);
  const low = Number.parseInt(hex[2] as string, 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join(".");
}

/**
 * Whether an IP address is one a webhook must not reach by default: loopback,
 * link-local (cloud metadata included), private, carrier-grade NAT, unspecified,
 * multicast or reserved, also when written as an IPv4-mapped IPv6 address.
 */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return privateRanges.check(address, "ipv4");
  if (family !== 6) return true;
  const v4 = embeddedIpv4(address);
  if (v4 !== undefined) return privateRanges.check(v4, "ipv4");
  return privateRanges.check(address, "ipv6");
}

/** Why a URL is refused, or `undefined` when it may be called. */
export type UrlVerdict = { ok: true; url: URL } | { ok: false; reason: string };

/**
 * Checks a webhook URL: `http:` or `https:`, and unless `allowPrivate`, a host that is
 * not a private address and does not resolve to one (any of its addresses).
 */
export async function checkWebhookUrl(
  raw: string,
  options: { allowPrivate: boolean; resolve?: ResolveHost },
): Promise<UrlVerdict> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: "is not a URL" };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return { ok: false, reason: "must be an http: or https: URL" };
  }
  if (options.allowPrivate) return { ok: true, url };
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  if (isIP(host) !== 0) {
    return isPrivateAddress(host)
      ? { ok: false, reason: `points at a private address (${host})` }
      : { ok: true, url };
  }
  let addresses: LookupAddress[];
  try {
    addresses = await (options.resolve ?? resolveHost)(host);
  } catch (error) {
    return { ok: false, reason: `does not resolve (${(error as NodeJS.ErrnoException).code})` };
  }
  const blocked = addresses.find((entry) => isPrivateAddress(entry.address));
  if (addresses.length === 0) return { ok: false, reason: "does not resolve" };
  if (blocked) return { ok: false, reason: `resolves to a private address (${blocked.address})` };
  return { ok: true, url };
}

/**
 * A `lookup` for `http.request` that fails when the name resolves to a private address,
 * so the address connected to is the address checked (no DNS rebinding between check
 * and connection).
 */
export function guardedLookup(resolve: ResolveHost = resolveHost): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (addresses) => {
        const family = options.family === 4 || options.family === 6 ? options.family : 0;
        const usable = addresses.filter((entry) => family === 0 || entry.family === family);
        const blocked = usable.find((entry) => isPrivateAddress(entry.address));
        if (blocked || usable.length === 0) {
          const error: NodeJS.ErrnoException = new Error(
            blocked
              ? `${hostname} resolves to a private address (${blocked.address})`
              : `${hostname} does not resolve`,
          );
          error.code = blocked ? "EWEBHOOKPRIVATE" : "ENOTFOUND";
          callback(error, "", 0);
          return;
        }
        if (options.all) {
          (callback as unknown as (error: null, addresses: LookupAddress[]) => void)(null, usable);
        } else {
          const first = usable[0] as LookupAddress;
          callback(null, first.address, first.family);
        }
      },
      (error: NodeJS.ErrnoException) => callback(error, "", 0),
    );
  };
}
