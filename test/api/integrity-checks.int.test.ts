// Scheduled integrity checks with a rotating read of the pack data, against a real repository: N runs read every
// pack file exactly once (restic's group of a pack is the first byte of its id mod N, plus one), a damaged pack is
// found within N runs, and the failure reaches the destinations that hear about the repository's backup failures.
import { randomBytes } from "node:crypto";
import { chmodSync, closeSync, mkdtempSync, openSync, readdirSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiSession, signUpAdmin } from "../api-session";
import { type AppServer, startApp } from "../app-server";
import {
  createDirectoryVolume,
  createLocalRepository,
  createSchedule,
  recoveryKey,
  sleep,
  waitForTask,
} from "../fixtures/backups";
import { writeFiles } from "../fixtures/data-files";
import { type HttpReceiver, startHttpReceiver } from "../fixtures/notification-receivers";
import { restic } from "../restic-cli";

const N = 3;

let app: AppServer;
let admin: ApiSession;
let receiver: HttpReceiver;
let source: string;
let repository: { shortId: string; name: string };
let location: string;
let password: string;

beforeAll(async () => {
  receiver = await startHttpReceiver();
  app = await startApp({ WEBHOOK_ALLOWED_ORIGINS: receiver.url });
  admin = await signUpAdmin(app.url);
  source = mkdtempSync(path.join(tmpdir(), "zerobyte-check-src-"));
  writeFiles(
    source,
    Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`file-${i}.bin`, randomBytes(1536 * 1024)])),
  );
  const volume = await createDirectoryVolume(admin, "documents", source);
  ({ repository, location } = await createLocalRepository(admin, "vault"));
  password = await recoveryKey(admin);
  // Small packs, so there are several in every group.
  restic(location, password, ["backup", source, "--pack-size", "4", "--quiet"]);

  const schedule = await createSchedule(admin, {
    name: "nightly",
    volumeId: volume.shortId,
    repositoryId: repository.shortId,
  });
  const { data: destination } = await admin.client.POST("/api/v1/notifications/destinations", {
    body: { name: "ops-hook", config: { type: "generic", url: `${receiver.url}/checks` } } as never,
  });
  const flags = { notifyOnStart: false, notifyOnSuccess: false, notifyOnWarning: false, notifyOnFailure: true };
  await admin.client.PUT("/api/v1/backups/{shortId}/notifications", {
    params: { path: { shortId: schedule.shortId } },
    body: { assignments: [{ destinationId: destination!.id, ...flags }] },
  });
});

afterAll(async () => {
  await app?.stop();
  await receiver?.close();
  rmSync(source, { recursive: true, force: true });
  rmSync(path.dirname(location), { recursive: true, force: true });
});

const packFiles = () =>
  readdirSync(path.join(location, "data")).flatMap((folder) => readdirSync(path.join(location, "data", folder)));
const groupOf = (pack: string) => (Number.parseInt(pack.slice(0, 2), 16) % N) + 1;

type CheckResult = { readDataSubset: string | null; packsRead: number | null; success: boolean; errors: string[] };

async function runCheck(): Promise<CheckResult> {
  const shortId = repository.shortId;
  const { data, response } = await admin.client.POST("/api/v1/repositories/{shortId}/checks", {
    params: { path: { shortId } },
  });
  expect(response.status).toBe(202);
  await waitForTask(admin, data!.taskId);
  const { data: history } = await admin.client.GET("/api/v1/repositories/{shortId}/checks", {
    params: { path: { shortId }, query: { limit: 1 } as never },
  });
  return history!.checks[0];
}

/** A pack that holds file data only (damaging a tree pack would fail every run's structure check). */
function dataPack(): string {
  for (const index of restic(location, password, ["list", "index"]).trim().split("\n")) {
    const { packs } = JSON.parse(restic(location, password, ["cat", "index", index])) as {
      packs: { id: string; blobs: { type: string }[] }[];
    };
    const pack = packs.find((entry) => entry.blobs.every((blob) => blob.type === "data"));
    if (pack) return pack.id;
  }
  throw new Error("no data pack");
}

describe("rotating integrity checks", () => {
  it("reads every pack exactly once over N runs, in the order 1/N … N/N", async () => {
    const { response } = await admin.client.PUT("/api/v1/repositories/{shortId}/check-schedule", {
      params: { path: { shortId: repository.shortId } },
      body: { cron: "0 3 * * *", readDataSubset: "rotate", rotateDays: N } as never,
    });
    expect(response.status).toBe(200);
    const packs = packFiles();
    expect(packs.length).toBeGreaterThanOrEqual(N + 2);

    const runs: CheckResult[] = [];
    for (let run = 0; run < N; run++) runs.push(await runCheck());
    expect(runs.map((run) => run.readDataSubset)).toEqual(["1/3", "2/3", "3/3"]);
    expect(runs.every((run) => run.success)).toBe(true);
    const { data: healthy } = await admin.client.GET("/api/v1/repositories/{shortId}", {
      params: { path: { shortId: repository.shortId } },
    });
    expect(healthy).toMatchObject({ status: "healthy", lastError: null });
    // Each run read exactly the packs of its group, so together they read each pack once.
    expect(runs.map((run) => run.packsRead)).toEqual(
      [1, 2, 3].map((group) => packs.filter((pack) => groupOf(pack) === group).length),
    );
    expect(runs.reduce((sum, run) => sum + run.packsRead!, 0)).toBe(packs.length);

    const { data: scheduleNow } = await admin.client.GET("/api/v1/repositories/{shortId}/check-schedule", {
      params: { path: { shortId: repository.shortId } },
    });
    expect(scheduleNow).toMatchObject({ nextSubset: 1, readDataSubset: "rotate", rotateDays: N });
  });

  it("finds a damaged pack within N runs, marks the repository and notifies its failure destinations", async () => {
    const damaged = dataPack();
    const file = path.join(location, "data", damaged.slice(0, 2), damaged);
    chmodSync(file, 0o600);
    const handle = openSync(file, "r+");
    writeSync(handle, randomBytes(64), 0, 64, 100);
    closeSync(handle);

    const runs: CheckResult[] = [];
    for (let run = 0; run < N; run++) runs.push(await runCheck());
    const failed = runs.filter((run) => !run.success);
    expect(failed.map((run) => run.readDataSubset)).toEqual([`${groupOf(damaged)}/${N}`]);
    expect(failed[0].errors.join("\n")).toContain(damaged.slice(0, 8));

    const { data: checkedRepository } = await admin.client.GET("/api/v1/repositories/{shortId}", {
      params: { path: { shortId: repository.shortId } },
    });
    // Whichever run found it, the later runs of other groups do not make the repository healthy again.
    expect(checkedRepository).toMatchObject({
      status: "error",
      lastError: expect.stringMatching(/^Integrity check failed/),
    });

    for (let wait = 0; wait < 50 && receiver.at("/checks").length === 0; wait++) await sleep(100);
    const notices = receiver.at("/checks");
    expect(notices).toHaveLength(1);
    const notice = JSON.parse(notices[0].body);
    expect(notice.title).toBe("Zerobyte repository vault failed its integrity check");
    expect(notice.message).toContain(`pack data group ${groupOf(damaged)}/${N}`);
  });
});
