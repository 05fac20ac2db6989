// Findings 1 and 3 of the security review, replayed against the built app with real restic: a local repository's
// path cannot name another backend, another tenant's folder or the REST server's repositories, and a purge deletes
// only the folder recorded when the repository was created. Plus who may keep repositories where (admin vs member).
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, unlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiSession, signUpAdmin } from "../api-session";
import { type AppServer, startApp } from "../app-server";
import { startNormalisingProxy } from "../fixtures/normalising-proxy";
import { startRcloneRestServer } from "../fixtures/rclone-rest-server";
import { restic, resticAsync, sampleFiles } from "../restic-cli";
import { createMember, type Member, recoveryKey } from "./accounts";

let app: AppServer;
let admin: ApiSession;
let attacker: Member;
let victim: Member;
let victimFolder: string;
let victimPassword: string;
const outside = mkdtempSync(path.join(tmpdir(), "zerobyte-sec-outside-"));
const ATTACKER_PASSWORD = "attacker-restic-password";

type Body = { name: string; config: Record<string, unknown> };
const create = (session: ApiSession, body: Body) =>
  session.client.POST("/api/v1/repositories", { body: { compressionMode: "auto", ...body } as never });
const snapshotCount = (folder: string, password: string) =>
  (JSON.parse(restic(folder, password, ["snapshots", "--json"])) as unknown[]).length;

beforeAll(async () => {
  app = await startApp({ RESTIC_TIMEOUT_SECONDS: "20" });
  admin = await signUpAdmin(app.url);
  attacker = await createMember(app.url, admin, "mallory");
  victim = await createMember(app.url, admin, "victor");
  victimPassword = await recoveryKey(victim.session, victim.password);
  const { data } = await create(victim.session, {
    name: "precious",
    config: { type: "local", path: path.join(app.dataDir, "repositories") },
  });
  victimFolder = data!.repository.config.path as string;
  restic(victimFolder, victimPassword, ["backup", sampleFiles()]);
});

afterAll(async () => {
  await app?.stop();
  rmSync(outside, { recursive: true, force: true });
});

describe("finding 1: a local path cannot name another backend or reach another tenant's data", () => {
  it("refuses a scheme in the path even when the lure opens, and the victim's repository survives", async () => {
    // The attack: a REST server of the attacker's that holds a repository at the victim's path, so that
    // `rest:http://attacker/../../…/<victim folder>` opened on import and a purge then removed the victim's folder.
    const lure = mkdtempSync(path.join(tmpdir(), "zerobyte-sec-lure-"));
    const server = await startRcloneRestServer(lure);
    const proxy = await startNormalisingProxy(server.url);
    try {
      const escaped = `${proxy.url}${"../".repeat(8)}${victimFolder.slice(1)}`;
      restic(`rest:${server.url}${victimFolder.slice(1)}`, ATTACKER_PASSWORD, ["init"]);
      // The lure is live: through it, plain restic opens the attacker's repository at the escaped path.
      expect(JSON.parse(await resticAsync(`rest:${escaped}`, ATTACKER_PASSWORD, ["snapshots", "--json"]))).toEqual([]);

      for (const hostile of [
        `rest:${escaped}`,
        `local:${victimFolder}`,
        `rclone::local:${victimFolder}`,
        `sftp:root@localhost:${victimFolder}`,
      ]) {
        for (const caller of [attacker.session, admin]) {
          const imported = await create(caller, {
            name: `lure-${Math.random()}`,
            config: { type: "local", path: hostile, isExistingRepository: true, customPassword: ATTACKER_PASSWORD },
          });
          if (imported.response.status === 201) {
            // A regression: do what the attacker did next.
            await caller.client.DELETE("/api/v1/repositories/{shortId}", {
              params: { path: { shortId: imported.data!.repository.shortId }, query: { purge: "true" } },
            });
          }
          expect({ hostile, status: imported.response.status }).toEqual({ hostile, status: 400 });
          expect(imported.error?.message).toBe("config.path must be an absolute path starting with /");
        }
      }
    } finally {
      await proxy.stop();
      await server.stop();
      rmSync(lure, { recursive: true, force: true });
    }
    expect(snapshotCount(victimFolder, victimPassword)).toBe(1);
  });

  it("gives another tenant no way into the victim's folder: without its password nothing is stored", async () => {
    const imported = await create(attacker.session, {
      name: "not-mine",
      config: { type: "local", path: victimFolder, isExistingRepository: true, customPassword: "guess" },
    });
    expect(imported.response.status).toBe(400);
    const { data: listed } = await attacker.session.client.GET("/api/v1/repositories");
    expect(listed).toEqual([]);
    expect(snapshotCount(victimFolder, victimPassword)).toBe(1);
  });
});

describe("finding 3: the REST server's append-only repositories cannot be opened as local ones", () => {
  it("refuses DATA_DIR/rest to everyone, directly and through a link inside the allowed root", async () => {
    const restPassword = "rest-account-password";
    const account = await admin.client.POST("/api/v1/rest-users", {
      body: { username: "laptop", password: restPassword, appendOnly: true },
    });
    expect(account.response.status).toBe(201);
    const url = new URL(app.url);
    const repository = `rest:http://laptop:${restPassword}@${url.host}/rest/laptop/home/`;
    restic(repository, ATTACKER_PASSWORD, ["init"]);
    restic(repository, ATTACKER_PASSWORD, ["backup", sampleFiles()]);
    const onDisk = path.join(app.dataDir, "rest", "laptop", "home");
    const link = path.join(app.dataDir, "repositories", "shortcut");
    symlinkSync(path.join(app.dataDir, "rest"), link);
    try {
      for (const [caller, target] of [
        [attacker.session, onDisk],
        [attacker.session, path.join(link, "laptop", "home")],
        [admin, onDisk],
        [admin, path.join(link, "laptop", "home")],
      ] as const) {
        const imported = await create(caller, {
          name: `append-only-${Math.random()}`,
          config: { type: "local", path: target, isExistingRepository: true, customPassword: ATTACKER_PASSWORD },
        });
        expect({ target, status: imported.response.status }).toEqual({ target, status: 403 });
        expect(imported.error?.message).toBe("config.path must not be inside Zerobyte's data directory");
      }
    } finally {
      unlinkSync(link);
    }
    expect(snapshotCount(onDisk, ATTACKER_PASSWORD)).toBe(1);
  });
});

describe("who may keep a local repository where", () => {
  it("confines members to REPOSITORY_ROOTS without saying whether a path outside exists", async () => {
    const existing = await create(attacker.session, { name: "outside", config: { type: "local", path: outside } });
    const missing = await create(attacker.session, {
      name: "outside-missing",
      config: { type: "local", path: path.join(outside, "no", "such", "folder") },
    });
    for (const refused of [existing, missing]) {
      expect(refused.response.status).toBe(403);
      expect(refused.error?.message).toBe(
        `config.path must be inside one of the allowed folders: ${path.join(app.dataDir, "repositories")}`,
      );
    }
    const climbing = await create(attacker.session, {
      name: "escape",
      config: { type: "local", path: path.join(app.dataDir, "repositories", "..", "rest") },
    });
    expect(climbing.response.status).toBe(403);
    const inside = await create(attacker.session, {
      name: "inside",
      config: { type: "local", path: path.join(app.dataDir, "repositories") },
    });
    expect(inside.response.status).toBe(201);
    expect(existsSync(path.join(outside, inside.data!.repository.shortId))).toBe(false);
  });

  it("lets an instance admin use any path outside DATA_DIR (a USB disk, a NAS mount), but nothing inside it", async () => {
    const onDisk = await create(admin, { name: "usb-disk", config: { type: "local", path: outside } });
    expect(onDisk.response.status).toBe(201);
    expect(existsSync(path.join(outside, onDisk.data!.repository.shortId, "config"))).toBe(true);
    for (const refused of [app.dataDir, path.join(app.dataDir, "elsewhere"), "/", path.dirname(app.dataDir)]) {
      const answer = await create(admin, {
        name: `refused-${Math.random()}`,
        config: { type: "local", path: refused },
      });
      expect({ refused, status: answer.response.status }).toEqual({ refused, status: 403 });
    }
  });

  it("gives directory volumes (the host's own files) to instance admins only, never inside DATA_DIR", async () => {
    const volume = (session: ApiSession, name: string, folder: string) =>
      session.client.POST("/api/v1/volumes", {
        body: { name, config: { type: "directory", path: folder } } as never,
      });
    const byMember = await volume(attacker.session, "host-files", outside);
    expect(byMember.response.status).toBe(403);
    expect((await volume(attacker.session, "etc", "/etc")).response.status).toBe(403);
    expect((await volume(admin, "rest-data", path.join(app.dataDir, "rest"))).response.status).toBe(403);
    const byAdmin = await volume(admin, "host-files", outside);
    expect(byAdmin.response.status).toBe(201);
  });

  it("answers a NUL byte in the path with 400 naming the field, not a 500", async () => {
    const answer = await create(admin, { name: "nul", config: { type: "local", path: `${outside}/a\u0000b` } });
    expect(answer.response.status).toBe(400);
    expect(answer.error?.message).toMatch(/config\.path/);
  });
});

describe("purge deletes only the recorded folder, and only while it holds a repository", () => {
  it("refuses when the recorded folder was replaced by a link, or no longer holds a repository", async () => {
    const { data } = await create(attacker.session, {
      name: "to-purge",
      config: { type: "local", path: path.join(app.dataDir, "repositories") },
    });
    const { shortId, config } = data!.repository;
    const folder = config.path as string;
    const purge = () =>
      attacker.session.client.DELETE("/api/v1/repositories/{shortId}", {
        params: { path: { shortId }, query: { purge: "true" } },
      });

    // Someone with shell access swaps the folder for a link to another tenant's repository.
    renameSync(folder, `${folder}.moved`);
    symlinkSync(victimFolder, folder);
    const swapped = await purge();
    expect(swapped.response.status).toBe(400);
    expect(swapped.error?.message).toMatch(/no longer the folder that was recorded; nothing was deleted/);
    expect(snapshotCount(victimFolder, victimPassword)).toBe(1);
    unlinkSync(folder);
    renameSync(`${folder}.moved`, folder);

    rmSync(path.join(folder, "config"));
    mkdirSync(path.join(folder, "keep-me"));
    const emptied = await purge();
    expect(emptied.response.status).toBe(400);
    expect(emptied.error?.message).toMatch(/does not hold a restic repository; nothing was deleted/);
    expect(existsSync(path.join(folder, "keep-me"))).toBe(true);
  });
});
