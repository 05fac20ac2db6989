import { z } from "zod";
import { READ_DATA_SUBSET_MODES } from "@/db/schema";
import { pageMetaSchema, paginationQuerySchema } from "@/server/http/pagination";
import { repositoryParamsSchema, taskStartedSchema } from "@/server/repositories/repositories.schema";
import { isValidTimezone, validateCronExpression } from "@/server/scheduler/cron";

export { repositoryParamsSchema, taskStartedSchema };

/** restic groups packs by the first byte of their id, so it cannot split them into more than 256 groups. */
export const MAX_ROTATE_RUNS = 256;

const cronField = z
  .string({ error: "cron is required" })
  .trim()
  .min(1, "cron is required")
  .superRefine((expression, context) => {
    try {
      validateCronExpression(expression);
    } catch (error) {
      context.addIssue({ code: "custom", message: (error as Error).message });
    }
  });

export const checkScheduleBodySchema = z.object({
  cron: cronField,
  /** `rotate`: every run reads the next 1/rotateDays of the data, so rotateDays runs read every pack once. */
  readDataSubset: z.enum(READ_DATA_SUBSET_MODES).default("off"),
  /** The number of runs a full read takes: with a daily cron, days. */
  rotateDays: z.number().int().min(1).max(MAX_ROTATE_RUNS).default(30),
  /** IANA zone of the cron expression; null: the server's TZ. */
  timezone: z
    .string()
    .refine(isValidTimezone, { message: "must be an IANA time zone such as Europe/Paris" })
    .nullable()
    .default(null),
});
export type CheckScheduleInput = z.output<typeof checkScheduleBodySchema>;

export const checkScheduleSchema = z.object({
  cron: z.string(),
  readDataSubset: z.enum(READ_DATA_SUBSET_MODES),
  rotateDays: z.number().int(),
  timezone: z.string().nullable(),
  /** The k of the next rotating run (`--read-data-subset=k/rotateDays`). */
  nextSubset: z.number().int(),
  nextCheckAt: z.number().nullable(),
});

export const checkResultSchema = z.object({
  id: z.number().int(),
  taskId: z.string().nullable(),
  trigger: z.enum(["scheduled", "manual"]),
  readDataSubset: z.string().nullable(),
  packsRead: z.number().int().nullable(),
  success: z.boolean(),
  errors: z.array(z.string()),
  output: z.string().nullable(),
  startedAt: z.number(),
  finishedAt: z.number(),
});

export const checkHistoryQuerySchema = paginationQuerySchema;
export const checkHistorySchema = pageMetaSchema.extend({ checks: z.array(checkResultSchema) });
