// Real restic against the REST server: the 0.18 run uses RESTIC_BIN from test/setup-env.ts, the compatibility
// run sets RESTIC_BIN=/usr/bin/restic (0.14). Small data; --no-cache wherever reads must reach the server.
import { execFile } from "node:child_process";
import { createCipheriv, createHash } from "node:crypto";
import { mkdir, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getConfig } from "@/server/config";
import { type RunningServer, serveRestBackend } from "@/test/fixtures/rest-handler-server";
import { createRestUser } from "./rest-users.service";

const REST_PASSWORD = "rest-password-1";
const REPO_PASSWORD = "repo-password-1";

let server: RunningServer;
let work: string;
let source: string;

type Run = { code: number; stdout: string; stderr: string };

function restic(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      getConfig().resticBin,
      args,
      {
        env: { ...process.env, RESTIC_PASSWORD: REPO_PASSWORD, RESTIC_CACHE_DIR: path.join(work, "cache") },
        maxBuffer: 64 * 1024 * 1024,
        timeout: 120_000,
      },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

async function ok(args: string[]): Promise<string> {
  const run = await restic(args);
  expect(run.code, `restic ${args.join(" ")}\n${run.stderr}`).toBe(0);
  return run.stdout;
}

function repoUrl(repo: string): string {
  return `rest:${server.url.replace("http://", `http://alice:${REST_PASSWORD}@`)}/rest/alice/${repo}/`;
}

function bytes(seed: string, size: number): Buffer {
  const key = createHash("sha256").update(seed).digest();
  return createCipheriv("aes-256-ctr", key, Buffer.alloc(16)).update(Buffer.alloc(size));
}

/** relative path → SHA-256 of every file below `root`. */
async function digest(root: string): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    result[path.relative(root, file)] = createHash("sha256")
      .update(await readFile(file))
      .digest("hex");
  }
  return result;
}

async function snapshotCount(repository: string): Promise<number> {
  return (JSON.parse(await ok(["-r", repository, "snapshots", "--json", "--no-cache"])) as unknown[]).length;
}

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), "zerobyte-restic-"));
  source = path.join(work, "source");
  await mkdir(path.join(source, "nested/deeper"), { recursive: true });
  for (let i = 0; i < 40; i++) await writeFile(path.join(source, `small-${i}.txt`), `file ${i}\n`.repeat(i * 10));
  await writeFile(path.join(source, "nested/empty"), "");
  await writeFile(path.join(source, "nested/deeper/large.bin"), bytes("large", 6 * 1024 * 1024));
  await writeFile(path.join(source, "nested/medium.bin"), bytes("medium", 700 * 1024));
  await createRestUser({ username: "alice", password: REST_PASSWORD });
  server = await serveRestBackend();
});

afterAll(async () => {
  await server?.close();
});

describe("restic through the REST server", () => {
  it("reports its version", async () => {
    expect(await ok(["version"])).toMatch(/^restic 0\.\d+/);
  });

  it("inits once; a second init is refused", async () => {
    await ok(["-r", repoUrl("main"), "init"]);
    const again = await restic(["-r", repoUrl("main"), "init"]);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toMatch(/already (exists|initialized)/);
  });

  it("backs up, checks every pack and restores identical files", async () => {
    await ok(["-r", repoUrl("main"), "backup", source]);
    await ok(["-r", repoUrl("main"), "check", "--read-data", "--no-cache"]);
    const target = path.join(work, "restore");
    await ok(["-r", repoUrl("main"), "restore", "latest", "--target", target, "--no-cache"]);
    expect(await digest(path.join(target, source))).toEqual(await digest(source));
  });

  it("forgets and prunes", async () => {
    await writeFile(path.join(source, "small-1.txt"), "changed\n");
    await ok(["-r", repoUrl("main"), "backup", source]);
    expect(await snapshotCount(repoUrl("main"))).toBe(2);
    await ok(["-r", repoUrl("main"), "forget", "--keep-last", "1", "--prune"]);
    expect(await snapshotCount(repoUrl("main"))).toBe(1);
    await ok(["-r", repoUrl("main"), "check", "--read-data", "--no-cache"]);
  });

  it("copies to a second repository on the same server", async () => {
    await ok(["-r", repoUrl("copy"), "init"]);
    const passwordFile = path.join(work, "from-password");
    await writeFile(passwordFile, REPO_PASSWORD);
    await ok(["-r", repoUrl("copy"), "copy", "--from-repo", repoUrl("main"), "--from-password-file", passwordFile]);
    expect(await snapshotCount(repoUrl("copy"))).toBe(1);
    await ok(["-r", repoUrl("copy"), "check", "--read-data", "--no-cache"]);
  });

  it("leaves a repository that opens as a plain local repository", async () => {
    expect(await snapshotCount(path.join(getConfig().restDir, "alice/main"))).toBe(1);
  });
});
