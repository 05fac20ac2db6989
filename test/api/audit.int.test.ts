// The audit log as an admin reads it: every destructive or security action leaves one row naming who did it and how
// (browser session, API key, the admin CLI), and no row carries a secret. Members cannot read it.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";
import { URI } from "otpauth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, type ApiSession, apiSession, signUpAdmin } from "../api-session";
import { type AppServer, startApp } from "../app-server";
import { createDirectoryVolume, createLocalRepository, createSchedule, waitForTask } from "../fixtures/backups";
import { writeSampleTree } from "../fixtures/data-files";

const root = path.resolve(import.meta.dirname, "../..");
const MEMBER = { email: "member@example.com", username: "member", name: "Member", password: "member-password-1" };
const REST_PASSWORD = "rest-account-password-1";
const WRONG_PASSWORD = "not-the-right-password";

let app: AppServer;
let admin: ApiSession;
let adminId: string;
let source: string;
const secrets: string[] = [ADMIN.password, MEMBER.password, REST_PASSWORD, WRONG_PASSWORD];
const cleanup: string[] = [];

beforeAll(async () => {
  app = await startApp();
  admin = await signUpAdmin(app.url);
  adminId = (await admin.client.GET("/api/auth/get-session")).data!.user.id;
  source = mkdtempSync(path.join(tmpdir(), "zerobyte-audit-src-"));
  writeSampleTree(source);
});

afterAll(async () => {
  await app?.stop();
  for (const folder of [source, ...cleanup]) rmSync(folder, { recursive: true, force: true });
});

type AuditEntry = {
  actorId: string | null;
  actorName: string;
  method: string;
  action: string;
  target: string | null;
  ip: string | null;
  details: Record<string, unknown> | null;
};

async function auditLog(query: Record<string, string> = {}) {
  const { data, response } = await admin.client.GET("/api/v1/audit", { params: { query: query as never } });
  expect(response.status).toBe(200);
  return data as unknown as { entries: AuditEntry[]; total: number; hasMore: boolean; limit: number };
}

/** The one row of `action` (about `target`, when given); fails on none or several. */
async function only(action: string, target?: string): Promise<AuditEntry> {
  const { entries } = await auditLog({ action });
  const rows = entries.filter((entry) => target === undefined || entry.target === target);
  expect(rows, action).toHaveLength(1);
  return rows[0];
}

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "server/cli/main.ts", ...args], {
    cwd: root,
    env: { ...process.env, DATA_DIR: app.dataDir, LOG_LEVEL: "silent" },
    encoding: "utf8",
  });
  expect(result.status, result.stderr).toBe(0);
}

const bySession = { actorId: expect.any(String), actorName: ADMIN.username, method: "session" };

describe("audit log", () => {
  it("records account and credential actions with the session as actor", async () => {
    const created = await admin.client.POST("/api/auth/sign-up/email", { body: MEMBER });
    expect(created.response.status).toBe(200);
    expect(await only("user.create", MEMBER.username)).toMatchObject(bySession);
    // The first user signed themselves up: they are their own actor.
    expect(await only("user.create", ADMIN.username)).toMatchObject({ ...bySession, actorId: adminId });

    const failed = await apiSession(app.url).client.POST("/api/auth/sign-in/email", {
      body: { email: ADMIN.email, password: WRONG_PASSWORD },
    });
    expect(failed.response.status).toBe(401);
    expect(await only("auth.sign_in_failed")).toMatchObject({
      actorId: adminId,
      actorName: ADMIN.email,
      method: "session",
      ip: expect.stringMatching(/127\.0\.0\.1/),
      details: { reason: "wrong password" },
    });

    const { data: setup } = await admin.client.POST("/api/auth/two-factor/enable", {
      body: { password: ADMIN.password },
    });
    secrets.push(URI.parse(setup!.totpURI).secret.base32, ...setup!.backupCodes);
    await admin.client.POST("/api/auth/two-factor/verify-totp", {
      body: { code: URI.parse(setup!.totpURI).generate() },
    });
    const disabled = await admin.client.POST("/api/auth/two-factor/disable", { body: { password: ADMIN.password } });
    expect(disabled.response.status).toBe(200);
    expect(await only("two_factor.disable")).toMatchObject({ ...bySession, target: ADMIN.username });

    const { data: restUser } = await admin.client.POST("/api/v1/rest-users", {
      body: { username: "offsite", password: REST_PASSWORD },
    });
    await admin.client.PATCH("/api/v1/rest-users/{id}", {
      params: { path: { id: restUser!.id } },
      body: { password: `${REST_PASSWORD}-2`, quotaBytes: 1_000_000 },
    });
    secrets.push(`${REST_PASSWORD}-2`);
    await admin.client.DELETE("/api/v1/rest-users/{id}", { params: { path: { id: restUser!.id } } });
    expect(await only("rest_user.create", "offsite")).toMatchObject(bySession);
    // The web UI's door (tRPC) records through the same service.
    const viaUi = await admin.raw("/api/trpc/restUsers.create", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "from-ui", password: REST_PASSWORD }),
    });
    expect(viaUi.status).toBe(200);
    expect(await only("rest_user.create", "from-ui")).toMatchObject({ ...bySession, ip: expect.any(String) });
    expect(await only("rest_user.update")).toMatchObject({
      target: "offsite",
      details: { changedFields: ["password", "quotaBytes"], quotaBytes: 1_000_000 },
    });
    expect(await only("rest_user.delete")).toMatchObject({ ...bySession, target: "offsite" });
  });

  it("records destructive actions made with an API key as the key's, and with a session as the session's", async () => {
    const { data: key } = await admin.client.POST("/api/v1/auth/api-keys", {
      body: { name: "automation", password: ADMIN.password },
    });
    secrets.push(key!.key);
    expect(await only("api_key.create")).toMatchObject({ ...bySession, target: "automation" });
    const script = apiSession(app.url, { "x-api-key": key!.key });

    const volume = await createDirectoryVolume(admin, "documents", source);
    const { repository, location } = await createLocalRepository(admin, "main");
    cleanup.push(path.dirname(location));
    const schedule = await createSchedule(admin, {
      name: "nightly",
      volumeId: volume.shortId,
      repositoryId: repository.shortId,
    });
    const run = await admin.client.POST("/api/v1/backups/{shortId}/run", {
      params: { path: { shortId: schedule.shortId } },
    });
    expect((await waitForTask(admin, run.data!.taskId)).status).toBe("success");
    const shortId = repository.shortId;
    const { data: snapshots } = await admin.client.GET("/api/v1/repositories/{shortId}/snapshots", {
      params: { path: { shortId } },
    });
    const snapshotIds = [snapshots![0].short_id];

    const restoreTo = async (targetPath?: string) => {
      const { data, response } = await script.client.POST("/api/v1/repositories/{shortId}/restore", {
        params: { path: { shortId } },
        body: { snapshotId: snapshotIds[0], ...(targetPath && { targetPath }) } as never,
      });
      expect(response.status).toBe(202);
      expect((await waitForTask(admin, data!.taskId)).status).toBe("success");
    };
    const elsewhere = mkdtempSync(path.join(tmpdir(), "zerobyte-audit-restore-"));
    cleanup.push(elsewhere);
    await restoreTo(elsewhere);
    await restoreTo();
    // Only the restore over the original paths is recorded.
    expect(await only("restore.original_location")).toMatchObject({
      method: "apiKey",
      target: shortId,
      details: { snapshotId: expect.stringMatching(new RegExp(`^${snapshotIds[0]}`)), targets: [source] },
    });

    const tag = await admin.client.POST("/api/v1/repositories/{shortId}/snapshots/tag", {
      params: { path: { shortId } },
      body: { snapshotIds, add: ["keep"] },
    });
    await waitForTask(admin, tag.data!.taskId);
    // restic rewrites a snapshot it tags, so the tagged one has a new id.
    const { data: tagged } = await admin.client.GET("/api/v1/repositories/{shortId}/snapshots", {
      params: { path: { shortId } },
    });
    const taggedIds = [tagged![0].short_id];
    const removal = await script.client.DELETE("/api/v1/repositories/{shortId}/snapshots", {
      params: { path: { shortId } },
      body: { snapshotIds: taggedIds },
    });
    expect(removal.response.status).toBe(202);
    await waitForTask(admin, removal.data!.taskId);
    expect(await only("snapshot.tag")).toMatchObject({ ...bySession, target: shortId, details: { add: ["keep"] } });
    const byKey = { actorId: adminId, actorName: ADMIN.username, method: "apiKey" };
    expect(await only("snapshot.delete")).toMatchObject({
      ...byKey,
      target: shortId,
      details: { snapshotIds: [tagged![0].id] },
    });

    expect(
      (await script.client.DELETE("/api/v1/backups/{shortId}", { params: { path: { shortId: schedule.shortId } } }))
        .response.status,
    ).toBe(200);
    expect(await only("schedule.delete")).toMatchObject({ ...byKey, target: schedule.shortId });
    await script.client.DELETE("/api/v1/volumes/{shortId}", { params: { path: { shortId: volume.shortId } } });
    expect(await only("volume.delete")).toMatchObject({ ...byKey, target: volume.shortId });
    await script.client.DELETE("/api/v1/repositories/{shortId}", { params: { path: { shortId }, query: {} } });
    expect(await only("repository.delete")).toMatchObject({ ...byKey, target: shortId, details: { name: "main" } });

    const { repository: doomed, location: doomedAt } = await createLocalRepository(admin, "doomed");
    cleanup.push(path.dirname(doomedAt));
    await admin.client.DELETE("/api/v1/repositories/{shortId}", {
      params: { path: { shortId: doomed.shortId }, query: { purge: "true" } },
    });
    expect(await only("repository.purge")).toMatchObject({ ...bySession, target: doomed.shortId });

    await admin.client.DELETE("/api/v1/auth/api-keys/{keyId}", { params: { path: { keyId: key!.id } } });
    expect(await only("api_key.delete")).toMatchObject({ ...bySession, target: key!.id });
  });

  it("records the admin CLI's actions with the operator's login as actor", async () => {
    cli("set-role", "--user", MEMBER.username, "--role", "admin");
    cli("ban-user", "--user", MEMBER.username);
    cli("delete-user", "--user", MEMBER.username);
    const byCli = { actorId: null, actorName: userInfo().username, method: "cli", target: MEMBER.username, ip: null };
    expect(await only("user.role_change")).toMatchObject({ ...byCli, details: { from: "user", to: "admin" } });
    expect(await only("user.ban")).toMatchObject(byCli);
    expect(await only("user.delete")).toMatchObject(byCli);
  });

  it("pages and filters, holds no secret, and is for instance admins only", async () => {
    const all = await auditLog({ limit: "1000" });
    const text = JSON.stringify(all);
    for (const secret of secrets) expect(text).not.toContain(secret);

    const firstPage = await auditLog({ limit: "2" });
    expect(firstPage).toMatchObject({ limit: 2, total: all.total, hasMore: true });
    expect(firstPage.entries).toEqual(all.entries.slice(0, 2));
    const repositoryActions = await auditLog({ action: "repository." });
    expect(repositoryActions.entries.map((entry) => entry.action).sort()).toEqual([
      "repository.delete",
      "repository.purge",
    ]);
    const byActor = await auditLog({ actor: userInfo().username });
    expect(new Set(byActor.entries.map((entry) => entry.method))).toEqual(new Set(["cli"]));
    expect((await admin.raw("/api/v1/audit?limit=0")).status).toBe(400);

    const memberUser = { ...MEMBER, email: "member2@example.com", username: "member2" };
    await admin.client.POST("/api/auth/sign-up/email", { body: memberUser });
    const member = apiSession(app.url);
    await member.client.POST("/api/auth/sign-in/email", {
      body: { email: memberUser.email, password: memberUser.password },
    });
    const refused = await member.client.GET("/api/v1/audit", { params: { query: {} as never } });
    expect(refused.response.status).toBe(403);
  });
});
