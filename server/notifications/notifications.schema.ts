import { z } from "zod";
import { DESTINATION_STATUSES, NOTIFICATION_TYPES } from "@/db/schema";
import { resourceNameSchema } from "@/server/http/resource-name";
import { destinationConfigSchema } from "./destination-config.schema";

export const destinationParamsSchema = z.object({
  id: z.coerce.number({ error: "id must be a number" }).int().positive("id must be a positive number"),
});

export const createDestinationBodySchema = z.object({
  name: resourceNameSchema,
  enabled: z.boolean().default(true),
  config: destinationConfigSchema,
});

export const updateDestinationBodySchema = z.object({
  name: resourceNameSchema.optional(),
  enabled: z.boolean().optional(),
  config: destinationConfigSchema.optional(),
});

export const destinationSchema = z.object({
  id: z.number(),
  organizationId: z.string(),
  name: z.string(),
  enabled: z.boolean(),
  type: z.enum(NOTIFICATION_TYPES),
  /** As sent, with secrets masked as "********" (send the mask back to keep them). */
  config: z.record(z.string(), z.unknown()),
  /** The outcome of the latest delivery or test. */
  status: z.enum(DESTINATION_STATUSES),
  lastChecked: z.number().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type DestinationDto = z.infer<typeof destinationSchema>;

export const testDestinationResponseSchema = z.object({ success: z.literal(true) });
export const destinationDeletedSchema = z.object({ message: z.string() });

const flag = (field: string) => z.boolean({ error: `${field} must be true or false` });

export const assignmentInputSchema = z.object({
  destinationId: z.number({ error: "destinationId must be a number" }).int().positive(),
  notifyOnStart: flag("notifyOnStart"),
  notifyOnSuccess: flag("notifyOnSuccess"),
  notifyOnWarning: flag("notifyOnWarning"),
  /** Also overdue alerts and the recovery notice after them. */
  notifyOnFailure: flag("notifyOnFailure"),
});

export const replaceAssignmentsBodySchema = z.object({
  assignments: z.array(assignmentInputSchema, { error: "assignments must be a list" }).max(100),
});

export const assignmentSchema = assignmentInputSchema.extend({
  scheduleId: z.number(),
  createdAt: z.number(),
  destination: destinationSchema,
});

export const overdueSettingsBodySchema = z.object({
  enabled: flag("enabled"),
  /** null: 25 % of the cron interval, at least 60 minutes. */
  graceMinutes: z
    .number({ error: "graceMinutes must be a number of minutes or null" })
    .int("graceMinutes must be a whole number")
    .min(1, "graceMinutes must be at least 1")
    .max(525_600, "graceMinutes must be at most a year")
    .nullable(),
});

export const overdueSettingsSchema = z.object({
  enabled: z.boolean(),
  graceMinutes: z.number().nullable(),
  /** The grace in force for the run expected next; null for a manual-only schedule. */
  effectiveGraceMinutes: z.number().nullable(),
  /** By when the next successful backup is due; null when nothing is expected. */
  dueAt: z.number().nullable(),
  /** When the alert of a pending (not yet recovered) episode went out. */
  alertedAt: z.number().nullable(),
});
