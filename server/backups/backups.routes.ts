import { z } from "zod";
import { defineRoute } from "@/server/http/api-route";
import { adoptSnapshots, applyRetentionNow, runBackupNow, stopBackup } from "./backup-actions.service";
import {
  adoptBodySchema,
  createScheduleBodySchema,
  mirrorCompatibilitySchema,
  mirrorParamsSchema,
  mirrorSchema,
  mirrorStatusSchema,
  mirrorSyncBodySchema,
  mirrorsBodySchema,
  reorderBodySchema,
  scheduleDetailSchema,
  scheduleParamsSchema,
  scheduleSchema,
  stopResponseSchema,
  successSchema,
  taskStartedSchema,
  updateScheduleBodySchema,
  volumeParamsSchema,
} from "./backups.schema";
import {
  createSchedule,
  deleteSchedule,
  getSchedule,
  getScheduleForVolume,
  listSchedules,
  reorderSchedules,
  updateBackupSchedule,
} from "./backups.service";
import { listMirrorCompatibility, listMirrors, mirrorStatus, replaceMirrors, syncMirror } from "./mirrors.service";

const tags = ["Backups"];
const base = "/api/v1/backups/{shortId}";

export const list = defineRoute({
  method: "get",
  path: "/api/v1/backups",
  summary: "List backup schedules in their display order",
  tags,
  access: "user",
  response: { schema: z.array(scheduleDetailSchema) },
  handler: ({ auth }) => listSchedules(auth),
});

export const create = defineRoute({
  method: "post",
  path: "/api/v1/backups",
  summary: "Create a backup schedule",
  tags,
  access: "user",
  body: createScheduleBodySchema,
  response: { status: 201, schema: scheduleSchema },
  errors: [404, 409],
  handler: ({ auth, body }) => createSchedule(auth, body),
});

export const reorder = defineRoute({
  method: "post",
  path: "/api/v1/backups/reorder",
  summary: "Set the display order of schedules",
  tags,
  access: "user",
  body: reorderBodySchema,
  response: { schema: successSchema },
  errors: [404],
  handler: ({ auth, body }) => reorderSchedules(auth, body.scheduleShortIds),
});

export const byVolume = defineRoute({
  method: "get",
  path: "/api/v1/backups/volume/{volumeShortId}",
  summary: "The (first) schedule backing up a volume, or null",
  tags,
  access: "user",
  params: volumeParamsSchema,
  response: { schema: scheduleDetailSchema.nullable() },
  errors: [404],
  handler: ({ auth, params }) => getScheduleForVolume(auth, params.volumeShortId),
});

export const get = defineRoute({
  method: "get",
  path: base,
  summary: "Get a backup schedule (by shortId or numeric id)",
  tags,
  access: "user",
  params: scheduleParamsSchema,
  response: { schema: scheduleDetailSchema },
  errors: [404],
  handler: ({ auth, params }) => getSchedule(auth, params.shortId),
});

export const update = defineRoute({
  method: "patch",
  path: base,
  summary: "Change a backup schedule (fields left out stay as they are)",
  tags,
  access: "user",
  params: scheduleParamsSchema,
  body: updateScheduleBodySchema,
  response: { schema: scheduleSchema },
  errors: [404, 409],
  handler: ({ auth, params, body }) => updateBackupSchedule(auth, params.shortId, body),
});

export const remove = defineRoute({
  method: "delete",
  path: base,
  summary: "Delete a backup schedule (its snapshots stay in the repository)",
  tags,
  access: "user",
  params: scheduleParamsSchema,
  response: { schema: successSchema },
  errors: [404],
  handler: ({ auth, params }) => deleteSchedule(auth, params.shortId),
});

export const run = defineRoute({
  method: "post",
  path: `${base}/run`,
  summary: "Run a backup now (a task; also for a disabled schedule)",
  tags,
  access: "user",
  params: scheduleParamsSchema,
  response: { status: 202, schema: taskStartedSchema },
  errors: [404, 409],
  handler: ({ auth, params }) => runBackupNow(auth, params.shortId),
});

export const stop = defineRoute({
  method: "post",
  path: `${base}/stop`,
  summary: "Stop the running backup of this schedule",
  tags,
  access: "user",
  params: scheduleParamsSchema,
  response: { status: 202, schema: stopResponseSchema },
  errors: [404, 409],
  handler: ({ auth, params }) => stopBackup(auth, params.shortId),
});

export const forget = defineRoute({
  method: "post",
  path: `${base}/forget`,
  summary: "Apply the retention policy now (forget and prune, a task)",
  tags,
  access: "user",
  params: scheduleParamsSchema,
  response: { status: 202, schema: taskStartedSchema },
  errors: [404, 409],
  handler: ({ auth, params }) => applyRetentionNow(auth, params.shortId),
});

export const adopt = defineRoute({
  method: "post",
  path: `${base}/adopt`,
  summary: "Tag existing snapshots of the schedule's repository with the schedule, so they belong to it (a task)",
  tags,
  access: "user",
  params: scheduleParamsSchema,
  body: adoptBodySchema,
  response: { status: 202, schema: taskStartedSchema },
  errors: [404],
  handler: ({ auth, params, body }) => adoptSnapshots(auth, params.shortId, body.snapshotIds),
});

export const mirrors = defineRoute({
  method: "get",
  path: `${base}/mirrors`,
  summary: "Mirror repositories of the schedule, with their last sync",
  tags,
  access: "user",
  params: scheduleParamsSchema,
  response: { schema: z.array(mirrorSchema) },
  errors: [404],
  handler: ({ auth, params }) => listMirrors(auth, params.shortId),
});

export const mirrorsReplace = defineRoute({
  method: "put",
  path: `${base}/mirrors`,
  summary: "Replace the schedule's mirrors",
  tags,
  access: "user",
  params: scheduleParamsSchema,
  body: mirrorsBodySchema,
  response: { schema: z.array(mirrorSchema) },
  errors: [404],
  handler: ({ auth, params, body }) => replaceMirrors(auth, params.shortId, body),
});

export const mirrorsCompatibility = defineRoute({
  method: "get",
  path: `${base}/mirrors/compatibility`,
  summary: "Which other repositories can mirror this schedule's repository",
  tags,
  access: "user",
  params: scheduleParamsSchema,
  response: { schema: z.array(mirrorCompatibilitySchema) },
  errors: [404],
  handler: ({ auth, params }) => listMirrorCompatibility(auth, params.shortId),
});

export const mirrorStatusRoute = defineRoute({
  method: "get",
  path: `${base}/mirrors/{mirrorShortId}/status`,
  summary: "Snapshots of the schedule the mirror does not have yet",
  tags,
  access: "user",
  params: mirrorParamsSchema,
  response: { schema: mirrorStatusSchema },
  errors: [404],
  handler: ({ auth, params }) => mirrorStatus(auth, params.shortId, params.mirrorShortId),
});

export const mirrorSync = defineRoute({
  method: "post",
  path: `${base}/mirrors/{mirrorShortId}/sync`,
  summary: "Copy snapshots to the mirror now (default: every one it lacks; a task)",
  tags,
  access: "user",
  params: mirrorParamsSchema,
  body: mirrorSyncBodySchema,
  response: { status: 202, schema: taskStartedSchema },
  errors: [404, 409],
  handler: ({ auth, params, body }) => syncMirror(auth, params.shortId, params.mirrorShortId, body.snapshotIds),
});
