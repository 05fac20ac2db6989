// For the snapshot integration tests: the built app with an admin, a local repository, and a snapshot made by plain
// restic of a small tree with the names that break things (unicode, quotes, spaces, glob characters), an empty
// folder, a symlink and a 20 MB file.
import { spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import { ADMIN, type ApiSession, apiSession, signUpAdmin } from "@/test/api-session";
import { type AppServer, startApp } from "@/test/app-server";
import { writeFiles } from "@/test/fixtures/data-files";
import { makeTempDir } from "@/test/fixtures/temp-dir";
import { restic } from "@/test/restic-cli";

export const ODD_NAME = `Café "menu" l'été.txt`;

export function writeOddTree(root: string): void {
  writeFiles(root, {
    "hello.txt": "hello world\n",
    "name with spaces.txt": "spaces\n",
    [ODD_NAME]: "accents and quotes\n",
    "ünïcödé/日本語.txt": "unicode\n",
    "docs/readme.md": "# readme\n",
    "docs/deep/nested.txt": "nested\n",
    "d[1]*?/in.txt": "glob characters\n",
    "big.bin": randomBytes(20 * 1024 * 1024),
  });
  mkdirSync(path.join(root, "empty folder"));
  symlinkSync("hello.txt", path.join(root, "link to hello"));
}

type Entry = { type: "file" | "dir" | "symlink"; content?: string; mode: number };

/** Every entry below `root` by relative path: type, mode, and a file's hash or a symlink's target. */
export function treeOf(root: string): Record<string, Entry> {
  const tree: Record<string, Entry> = {};
  const walk = (relative: string) => {
    for (const name of readdirSync(path.join(root, relative))) {
      const entry = path.join(relative, name);
      const full = path.join(root, entry);
      const stats = lstatSync(full);
      const mode = stats.mode & 0o7777;
      if (stats.isSymbolicLink()) tree[entry] = { type: "symlink", content: readlinkSync(full), mode: 0 };
      else if (stats.isDirectory()) {
        tree[entry] = { type: "dir", mode };
        walk(entry);
      } else tree[entry] = { type: "file", content: sha(readFileSync(full)), mode };
    }
  };
  walk("");
  return tree;
}

export const sha = (content: Buffer | string) => createHash("sha256").update(content).digest("hex");

export async function waitForTask(session: ApiSession, taskId: string) {
  for (let i = 0; i < 600; i++) {
    const { data } = await session.client.GET("/api/v1/tasks/{taskId}", { params: { path: { taskId } } });
    if (data && !["queued", "running"].includes(data.status)) return data;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`task ${taskId} did not finish`);
}

/** Unpacks an archive with the system's tar or unzip, as a user would. */
export function unpack(archive: string, format: "tar" | "zip", into: string): void {
  mkdirSync(into, { recursive: true });
  const [command, args] =
    format === "tar" ? ["tar", ["-xf", archive, "-C", into]] : ["unzip", ["-q", archive, "-d", into]];
  const result = spawnSync(command, args, { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr}`);
}

/** The restic processes still running for a repository (its path is on their command line). */
export function resticProcessesFor(location: string): number[] {
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        const argv = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
        return path.basename(argv[0]).startsWith("restic") && argv.includes(location);
      } catch {
        return false;
      }
    })
    .map(Number);
}

export type SnapshotFixture = {
  app: AppServer;
  admin: ApiSession;
  orgPassword: string;
  temp: ReturnType<typeof makeTempDir>;
  /** The backed-up tree (its absolute path is the snapshot's path). */
  source: string;
  /** The repository's folder on disk and its shortId in the app. */
  location: string;
  shortId: string;
  snapshotId: string;
  restoreRoot: string;
  stop(): Promise<void>;
};

export async function startSnapshotFixture(env: Record<string, string> = {}): Promise<SnapshotFixture> {
  const temp = makeTempDir("zerobyte-snapshots-");
  const storage = path.join(temp.dir, "storage");
  const restoreRoot = path.join(temp.dir, "member-restores");
  mkdirSync(storage);
  mkdirSync(restoreRoot);
  // A local-disk rclone remote members may use, for volumes to restore into.
  // In a folder of its own: restores into the rclone configuration's folder are refused.
  mkdirSync(path.join(temp.dir, "rclone"));
  const rcloneConfig = path.join(temp.dir, "rclone", "rclone.conf");
  writeFileSync(rcloneConfig, "[localdisk]\ntype = local\n");
  const app = await startApp({
    RESTORE_ROOTS: restoreRoot,
    REPOSITORY_ROOTS: storage,
    RCLONE_CONFIG: rcloneConfig,
    RCLONE_MEMBER_REMOTES: "localdisk",
    ...env,
  });
  const admin = await signUpAdmin(app.url);
  const download = await admin.raw("/api/v1/system/restic-password", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ password: ADMIN.password }),
  });
  const orgPassword = await download.text();
  const created = await admin.client.POST("/api/v1/repositories", {
    body: { name: "snapshots", compressionMode: "auto", config: { type: "local", path: storage } } as never,
  });
  expect(created.response.status).toBe(201);
  const { shortId, config } = created.data!.repository;
  const location = config.path as string;
  const source = path.join(temp.dir, "source");
  writeOddTree(source);
  restic(location, orgPassword, ["backup", source]);
  const [snapshot] = JSON.parse(restic(location, orgPassword, ["snapshots", "--json"])) as { id: string }[];
  return {
    app,
    admin,
    orgPassword,
    temp,
    source,
    location,
    shortId,
    snapshotId: snapshot.id,
    restoreRoot,
    stop: async () => {
      await app.stop();
      temp.remove();
    },
  };
}

const members = new WeakMap<SnapshotFixture, Promise<ApiSession>>();

/** A second user of the instance (not an admin), in a workspace of their own; one per fixture. */
export function signUpMember(fixture: SnapshotFixture): Promise<ApiSession> {
  if (!members.has(fixture)) members.set(fixture, createMember(fixture));
  return members.get(fixture)!;
}

async function createMember(fixture: SnapshotFixture): Promise<ApiSession> {
  const member = { email: "member@example.com", password: "member-password-123", name: "Member", username: "member" };
  const created = await fixture.admin.client.POST("/api/auth/sign-up/email", { body: member });
  expect(created.response.status).toBe(200);
  const session = apiSession(fixture.app.url);
  const signedIn = await session.client.POST("/api/auth/sign-in/email", {
    body: { email: member.email, password: member.password },
  });
  expect(signedIn.response.status).toBe(200);
  return session;
}
