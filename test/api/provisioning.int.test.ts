// Provisioning as an operator uses it: a JSON file of volumes, repositories, destinations and schedules with secrets
// as env:// references, applied at start-up (or after the first sign-up), again at every start without duplicating
// anything, updating what changed; a broken file stops the start with one line.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, type ApiSession, apiSession, signUpAdmin } from "../api-session";
import { type AppServer, startApp } from "../app-server";
import { writeSampleTree } from "../fixtures/data-files";

const SLACK_HOOK = "https://hooks.slack.com/services/T000/B000/provisioned-secret-token";
const work = mkdtempSync(path.join(tmpdir(), "zerobyte-provisioning-"));
const source = path.join(work, "source");
const storage = path.join(work, "repositories");
const file = path.join(work, "provisioning.json");

let app: AppServer;
let admin: ApiSession;

function provisioningFile(changes: { repositoryName?: string; cron?: string } = {}) {
  return {
    version: 1,
    volumes: [{ provisioningId: "docs", name: "Documents", config: { backend: "directory", path: source } }],
    repositories: [
      {
        provisioningId: "main",
        name: changes.repositoryName ?? "Main",
        config: { backend: "local", path: storage },
        checkSchedule: { cron: "0 4 * * *", readDataSubset: "rotate", rotateDays: 14 },
      },
    ],
    notifications: [
      {
        provisioningId: "alerts",
        name: "Ops Slack",
        config: { type: "slack", webhookUrl: "env://ZB_TEST_SLACK_HOOK" },
      },
    ],
    schedules: [
      {
        provisioningId: "nightly",
        name: "Nightly documents",
        volume: "docs",
        repository: "main",
        enabled: true,
        cronExpression: changes.cron ?? "0 2 * * *",
        retentionPolicy: { keepDaily: 7 },
        notifications: [
          {
            destination: "alerts",
            notifyOnStart: false,
            notifyOnSuccess: false,
            notifyOnWarning: true,
            notifyOnFailure: true,
          },
        ],
      },
    ],
  };
}

async function signIn() {
  admin = apiSession(app.url);
  const { response } = await admin.client.POST("/api/auth/sign-in/email", {
    body: { email: ADMIN.email, password: ADMIN.password },
  });
  expect(response.status).toBe(200);
}

/** Everything the file asks for, as the API lists it. */
async function inventory() {
  const [volumes, repositories, destinations, schedules] = await Promise.all([
    admin.client.GET("/api/v1/volumes"),
    admin.client.GET("/api/v1/repositories"),
    admin.client.GET("/api/v1/notifications/destinations"),
    admin.client.GET("/api/v1/backups"),
  ]);
  return {
    volumes: volumes.data!,
    repositories: repositories.data!,
    destinations: destinations.data!,
    schedules: schedules.data!,
  };
}

beforeAll(async () => {
  writeSampleTree(source);
  writeFileSync(file, JSON.stringify(provisioningFile()));
  app = await startApp({ PROVISIONING_PATH: file, ZB_TEST_SLACK_HOOK: SLACK_HOOK });
});

afterAll(async () => {
  await app?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe("provisioning", () => {
  it("waits for the first user, then creates every entry through the API's services", async () => {
    admin = await signUpAdmin(app.url);
    const { volumes, repositories, destinations, schedules } = await inventory();
    expect(volumes).toEqual([expect.objectContaining({ name: "Documents", type: "directory" })]);
    expect(repositories).toEqual([
      expect.objectContaining({
        name: "Main",
        type: "local",
        status: "healthy",
        config: expect.objectContaining({ path: path.join(storage, repositories[0].shortId) }),
      }),
    ]);
    expect(destinations).toEqual([
      expect.objectContaining({ name: "Ops Slack", config: expect.objectContaining({ webhookUrl: "********" }) }),
    ]);
    expect(JSON.stringify(destinations)).not.toContain("provisioned-secret-token");
    expect(schedules).toEqual([
      expect.objectContaining({
        name: "Nightly documents",
        cronExpression: "0 2 * * *",
        volumeId: volumes[0].id,
        repositoryId: repositories[0].id,
        retentionPolicy: { keepDaily: 7 },
      }),
    ]);
    const { data: assignments } = await admin.client.GET("/api/v1/backups/{shortId}/notifications", {
      params: { path: { shortId: schedules[0].shortId } },
    });
    expect(assignments).toEqual([
      expect.objectContaining({ destinationId: destinations[0].id, notifyOnFailure: true, notifyOnStart: false }),
    ]);
    const { data: checks } = await admin.client.GET("/api/v1/repositories/{shortId}/check-schedule", {
      params: { path: { shortId: repositories[0].shortId } },
    });
    expect(checks).toMatchObject({ cron: "0 4 * * *", readDataSubset: "rotate", rotateDays: 14 });
  });

  it("creates nothing twice at the next start, and updates what the file changed", async () => {
    const before = await inventory();
    await app.restart();
    await signIn();
    const again = await inventory();
    expect(again.volumes.map((v) => v.shortId)).toEqual(before.volumes.map((v) => v.shortId));
    expect(again.repositories.map((r) => [r.shortId, r.updatedAt])).toEqual(
      before.repositories.map((r) => [r.shortId, r.updatedAt]),
    );
    expect(again.destinations.map((d) => d.id)).toEqual(before.destinations.map((d) => d.id));
    expect(again.schedules.map((s) => [s.shortId, s.updatedAt])).toEqual(
      before.schedules.map((s) => [s.shortId, s.updatedAt]),
    );

    writeFileSync(file, JSON.stringify(provisioningFile({ repositoryName: "Main (provisioned)", cron: "30 1 * * *" })));
    await app.restart();
    await signIn();
    const changed = await inventory();
    expect(changed.repositories).toEqual([
      expect.objectContaining({
        shortId: before.repositories[0].shortId,
        name: "Main (provisioned)",
        status: "healthy",
      }),
    ]);
    expect(changed.schedules).toEqual([
      expect.objectContaining({ shortId: before.schedules[0].shortId, cronExpression: "30 1 * * *" }),
    ]);
    expect(changed.volumes).toHaveLength(1);
    expect(changed.destinations).toHaveLength(1);
  });

  it("stops the start with one line when an env:// variable is missing", async () => {
    const broken = path.join(work, "broken.json");
    const content = provisioningFile();
    content.repositories[0].config = {
      ...content.repositories[0].config,
      isExistingRepository: true,
      customPassword: "env://ZB_TEST_NOT_SET",
    } as never;
    writeFileSync(broken, JSON.stringify(content));
    const started = startApp({ PROVISIONING_PATH: broken });
    await expect(started).rejects.toThrow(
      `Zerobyte cannot start: PROVISIONING_PATH ${broken}: repositories[0] (main): config.customPassword: env://ZB_TEST_NOT_SET is not set`,
    );
  });
});
