// Notifications of real backups (the built app, real restic, real repositories) to real receivers on loopback: start,
// success, warning (restic exit 3) and failure per each assignment's flags; disabled destinations; slow or dead
// channels that must not hold a backup up; and the overdue alert with an injected clock, across restarts.
import { rmSync } from "node:fs";
import { createServer, type Server } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, type ApiSession, apiSession, signUpAdmin } from "../api-session";
import { type AppServer, startApp } from "../app-server";
import {
  type HttpReceiver,
  type SmtpReceiver,
  startHttpReceiver,
  startSmtpReceiver,
} from "../fixtures/notification-receivers";
import { makeTempDir } from "../fixtures/temp-dir";
import { mountWithUnreadableFile } from "../fixtures/unreadable-mount";
import { sampleFiles } from "../restic-cli";

let app: AppServer;
let admin: ApiSession;
let receiver: HttpReceiver;
let smtp: SmtpReceiver;
/** Accepts connections and never says a word: a mail server that hangs. */
let silentSmtp: Server;
let unreadable: Awaited<ReturnType<typeof mountWithUnreadableFile>>;
const storage = makeTempDir("zerobyte-notify-repos-");
const source = sampleFiles({ "docs/report.txt": "quarterly numbers", "photos/cat.jpg": "meow".repeat(1000) });

const baseEnv = () => ({
  WEBHOOK_ALLOWED_ORIGINS: receiver.url,
  SCHEDULER_POLL_SECONDS: "1",
  NOTIFICATION_TIMEOUT_SECONDS: "30",
  LOG_LEVEL: "info",
});

async function launch(env: Record<string, string> = {}) {
  app = await startApp({ ...baseEnv(), ...(app ? { DATA_DIR: app.dataDir } : {}), ...env });
  admin = apiSession(app.url);
  const { response } = await admin.client.POST("/api/auth/sign-in/email", {
    body: { email: ADMIN.email, password: ADMIN.password },
  });
  expect(response.status).toBe(200);
}

beforeAll(async () => {
  [receiver, smtp] = await Promise.all([startHttpReceiver(), startSmtpReceiver()]);
  silentSmtp = createServer(() => {});
  await new Promise<void>((resolve) => silentSmtp.listen(0, "127.0.0.1", resolve));
  unreadable = await mountWithUnreadableFile();
  app = await startApp(baseEnv());
  admin = await signUpAdmin(app.url);
});

afterAll(async () => {
  await app?.stop();
  await Promise.all([receiver?.close(), smtp?.close(), unreadable?.close()]);
  silentSmtp?.close();
  storage.remove();
  rmSync(source, { recursive: true, force: true });
});

async function waitFor<T>(read: () => T, done: (value: T) => boolean, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const titlesAt = (receivedAt: string) => receiver.at(receivedAt).map((request) => JSON.parse(request.body).title);
const messagesAt = (receivedAt: string) =>
  receiver.at(receivedAt).map((request) => JSON.parse(request.body).message as string);

async function createRepository(name: string) {
  const { data, response } = await admin.client.POST("/api/v1/repositories", {
    body: { name, compressionMode: "auto", config: { type: "local", path: storage.dir } } as never,
  });
  expect(response.status).toBe(201);
  return data!.repository;
}

async function createDirectoryVolume(name: string, dir: string) {
  const { data, response, error } = await admin.client.POST("/api/v1/volumes", {
    body: { name, config: { backend: "directory", path: dir } } as never,
  });
  expect({ status: response.status, error }).toEqual({ status: 201, error: undefined });
  return data!.shortId;
}

async function createSchedule(name: string, volumeId: number | string, repositoryId: string, cronExpression = "") {
  const { data, response, error } = await admin.client.POST("/api/v1/backups", {
    body: { name, volumeId, repositoryId, enabled: false, cronExpression } as never,
  });
  expect({ status: response.status, error }).toEqual({ status: 201, error: undefined });
  return data!;
}

async function createWebhook(name: string, receivedAt: string, enabled = true) {
  const { data, response } = await admin.client.POST("/api/v1/notifications/destinations", {
    body: { name, enabled, config: { type: "generic", url: `${receiver.url}${receivedAt}` } } as never,
  });
  expect(response.status).toBe(201);
  return data!;
}

type Flags = { notifyOnStart: boolean; notifyOnSuccess: boolean; notifyOnWarning: boolean; notifyOnFailure: boolean };
const ALL: Flags = { notifyOnStart: true, notifyOnSuccess: true, notifyOnWarning: true, notifyOnFailure: true };
const FAILURES: Flags = { notifyOnStart: false, notifyOnSuccess: false, notifyOnWarning: false, notifyOnFailure: true };

async function assign(shortId: string, assignments: ({ destinationId: number } & Flags)[]) {
  const { data, response, error } = await admin.client.PUT("/api/v1/backups/{shortId}/notifications", {
    params: { path: { shortId } },
    body: { assignments },
  });
  expect({ status: response.status, error }).toEqual({ status: 200, error: undefined });
  return data!;
}

async function runBackup(shortId: string) {
  const { data, response, error } = await admin.client.POST("/api/v1/backups/{shortId}/run", {
    params: { path: { shortId } },
  });
  expect({ status: response.status, error }).toEqual({ status: 202, error: undefined });
  for (let i = 0; i < 600; i++) {
    const { data: task } = await admin.client.GET("/api/v1/tasks/{taskId}", {
      params: { path: { taskId: data!.taskId } },
    });
    if (task && !["queued", "running"].includes(task.status)) return task;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`backup of ${shortId} did not finish`);
}

const overdueAlertOf = async (shortId: string) =>
  (await admin.client.GET("/api/v1/backups/{shortId}/overdue-alert", { params: { path: { shortId } } })).data!;

let docs: Awaited<ReturnType<typeof createSchedule>>;
let everything: Awaited<ReturnType<typeof createWebhook>>;
let failuresOnly: Awaited<ReturnType<typeof createWebhook>>;
let disabled: Awaited<ReturnType<typeof createWebhook>>;
let neverRan: Awaited<ReturnType<typeof createSchedule>>;

describe("backup runs", () => {
  beforeAll(async () => {
    const repository = await createRepository("main");
    const volume = await createDirectoryVolume("documents", source);
    // Paused, yet with a cron: the overdue alert below watches it all the same ("paused by mistake").
    docs = await createSchedule("Nightly documents", volume, repository.shortId, "0 3 * * *");
    everything = await createWebhook("everything", "/everything");
    failuresOnly = await createWebhook("failures only", "/failures");
    disabled = await createWebhook("switched off", "/disabled", false);
  });

  it("assigns destinations per event and lists the assignments with their destinations", async () => {
    const { data: mail } = await admin.client.POST("/api/v1/notifications/destinations", {
      body: {
        name: "ops mail",
        config: {
          type: "email",
          smtpHost: "127.0.0.1",
          smtpPort: smtp.port,
          from: "zerobyte@example.com",
          to: ["ops@example.com"],
        },
      } as never,
    });
    const listed = await assign(docs.shortId, [
      { destinationId: everything.id, ...ALL },
      { destinationId: failuresOnly.id, ...FAILURES },
      { destinationId: disabled.id, ...ALL },
      { destinationId: mail!.id, ...FAILURES, notifyOnSuccess: true },
    ]);
    expect(listed.map((assignment) => [assignment.destination.name, assignment.notifyOnStart])).toEqual([
      ["everything", true],
      ["failures only", false],
      ["ops mail", false],
      ["switched off", true],
    ]);
    expect(listed[0]).toMatchObject({ scheduleId: docs.id, destinationId: everything.id, notifyOnFailure: true });
    const unknown = await admin.client.PUT("/api/v1/backups/{shortId}/notifications", {
      params: { path: { shortId: docs.shortId } },
      body: { assignments: [{ destinationId: 424242, ...ALL }] },
    });
    expect([unknown.response.status, unknown.error?.message]).toEqual([
      404,
      "Notification destination 424242 not found",
    ]);
  });

  it("sends start and success, with the summary, to the destinations whose flags ask for them", async () => {
    const task = await runBackup(docs.shortId);
    expect(task.status).toBe("success");
    const snapshotId = (task.result as { snapshotId: string }).snapshotId;
    const titles = await waitFor(
      () => titlesAt("/everything"),
      (t) => t.length >= 2,
      "start and success",
    );
    expect(titles).toEqual(["Zerobyte Nightly documents started", "Zerobyte Nightly documents completed successfully"]);
    const [started, succeeded] = messagesAt("/everything");
    expect(started).toBe(`Volume: documents\nRepository: main\nSchedule: Nightly documents`);
    expect(succeeded).toContain("Overview:\n- Data added: ");
    expect(succeeded).toMatch(/- Total files processed: 2\n/);
    expect(succeeded).toContain(`- Snapshot: ${snapshotId.slice(0, 8)}`);

    const [mail] = await waitFor(
      () => smtp.mails,
      (mails) => mails.length >= 1,
      "the success mail",
    );
    expect(mail.raw).toMatch(/^Subject: Zerobyte Nightly documents completed successfully\r?$/m);
    expect(mail.raw).toContain(`Snapshot: ${snapshotId.slice(0, 8)}`);
    expect(receiver.at("/failures")).toEqual([]);
  });

  it("sends a warning when restic could not read some files (exit 3)", async () => {
    const volume = await createDirectoryVolume("flaky share", unreadable.dir);
    const flaky = await createSchedule("Flaky share", volume, (await createRepository("flaky")).shortId);
    await assign(flaky.shortId, [
      { destinationId: everything.id, ...ALL, notifyOnStart: false },
      { destinationId: failuresOnly.id, ...FAILURES },
    ]);
    const before = titlesAt("/everything").length;
    const task = await runBackup(flaky.shortId);
    expect(task.status).toBe("warning");
    const titles = await waitFor(
      () => titlesAt("/everything"),
      (t) => t.length > before,
      "the warning",
    );
    expect(titles.slice(before)).toEqual(["Zerobyte Flaky share completed with warnings"]);
    expect(messagesAt("/everything").at(-1)).toMatch(/\nWarning: Some files could not be read: .*broken\.txt/);
    expect(receiver.at("/failures")).toEqual([]);
  });

  it("sends a failure with the error text", async () => {
    const broken = await createRepository("broken");
    const schedule = await createSchedule("Into a broken repository", docs.volumeId, broken.shortId);
    rmSync(path.join(String(broken.config.path), "config"));
    await assign(schedule.shortId, [
      { destinationId: everything.id, ...ALL },
      { destinationId: failuresOnly.id, ...FAILURES },
    ]);
    const task = await runBackup(schedule.shortId);
    expect(task.status).toBe("failed");
    const [failure] = await waitFor(
      () => messagesAt("/failures"),
      (m) => m.length >= 1,
      "the failure",
    );
    expect(titlesAt("/failures")).toEqual(["Zerobyte Into a broken repository failed"]);
    expect(failure).toMatch(/^Volume: documents\nRepository: broken\nSchedule: Into a broken repository\nError: .+/);
    expect(failure).toContain(task.error!.slice(0, 40));
    expect(titlesAt("/everything").slice(-2)).toEqual([
      "Zerobyte Into a broken repository started",
      "Zerobyte Into a broken repository failed",
    ]);
  });

  it("does not let a mail server that hangs or a webhook that never answers hold a backup up", async () => {
    const schedule = await createSchedule("Against slow channels", docs.volumeId, docs.repositoryId);
    const duration = (task: { startedAt: number | null; finishedAt: number | null }) =>
      task.finishedAt! - task.startedAt!;
    const baseline = await runBackup(schedule.shortId);
    receiver.reply("/never", "hang");
    const webhook = await createWebhook("never answers", "/never");
    const { data: mail } = await admin.client.POST("/api/v1/notifications/destinations", {
      body: {
        name: "hung mail server",
        config: {
          type: "email",
          smtpHost: "127.0.0.1",
          smtpPort: (silentSmtp.address() as { port: number }).port,
          from: "zerobyte@example.com",
          to: ["ops@example.com"],
        },
      } as never,
    });
    await assign(schedule.shortId, [
      { destinationId: webhook.id, ...ALL },
      { destinationId: mail!.id, ...ALL },
    ]);
    const slowed = await runBackup(schedule.shortId);
    expect([baseline.status, slowed.status]).toEqual(["success", "success"]);
    expect(receiver.at("/never").length).toBeGreaterThanOrEqual(1); // the start notice is still waiting for an answer
    // Waiting on either channel would cost the delivery timeout (NOTIFICATION_TIMEOUT_SECONDS, 30 s here); a bound
    // well below it, not a tight one, so a busy CI machine's slower second run (1.3 s seen) does not fail it.
    expect(duration(slowed) - duration(baseline)).toBeLessThan(10_000);
  });

  it("sends nothing to a disabled destination", () => {
    expect(receiver.at("/disabled")).toEqual([]);
  });
});

describe("overdue alert", () => {
  /** Restarts the app with the overdue check's clock `aheadMs` in the future (0: the real clock). */
  async function restartWithClockAhead(aheadMs: number) {
    await app.stop();
    await launch({ OVERDUE_CLOCK_OFFSET_SECONDS_FOR_TESTS: String(Math.round(aheadMs / 1000)) });
  }
  const overdueTitles = () => titlesAt("/failures").filter((title) => /overdue|back on schedule/.test(title));

  it("fires once when the deadline passes, found by the scheduler, and not again", async () => {
    const { dueAt, effectiveGraceMinutes, alertedAt } = await overdueAlertOf(docs.shortId);
    expect(effectiveGraceMinutes).toBe(360);
    expect(alertedAt).toBeNull();
    // Shortly before the deadline: the start-up pass finds nothing, a later pass finds it overdue.
    await restartWithClockAhead(dueAt! - Date.now() - 12_000);
    expect(overdueTitles()).toEqual([]);
    await waitFor(overdueTitles, (titles) => titles.length >= 1, "the overdue alert", 30_000);
    await new Promise((resolve) => setTimeout(resolve, 3_000)); // three more scheduler passes
    expect(overdueTitles()).toEqual(["Zerobyte Nightly documents is overdue"]);
    expect(titlesAt("/everything").filter((title) => title.includes("overdue"))).toHaveLength(1);
    expect(messagesAt("/failures").at(-1)).toMatch(
      /\nNo successful backup since: .+\nA successful backup was due by: /,
    );
    expect((await overdueAlertOf(docs.shortId)).alertedAt).toBeGreaterThan(0);
  });

  it("fires after a restart that happened during the overdue window, and a restart does not repeat an alert", async () => {
    const repository = (await admin.client.GET("/api/v1/repositories")).data![0];
    neverRan = await createSchedule("Never ran", docs.volumeId, repository.shortId, "0 3 * * *");
    const late = neverRan;
    // Due half an hour after the first schedule, so the clock of the running instance has not reached it yet.
    const settings = await admin.client.PUT("/api/v1/backups/{shortId}/overdue-alert", {
      params: { path: { shortId: late.shortId } },
      body: { enabled: true, graceMinutes: 390 },
    });
    expect(settings.data).toMatchObject({
      enabled: true,
      graceMinutes: 390,
      effectiveGraceMinutes: 390,
      alertedAt: null,
    });
    await assign(late.shortId, [{ destinationId: failuresOnly.id, ...FAILURES }]);
    const { dueAt } = await overdueAlertOf(late.shortId);
    await restartWithClockAhead(dueAt! - Date.now() + 60_000);
    await waitFor(overdueTitles, (titles) => titles.length >= 2, "the alert found at start-up");
    expect(overdueTitles()).toEqual(["Zerobyte Nightly documents is overdue", "Zerobyte Never ran is overdue"]);
    expect(messagesAt("/failures").at(-1)).toContain("No successful backup since: never");
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(overdueTitles()).toHaveLength(2);
  });

  it("follows the next successful backup with a recovery notice", async () => {
    await restartWithClockAhead(0);
    const task = await runBackup(docs.shortId);
    expect(task.status).toBe("success");
    await waitFor(overdueTitles, (titles) => titles.length >= 3, "the recovery notice");
    expect(overdueTitles()).toEqual([
      "Zerobyte Nightly documents is overdue",
      "Zerobyte Never ran is overdue",
      "Zerobyte Nightly documents is back on schedule",
    ]);
    expect(messagesAt("/failures").at(-1)).toMatch(
      /A backup succeeded again; it had been overdue since .+\n\nOverview:/,
    );
    expect((await overdueAlertOf(docs.shortId)).alertedAt).toBeNull();
    expect((await overdueAlertOf(neverRan.shortId)).alertedAt).toBeGreaterThan(0);
    expect(receiver.at("/disabled")).toEqual([]);
  });
});
