// Which destinations hear which events of a schedule: read and replaced as a whole (reference §1.6), and looked up
// when a schedule has something to say.
import { and, eq, inArray } from "drizzle-orm";
import type { z } from "zod";
import { database } from "@/db/client";
import { backupScheduleNotifications, notificationDestinations } from "@/db/schema";
import type { AuthContext } from "@/server/auth/auth-context";
import { loadSchedule } from "@/server/backups/backup-store";
import { BadRequestError, NotFoundError } from "@/server/http/errors";
import { toDestinationDto } from "./destination-store";
import type { ScheduleEvent } from "./notification-message";
import type { replaceAssignmentsBodySchema } from "./notifications.schema";

type ReplaceInput = z.output<typeof replaceAssignmentsBodySchema>;

/** Overdue alerts and their recovery notices are failure-class: they go where failures go. */
const FLAG_OF: Record<ScheduleEvent, keyof typeof backupScheduleNotifications.$inferSelect> = {
  start: "notifyOnStart",
  success: "notifyOnSuccess",
  warning: "notifyOnWarning",
  failure: "notifyOnFailure",
  overdue: "notifyOnFailure",
  recovered: "notifyOnFailure",
};

async function assignmentsOf(scheduleId: number) {
  const db = await database();
  const rows = await db
    .select()
    .from(backupScheduleNotifications)
    .innerJoin(notificationDestinations, eq(backupScheduleNotifications.destinationId, notificationDestinations.id))
    .where(eq(backupScheduleNotifications.scheduleId, scheduleId))
    .orderBy(notificationDestinations.name, notificationDestinations.id);
  return rows.map(({ backup_schedule_notifications: assignment, notification_destinations: destination }) => ({
    ...assignment,
    destination: toDestinationDto(destination),
  }));
}

export async function listAssignments(auth: AuthContext, idOrShortId: string) {
  const schedule = await loadSchedule(auth, idOrShortId);
  return assignmentsOf(schedule.id);
}

export async function replaceAssignments(auth: AuthContext, idOrShortId: string, input: ReplaceInput) {
  const schedule = await loadSchedule(auth, idOrShortId);
  const ids = input.assignments.map((assignment) => assignment.destinationId);
  if (new Set(ids).size !== ids.length) throw new BadRequestError("Each destination may be assigned only once");
  const db = await database();
  const known = ids.length
    ? await db
        .select({ id: notificationDestinations.id })
        .from(notificationDestinations)
        .where(
          and(
            inArray(notificationDestinations.id, ids),
            eq(notificationDestinations.organizationId, auth.organizationId),
          ),
        )
    : [];
  const missing = ids.find((id) => !known.some((row) => row.id === id));
  if (missing !== undefined) throw new NotFoundError(`Notification destination ${missing} not found`);
  await db.transaction(async (tx) => {
    await tx.delete(backupScheduleNotifications).where(eq(backupScheduleNotifications.scheduleId, schedule.id));
    if (input.assignments.length) {
      await tx
        .insert(backupScheduleNotifications)
        .values(input.assignments.map((assignment) => ({ ...assignment, scheduleId: schedule.id })));
    }
  });
  return assignmentsOf(schedule.id);
}

/** The enabled destinations of a schedule whose flag for `event` is on. */
export async function subscribedDestinations(scheduleId: number, event: ScheduleEvent): Promise<number[]> {
  const db = await database();
  const rows = await db
    .select({ id: notificationDestinations.id })
    .from(backupScheduleNotifications)
    .innerJoin(notificationDestinations, eq(backupScheduleNotifications.destinationId, notificationDestinations.id))
    .where(
      and(
        eq(backupScheduleNotifications.scheduleId, scheduleId),
        eq(backupScheduleNotifications[FLAG_OF[event]], true),
        eq(notificationDestinations.enabled, true),
      ),
    );
  return rows.map((row) => row.id);
}
