// The REST protocol over real HTTP (node:http adapter in front of the same handler the Next route uses).
import { createCipheriv, createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getConfig } from "@/server/config";
import { type RawRequest, rawRequest } from "@/test/fixtures/raw-http";
import { type RunningServer, serveRestBackend } from "@/test/fixtures/rest-handler-server";
import { createRestUser, getRestUser } from "./rest-users.service";

const PASSWORD = "correct horse battery";
const V1 = "application/vnd.x.restic.rest.v1";
const V2 = "application/vnd.x.restic.rest.v2";

let server: RunningServer;
let restDir: string;
const ids: Record<string, string> = {};

const sha256 = (data: Buffer) => createHash("sha256").update(data).digest("hex");

/** Deterministic incompressible bytes, streamed in 1 MiB chunks, so large bodies never sit in memory. */
async function* pseudoRandom(seed: string, size: number): AsyncGenerator<Buffer> {
  const cipher = createCipheriv("aes-256-ctr", createHash("sha256").update(seed).digest(), Buffer.alloc(16));
  for (let left = size; left > 0; left -= 1 << 20) yield cipher.update(Buffer.alloc(Math.min(left, 1 << 20)));
}

async function hashOf(chunks: AsyncIterable<Buffer>): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of chunks) hash.update(chunk);
  return hash.digest("hex");
}

const basicAuthOf = (username: string) => `Basic ${Buffer.from(`${username}:${PASSWORD}`).toString("base64")}`;

function as(username: string, method: string, rawPath: string, options: RawRequest = {}) {
  return rawRequest(server.url, method, rawPath, { ...options, auth: { username, password: PASSWORD } });
}

/** Stores `data` as an object named by its hash; returns the name. */
async function upload(username: string, repoPath: string, type: string, data: Buffer): Promise<string> {
  const name = sha256(data);
  const response = await as(username, "POST", `${repoPath}${type}/${name}`, { body: data });
  expect(response.status).toBe(200);
  return name;
}

async function tree(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true });
  return entries.sort();
}

beforeAll(async () => {
  restDir = getConfig().restDir;
  for (const [username, options] of Object.entries({
    alice: {},
    bob: { appendOnly: true },
    carol: { quotaBytes: 1000 },
    admin: { privateRepos: false },
  })) {
    ids[username] = (await createRestUser({ username, password: PASSWORD, ...options })).id;
  }
  server = await serveRestBackend();
});

afterAll(async () => {
  await server?.close();
});

describe("authentication", () => {
  it("answers 401 with a Basic challenge without or with wrong credentials", async () => {
    const none = await rawRequest(server.url, "HEAD", "/rest/alice/config");
    expect(none.status).toBe(401);
    expect(none.headers["www-authenticate"]).toBe('Basic realm="restic"');
    for (const auth of [
      { username: "alice", password: "wrong password" },
      { username: "nobody", password: PASSWORD },
    ]) {
      const response = await rawRequest(server.url, "GET", "/rest/alice/keys/", { auth });
      expect(response.status).toBe(401);
      expect(response.body.toString()).toBe("Unauthorized\n");
      expect(response.headers["content-type"]).toBe("text/plain; charset=utf-8");
    }
  });
});

describe("repositories", () => {
  it("creates the local layout, refuses re-creation with 409 and needs create=true", async () => {
    const created = await as("alice", "POST", "/rest/alice/r1/?create=true");
    expect(created.status).toBe(200);
    expect(created.body.length).toBe(0);
    const folder = path.join(restDir, "alice/r1");
    expect((await readdir(folder)).sort()).toEqual(["data", "index", "keys", "locks", "snapshots"]);
    expect(await readdir(path.join(folder, "data"))).toHaveLength(256);

    // The path now holds a repository (its keys/ folder exists): the seed's 409.
    expect((await as("alice", "POST", "/rest/alice/r1/?create=true")).status).toBe(409);
    // A plain folder that only contains other repositories is not one.
    expect((await as("alice", "POST", "/rest/alice/nested/inner/?create=true")).status).toBe(200);
    expect((await as("alice", "POST", "/rest/alice/nested/?create=true")).status).toBe(200);

    expect((await as("alice", "POST", "/rest/alice/r2/?create=false")).status).toBe(400);
    expect((await as("alice", "POST", "/rest/alice/r2/")).status).toBe(400);
    expect((await as("alice", "POST", "/rest/alice/r2/?create=TRUE")).status).toBe(400);
  });

  it("nests repositories at any depth and deletes one without touching the nested ones", async () => {
    expect((await as("alice", "POST", "/rest/alice/?create=true")).status).toBe(200);
    expect((await as("alice", "POST", "/rest/alice/deep/a/b/c/?create=true")).status).toBe(200);
    await as("alice", "POST", "/rest/alice/config", { body: Buffer.from("parent config") });
    await as("alice", "POST", "/rest/alice/deep/a/b/c/config", { body: Buffer.from("deep config") });

    const removed = await as("alice", "DELETE", "/rest/alice/");
    expect(removed.status).toBe(200);
    expect(removed.body.length).toBe(0);
    expect(existsSync(path.join(restDir, "alice/config"))).toBe(false);
    expect(existsSync(path.join(restDir, "alice/data"))).toBe(false);
    expect(await readFile(path.join(restDir, "alice/deep/a/b/c/config"), "utf8")).toBe("deep config");
    expect((await as("alice", "GET", "/rest/alice/deep/a/b/c/config")).status).toBe(200);
    expect((await as("alice", "DELETE", "/rest/alice/")).status).toBe(404);
  });

  it("answers 405 with Allow for methods a target does not take", async () => {
    const cases: [string, string, string][] = [
      ["GET", "/rest/alice/r1/", "POST, DELETE"],
      ["HEAD", "/rest/alice/r1/keys/", "GET"],
      ["PUT", `/rest/alice/r1/keys/${"0".repeat(64)}`, "HEAD, GET, POST, DELETE"],
      ["PATCH", "/rest/alice/r1/config", "HEAD, GET, POST, DELETE"],
    ];
    for (const [method, rawPath, allow] of cases) {
      const response = await as("alice", method, rawPath);
      expect(response.status, `${method} ${rawPath}`).toBe(405);
      expect(response.headers.allow).toBe(allow);
    }
  });
});

describe("config", () => {
  const repo = "/rest/alice/cfg/";
  it("is write-once, not hash-checked, and served whole", async () => {
    await as("alice", "POST", `${repo}?create=true`);
    expect((await as("alice", "HEAD", `${repo}config`)).status).toBe(404);
    expect((await as("alice", "GET", `${repo}config`)).status).toBe(404);
    const saved = await as("alice", "POST", `${repo}config`, { body: Buffer.from("first") });
    expect(saved.status).toBe(200);
    expect(saved.body.length).toBe(0);
    expect((await as("alice", "POST", `${repo}config`, { body: Buffer.from("second") })).status).toBe(403);

    const head = await as("alice", "HEAD", `${repo}config`);
    expect(head.status).toBe(200);
    expect(head.headers["content-length"]).toBe("5");
    const get = await as("alice", "GET", `${repo}config`, { headers: { Range: "bytes=0-" } });
    expect(get.status).toBe(200);
    expect(get.body.toString()).toBe("first");
    expect(get.headers["content-type"]).toBe("application/octet-stream");

    expect((await as("alice", "DELETE", `${repo}config`)).status).toBe(200);
    expect((await as("alice", "DELETE", `${repo}config`)).status).toBe(200);
    expect((await as("alice", "HEAD", `${repo}config`)).status).toBe(404);
  });
});

describe("objects", () => {
  const repo = "/rest/alice/objects/";
  const data = Buffer.from("0123456789abcdefghij"); // 20 bytes
  let name: string;

  beforeAll(async () => {
    await as("alice", "POST", `${repo}?create=true`);
    name = await upload("alice", repo, "data", data);
  });

  it("stores data under data/XX/ with mode 0600 and leaves no temp file", async () => {
    const folder = path.join(restDir, "alice/objects/data", name.slice(0, 2));
    expect(await readdir(folder)).toEqual([name]);
    const { stat } = await import("node:fs/promises");
    expect((await stat(path.join(folder, name))).mode & 0o777).toBe(0o600);
  });

  it("answers HEAD with the exact Content-Length and no body", async () => {
    const head = await as("alice", "HEAD", `${repo}data/${name}`);
    expect(head.status).toBe(200);
    expect(head.headers["content-length"]).toBe("20");
    expect(head.headers["accept-ranges"]).toBe("bytes");
    expect(head.body.length).toBe(0);
    expect((await as("alice", "HEAD", `${repo}data/${"f".repeat(64)}`)).status).toBe(404);
  });

  it("serves whole files and single ranges with Go ServeContent semantics", async () => {
    const whole = await as("alice", "GET", `${repo}data/${name}`);
    expect(whole.status).toBe(200);
    expect(whole.body).toEqual(data);
    expect(whole.headers["accept-ranges"]).toBe("bytes");

    const ranges: [string, number, string | undefined, string][] = [
      ["bytes=0-", 206, "bytes 0-19/20", data.toString()],
      ["bytes=5-9", 206, "bytes 5-9/20", "56789"],
      ["bytes=15-100", 206, "bytes 15-19/20", "fghij"],
      ["bytes=-3", 206, "bytes 17-19/20", "hij"],
      ["bytes=20-", 416, "bytes */20", "Range Not Satisfiable\n"],
      ["bytes=30-40", 416, "bytes */20", "Range Not Satisfiable\n"],
      ["bytes=9-2", 416, "bytes */20", "Range Not Satisfiable\n"],
      ["nonsense", 416, "bytes */20", "Range Not Satisfiable\n"],
    ];
    for (const [range, status, contentRange, body] of ranges) {
      const response = await as("alice", "GET", `${repo}data/${name}`, { headers: { Range: range } });
      expect(response.status, range).toBe(status);
      expect(response.headers["content-range"], range).toBe(contentRange);
      expect(response.body.toString(), range).toBe(body);
      expect(response.headers["content-length"], range).toBe(String(Buffer.byteLength(body)));
    }
  });

  it("never overwrites: an existing object is 403, even with the same content", async () => {
    expect((await as("alice", "POST", `${repo}data/${name}`, { body: data })).status).toBe(403);
  });

  it("refuses a body that does not hash to its name and leaves nothing behind", async () => {
    const wrong = "1".repeat(64);
    const response = await as("alice", "POST", `${repo}keys/${wrong}`, { body: Buffer.from("not it") });
    expect(response.status).toBe(400);
    expect(response.body.toString()).toBe("Bad Request\n");
    expect(await readdir(path.join(restDir, "alice/objects/keys"))).toEqual([]);
  });

  it("refuses a body shorter than its Content-Length and leaves nothing behind", async () => {
    const { connect } = await import("node:net");
    const body = Buffer.from("short body");
    const target = `${repo}index/${sha256(body)}`;
    const auth = Buffer.from(`alice:${PASSWORD}`).toString("base64");
    await new Promise<void>((resolve) => {
      const socket = connect(server.port, "127.0.0.1", () => {
        socket.write(
          `POST ${target} HTTP/1.1\r\nHost: x\r\nAuthorization: Basic ${auth}\r\nContent-Length: 100\r\n\r\n`,
        );
        socket.end(body);
      });
      socket.on("close", () => resolve());
      socket.on("error", () => resolve());
      socket.resume();
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await readdir(path.join(restDir, "alice/objects/index"))).toEqual([]);
  });

  it("deletes idempotently", async () => {
    const doomed = await upload("alice", repo, "snapshots", Buffer.from("snapshot"));
    for (let i = 0; i < 2; i++) {
      const response = await as("alice", "DELETE", `${repo}snapshots/${doomed}`);
      expect(response.status).toBe(200);
      expect(response.body.length).toBe(0);
    }
    expect((await as("alice", "GET", `${repo}snapshots/${doomed}`)).status).toBe(404);
  });

  it("answers 404 for names and paths outside the protocol's shapes", async () => {
    for (const rawPath of [
      `${repo}data/${name.toUpperCase()}`,
      `${repo}data/${name.slice(1)}`,
      `${repo}data/${name}/`,
      `${repo}data/${name.slice(0, 2)}/${name}`,
      `${repo}foobar/${name}`,
      `${repo}keys/foobar`,
      `${repo}data`,
      "/rest/alice/data/config",
      "/rest/alice/objects/config/",
      "/restalice/objects/config",
    ]) {
      expect((await as("alice", "GET", rawPath)).status, rawPath).toBe(404);
    }
  });
});

describe("lists", () => {
  const repo = "/rest/alice/lists/";
  const names: string[] = [];

  beforeAll(async () => {
    await as("alice", "POST", `${repo}?create=true`);
    for (const text of ["one", "two", "three!"]) names.push(await upload("alice", repo, "data", Buffer.from(text)));
    // Leftovers that must never be listed: a temp file and a stray file directly in data/.
    await writeFile(path.join(restDir, "alice/lists/data", names[0].slice(0, 2), `${names[0]}.tmp-1234`), "x");
    await writeFile(path.join(restDir, "alice/lists/data", "f".repeat(64)), "x");
  });

  it("answers v1 (names) by default with the exact v1 content type", async () => {
    for (const accept of [undefined, "*/*", V1, `${V2}, ${V1}`]) {
      const response = await as("alice", "GET", `${repo}data/`, { headers: accept ? { Accept: accept } : {} });
      expect(response.status).toBe(200);
      expect(response.headers["content-type"]).toBe(V1);
      expect(JSON.parse(response.body.toString()).sort()).toEqual([...names].sort());
    }
  });

  it("answers v2 ({name,size}, flattened data/XX) only for exactly the v2 Accept", async () => {
    const response = await as("alice", "GET", `${repo}data/`, { headers: { Accept: V2 } });
    expect(response.headers["content-type"]).toBe(V2);
    const listed = JSON.parse(response.body.toString()) as { name: string; size: number }[];
    expect(listed.sort((a, b) => a.name.localeCompare(b.name))).toEqual(
      names
        .map((n, i) => ({ name: n, size: ["one", "two", "three!"][i].length }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    );
  });

  it("answers [] for an empty or missing type folder, 404 for a missing repository", async () => {
    const empty = await as("alice", "GET", `${repo}snapshots/`, { headers: { Accept: V2 } });
    expect(empty.status).toBe(200);
    expect(empty.body.toString()).toBe("[]");
    const { rm } = await import("node:fs/promises");
    await rm(path.join(restDir, "alice/lists/locks"), { recursive: true });
    expect((await as("alice", "GET", `${repo}locks/`)).body.toString()).toBe("[]");
    expect((await as("alice", "GET", "/rest/alice/missing/keys/")).status).toBe(404);
  });
});

describe("append-only users", () => {
  const repo = "/rest/bob/r/";
  it("may add but not delete, except locks", async () => {
    expect((await as("bob", "POST", `${repo}?create=true`)).status).toBe(200);
    expect((await as("bob", "POST", `${repo}config`, { body: Buffer.from("cfg") })).status).toBe(200);
    const pack = await upload("bob", repo, "data", Buffer.from("pack"));
    const lock = await upload("bob", repo, "locks", Buffer.from("lock"));
    expect((await as("bob", "DELETE", `${repo}data/${pack}`)).status).toBe(403);
    expect((await as("bob", "DELETE", `${repo}config`)).status).toBe(403);
    expect((await as("bob", "DELETE", repo)).status).toBe(403);
    expect((await as("bob", "DELETE", `${repo}locks/${lock}`)).status).toBe(200);
    expect((await as("bob", "GET", `${repo}data/${pack}`)).status).toBe(200);
    expect((await as("bob", "POST", `${repo}data/${pack}`, { body: Buffer.from("pack") })).status).toBe(403);
  });
});

describe("private repositories", () => {
  it("keeps users inside /<username>/ (403 elsewhere, segment comparison)", async () => {
    await as("alice", "POST", "/rest/alice/shared/?create=true");
    for (const [user, rawPath] of [
      ["bob", "/rest/alice/shared/keys/"],
      ["bob", "/rest/alice/shared/?create=true"],
      ["alice", "/rest/bob/r/keys/"],
      ["alice", "/rest/config"],
      ["alice", "/rest/keys/"],
      ["alice", "/rest/alice2/keys/"],
      ["alice", "/rest/alicex/?create=true"],
    ]) {
      const method = rawPath.includes("create") ? "POST" : "GET";
      const response = await as(user, method, rawPath);
      expect(response.status, `${user} ${rawPath}`).toBe(403);
      expect(response.body.toString()).toBe("Forbidden\n");
    }
    expect(existsSync(path.join(restDir, "alicex"))).toBe(false);
    // A user without private repositories reaches everything, the root repository included.
    expect((await as("admin", "GET", "/rest/alice/shared/keys/")).status).toBe(200);
    expect((await as("admin", "POST", "/rest/?create=true")).status).toBe(200);
    expect((await as("admin", "GET", "/rest/keys/")).body.toString()).toBe("[]");
  });
});

describe("quota", () => {
  const repo = "/rest/carol/q/";
  it("refuses with 507 before reading the body and recovers after a delete", async () => {
    await as("carol", "POST", `${repo}?create=true`);
    const first = Buffer.alloc(600, 1);
    const second = Buffer.alloc(600, 2);
    const firstName = await upload("carol", repo, "data", first);
    expect((await getRestUser(ids.carol)).usedBytes).toBe(600);

    const refused = await as("carol", "POST", `${repo}data/${sha256(second)}`, { body: second });
    expect(refused.status).toBe(507);
    expect(refused.body.toString()).toBe("Insufficient Storage\n");
    expect(await tree(path.join(restDir, "carol/q/data", sha256(second).slice(0, 2)))).toEqual([]);
    // Someone else writing into carol's folder counts against carol's quota too.
    expect((await as("admin", "POST", `${repo}data/${sha256(second)}`, { body: second })).status).toBe(507);

    expect((await as("carol", "DELETE", `${repo}data/${firstName}`)).status).toBe(200);
    expect((await getRestUser(ids.carol)).usedBytes).toBe(0);
    await upload("carol", repo, "data", second);
    expect((await getRestUser(ids.carol)).usedBytes).toBe(600);
    // Exactly reaching the quota is allowed.
    await upload("carol", repo, "data", Buffer.alloc(400, 3));
    expect((await getRestUser(ids.carol)).usedBytes).toBe(1000);
    const oneMore = Buffer.alloc(1, 4);
    expect((await as("carol", "POST", `${repo}data/${sha256(oneMore)}`, { body: oneMore })).status).toBe(507);
  });
});

describe("large and concurrent transfers", () => {
  const repo = "/rest/alice/big/";
  beforeAll(async () => {
    await as("alice", "POST", `${repo}?create=true`);
  });

  it("round-trips a 20 MiB pack and serves its tail by range", async () => {
    const size = 20 * 1024 * 1024;
    const name = await hashOf(pseudoRandom("pack", size));
    const stored = await as("alice", "POST", `${repo}data/${name}`, {
      body: pseudoRandom("pack", size),
      headers: { "Content-Length": String(size) },
    });
    expect(stored.status).toBe(200);
    const whole = await as("alice", "GET", `${repo}data/${name}`, { headers: { Range: "bytes=0-" } });
    expect(whole.status).toBe(206);
    expect(whole.body.length).toBe(size);
    expect(sha256(whole.body)).toBe(name);
    const tail = await as("alice", "GET", `${repo}data/${name}`, {
      headers: { Range: `bytes=${size - 4096}-${size - 1}` },
    });
    expect(tail.status).toBe(206);
    expect(tail.headers["content-range"]).toBe(`bytes ${size - 4096}-${size - 1}/${size}`);
    expect(tail.body).toEqual(whole.body.subarray(size - 4096));
  });

  it("streams uploads: memory does not grow with a 128 MiB body", async () => {
    const size = 128 * 1024 * 1024;
    const name = await hashOf(pseudoRandom("huge", size));
    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 20);
    const stored = await as("alice", "POST", `${repo}data/${name}`, {
      body: pseudoRandom("huge", size),
      headers: { "Content-Length": String(size) },
    });
    clearInterval(sampler);
    expect(stored.status).toBe(200);
    expect(peak - before).toBeLessThan(64 * 1024 * 1024);
  });

  it("an upload aborted mid-body leaves nothing and never removes a completed upload of the same name", async () => {
    const { connect } = await import("node:net");
    const size = 4 * 1024 * 1024;
    const parts: Buffer[] = [];
    for await (const part of pseudoRandom("aborted", size)) parts.push(part);
    const body = Buffer.concat(parts);
    const name = sha256(body);
    const auth = Buffer.from(`alice:${PASSWORD}`).toString("base64");
    const usedBefore = (await getRestUser(ids.alice)).usedBytes;
    // Half the body, then the connection is reset.
    await new Promise<void>((resolve) => {
      const socket = connect(server.port, "127.0.0.1", () => {
        socket.write(
          `POST ${repo}data/${name} HTTP/1.1\r\nHost: x\r\nAuthorization: Basic ${auth}\r\nContent-Length: ${size}\r\n\r\n`,
        );
        socket.write(body.subarray(0, size / 2), () => setTimeout(() => socket.resetAndDestroy(), 100));
      });
      socket.on("close", () => resolve());
      socket.on("error", () => undefined);
    });
    const folder = path.join(restDir, "alice/big/data", name.slice(0, 2));
    const settled = async () => {
      for (let i = 0; i < 50 && (await readdir(folder)).length > 0; i++) await new Promise((r) => setTimeout(r, 20));
      return readdir(folder);
    };
    expect(await settled()).toEqual([]);
    expect((await getRestUser(ids.alice)).usedBytes).toBe(usedBefore);

    // restic retries a failed upload; one aborted while a retry completes must not take the stored file with it.
    const aborted = new Promise<void>((resolve) => {
      const socket = connect(server.port, "127.0.0.1", () => {
        socket.write(
          `POST ${repo}data/${name} HTTP/1.1\r\nHost: x\r\nAuthorization: Basic ${auth}\r\nContent-Length: ${size}\r\n\r\n`,
        );
        socket.write(body.subarray(0, size / 2));
      });
      socket.on("close", () => resolve());
      socket.on("error", () => undefined);
      setTimeout(() => socket.resetAndDestroy(), 300);
    });
    expect((await as("alice", "POST", `${repo}data/${name}`, { body })).status).toBe(200);
    await aborted;
    await new Promise((r) => setTimeout(r, 200));
    expect(await readdir(folder)).toEqual([name]);
    expect(sha256((await as("alice", "GET", `${repo}data/${name}`)).body)).toBe(name);
    expect((await getRestUser(ids.alice)).usedBytes).toBe(usedBefore + size);
  });

  it("survives clients that go away mid-download, without leaking file handles", async () => {
    const { request } = await import("node:http");
    const size = 20 * 1024 * 1024;
    const name = await hashOf(pseudoRandom("download", size));
    const stored = await as("alice", "POST", `${repo}data/${name}`, {
      body: pseudoRandom("download", size),
      headers: { "Content-Length": String(size) },
    });
    expect(stored.status).toBe(200);
    const openFiles = async () => (await readdir("/proc/self/fd")).length;
    const before = await openFiles();
    for (let i = 0; i < 5; i++) {
      await new Promise<void>((resolve) => {
        const outgoing = request(
          {
            host: "127.0.0.1",
            port: server.port,
            path: `${repo}data/${name}`,
            headers: { authorization: basicAuthOf("alice") },
          },
          (incoming) => {
            incoming.once("data", () => incoming.destroy());
            incoming.on("close", () => resolve());
          },
        );
        outgoing.on("error", () => resolve());
        outgoing.end();
      });
    }
    await new Promise((r) => setTimeout(r, 300));
    expect(await openFiles()).toBeLessThanOrEqual(before);
    const whole = await as("alice", "GET", `${repo}data/${name}`, { headers: { Range: "bytes=0-" } });
    expect(whole.status).toBe(206);
    expect(sha256(whole.body)).toBe(name);
  });

  it("takes 16 concurrent uploads", async () => {
    const bodies = Array.from({ length: 16 }, (_, i) => Buffer.alloc(256 * 1024 + i, i));
    const responses = await Promise.all(
      bodies.map((body) => as("alice", "POST", `${repo}index/${sha256(body)}`, { body })),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(16).fill(200));
    const listed = JSON.parse((await as("alice", "GET", `${repo}index/`)).body.toString()) as string[];
    expect(listed.sort()).toEqual(bodies.map(sha256).sort());
  });
});

describe("path traversal", () => {
  it("never reads or writes outside the REST data folder", async () => {
    const dataDir = getConfig().dataDir;
    // Bait outside restDir, shaped so that a traversal into it would look like a valid object or config.
    const baitName = "b".repeat(64);
    await mkdir(path.join(dataDir, "keys"), { recursive: true });
    await writeFile(path.join(dataDir, "keys", baitName), "secret");
    await writeFile(path.join(dataDir, "config"), "secret");
    const before = await tree(dataDir);

    const attempts: [string, string][] = [
      ["GET", `/rest/../keys/${baitName}`],
      ["GET", `/rest/%2e%2e/keys/${baitName}`],
      ["GET", `/rest/%2E%2E/config`],
      ["GET", `/rest/..%2fkeys/${baitName}`],
      ["GET", `/rest/x/..%2f..%2fconfig`],
      ["GET", `/rest/x%2f..%2f..%2f/config`],
      ["GET", `/rest/..%5c/config`],
      ["GET", `/rest/x\\..\\..\\config`],
      ["GET", "/rest//config"],
      ["GET", "/rest/x//config"],
      ["GET", "/rest/x%00/config"],
      ["GET", "/rest/%00/config"],
      ["GET", "/rest/.%2e/config"],
      ["GET", "/rest/./../config"],
      ["POST", "/rest/../escape/?create=true"],
      ["POST", "/rest/%2e%2e/escape/?create=true"],
      ["POST", "/rest/..%2fescape/?create=true"],
      ["POST", "/rest/x/%2e%2e/%2e%2e/escape/?create=true"],
      ["POST", "/rest/..%5cescape/?create=true"],
      ["POST", "/rest/x\\..\\..\\escape/?create=true"],
      ["POST", "/rest/escape%00/?create=true"],
      ["POST", `/rest/%2e%2e/keys/${sha256(Buffer.from("evil"))}`],
      ["POST", "/rest/%2e%2e/config"],
      ["DELETE", "/rest/%2e%2e/"],
      ["DELETE", `/rest/%2e%2e/keys/${baitName}`],
    ];
    for (const [method, rawPath] of attempts) {
      const response = await as("admin", method, rawPath, method === "POST" ? { body: Buffer.from("evil") } : {});
      expect(response.status, `${method} ${rawPath}`).toBe(404);
      expect(response.body.toString()).not.toContain("secret");
    }
    expect(await tree(dataDir)).toEqual(before);
    expect(existsSync(path.join(dataDir, "escape"))).toBe(false);
    expect(existsSync(path.join(dataDir, "..", "escape"))).toBe(false);
    expect(await readFile(path.join(dataDir, "config"), "utf8")).toBe("secret");
  });
});
