// The overdue alert: a schedule that made no successful snapshot in time gets one failure-class notice, whatever the
// cause (the app was down, the volume gone, the repository unreachable, the schedule paused by mistake), and a
// recovery notice after its next successful backup. Checked on every scheduler pass, the first of which runs at
// start-up, so downtime itself is caught. The alert is claimed in the database before it is sent, so it goes out
// once per episode, across restarts and app instances.
import { and, eq, isNotNull, isNull, ne } from "drizzle-orm";
import type { z } from "zod";
import { database } from "@/db/client";
import { backupScheduleOverdue, backupSchedules, repositories, volumes } from "@/db/schema";
import type { AuthContext } from "@/server/auth/auth-context";
import { loadSchedule, type ScheduleRow } from "@/server/backups/backup-store";
import { getConfig } from "@/server/config";
import { getLogger } from "@/server/logging/logger";
import { subscribedDestinations } from "./assignments.service";
import { notifyScheduleEvent } from "./dispatch.service";
import type { overdueSettingsBodySchema } from "./notifications.schema";
import { overdueWindow } from "./overdue";

type SettingsInput = z.output<typeof overdueSettingsBodySchema>;
type OverdueRow = typeof backupScheduleOverdue.$inferSelect;

/** Now, as the overdue check sees it (tests move it forward instead of waiting). */
export const overdueClock = () => Date.now() + getConfig().overdueClockOffsetMs;

const sinceOf = (schedule: ScheduleRow) => schedule.lastBackupAt ?? schedule.createdAt;

function windowOf(schedule: ScheduleRow, settings: OverdueRow | null) {
  try {
    return overdueWindow({ ...schedule, graceMinutes: settings?.graceMinutes ?? null }, sinceOf(schedule));
  } catch (error) {
    getLogger().error({ err: error, scheduleId: schedule.shortId }, "cannot compute when a schedule is overdue");
    return null;
  }
}

/** Takes the alert for this episode: true only for the one caller whose write found no alert pending. */
async function claimAlert(scheduleId: number, now: number, dueAt: number): Promise<boolean> {
  const db = await database();
  const claimed = await db
    .insert(backupScheduleOverdue)
    .values({ scheduleId, alertedAt: now, alertDueAt: dueAt })
    .onConflictDoUpdate({
      target: backupScheduleOverdue.scheduleId,
      set: { alertedAt: now, alertDueAt: dueAt },
      setWhere: and(isNull(backupScheduleOverdue.alertedAt), eq(backupScheduleOverdue.enabled, true)),
    })
    .returning({ scheduleId: backupScheduleOverdue.scheduleId });
  return claimed.length === 1;
}

/** Sends the overdue alert of every schedule past its deadline that has not had one; returns how many were sent. */
export async function checkOverdueSchedules(now: number = overdueClock()): Promise<number> {
  const db = await database();
  const rows = await db
    .select()
    .from(backupSchedules)
    .innerJoin(volumes, eq(volumes.id, backupSchedules.volumeId))
    .innerJoin(repositories, eq(repositories.id, backupSchedules.repositoryId))
    .leftJoin(backupScheduleOverdue, eq(backupScheduleOverdue.scheduleId, backupSchedules.id))
    .where(ne(backupSchedules.cronExpression, ""));
  let sent = 0;
  for (const { backup_schedules: schedule, volumes: volume, repositories: repository, ...rest } of rows) {
    const settings = rest.backup_schedule_overdue;
    if (settings?.enabled === false || settings?.alertedAt) continue;
    const window = windowOf(schedule, settings);
    if (!window || now < window.dueAt) continue;
    // Nobody to tell yet: the episode stays open, so a destination assigned later still hears of it.
    if ((await subscribedDestinations(schedule.id, "overdue")).length === 0) continue;
    if (!(await claimAlert(schedule.id, now, window.dueAt))) continue;
    sent++;
    getLogger().warn({ scheduleId: schedule.shortId, dueAt: window.dueAt }, "backup schedule is overdue");
    notifyScheduleEvent({
      event: "overdue",
      schedule,
      volume,
      repository,
      error: schedule.lastBackupStatus === "error" ? schedule.lastBackupError : null,
      overdue: { lastSuccessAt: schedule.lastBackupAt, dueAt: window.dueAt },
    });
  }
  return sent;
}

/** After a successful backup: ends a pending episode and gives its deadline; null when none was pending. */
export async function resolveOverdueAlert(scheduleId: number): Promise<{ dueAt: number } | null> {
  const db = await database();
  const [resolved] = await db
    .update(backupScheduleOverdue)
    .set({ alertedAt: null, alertDueAt: null })
    .where(and(eq(backupScheduleOverdue.scheduleId, scheduleId), isNotNull(backupScheduleOverdue.alertedAt)))
    .returning({ dueAt: backupScheduleOverdue.alertDueAt });
  return resolved ? { dueAt: resolved.dueAt ?? 0 } : null;
}

async function settingsOf(scheduleId: number): Promise<OverdueRow | null> {
  const db = await database();
  const [row] = await db.select().from(backupScheduleOverdue).where(eq(backupScheduleOverdue.scheduleId, scheduleId));
  return row ?? null;
}

function toOverdueDto(schedule: ScheduleRow, settings: OverdueRow | null) {
  const window = windowOf(schedule, settings);
  return {
    enabled: settings?.enabled ?? true,
    graceMinutes: settings?.graceMinutes ?? null,
    effectiveGraceMinutes: window ? Math.round(window.graceMs / 60_000) : null,
    dueAt: window?.dueAt ?? null,
    alertedAt: settings?.alertedAt ?? null,
  };
}

export async function getOverdueSettings(auth: AuthContext, idOrShortId: string) {
  const schedule = await loadSchedule(auth, idOrShortId);
  return toOverdueDto(schedule, await settingsOf(schedule.id));
}

export async function updateOverdueSettings(auth: AuthContext, idOrShortId: string, input: SettingsInput) {
  const schedule = await loadSchedule(auth, idOrShortId);
  const db = await database();
  const values = { enabled: input.enabled, graceMinutes: input.graceMinutes };
  const [row] = await db
    .insert(backupScheduleOverdue)
    .values({ scheduleId: schedule.id, ...values })
    .onConflictDoUpdate({ target: backupScheduleOverdue.scheduleId, set: values })
    .returning();
  return toOverdueDto(schedule, row);
}
