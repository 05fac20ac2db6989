import { getSystemInfo } from "@/server/system/system.service";
import { createTRPCRouter, protectedProcedure } from "../init";

export const systemRouter = createTRPCRouter({
  /** restic/rclone versions and the backends usable on this host. */
  info: protectedProcedure.query(() => getSystemInfo()),
});
