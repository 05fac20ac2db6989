// SFTP volumes through sshfs against a throwaway sshd on loopback: key auth, password auth (the password never in a
// command line), a wrong host key refused; and a frozen server (SIGSTOP) that must not freeze the app.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiSession, signUpAdmin } from "../api-session";
import { type AppServer, startApp } from "../app-server";
import { mountsUnder, processesMentioning, processTree } from "../fixtures/mounts";
import { type SshServer, startSshd } from "../fixtures/sshd";
import { makeTempDir } from "../fixtures/temp-dir";

const PROBE_TIMEOUT_SECONDS = 3;
const SFTP_PASSWORD = "sftp-Pass-Word-77";
const temp = makeTempDir("zerobyte-sftp-volumes-");
const home = path.join(temp.dir, "home");
const shared = path.join(temp.dir, "shared");
let sshd: SshServer;
let app: AppServer;
let admin: ApiSession;

beforeAll(async () => {
  // The sftp test user must be able to reach its home inside this (root-only by default) temp folder.
  chmodSync(temp.dir, 0o755);
  mkdirSync(path.join(shared, "projects"), { recursive: true });
  writeFileSync(path.join(shared, "readme.md"), "# shared");
  mkdirSync(path.join(home, "data"), { recursive: true });
  writeFileSync(path.join(home, "data", "notes.txt"), "notes");
  sshd = await startSshd(path.join(temp.dir, "sshd"), {
    passwordUser: { name: "zbsftp", password: SFTP_PASSWORD, home },
  });
  app = await startApp({ VOLUME_PROBE_TIMEOUT_SECONDS: String(PROBE_TIMEOUT_SECONDS) });
  admin = await signUpAdmin(app.url);
});

afterAll(async () => {
  if (sshd) for (const pid of processTree(sshd.pid)) process.kill(pid, "SIGCONT");
  await app?.stop();
  await sshd?.stop();
  temp.remove();
});

const keyConfig = () => ({
  type: "sftp",
  host: sshd.host,
  port: sshd.port,
  username: sshd.user,
  privateKey: sshd.privateKey,
  knownHosts: sshd.knownHosts,
  path: shared,
});
const create = (name: string, config: Record<string, unknown>) =>
  admin.client.POST("/api/v1/volumes", { body: { name, config } as never });
const params = (shortId: string) => ({ params: { path: { shortId } } });
const files = (shortId: string, signal?: AbortSignal, folder = "/") =>
  admin.client.GET("/api/v1/volumes/{shortId}/files", {
    params: { path: { shortId }, query: { path: folder } as never },
    signal,
  });
const mountPoint = (shortId: string) => path.join(app.dataDir, "volumes", shortId);
const volumeCount = async () => (await admin.client.GET("/api/v1/volumes")).data!.length;

describe("sftp volumes", () => {
  it("mounts with key auth, checking the host key against known_hosts", async () => {
    const { data: volume, response } = await create("key", keyConfig());
    expect(response.status).toBe(201);
    expect(volume!.config).toMatchObject({ privateKey: "********", username: "root" });
    const where = mountPoint(volume!.shortId);
    expect(mountsUnder(where)).toEqual([{ mountPoint: where, fsType: "fuse.sshfs" }]);
    const { data: listing } = await files(volume!.shortId);
    expect(listing!.files.map((file) => file.name)).toEqual(["projects", "readme.md"]);
    for (const { pid } of processesMentioning(where)) {
      expect(readFileSync(`/proc/${pid}/cmdline`, "utf8")).not.toContain("PRIVATE KEY");
    }
  });

  it("mounts with password auth, the password on stdin and in no process's command line", async () => {
    const {
      data: volume,
      response,
      error,
    } = await create("password", {
      type: "sftp",
      host: sshd.host,
      port: sshd.port,
      username: "zbsftp",
      password: SFTP_PASSWORD,
      knownHosts: sshd.knownHosts,
      path: home,
    });
    expect(response.status, JSON.stringify(volume ?? error)).toBe(201);
    expect(volume!.config.password).toBe("********");
    const where = mountPoint(volume!.shortId);
    const { data: listing } = await files(volume!.shortId);
    expect(listing!.files.map((file) => file.name)).toEqual(["data"]);

    // sshfs itself and the ssh it runs: both name the mount or the server, neither carries the password.
    const processes = [...processesMentioning(where), ...processesMentioning(`zbsftp@${sshd.host}`)];
    expect(processes.map(({ argv }) => path.basename(argv[0]))).toEqual(expect.arrayContaining(["sshfs", "ssh"]));
    for (const { pid } of processes) expect(readFileSync(`/proc/${pid}/cmdline`, "utf8")).not.toContain(SFTP_PASSWORD);
    expect(readFileSync(path.join(app.dataDir, "zerobyte.db")).toString("latin1")).not.toContain(SFTP_PASSWORD);
  });

  it("refuses a wrong password and a wrong host key with ssh's reason, storing nothing", async () => {
    const before = await volumeCount();
    const wrongPassword = await create("wrong-password", {
      type: "sftp",
      host: sshd.host,
      port: sshd.port,
      username: "zbsftp",
      password: "not-the-password",
      knownHosts: sshd.knownHosts,
      path: home,
    });
    expect(wrongPassword.response.status).toBe(400);
    expect(wrongPassword.error?.message).toMatch(/Permission denied/);

    const otherKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl";
    const wrongHostKey = await create("wrong-host-key", {
      ...keyConfig(),
      knownHosts: `[${sshd.host}]:${sshd.port} ${otherKey}\n`,
    });
    expect(wrongHostKey.response.status).toBe(400);
    expect(wrongHostKey.error?.message).toMatch(/Host key verification failed/);

    const unknownHost = await create("unknown-host", { ...keyConfig(), knownHosts: undefined });
    expect(unknownHost.response.status).toBe(400);
    expect(unknownHost.error?.message).toMatch(/Host key verification failed/);
    expect(await volumeCount()).toBe(before);
  });

  it("deleting a volume unmounts it and removes its mount point", async () => {
    const { data: volume } = await create("to-delete", keyConfig());
    const where = mountPoint(volume!.shortId);
    expect(mountsUnder(where)).toHaveLength(1);
    const { data } = await admin.client.DELETE("/api/v1/volumes/{shortId}", params(volume!.shortId));
    expect(data).toEqual({ message: "Volume deleted" });
    expect(mountsUnder(where)).toEqual([]);
    expect(existsSync(where)).toBe(false);
    expect(processesMentioning(where)).toEqual([]);
  });
});

describe("a frozen SFTP server", () => {
  it("is reported as error within the probe timeout while the rest of the API keeps answering", async () => {
    const { data: frozen } = await create("frozen", keyConfig());
    const local = path.join(temp.dir, "local");
    mkdirSync(local, { recursive: true });
    writeFileSync(path.join(local, "a.txt"), "a");
    const { data: directory } = await create("local", { type: "directory", path: local });

    const tree = processTree(sshd.pid);
    for (const pid of tree) process.kill(pid, "SIGSTOP");
    const aborts = new AbortController();
    try {
      // Six listings of a folder sshfs never cached, stuck on the dead mount: in the server process they would take
      // the whole libuv pool (four threads).
      let answered = 0;
      const stuck = Array.from({ length: 6 }, () =>
        files(frozen!.shortId, aborts.signal, "/projects").then(
          () => answered++,
          () => undefined,
        ),
      );
      await new Promise((resolve) => setTimeout(resolve, 300));

      const started = performance.now();
      const health = admin.client.POST("/api/v1/volumes/{shortId}/health-check", params(frozen!.shortId));
      for (const request of [
        () => admin.client.GET("/api/v1/volumes"),
        () => admin.client.GET("/api/v1/system/info"),
        () => files(directory!.shortId),
        () => admin.client.GET("/api/v1/volumes/{shortId}", params(directory!.shortId)),
      ]) {
        const t = performance.now();
        const { response } = await request();
        expect(response.status).toBe(200);
        expect(performance.now() - t).toBeLessThan(1_000);
      }
      // The frozen volume's own page still answers: its disk usage gives up after a second and shows zeros.
      const t = performance.now();
      const { data: frozenDetail } = await admin.client.GET("/api/v1/volumes/{shortId}", params(frozen!.shortId));
      expect(frozenDetail!.statfs).toEqual({ total: 0, used: 0, free: 0 });
      expect(performance.now() - t).toBeLessThan(2_500);

      const { data: result } = await health;
      const elapsed = performance.now() - started;
      expect(result).toMatchObject({ status: "error", error: expect.stringMatching(/not responding/) });
      expect(elapsed).toBeGreaterThan(PROBE_TIMEOUT_SECONDS * 1000 - 200);
      expect(elapsed).toBeLessThan(PROBE_TIMEOUT_SECONDS * 1000 + 5_000);
      const { data: detail } = await admin.client.GET("/api/v1/volumes/{shortId}", params(frozen!.shortId));
      expect(detail!.volume).toMatchObject({ status: "error", lastError: expect.stringMatching(/not responding/) });
      expect(answered).toBe(0);
      aborts.abort();
      await Promise.all(stuck);
    } finally {
      for (const pid of tree) process.kill(pid, "SIGCONT");
    }

    const { data: remounted } = await admin.client.POST("/api/v1/volumes/{shortId}/mount", params(frozen!.shortId));
    expect(remounted).toEqual({ status: "mounted" });
    const { data: listing } = await files(frozen!.shortId);
    expect(listing!.files.map((file) => file.name)).toEqual(["projects", "readme.md"]);
    expect(mountsUnder(mountPoint(frozen!.shortId))).toHaveLength(1);
  });
});
