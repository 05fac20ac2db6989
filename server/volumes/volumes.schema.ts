import { z } from "zod";
import { VOLUME_BACKENDS, VOLUME_STATUSES } from "@/db/schema";
import { pageMetaSchema, paginationQuerySchema } from "@/server/http/pagination";
import { resourceNameSchema } from "@/server/http/resource-name";
import { volumeConfigSchema } from "./volume-config.schema";

export const createVolumeBodySchema = z.object({
  name: resourceNameSchema,
  config: volumeConfigSchema,
  autoRemount: z.boolean({ error: "autoRemount must be true or false" }).default(true),
});

export const updateVolumeBodySchema = z.object({
  name: resourceNameSchema.optional(),
  autoRemount: z.boolean({ error: "autoRemount must be true or false" }).optional(),
  config: volumeConfigSchema.optional(),
});

export const testConnectionBodySchema = z.object({ config: volumeConfigSchema });

export const volumeParamsSchema = z.object({ shortId: z.string().min(1) });

export const volumeSchema = z.object({
  id: z.number().int(),
  shortId: z.string(),
  organizationId: z.string(),
  name: z.string(),
  /** The backend, also inside `config` as both `type` and `backend`. */
  type: z.enum(VOLUME_BACKENDS),
  status: z.enum(VOLUME_STATUSES),
  lastError: z.string().nullable(),
  lastHealthCheck: z.number().nullable(),
  /** Passwords and private keys are masked as "********"; sending the mask back keeps the stored value. */
  config: z.record(z.string(), z.unknown()),
  autoRemount: z.boolean(),
  createdAt: z.number(),
  updatedAt: z.number(),
  /** The folder backups read: the directory itself, or where the share is mounted. */
  path: z.string(),
});
export type VolumeDto = z.infer<typeof volumeSchema>;

export const statfsSchema = z.object({ total: z.number(), used: z.number(), free: z.number() });
export const volumeDetailSchema = z.object({ volume: volumeSchema, statfs: statfsSchema });

export const volumeStatusResultSchema = z.object({
  status: z.enum(VOLUME_STATUSES),
  error: z.string().optional(),
});
export const testConnectionResultSchema = z.object({ success: z.boolean(), message: z.string() });
export const messageSchema = z.object({ message: z.string() });

const listedPath = z
  .string()
  .default("/")
  .refine((value) => !value.includes("\0"), "path must not contain NUL");

export const volumeFilesQuerySchema = paginationQuerySchema.extend({ path: listedPath });

export const volumeFileSchema = z.object({
  name: z.string(),
  /** Inside the volume, with a leading "/". */
  path: z.string(),
  type: z.enum(["file", "directory", "symlink"]),
  size: z.number().optional(),
  modifiedAt: z.number().optional(),
});
export const volumeFilesSchema = pageMetaSchema.extend({ files: z.array(volumeFileSchema), path: z.string() });

export const browseQuerySchema = z.object({ path: listedPath });
export const browseResultSchema = z.object({
  directories: z.array(
    z.object({
      name: z.string(),
      path: z.string(),
      type: z.literal("directory"),
      modifiedAt: z.number().optional(),
    }),
  ),
  path: z.string(),
});
