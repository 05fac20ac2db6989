// What the database and the process already know, read at scrape time: a few indexed queries, so a scrape costs
// milliseconds and never goes stale. Gauges are reset first, so deleted schedules and repositories drop out.
import { and, eq, isNotNull, max } from "drizzle-orm";
import { database } from "@/db/client";
import { backupScheduleOverdue, backupSchedules, repositories, tasks } from "@/db/schema";
import { overdueWindow } from "@/server/notifications/overdue";
import { overdueClock } from "@/server/notifications/overdue.service";
import { restServerCounters } from "@/server/rest-backend/counters";
import { jobSlotUsage } from "@/server/tasks/job-slots";
import { scheduleLabelsOf } from "./backup-metrics";
import { type Metrics, metrics } from "./metrics-registry";

const seconds = (ms: number) => ms / 1000;

/** The duration of each schedule's latest finished backup task. */
async function lastDurations(): Promise<Map<string, number>> {
  const db = await database();
  const finished = and(eq(tasks.kind, "backup"), isNotNull(tasks.startedAt), isNotNull(tasks.finishedAt));
  const latest = db
    .select({ scheduleId: tasks.resourceId, finishedAt: max(tasks.finishedAt).as("latest_finished_at") })
    .from(tasks)
    .where(finished)
    .groupBy(tasks.resourceId)
    .as("latest");
  const rows = await db
    .select({ scheduleId: tasks.resourceId, startedAt: tasks.startedAt, finishedAt: tasks.finishedAt })
    .from(tasks)
    .innerJoin(latest, and(eq(tasks.resourceId, latest.scheduleId), eq(tasks.finishedAt, latest.finishedAt)))
    .where(finished);
  return new Map(rows.map((row) => [row.scheduleId!, seconds(row.finishedAt! - row.startedAt!)]));
}

/** As the overdue alert decides it (SPEC §7): no successful snapshot by the expected run plus the grace. */
function isOverdue(
  schedule: typeof backupSchedules.$inferSelect,
  settings: typeof backupScheduleOverdue.$inferSelect | null,
  now: number,
): boolean {
  if (settings?.enabled === false || !schedule.cronExpression) return false;
  try {
    const rule = { ...schedule, graceMinutes: settings?.graceMinutes ?? null };
    const window = overdueWindow(rule, schedule.lastBackupAt ?? schedule.createdAt);
    return window !== null && now >= window.dueAt;
  } catch {
    return false; // a pattern croner cannot compute any more: the scheduler logs it
  }
}

async function scheduleGauges(m: Metrics): Promise<void> {
  const db = await database();
  const rows = await db
    .select({ schedule: backupSchedules, repository: repositories, overdue: backupScheduleOverdue })
    .from(backupSchedules)
    .innerJoin(repositories, eq(repositories.id, backupSchedules.repositoryId))
    .leftJoin(backupScheduleOverdue, eq(backupScheduleOverdue.scheduleId, backupSchedules.id));
  const now = overdueClock();
  const durations = await lastDurations();
  for (const gauge of [m.lastSuccess, m.lastDuration, m.lastBytesAdded, m.overdue]) gauge.reset();
  for (const { schedule, repository, overdue } of rows) {
    const labels = scheduleLabelsOf(schedule, repository);
    m.overdue.set(labels, isOverdue(schedule, overdue, now) ? 1 : 0);
    if (schedule.lastBackupAt !== null) m.lastSuccess.set(labels, seconds(schedule.lastBackupAt));
    const duration = durations.get(schedule.shortId);
    if (duration !== undefined) m.lastDuration.set(labels, duration);
    const added = schedule.lastBackupSummary?.data_added;
    if (typeof added === "number") m.lastBytesAdded.set(labels, added);
  }
}

async function repositoryGauges(m: Metrics): Promise<void> {
  const db = await database();
  const rows = await db.select().from(repositories);
  for (const gauge of [m.repositorySize, m.repositorySnapshots, m.checkSuccess, m.checkTime]) gauge.reset();
  for (const row of rows) {
    const labels = { repository: row.name, repository_id: row.shortId };
    const stats = row.stats as { total_size?: number; snapshots_count?: number } | null;
    if (typeof stats?.total_size === "number") m.repositorySize.set(labels, stats.total_size);
    if (typeof stats?.snapshots_count === "number") m.repositorySnapshots.set(labels, stats.snapshots_count);
    if (row.lastChecked !== null) {
      m.checkTime.set(labels, seconds(row.lastChecked));
      m.checkSuccess.set(labels, row.status === "error" ? 0 : 1);
    }
  }
}

function processGauges(m: Metrics): void {
  const slots = jobSlotUsage();
  m.tasksQueued.set(slots.waiting);
  m.tasksRunning.set(slots.inUse);
  const rest = restServerCounters();
  // Counters that live elsewhere: set to their current totals (they only grow within a process).
  m.restBytesIn.reset();
  m.restBytesIn.inc(rest.bytesIn);
  m.restBytesOut.reset();
  m.restBytesOut.inc(rest.bytesOut);
  m.restRequests.reset();
  for (const [status, count] of Object.entries(rest.requestsByStatus)) m.restRequests.inc({ status }, count);
}

/** The registry with every gauge brought up to date, in Prometheus' text format. */
export async function renderMetrics(): Promise<{ contentType: string; body: string }> {
  const m = metrics();
  await scheduleGauges(m);
  await repositoryGauges(m);
  processGauges(m);
  return { contentType: m.registry.contentType, body: await m.registry.metrics() };
}
