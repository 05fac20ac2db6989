import { z } from "zod";
import { COMPRESSION_MODES, REPOSITORY_STATUSES } from "@/db/schema";
import { booleanQueryFlag } from "@/server/http/query-flags";
import { resourceNameSchema } from "@/server/http/resource-name";
import { repositoryStatsSchema } from "@/server/restic/stats";
import { repositoryConfigSchema } from "./repository-config.schema";

export const compressionModeSchema = z.enum(COMPRESSION_MODES);

export const createRepositoryBodySchema = z.object({
  name: resourceNameSchema,
  compressionMode: compressionModeSchema.default("auto"),
  config: repositoryConfigSchema,
});

export const updateRepositoryBodySchema = z.object({
  name: resourceNameSchema.optional(),
  compressionMode: compressionModeSchema.optional(),
  config: repositoryConfigSchema.optional(),
});

export const repositoryParamsSchema = z.object({ shortId: z.string().min(1) });
/** A restic snapshot id: the full 64 hex digits or a prefix of at least 8 (restic's short id). */
export const snapshotIdSchema = z
  .string()
  .regex(/^[0-9a-f]{8,64}$/, { message: "must be a restic snapshot id (8 to 64 lowercase hex digits)" });
export const MAX_SNAPSHOT_IDS = 1000;
export const snapshotParamsSchema = repositoryParamsSchema.extend({ snapshotId: snapshotIdSchema });
export const deleteRepositoryQuerySchema = z.object({ purge: booleanQueryFlag() });

export const doctorStepSchema = z.object({
  step: z.string(),
  success: z.boolean(),
  output: z.string().nullable(),
  error: z.string().nullable(),
});
export const doctorResultSchema = z.object({
  success: z.boolean(),
  steps: z.array(doctorStepSchema),
  completedAt: z.number(),
});
export type DoctorResult = z.infer<typeof doctorResultSchema>;

export const repositorySchema = z.object({
  id: z.string(),
  shortId: z.string(),
  organizationId: z.string(),
  name: z.string(),
  /** The backend, also inside `config` as both `type` and `backend`. */
  type: z.string(),
  config: z.record(z.string(), z.unknown()),
  compressionMode: compressionModeSchema,
  status: z.enum(REPOSITORY_STATUSES),
  lastChecked: z.number().nullable(),
  lastError: z.string().nullable(),
  doctorResult: doctorResultSchema.nullable(),
  stats: repositoryStatsSchema.nullable(),
  statsUpdatedAt: z.number().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type RepositoryDto = z.infer<typeof repositorySchema>;

/** restic's statistics plus `indexBytes`: what the snapshot index takes on disk. */
export const repositoryStatsResponseSchema = repositoryStatsSchema.extend({ indexBytes: z.number() });
export type RepositoryStatsDto = z.infer<typeof repositoryStatsResponseSchema>;

export const createRepositoryResponseSchema = z.object({ message: z.string(), repository: repositorySchema });
export const messageSchema = z.object({ message: z.string() });
export const unlockResponseSchema = z.object({ success: z.boolean(), message: z.string() });
export const taskStartedSchema = z.object({ taskId: z.string(), status: z.literal("started") });
export const doctorStartedSchema = taskStartedSchema.extend({ message: z.string(), repositoryId: z.string() });
export const rcloneRemoteSchema = z.object({ name: z.string(), type: z.string() });

export const snapshotSchema = z.object({
  id: z.string(),
  short_id: z.string(),
  /** Epoch milliseconds. */
  time: z.number(),
  paths: z.array(z.string()),
  tags: z.array(z.string()),
  hostname: z.string(),
  /** Bytes processed by the backup that made it (0 when restic did not record a summary, e.g. restic < 0.17). */
  size: z.number(),
  /** Milliseconds the backup took (0 when unknown). */
  duration: z.number(),
  retentionCategories: z.array(z.string()),
  summary: z.record(z.string(), z.unknown()).optional(),
});
export type SnapshotDto = z.infer<typeof snapshotSchema>;

export const snapshotListQuerySchema = z.object({
  /** A backup schedule's shortId: only the snapshots it made (tagged with it). */
  backupId: z.string().min(1).optional(),
});
export const snapshotIdsBodySchema = z.object({
  snapshotIds: z.array(snapshotIdSchema).min(1).max(MAX_SNAPSHOT_IDS),
});
export const tagSnapshotsBodySchema = snapshotIdsBodySchema
  .extend({
    add: z.array(z.string().min(1)).optional(),
    remove: z.array(z.string().min(1)).optional(),
    set: z.array(z.string().min(1)).optional(),
  })
  .refine((body) => body.add?.length || body.remove?.length || body.set, {
    message: "give tags to add, remove or set",
  });
export const refreshSnapshotsResponseSchema = z.object({ message: z.string(), count: z.number() });
