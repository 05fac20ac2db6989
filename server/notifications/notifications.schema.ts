import { z } from "zod";
import { DESTINATION_STATUSES, NOTIFICATION_TYPES } from "@/db/schema";
import { destinationConfigSchema } from "./destination-config.schema";

const nameSchema = z.string({ error: "name is required" }).trim().min(1, "name must not be empty").max(128);

export const destinationParamsSchema = z.object({
  id: z.coerce.number({ error: "id must be a number" }).int().positive("id must be a positive number"),
});

export const createDestinationBodySchema = z.object({
  name: nameSchema,
  enabled: z.boolean().default(true),
  config: destinationConfigSchema,
});

export const updateDestinationBodySchema = z.object({
  name: nameSchema.optional(),
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
