import { z } from "zod";

export const systemInfoSchema = z.object({
  runtime: z.literal("server"),
  versions: z.object({ app: z.string(), restic: z.string().nullable(), rclone: z.string().nullable() }),
  capabilities: z.object({
    rclone: z.boolean(),
    sysAdmin: z.boolean(),
    /** Volume backends that work on this host (tool installed, FUSE usable, kernel support for nfs/cifs). */
    volumeBackends: z.array(z.string()),
    /** Why each other backend does not work here, e.g. `{"nfs": "the kernel has no nfs support ..."}`. */
    unavailableVolumeBackends: z.record(z.string(), z.string()),
    repositoryBackends: z.array(z.string()),
  }),
});

export const resticPasswordBodySchema = z.object({ password: z.string().min(1) });
