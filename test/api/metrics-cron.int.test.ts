// Prometheus metrics and the cron endpoint of serverless hosts, on one app with the in-process scheduler off
// (SCHEDULER=off), so every scheduled run in this file is one the cron endpoint started.
import { mkdtempSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiSession, signUpAdmin } from "../api-session";
import { type AppServer, startApp } from "../app-server";
import {
  createDirectoryVolume,
  createLocalRepository,
  createSchedule,
  cronAt,
  scheduleTasks,
  secondsFromNow,
  sleep,
  waitForTask,
} from "../fixtures/backups";
import { writeSampleTree } from "../fixtures/data-files";
import { parseScrape } from "../fixtures/prometheus";

const METRICS_TOKEN = "metrics-token-for-tests-0123456789";
const CRON_SECRET = "cron-secret-for-tests-0123456789";
/** The overdue check sees the clock this far ahead: an hourly schedule that never ran is overdue (1 h + 1 h grace). */
const OVERDUE_CLOCK_OFFSET_SECONDS_FOR_TESTS = String(2 * 3600 + 60);

let app: AppServer;
let admin: ApiSession;
let source: string;
let repository: { shortId: string; name: string };
let location: string;
let schedule: { shortId: string; name: string };

beforeAll(async () => {
  app = await startApp({ METRICS_TOKEN, CRON_SECRET, SCHEDULER: "off", OVERDUE_CLOCK_OFFSET_SECONDS_FOR_TESTS });
  admin = await signUpAdmin(app.url);
  source = mkdtempSync(path.join(tmpdir(), "zerobyte-metrics-src-"));
  writeSampleTree(source, 256 * 1024);
  const volume = await createDirectoryVolume(admin, "documents", source);
  ({ repository, location } = await createLocalRepository(admin, "main"));
  schedule = await createSchedule(admin, {
    name: "nightly",
    volumeId: volume.shortId,
    repositoryId: repository.shortId,
  });
});

afterAll(async () => {
  await app?.stop();
  rmSync(source, { recursive: true, force: true });
  rmSync(path.dirname(location), { recursive: true, force: true });
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function scrape() {
  const response = await fetch(`${app.url}/metrics`, { headers: bearer(METRICS_TOKEN) });
  expect(response.status).toBe(200);
  return parseScrape(await response.text());
}

async function runNow(): Promise<string> {
  const { data, response } = await admin.client.POST("/api/v1/backups/{shortId}/run", {
    params: { path: { shortId: schedule.shortId } },
  });
  expect(response.status).toBe(202);
  return (await waitForTask(admin, data!.taskId)).status;
}

/** A REST account writes a repository's config and reads it back: traffic both ways. */
async function restRoundTrip(content: string) {
  const { response } = await admin.client.POST("/api/v1/rest-users", {
    body: { username: "metrics", password: "metrics-password-1" },
  });
  expect(response.status).toBe(201);
  const headers = { authorization: `Basic ${Buffer.from("metrics:metrics-password-1").toString("base64")}` };
  const repo = `${app.url}/rest/metrics/traffic`;
  expect((await fetch(`${repo}/?create=true`, { method: "POST", headers })).status).toBe(200);
  expect((await fetch(`${repo}/config`, { method: "POST", headers, body: content })).status).toBe(200);
  expect(await (await fetch(`${repo}/config`, { headers })).text()).toBe(content);
}

describe("GET /metrics", () => {
  it("needs the token or an admin session, and speaks Prometheus' text format", async () => {
    for (const headers of [{}, bearer("not-the-token-0123456789")]) {
      const refused = await fetch(`${app.url}/metrics`, { headers });
      expect(refused.status).toBe(401);
      expect((await refused.json()).message).toMatch(/metrics token/);
    }
    expect((await admin.raw("/metrics")).status).toBe(200);

    const response = await fetch(`${app.url}/metrics`, { headers: bearer(METRICS_TOKEN) });
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const { families, value } = parseScrape(await response.text());
    const names = families.map((family) => family.name);
    expect(names).toEqual(expect.arrayContaining(["process_cpu_user_seconds_total", "nodejs_heap_size_used_bytes"]));
    expect(value("zerobyte_tasks_queued")).toBe(0);
    expect(value("zerobyte_tasks_running")).toBe(0);
    expect(families.find((family) => family.name === "zerobyte_backup_runs_total")?.type).toBe("COUNTER");
    // A manual-only schedule is never overdue.
    expect(value("zerobyte_backup_overdue", { schedule_id: schedule.shortId })).toBe(0);
  });

  it("says which schedules are overdue", async () => {
    const hourly = await createSchedule(admin, {
      name: "hourly-but-paused",
      volumeId: (await admin.client.GET("/api/v1/volumes")).data![0].shortId,
      repositoryId: repository.shortId,
      cronExpression: "0 * * * *",
    });
    const { value } = await scrape();
    expect(value("zerobyte_backup_overdue", { schedule: "hourly-but-paused", schedule_id: hourly.shortId })).toBe(1);
    await admin.client.DELETE("/api/v1/backups/{shortId}", { params: { path: { shortId: hourly.shortId } } });
  });

  it("moves with a backup run, a failed run and REST server traffic", async () => {
    const labels = { schedule: "nightly", schedule_id: schedule.shortId, repository_id: repository.shortId };
    const before = await scrape();
    expect(before.value("zerobyte_backup_runs_total", labels)).toBeUndefined();
    expect(before.value("zerobyte_backup_last_success_timestamp_seconds", labels)).toBeUndefined();

    expect(await runNow()).toBe("success");
    await admin.client.POST("/api/v1/repositories/{shortId}/stats/refresh", {
      params: { path: { shortId: repository.shortId } },
    });
    const afterSuccess = await scrape();
    expect(afterSuccess.value("zerobyte_backup_runs_total", { ...labels, status: "success" })).toBe(1);
    expect(afterSuccess.value("zerobyte_backup_bytes_added_total", labels)).toBeGreaterThan(256 * 1024);
    expect(afterSuccess.value("zerobyte_backup_last_bytes_added", labels)).toBeGreaterThan(256 * 1024);
    const lastSuccess = afterSuccess.value("zerobyte_backup_last_success_timestamp_seconds", labels)!;
    expect(Math.abs(lastSuccess - Date.now() / 1000)).toBeLessThan(120);
    expect(afterSuccess.value("zerobyte_backup_last_duration_seconds", labels)).toBeGreaterThan(0);
    const repoLabels = { repository: "main", repository_id: repository.shortId };
    expect(afterSuccess.value("zerobyte_repository_snapshots", repoLabels)).toBe(1);
    expect(afterSuccess.value("zerobyte_repository_size_bytes", repoLabels)).toBeGreaterThan(0);

    // The repository's folder gone: restic cannot open it, the run fails.
    renameSync(location, `${location}.away`);
    try {
      expect(await runNow()).toBe("failed");
    } finally {
      renameSync(`${location}.away`, location);
    }
    const unauthorized = await fetch(`${app.url}/rest/`);
    expect(unauthorized.status).toBe(401);
    await restRoundTrip("a-repository-config");

    const afterFailure = await scrape();
    expect(afterFailure.value("zerobyte_backup_runs_total", { ...labels, status: "failed" })).toBe(1);
    expect(afterFailure.value("zerobyte_backup_runs_total", { ...labels, status: "success" })).toBe(1);
    expect(afterFailure.value("zerobyte_backup_last_success_timestamp_seconds", labels)).toBe(lastSuccess);
    const rest401 = (scrapeOf: typeof before) =>
      scrapeOf.value("zerobyte_rest_server_requests_total", { status: "401" }) ?? 0;
    expect(rest401(afterFailure)).toBeGreaterThan(rest401(before));
    expect(afterFailure.value("zerobyte_rest_server_received_bytes_total")).toBeGreaterThanOrEqual(19);
    expect(afterFailure.value("zerobyte_rest_server_sent_bytes_total")).toBeGreaterThanOrEqual(19);
  });
});

describe("GET|POST /api/v1/cron", () => {
  it("answers 401 to a missing or wrong secret", async () => {
    for (const method of ["GET", "POST"]) {
      for (const headers of [{}, bearer("wrong-secret-0123456789abcdef")]) {
        const response = await fetch(`${app.url}/api/v1/cron`, { method, headers });
        expect(response.status).toBe(401);
      }
    }
  });

  it("starts a due schedule and a due check once when two callers come at the same moment", async () => {
    const at = secondsFromNow(2_000);
    const cron = cronAt(at, "UTC");
    const { data: due } = await admin.client.POST("/api/v1/backups", {
      body: {
        name: "every-so-often",
        volumeId: (await admin.client.GET("/api/v1/volumes")).data![0].shortId,
        repositoryId: repository.shortId,
        enabled: true,
        cronExpression: cron,
        timezone: "UTC",
      } as never,
    });
    const { response: put } = await admin.client.PUT("/api/v1/repositories/{shortId}/check-schedule", {
      params: { path: { shortId: repository.shortId } },
      body: { cron, timezone: "UTC", readDataSubset: "off" } as never,
    });
    expect(put.status).toBe(200);
    await sleep(at.getTime() - Date.now() + 100);

    const call = () =>
      fetch(`${app.url}/api/v1/cron`, { method: "POST", headers: bearer(CRON_SECRET) }).then(async (response) => {
        expect(response.status).toBe(200);
        return response.json();
      });
    const results = await Promise.all([call(), call()]);
    const started = results.flatMap((result) => result.schedules).filter((run) => run.outcome === "started");
    expect(started).toEqual([expect.objectContaining({ scheduleShortId: due!.shortId })]);
    const checks = results.flatMap((result) => result.checks).filter((run) => run.outcome === "started");
    expect(checks).toEqual([expect.objectContaining({ repositoryShortId: repository.shortId })]);
    // The caller that started them answered once they had finished.
    expect(results.flatMap((result) => result.finished).map((task) => task.status)).toEqual(["success", "success"]);

    const backups = await scheduleTasks(admin, due!.shortId, "backup");
    expect(backups).toHaveLength(1);
    const { data: history } = await admin.client.GET("/api/v1/repositories/{shortId}/checks", {
      params: { path: { shortId: repository.shortId } },
    });
    expect(history).toMatchObject({ total: 1, checks: [{ trigger: "scheduled", success: true }] });
    const metrics = await scrape();
    const repoLabels = { repository: "main", repository_id: repository.shortId };
    expect(metrics.value("zerobyte_repository_last_check_success", repoLabels)).toBe(1);
  });
});
