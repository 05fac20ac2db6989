// Round trips through the remote backends that can run here: rclone (local-disk remote), REST (`rclone serve
// restic`, with credentials) and SFTP (a throwaway sshd); plus an unreachable server.
import path from "node:path";
import { text } from "node:stream/consumers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetConfig } from "@/server/config";
import { type RepositoryConfigInput, repositoryConfigSchema } from "@/server/repositories/repository-config.schema";
import { writeSampleTree } from "@/test/fixtures/data-files";
import { getFreePort } from "@/test/fixtures/free-port";
import { writeLocalRcloneConfig } from "@/test/fixtures/rclone-config";
import { type RestServer, startRcloneRestServer } from "@/test/fixtures/rclone-rest-server";
import { type SshServer, startSshd } from "@/test/fixtures/sshd";
import { makeTempDir } from "@/test/fixtures/temp-dir";
import { backup } from "./backup";
import { dumpSnapshot } from "./dump";
import { ResticNetworkError, WrongPasswordError } from "./errors";
import { initRepository } from "./init";
import { listSnapshotFiles } from "./ls";
import { listRcloneRemotes } from "./rclone-remotes";
import type { ResticTarget } from "./run";
import { listSnapshots } from "./snapshots";

const temp = makeTempDir("zerobyte-restic-backends-");
const source = path.join(temp.dir, "source");
const password = "backend-password";
let restServer: RestServer;
let sshServer: SshServer;

const target = (config: RepositoryConfigInput, secret = password): ResticTarget => ({
  config: repositoryConfigSchema.parse(config),
  password: secret,
});

beforeAll(async () => {
  writeSampleTree(source, 16 * 1024);
  process.env.RCLONE_CONFIG = writeLocalRcloneConfig(temp.dir).configPath;
  resetConfig();
  [restServer, sshServer] = await Promise.all([
    startRcloneRestServer(path.join(temp.dir, "rest"), { user: "restuser", pass: "p@ss/word:1" }),
    startSshd(path.join(temp.dir, "sshd")),
  ]);
});

afterAll(async () => {
  await Promise.all([restServer?.stop(), sshServer?.stop()]);
  delete process.env.RCLONE_CONFIG;
  resetConfig();
  temp.remove();
});

async function roundTrip(repo: ResticTarget) {
  await initRepository(repo);
  const { summary } = await backup(repo, { paths: [source], tags: ["t"] });
  const snapshots = await listSnapshots(repo);
  // restic 0.14 reports the short id in the backup summary, 0.17+ the full one.
  expect(snapshots.some((s) => s.id.startsWith(summary?.snapshot_id ?? "-"))).toBe(true);
  let files = 0;
  await listSnapshotFiles(repo, "latest", { onNode: () => files++ });
  expect(files).toBeGreaterThanOrEqual(5);
  expect(await text(dumpSnapshot(repo, { snapshotId: "latest", path: path.join(source, "hello.txt") }))).toBe(
    "hello world\n",
  );
  await expect(listSnapshots({ ...repo, password: "wrong" })).rejects.toBeInstanceOf(WrongPasswordError);
}

describe("remote backends", () => {
  it("lists the configured rclone remotes", async () => {
    expect(await listRcloneRemotes()).toEqual([{ name: "localdisk", type: "local" }]);
  });

  it("rclone: local-disk remote", async () => {
    await roundTrip(target({ type: "rclone", remote: "localdisk", path: path.join(temp.dir, "rclone-repo") }));
  });

  it("rest: rclone serve restic with basic auth (env vars or URL userinfo by version)", async () => {
    await roundTrip(
      target({ type: "rest", url: restServer.url, path: "repo1", username: "restuser", password: "p@ss/word:1" }),
    );
  });

  it("sftp: key auth against a throwaway sshd, host key pinned by known_hosts", async () => {
    await roundTrip(
      target({
        type: "sftp",
        host: sshServer.host,
        port: String(sshServer.port),
        user: sshServer.user,
        path: path.join(temp.dir, "sftp-repo"),
        privateKey: sshServer.privateKey,
        knownHosts: sshServer.knownHosts,
      }),
    );
  });

  it("sftp: an unknown host key is refused", async () => {
    const repo = target({
      type: "sftp",
      host: sshServer.host,
      port: sshServer.port,
      user: sshServer.user,
      path: path.join(temp.dir, "sftp-repo"),
      privateKey: sshServer.privateKey,
      knownHosts: `[127.0.0.1]:${sshServer.port} ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl\n`,
    });
    await expect(listSnapshots(repo)).rejects.toBeInstanceOf(ResticNetworkError);
  });

  it("an unreachable server is a ResticNetworkError, bounded by a timeout where restic retries", async () => {
    const port = await getFreePort();
    const started = Date.now();
    const error = await listSnapshots(target({ type: "rest", url: `http://127.0.0.1:${port}/`, path: "x" }), {
      timeoutMs: 8_000,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResticNetworkError);
    expect((error as ResticNetworkError).status).toBe(502);
    expect(Date.now() - started).toBeLessThan(30_000);
  });
});
