// Input and output of the REST users API (SPEC §4), shared by the /api/v1/rest-users routes, tRPC and OpenAPI.
import { z } from "zod";
import { booleanQueryFlag } from "@/server/http/query-flags";
import { isRepositorySegment } from "./repository-path";

export const restUsernameSchema = z
  .string()
  .regex(/^[a-z0-9_.-]{2,32}$/, "Username must be 2 to 32 characters of a-z, 0-9, '_', '.' or '-'")
  // A private user's repositories live under /<username>/, so the name must be usable as that folder.
  .refine(isRepositorySegment, "This username is reserved by the restic REST protocol");

// bcrypt only looks at the first 72 bytes; a longer password would silently match its own prefix.
const passwordSchema = z
  .string()
  .min(8, "Password must be at least 8 characters")
  .refine((password) => Buffer.byteLength(password) <= 72, "Password must be at most 72 bytes");

const quotaSchema = z.number().int().positive().max(Number.MAX_SAFE_INTEGER).nullable();

export const createRestUserSchema = z.object({
  username: restUsernameSchema,
  password: passwordSchema,
  privateRepos: z.boolean().default(true),
  appendOnly: z.boolean().default(false),
  quotaBytes: quotaSchema.default(null),
});

export const updateRestUserSchema = z.object({
  username: restUsernameSchema.optional(),
  password: passwordSchema.optional(),
  privateRepos: z.boolean().optional(),
  appendOnly: z.boolean().optional(),
  quotaBytes: quotaSchema.optional(),
});

export const restUserSchema = z.object({
  id: z.string(),
  username: z.string(),
  privateRepos: z.boolean(),
  appendOnly: z.boolean(),
  quotaBytes: z.number().int().nullable(),
  /** Bytes stored under /<username>/. */
  usedBytes: z.number().int(),
  /** Epoch milliseconds. */
  createdAt: z.number().int(),
});

export const restUserIdParamsSchema = z.object({ id: z.string().min(1) });
/** `?purge=true` deletes the account's repositories; without it they are set aside, out of the REST server's reach. */
export const deleteRestUserQuerySchema = z.object({ purge: booleanQueryFlag() });

export type CreateRestUserInput = z.input<typeof createRestUserSchema>;
export type UpdateRestUserInput = z.input<typeof updateRestUserSchema>;
export type RestUser = z.infer<typeof restUserSchema>;
