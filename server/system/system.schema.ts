import { z } from "zod";

export const systemInfoSchema = z.object({
  runtime: z.literal("server"),
  versions: z.object({ app: z.string(), restic: z.string().nullable(), rclone: z.string().nullable() }),
  capabilities: z.object({
    rclone: z.boolean(),
    sysAdmin: z.boolean(),
    volumeBackends: z.array(z.string()),
    repositoryBackends: z.array(z.string()),
  }),
});

export const resticPasswordBodySchema = z.object({ password: z.string().min(1) });
