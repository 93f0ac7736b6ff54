import { appendFile, readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useTempDirs } from "#test-support/temp-dir.js";
import { AuditLog, type AuditRecord, type NewAuditRecord } from "./audit-log.js";

const tempDir = useTempDirs("pi-agent-server-audit-");

function clock(start: string) {
  let at = Date.parse(start);
  return { now: () => at, set: (iso: string) => (at = Date.parse(iso)) };
}

const record = (fields: Partial<NewAuditRecord> = {}): NewAuditRecord => ({
  tokenName: "AGENT_SERVER_TOKEN",
  role: "admin",
  method: "POST",
  route: "/v1/projects",
  target: {},
  status: 201,
  ...fields,
});

const lines = async (path: string) => (await readFile(path, "utf8")).split("\n");
const ids = (items: AuditRecord[]) => items.map((item) => item.id);

describe("AuditLog", () => {
  it("appends one JSON line per record to a 0600 file in a 0700 directory", async () => {
    const dir = join(await tempDir(), "audit");
    const time = clock("2026-03-15T10:00:00Z");
    const log = await AuditLog.open(dir, time.now);
    const first = await log.append(record({ tokenId: "t1", client: "127.0.0.1" }));
    expect(first).toEqual({
      id: 1,
      time: "2026-03-15T10:00:00.000Z",
      ...record(),
      tokenId: "t1",
      client: "127.0.0.1",
    });
    await log.append(record({ method: "DELETE", status: 204 }));
    const file = join(dir, "audit-2026-03.jsonl");
    const text = await lines(file);
    expect(text.at(-1)).toBe("");
    expect(text.slice(0, -1).map((line) => JSON.parse(line).id)).toEqual([1, 2]);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
  });

  it("continues ids after reopening, from the newest month and from older ones", async () => {
    const dir = await tempDir();
    const time = clock("2026-01-31T23:59:59Z");
    const first = await AuditLog.open(dir, time.now);
    await first.append(record());
    await first.append(record());
    time.set("2026-02-01T00:00:00Z");
    await first.append(record());
    const second = await AuditLog.open(dir, time.now);
    expect((await second.append(record())).id).toBe(4);
    // Reopened at a later month with no file yet: ids still continue.
    time.set("2026-05-01T00:00:00Z");
    const third = await AuditLog.open(dir, time.now);
    expect((await third.append(record())).id).toBe(5);
    expect((await readdir(dir)).sort()).toEqual([
      "audit-2026-01.jsonl",
      "audit-2026-02.jsonl",
      "audit-2026-05.jsonl",
    ]);
  });

  it("cuts a torn last line when opened, so the next record starts on a fresh line", async () => {
    const dir = await tempDir();
    const time = clock("2026-03-15T10:00:00Z");
    const log = await AuditLog.open(dir, time.now);
    await log.append(record());
    await log.append(record());
    const file = join(dir, "audit-2026-03.jsonl");
    await appendFile(file, '{"id":3,"time":"2026-03-15T10:00:00.000Z","tokenNa');
    const reopened = await AuditLog.open(dir, time.now);
    expect((await lines(file)).at(-1)).toBe("");
    const next = await reopened.append(record({ status: 204 }));
    expect(next.id).toBe(3);
    const text = await lines(file);
    expect(text).toHaveLength(4);
    expect(text.slice(0, 3).map((line) => JSON.parse(line).id)).toEqual([1, 2, 3]);
    expect(ids((await reopened.query({ limit: 10 })).items)).toEqual([3, 2, 1]);
  });

  it("cuts a file holding only a torn line to nothing", async () => {
    const dir = await tempDir();
    const time = clock("2026-03-15T10:00:00Z");
    await appendFile(join(dir, "audit-2026-03.jsonl"), '{"id":1,"ti');
    const log = await AuditLog.open(dir, time.now);
    expect(await readFile(join(dir, "audit-2026-03.jsonl"), "utf8")).toBe("");
    expect((await log.append(record())).id).toBe(1);
  });

  it("files records by UTC month, whatever the local time zone", async () => {
    const dir = await tempDir();
    const time = clock("2026-12-31T23:30:00-05:00"); // 2027-01-01T04:30Z
    const log = await AuditLog.open(dir, time.now);
    await log.append(record());
    time.set("2027-01-31T23:59:59.999Z");
    await log.append(record());
    time.set("2027-02-01T00:00:00.000Z");
    await log.append(record());
    expect((await readdir(dir)).sort()).toEqual(["audit-2027-01.jsonl", "audit-2027-02.jsonl"]);
    expect(await lines(join(dir, "audit-2027-01.jsonl"))).toHaveLength(3);
  });

  it("ignores files that are not segments", async () => {
    const dir = await tempDir();
    await appendFile(join(dir, "notes.txt"), "not json\n");
    await appendFile(join(dir, "audit-2026-3.jsonl"), '{"id":99}\n');
    const log = await AuditLog.open(dir, clock("2026-03-01T00:00:00Z").now);
    expect((await log.append(record())).id).toBe(1);
    expect(ids((await log.query({ limit: 10 })).items)).toEqual([1]);
  });

  describe("query", () => {
    /** Six records over three months, by two tokens, over two projects. */
    async function seeded() {
      const dir = await tempDir();
      const time = clock("2026-01-10T00:00:00Z");
      const log = await AuditLog.open(dir, time.now);
      const add = (at: string, fields: Partial<NewAuditRecord>) => {
        time.set(at);
        return log.append(record(fields));
      };
      await add("2026-01-10T00:00:00Z", { tokenId: "a", route: "/v1/projects", target: {} }); // 1
      await add("2026-01-20T00:00:00Z", {
        tokenId: "a",
        method: "DELETE",
        route: "/v1/projects/{id}",
        target: { id: "alpha" },
        status: 204,
      }); // 2
      await add("2026-02-05T00:00:00Z", {
        tokenId: "b",
        route: "/v1/projects/{projectId}/sessions",
        target: { projectId: "alpha" },
      }); // 3
      await add("2026-02-25T00:00:00Z", {
        tokenId: "b",
        route: "/v1/projects/{projectId}/tasks/{taskId}/approve",
        target: { projectId: "beta", taskId: "t-1" },
        status: 403,
      }); // 4
      await add("2026-03-01T00:00:00Z", {
        route: "/v1/projects/{projectId}/sessions",
        target: { projectId: "beta" },
        tokenName: "unauthenticated",
        status: 401,
      }); // 5
      await add("2026-03-02T00:00:00Z", {
        tokenId: "a",
        method: "DELETE",
        route: "/v1/tokens/{tokenId}",
        target: { tokenId: "b" },
        status: 204,
      }); // 6
      return log;
    }

    it("lists newest first across months", async () => {
      const log = await seeded();
      expect(ids((await log.query({ limit: 100 })).items)).toEqual([6, 5, 4, 3, 2, 1]);
      expect((await log.query({ limit: 100 })).next).toBeUndefined();
    });

    it("pages with before, newest first, across month boundaries, without gaps or repeats", async () => {
      const log = await seeded();
      const pages: number[][] = [];
      let before: number | undefined;
      for (;;) {
        const page = await log.query({ limit: 2, before });
        pages.push(ids(page.items));
        if (page.next === undefined) break;
        before = page.next;
      }
      expect(pages).toEqual([
        [6, 5],
        [4, 3],
        [2, 1],
      ]);
      const odd = await log.query({ limit: 4 });
      expect(ids(odd.items)).toEqual([6, 5, 4, 3]);
      expect(odd.next).toBe(3);
      expect(await log.query({ limit: 4, before: odd.next })).toEqual({
        items: expect.any(Array),
      });
      expect(ids((await log.query({ limit: 4, before: 3 })).items)).toEqual([2, 1]);
    });

    it("gives no next when the last page is exactly full", async () => {
      const log = await seeded();
      expect((await log.query({ limit: 6 })).next).toBeUndefined();
      expect((await log.query({ limit: 5 })).next).toBe(2);
    });

    it("filters by time range, inclusive at both ends", async () => {
      const log = await seeded();
      const range = (from?: string, to?: string) =>
        log.query({ limit: 100, from, to }).then((page) => ids(page.items));
      expect(await range("2026-02-05T00:00:00Z", "2026-03-01T00:00:00Z")).toEqual([5, 4, 3]);
      expect(await range("2026-02-05T00:00:00.001Z")).toEqual([6, 5, 4]);
      expect(await range(undefined, "2026-01-31T23:59:59Z")).toEqual([2, 1]);
      expect(await range("2026-04-01T00:00:00Z")).toEqual([]);
    });

    it("filters by token, project (both path shapes) and action", async () => {
      const log = await seeded();
      const filtered = (filter: Partial<Parameters<AuditLog["query"]>[0]>) =>
        log.query({ limit: 100, ...filter }).then((page) => ids(page.items));
      expect(await filtered({ tokenId: "a" })).toEqual([6, 2, 1]);
      expect(await filtered({ tokenId: "b" })).toEqual([4, 3]);
      expect(await filtered({ projectId: "alpha" })).toEqual([3, 2]);
      expect(await filtered({ projectId: "beta" })).toEqual([5, 4]);
      // A token id in the path is not a project.
      expect(await filtered({ projectId: "b" })).toEqual([]);
      expect(await filtered({ action: "DELETE /v1/projects/{id}" })).toEqual([2]);
      expect(await filtered({ action: "POST /v1/projects/{projectId}/sessions" })).toEqual([5, 3]);
      expect(await filtered({ action: "POST /v1/projects/{projectId}/sessions/" })).toEqual([]);
      expect(await filtered({ tokenId: "b", projectId: "beta" })).toEqual([4]);
      expect(
        await filtered({
          tokenId: "a",
          from: "2026-02-01T00:00:00Z",
          action: "DELETE /v1/tokens/{tokenId}",
        }),
      ).toEqual([6]);
    });

    it("pages filtered results", async () => {
      const log = await seeded();
      const first = await log.query({ limit: 1, tokenId: "a" });
      expect(ids(first.items)).toEqual([6]);
      const second = await log.query({ limit: 1, tokenId: "a", before: first.next });
      expect(ids(second.items)).toEqual([2]);
      const third = await log.query({ limit: 1, tokenId: "a", before: second.next });
      expect(ids(third.items)).toEqual([1]);
      expect(third.next).toBeUndefined();
    });

    it("sees appends still being written", async () => {
      const log = await AuditLog.open(await tempDir(), clock("2026-03-01T00:00:00Z").now);
      void log.append(record());
      void log.append(record());
      expect(ids((await log.query({ limit: 10 })).items)).toEqual([2, 1]);
    });
  });
});
