import { z } from "zod";

export const apiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  start: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastRequestAt: z.string().nullable(),
});

export const apiKeyListSchema = z.object({ apiKeys: z.array(apiKeySchema), limit: z.number() });
export const createdApiKeySchema = apiKeySchema.extend({ key: z.string() });

export const createApiKeyBodySchema = z.object({
  name: z.string().trim().min(1).max(32),
  password: z.string().min(1),
  /** Lifetime in seconds; null or absent: never expires. */
  expiresIn: z.number().int().min(1).nullable().optional(),
});

export const apiKeyParamsSchema = z.object({ keyId: z.string().min(1) });
