import { z } from "zod";
import { BACKUP_STATUSES, COMPRESSION_MODES } from "@/db/schema";
import { resourceNameSchema } from "@/server/http/resource-name";
import { repositorySchema, taskStartedSchema } from "@/server/repositories/repositories.schema";
import { isValidTimezone, validateCronExpression } from "@/server/scheduler/cron";
import { normaliseExcludePattern, normaliseIncludePath, normaliseIncludePattern } from "./backup-paths";
import { validateCustomResticParams } from "./custom-params";
import { backupWebhooksSchema } from "./webhooks";

export { taskStartedSchema };

/** Runs `check` on the value inside zod, so its 400 message becomes a validation issue on the right field. */
function checked<T>(schema: z.ZodType<T>, check: (value: T) => T | undefined) {
  return schema.transform((value, context) => {
    try {
      return check(value) ?? value;
    } catch (error) {
      context.addIssue({ code: "custom", message: error instanceof Error ? error.message : String(error) });
      return z.NEVER;
    }
  });
}

const stringList = (normalise: (entry: string) => string) =>
  checked(z.array(z.string().min(1, "entries must not be empty")), (entries) => entries.map(normalise));

const DURATION = /^(\d+[ymdh])+$/;
const keepCount = z.number().int("must be a whole number").min(0).max(100_000).optional();

export const retentionPolicySchema = z
  .object({
    keepLast: keepCount,
    keepHourly: keepCount,
    keepDaily: keepCount,
    keepWeekly: keepCount,
    keepMonthly: keepCount,
    keepYearly: keepCount,
    /** A restic duration such as `1y6m3d12h` (restic's `--keep-within`). */
    keepWithinDuration: z
      .string()
      .regex(DURATION, "must be a duration such as 1y6m3d12h (units y, m, d, h)")
      .optional(),
  })
  // A policy that keeps nothing in particular is no policy: `{}` (or all zeros) is stored as null.
  .transform((policy) => (Object.values(policy).some(Boolean) ? policy : null));
export type RetentionPolicyInput = z.output<typeof retentionPolicySchema>;

const timezoneSchema = z
  .string()
  .refine(isValidTimezone, { message: "must be an IANA time zone such as Europe/Paris" })
  .nullable();
const cronSchema = checked(z.string().trim(), (expression) => {
  if (expression) validateCronExpression(expression);
  return expression;
});
const excludeIfPresentSchema = z.array(
  z
    .string()
    .min(1)
    .refine((name) => !name.includes("/") && !/[\n\r\0]/.test(name), "must be a file name (no slash, no newline)"),
);
const customParamsSchema = checked(z.array(z.string()), (params) => {
  validateCustomResticParams(params);
  return params;
});
const minutes = z.number().int().min(1).max(1440);
const retries = z.number().int().min(0).max(32);

/** Fields a create and an update share; an update leaves out what should stay as it is. */
const fields = {
  name: resourceNameSchema,
  enabled: z.boolean(),
  cronExpression: cronSchema,
  excludePatterns: stringList(normaliseExcludePattern),
  excludeIfPresent: excludeIfPresentSchema,
  includePaths: stringList(normaliseIncludePath),
  includePatterns: stringList(normaliseIncludePattern),
  oneFileSystem: z.boolean(),
  customResticParams: customParamsSchema,
  maxRetries: retries,
  /** Minutes. */
  retryDelay: minutes,
};

/** Nullable fields: absent and null differ on update (null clears). */
const nullableFields = {
  timezone: timezoneSchema.optional(),
  retentionPolicy: retentionPolicySchema.nullable().optional(),
  compressionMode: z.enum(COMPRESSION_MODES).nullable().optional(),
  backupWebhooks: backupWebhooksSchema.nullable().optional(),
  /** Accepted for compatibility with the original; not stored (the schedule's shortId is the tag). */
  tags: z.array(z.string()).optional(),
};

const requireCronWhenEnabled = (body: { enabled?: boolean; cronExpression?: string }) =>
  !(body.enabled && body.cronExpression === "");
const cronRequired = { message: "Enabled schedules require a cron expression", path: ["cronExpression"] };

export const createScheduleBodySchema = z
  .object({
    ...fields,
    ...nullableFields,
    excludePatterns: fields.excludePatterns.default([]),
    excludeIfPresent: fields.excludeIfPresent.default([]),
    includePaths: fields.includePaths.default([]),
    includePatterns: fields.includePatterns.default([]),
    oneFileSystem: fields.oneFileSystem.default(false),
    customResticParams: fields.customResticParams.default([]),
    maxRetries: fields.maxRetries.default(2),
    retryDelay: fields.retryDelay.default(15),
    /** The volume's numeric id or its shortId. */
    volumeId: z.union([z.number().int(), z.string().min(1)]),
    /** The repository's id or its shortId. */
    repositoryId: z.string().min(1),
  })
  .refine(requireCronWhenEnabled, cronRequired);
export type CreateScheduleInput = z.output<typeof createScheduleBodySchema>;

/** Every field optional: what is absent stays as it is. The volume cannot change (its snapshots would mix). */
export const updateScheduleBodySchema = z
  .object({
    ...z.object(fields).partial().shape,
    ...nullableFields,
    repositoryId: z.string().min(1).optional(),
  })
  .refine(requireCronWhenEnabled, cronRequired);
export type UpdateScheduleInput = z.output<typeof updateScheduleBodySchema>;

export const scheduleParamsSchema = z.object({ shortId: z.string().min(1) });
export const volumeParamsSchema = z.object({ volumeShortId: z.string().min(1) });
export const mirrorParamsSchema = scheduleParamsSchema.extend({ mirrorShortId: z.string().min(1) });

const webhookResponseSchema = z.object({
  url: z.string(),
  headers: z.array(z.string()).optional(),
  body: z.string().optional(),
  insecureTls: z.boolean().optional(),
});

export const scheduleSchema = z.object({
  id: z.number(),
  shortId: z.string(),
  name: z.string(),
  volumeId: z.number(),
  repositoryId: z.string(),
  enabled: z.boolean(),
  cronExpression: z.string(),
  /** null: the server's time zone (`TZ`). */
  timezone: z.string().nullable(),
  retentionPolicy: retentionPolicySchema.in.nullable(),
  excludePatterns: z.array(z.string()),
  excludeIfPresent: z.array(z.string()),
  includePaths: z.array(z.string()),
  includePatterns: z.array(z.string()),
  oneFileSystem: z.boolean(),
  customResticParams: z.array(z.string()),
  compressionMode: z.enum(COMPRESSION_MODES).nullable(),
  /** Header values are masked; send the mask back to keep them. */
  backupWebhooks: z
    .object({ pre: webhookResponseSchema.nullable(), post: webhookResponseSchema.nullable() })
    .nullable(),
  sortOrder: z.number(),
  maxRetries: z.number(),
  /** Minutes. */
  retryDelay: z.number(),
  failureRetryCount: z.number(),
  lastBackupAt: z.number().nullable(),
  lastBackupStatus: z.enum(BACKUP_STATUSES).nullable(),
  lastBackupError: z.string().nullable(),
  lastBackupSummary: z.record(z.string(), z.unknown()).nullable(),
  lastSkippedAt: z.number().nullable(),
  nextBackupAt: z.number().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type ScheduleDto = z.infer<typeof scheduleSchema>;

export const scheduleDetailSchema = scheduleSchema.extend({
  volume: z.record(z.string(), z.unknown()),
  repository: repositorySchema,
});

export const successSchema = z.object({ success: z.literal(true) });
export const reorderBodySchema = z.object({
  scheduleShortIds: z
    .array(z.string().min(1))
    .refine((ids) => new Set(ids).size === ids.length, "must not contain duplicates"),
});
export const stopResponseSchema = z.object({ status: z.literal("cancelling"), taskId: z.string() });
export const adoptBodySchema = z.object({ snapshotIds: z.array(z.string().min(1)).min(1) });

export const mirrorsBodySchema = z.object({
  mirrors: z.array(z.object({ repositoryId: z.string().min(1), enabled: z.boolean().default(true) })),
});
export const mirrorSchema = z.object({
  id: z.number(),
  /** The schedule's shortId. */
  scheduleId: z.string(),
  /** The mirror repository's shortId. */
  repositoryId: z.string(),
  enabled: z.boolean(),
  lastSyncTask: z
    .object({ id: z.string(), status: z.string(), error: z.string().nullable(), finishedAt: z.number().nullable() })
    .nullable(),
  createdAt: z.number(),
  repository: repositorySchema,
});
export const mirrorCompatibilitySchema = z.object({
  repositoryId: z.string(),
  compatible: z.boolean(),
  reason: z.string().nullable(),
});
export const mirrorStatusSchema = z.object({
  sourceCount: z.number(),
  mirrorCount: z.number(),
  missingSnapshots: z.array(z.object({ short_id: z.string(), time: z.string(), size: z.number() })),
});
export const mirrorSyncBodySchema = z.object({ snapshotIds: z.array(z.string().min(1)).optional() }).default({});
