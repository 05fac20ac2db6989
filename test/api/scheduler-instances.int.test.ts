// Two app processes on one database file, both running the scheduler: a due schedule runs exactly once, whichever
// process claims it; and either process alone runs what is due.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it, onTestFailed } from "vitest";
import { type ApiSession, apiSession, signUpAdmin } from "../api-session";
import { type AppServer, startApp } from "../app-server";
import {
  createDirectoryVolume,
  createLocalRepository,
  createSchedule,
  cronAt,
  recoveryKey,
  scheduleTasks,
  secondsFromNow,
  sleep,
  waitForScheduleTasks,
} from "../fixtures/backups";
import { writeSampleTree } from "../fixtures/data-files";
import { restic } from "../restic-cli";

const dataDir = mkdtempSync(path.join(tmpdir(), "zerobyte-shared-db-"));
const source = mkdtempSync(path.join(tmpdir(), "zerobyte-shared-src-"));
writeSampleTree(source);
// Both look at the database every second, so both see a new schedule long before it is due.
const env = { DATA_DIR: dataDir, SCHEDULER_POLL_SECONDS: "1" };
let first: AppServer;
let second: AppServer;
let admin: ApiSession;

beforeAll(async () => {
  first = await startApp(env);
  second = await startApp(env);
  admin = await signUpAdmin(first.url);
});
afterAll(async () => {
  await first?.stop();
  await second?.stop();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(source, { recursive: true, force: true });
});

it("runs each due schedule once although two processes race for it", async () => {
  onTestFailed(() => console.log(`first:\n${first.output()}\nsecond:\n${second.output()}`));
  const password = await recoveryKey(admin);
  const volume = await createDirectoryVolume(admin, "shared", source);
  const { repository, location } = await createLocalRepository(admin, "shared");
  const fireAt = secondsFromNow(4000);
  const schedules = [];
  for (const name of ["one", "two", "three"]) {
    schedules.push(
      await createSchedule(admin, {
        name,
        volumeId: volume.id,
        repositoryId: repository.id,
        enabled: true,
        cronExpression: cronAt(fireAt, "UTC"),
      }),
    );
  }
  for (const schedule of schedules) {
    const [task] = await waitForScheduleTasks(admin, schedule.shortId, "backup", 1, 60_000);
    expect(task.status).toBe("success");
  }
  // Long enough for a second claim to have shown up, had there been one.
  await sleep(2000);
  for (const schedule of schedules) {
    expect(await scheduleTasks(admin, schedule.shortId, "backup")).toHaveLength(1);
    const snapshots = JSON.parse(restic(location, password, ["snapshots", "--json", "--tag", schedule.shortId]));
    expect(snapshots).toHaveLength(1);
  }

  // The second process alone picks up what is due, through the shared database.
  const lateAt = secondsFromNow(4000);
  const late = await createSchedule(admin, {
    name: "late",
    volumeId: volume.id,
    repositoryId: repository.id,
    enabled: true,
    cronExpression: cronAt(lateAt, "UTC"),
  });
  await first.stop();
  const viaSecond = apiSession(second.url, { cookie: admin.cookieHeader() });
  const [task] = await waitForScheduleTasks(viaSecond, late.shortId, "backup", 1);
  expect(task.status).toBe("success");
});
