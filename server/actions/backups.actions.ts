"use server";
// Backup schedule forms and buttons: the same services and schemas as /api/v1/backups.
import { adoptSnapshots, applyRetentionNow, runBackupNow, stopBackup } from "@/server/backups/backup-actions.service";
import {
  adoptBodySchema,
  createScheduleBodySchema,
  mirrorParamsSchema,
  mirrorsBodySchema,
  reorderBodySchema,
  scheduleParamsSchema,
  updateScheduleBodySchema,
} from "@/server/backups/backups.schema";
import {
  createSchedule,
  deleteSchedule,
  listSchedules,
  reorderSchedules,
  updateBackupSchedule,
} from "@/server/backups/backups.service";
import { replaceMirrors, syncMirror } from "@/server/backups/mirrors.service";
import { replaceAssignments } from "@/server/notifications/assignments.service";
import { replaceAssignmentsBodySchema } from "@/server/notifications/notifications.schema";
import { runAction } from "./run-action";

export async function createScheduleAction(_previous: unknown, input: unknown) {
  return runAction(createScheduleBodySchema, input, (auth, body) => createSchedule(auth, body));
}

// safeExtend keeps the body schema's "enabled needs a cron expression" refinement.
const updateInput = updateScheduleBodySchema.safeExtend(scheduleParamsSchema.shape);

export async function updateScheduleAction(_previous: unknown, input: unknown) {
  return runAction(updateInput, input, (auth, { shortId, ...changes }) => updateBackupSchedule(auth, shortId, changes));
}

export async function deleteScheduleAction(_previous: unknown, input: unknown) {
  return runAction(scheduleParamsSchema, input, (auth, { shortId }) => deleteSchedule(auth, shortId));
}

export async function runBackupNowAction(_previous: unknown, input: unknown) {
  return runAction(scheduleParamsSchema, input, (auth, { shortId }) => runBackupNow(auth, shortId));
}

export async function stopBackupAction(_previous: unknown, input: unknown) {
  return runAction(scheduleParamsSchema, input, (auth, { shortId }) => stopBackup(auth, shortId));
}

export async function applyRetentionAction(_previous: unknown, input: unknown) {
  return runAction(scheduleParamsSchema, input, (auth, { shortId }) => applyRetentionNow(auth, shortId));
}

export async function adoptSnapshotsAction(_previous: unknown, input: unknown) {
  return runAction(scheduleParamsSchema.extend(adoptBodySchema.shape), input, (auth, { shortId, snapshotIds }) =>
    adoptSnapshots(auth, shortId, snapshotIds),
  );
}

export async function replaceMirrorsAction(_previous: unknown, input: unknown) {
  return runAction(scheduleParamsSchema.extend(mirrorsBodySchema.shape), input, (auth, { shortId, ...body }) =>
    replaceMirrors(auth, shortId, body),
  );
}

// Answers with the list as saved, so the page shows the stored order, not the one it asked for.
export async function reorderSchedulesAction(_previous: unknown, input: unknown) {
  return runAction(reorderBodySchema, input, async (auth, { scheduleShortIds }) => {
    await reorderSchedules(auth, scheduleShortIds);
    return listSchedules(auth);
  });
}

export async function syncMirrorAction(_previous: unknown, input: unknown) {
  return runAction(mirrorParamsSchema, input, (auth, { shortId, mirrorShortId }) =>
    syncMirror(auth, shortId, mirrorShortId),
  );
}

export async function replaceAssignmentsAction(_previous: unknown, input: unknown) {
  return runAction(
    scheduleParamsSchema.extend(replaceAssignmentsBodySchema.shape),
    input,
    (auth, { shortId, ...body }) => replaceAssignments(auth, shortId, body),
  );
}
