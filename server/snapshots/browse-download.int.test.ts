// Browsing and downloading a snapshot over real HTTP against the built app, with real restic (0.18, and 0.14 in
// `npm run test:compat`): listings equal restic's, archives unpack with the system's tar and unzip to exactly the
// snapshot's files, odd names download under their own name, and a client that hangs up stops restic.
import { readFileSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import path from "node:path";
import { parse } from "content-disposition";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readSseFrames } from "@/server/tasks/sse-test-reader.test-helper";
import { restic } from "@/test/restic-cli";
import {
  ODD_NAME,
  resticProcessesFor,
  type SnapshotFixture,
  sha,
  startSnapshotFixture,
  treeOf,
  unpack,
} from "./snapshot-fixture.test-helper";

let fixture: SnapshotFixture;
/** restic ≥0.16 archives a folder by its name; 0.14 (no `<snapshot>:<subfolder>`) with its full path. */
let fullPathArchives: boolean;

beforeAll(async () => {
  fixture = await startSnapshotFixture();
  const { data } = await fixture.admin.client.GET("/api/v1/system/info");
  fullPathArchives = data!.versions.restic!.startsWith("0.14");
});
afterAll(() => fixture?.stop());

const files = (snapshotId: string, query: Record<string, string | number>) =>
  fixture.admin.client.GET("/api/v1/repositories/{shortId}/snapshots/{snapshotId}/files", {
    params: { path: { shortId: fixture.shortId, snapshotId }, query: query as never },
  });

const dumpUrl = (query: Record<string, string>, snapshotId = fixture.snapshotId) =>
  `/api/v1/repositories/${fixture.shortId}/snapshots/${snapshotId}/dump?${new URLSearchParams(query)}`;

describe("file listing", () => {
  it("lists a folder as restic does: its entries only, folders first, then by name, with pages", async () => {
    const { data, response } = await files(fixture.snapshotId.slice(0, 8), { path: fixture.source });
    expect(response.status).toBe(200);
    // Read with restic while the snapshot is being indexed: not cached, so folder sizes show once the index is there.
    expect(response.headers.get("cache-control")).toContain(data!.indexed ? "max-age=300" : "no-cache");
    expect(data!.snapshot).toMatchObject({ id: fixture.snapshotId, paths: [fixture.source] });
    expect(data!.path).toBe(fixture.source);
    expect(data!.files.map((file) => file.name)).toEqual([
      "d[1]*?",
      "docs",
      "empty folder",
      "ünïcödé",
      ODD_NAME,
      "big.bin",
      "hello.txt",
      "link to hello",
      "name with spaces.txt",
    ]);
    expect(data).toMatchObject({ offset: 0, limit: 500, total: 9, hasMore: false });
    const big = data!.files.find((file) => file.name === "big.bin")!;
    expect(big).toMatchObject({ type: "file", size: 20 * 1024 * 1024, path: path.join(fixture.source, "big.bin") });
    expect(data!.files.find((file) => file.name === "link to hello")?.type).toBe("symlink");

    // The same entries as plain `restic ls` of that folder (which also prints the folder itself).
    const lines = restic(fixture.location, fixture.orgPassword, ["ls", "--json", fixture.snapshotId, fixture.source])
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { path?: string; name?: string; size?: number });
    const fromRestic = lines.filter((line) => line.path && line.path !== fixture.source);
    expect(new Set(data!.files.map((file) => `${file.name}:${file.size ?? ""}`))).toEqual(
      new Set(fromRestic.map((line) => `${line.name}:${line.size ?? ""}`)),
    );

    const page = await files(fixture.snapshotId, { path: `${fixture.source}//`, offset: 3, limit: 2 });
    expect(page.data!.files.map((file) => file.name)).toEqual(["ünïcödé", ODD_NAME]);
    expect(page.data).toMatchObject({ offset: 3, limit: 2, total: 9, hasMore: true });
    const last = await files(fixture.snapshotId, { path: fixture.source, offset: 8, limit: 5 });
    expect(last.data).toMatchObject({ total: 9, hasMore: false });
    expect(last.data!.files.map((file) => file.name)).toEqual(["name with spaces.txt"]);

    const empty = await files(fixture.snapshotId, { path: path.join(fixture.source, "empty folder") });
    expect(empty.data).toMatchObject({ files: [], total: 0, hasMore: false });
    const root = await files(fixture.snapshotId, { path: "/" });
    expect(root.data!.files.map((file) => file.path)).toEqual([`/${fixture.source.split("/")[1]}`]);
  });

  it("answers 404 for an unknown snapshot or path and 400 for bad input, each with a message", async () => {
    const cases: [string, Record<string, string | number>, number, RegExp][] = [
      ["deadbeef", {}, 404, /Snapshot not found/],
      [fixture.snapshotId, { path: `${fixture.source}/nope` }, 404, /not in this snapshot/],
      [fixture.snapshotId, { path: `${fixture.source}/../etc` }, 400, /"\.\."/],
      [fixture.snapshotId, { path: "relative/path" }, 400, /absolute/],
      [fixture.snapshotId, { path: path.join(fixture.source, "hello.txt") }, 400, /is a file, not a folder/],
      [fixture.snapshotId, { limit: 0 }, 400, /limit/],
      [fixture.snapshotId, { limit: 1001 }, 400, /limit/],
      [fixture.snapshotId, { offset: -1 }, 400, /offset/],
      [fixture.snapshotId, { limit: "ten" }, 400, /limit/],
      ["not-an-id", {}, 400, /snapshotId/],
      ["abc", {}, 400, /snapshotId/],
    ];
    for (const [snapshotId, query, status, message] of cases) {
      const { response, error } = await files(snapshotId, query);
      expect({ snapshotId, query, status: response.status }).toEqual({ snapshotId, query, status });
      expect(error?.message).toMatch(message);
    }
  });
});

describe("downloads", () => {
  async function download(query: Record<string, string>) {
    const response = await fixture.admin.raw(dumpUrl(query));
    expect(response.status).toBe(200);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    const disposition = parse(response.headers.get("content-disposition")!);
    return { response, filename: disposition.parameters.filename, body: Buffer.from(await response.arrayBuffer()) };
  }

  /** Where a snapshot folder's content sits in an unpacked archive of it. */
  const unpackedFolder = (into: string, folder: string) =>
    fullPathArchives ? path.join(into, folder) : path.join(into, path.basename(folder));

  it("sends a file as itself under its own name, whatever the name", async () => {
    for (const name of [ODD_NAME, "name with spaces.txt", "ünïcödé/日本語.txt"]) {
      const { response, filename, body } = await download({ path: path.join(fixture.source, name), kind: "file" });
      expect(response.headers.get("content-type")).toBe("application/octet-stream");
      expect(filename).toBe(path.basename(name));
      expect(body.equals(readFileSync(path.join(fixture.source, name)))).toBe(true);
    }
    const big = await download({ path: path.join(fixture.source, "big.bin") });
    expect(sha(big.body)).toBe(sha(readFileSync(path.join(fixture.source, "big.bin"))));
  });

  it("sends a folder as a tar holding exactly its files", async () => {
    const docs = path.join(fixture.source, "docs");
    const { response, filename, body } = await download({ path: docs, kind: "dir" });
    expect(response.headers.get("content-type")).toBe("application/x-tar");
    expect(filename).toBe("docs.tar");
    const archive = path.join(fixture.temp.dir, "docs.tar");
    writeFileSync(archive, body);
    const into = path.join(fixture.temp.dir, "docs-tar");
    unpack(archive, "tar", into);
    expect(treeOf(unpackedFolder(into, docs))).toEqual(treeOf(docs));
    if (!fullPathArchives)
      expect(Object.keys(treeOf(into))).toEqual(["docs", "docs/deep", "docs/deep/nested.txt", "docs/readme.md"]);
  });

  it("sends the whole snapshot as a zip (and as a tar) with every file, folder and symlink", async () => {
    for (const format of ["zip", "tar"] as const) {
      const { response, filename, body } = await download({ format });
      expect(response.headers.get("content-type")).toBe(format === "zip" ? "application/zip" : "application/x-tar");
      expect(filename).toBe(`snapshot-${fixture.snapshotId.slice(0, 8)}.${format}`);
      const archive = path.join(fixture.temp.dir, `whole.${format}`);
      writeFileSync(archive, body);
      const into = path.join(fixture.temp.dir, `whole-${format}`);
      unpack(archive, format, into);
      const unpacked = treeOf(fullPathArchives ? path.join(into, fixture.source) : into);
      const expected = treeOf(fixture.source);
      // Zip stores no owner and unzip applies the umask to folders; the files' content and kinds must match exactly.
      const withoutModes = (tree: typeof expected) =>
        Object.fromEntries(Object.entries(tree).map(([name, { type, content }]) => [name, { type, content }]));
      expect(format === "zip" ? withoutModes(unpacked) : unpacked).toEqual(
        format === "zip" ? withoutModes(expected) : expected,
      );
    }
  });

  it("announces a download on the organization's event stream", async () => {
    const events = await fixture.admin.raw("/api/v1/events");
    const frames = readSseFrames(events);
    expect((await frames.next())?.event).toBe("connected");
    await download({ path: path.join(fixture.source, "hello.txt") });
    const [started] = await frames.until((frame) => frame.event === "dump:started");
    expect(started).toMatchObject({
      event: "dump:started",
      data: { snapshotId: fixture.snapshotId, path: path.join(fixture.source, "hello.txt"), filename: "hello.txt" },
    });
    await frames.cancel();
  });

  it("answers bad requests with 400/404 and a message, before anything is streamed", async () => {
    const cases: [Record<string, string>, number, RegExp, string?][] = [
      [{ path: path.join(fixture.source, "nope.txt") }, 404, /not in this snapshot/],
      [{ path: path.join(fixture.source, "docs"), kind: "file" }, 400, /is a folder, not a file/],
      [{ path: path.join(fixture.source, "hello.txt"), kind: "dir" }, 400, /is a file, not a folder/],
      [{ path: path.join(fixture.source, "link to hello") }, 400, /symlink; only files and folders/],
      [{ path: `${fixture.source}/../../etc/passwd` }, 400, /"\.\."/],
      [{ format: "rar" }, 400, /format/],
      [{ kind: "file" }, 400, /is a folder, not a file/],
      [{}, 404, /Snapshot not found/, "0123456789abcdef"],
      [{}, 400, /snapshotId/, "zzzzzzzz"],
    ];
    for (const [query, status, message, snapshotId] of cases) {
      const response = await fixture.admin.raw(dumpUrl(query, snapshotId));
      expect({ query, status: response.status }).toEqual({ query, status });
      expect(response.headers.get("content-type")).toContain("application/json");
      expect(((await response.json()) as { message: string }).message).toMatch(message);
    }
  });

  it("stops restic when the client hangs up mid-download", async () => {
    const url = new URL(fixture.app.url + dumpUrl({ format: "tar" }));
    const received = await new Promise<number>((resolve, reject) => {
      const outgoing = request(url, { headers: { cookie: fixture.admin.cookieHeader() } }, (incoming) => {
        expect(incoming.statusCode).toBe(200);
        incoming.once("data", (chunk: Buffer) => {
          // restic is still streaming: the archive (over 20 MB) is far bigger than the buffers on the way.
          expect(resticProcessesFor(fixture.location).length).toBe(1);
          outgoing.destroy();
          resolve(chunk.length);
        });
      });
      outgoing.on("error", () => undefined);
      outgoing.once("error", reject);
      outgoing.end();
    });
    expect(received).toBeGreaterThan(0);
    await expect.poll(() => resticProcessesFor(fixture.location), { timeout: 15_000 }).toEqual([]);
    await expect
      .poll(() => restic(fixture.location, fixture.orgPassword, ["list", "locks"]).trim(), { timeout: 15_000 })
      .toBe("");
    // The server is fine and the repository usable afterwards.
    const again = await fixture.admin.raw(dumpUrl({ path: path.join(fixture.source, "hello.txt") }));
    expect(await again.text()).toBe("hello world\n");
  });
});
