// Backup schedules for the web UI: thin adapters over the backups services, with the REST API's schemas as inputs
// (path parameters become fields beside the body's). Writes from forms go through server actions calling the same
// services; run now, stop and retention are here too for buttons.
import { adoptSnapshots, applyRetentionNow, runBackupNow, stopBackup } from "@/server/backups/backup-actions.service";
import {
  adoptBodySchema,
  mirrorParamsSchema,
  scheduleParamsSchema,
  volumeParamsSchema,
} from "@/server/backups/backups.schema";
import { getSchedule, getScheduleForVolume, listSchedules } from "@/server/backups/backups.service";
import { listMirrorCompatibility, listMirrors, mirrorStatus } from "@/server/backups/mirrors.service";
import { createTRPCRouter, protectedProcedure } from "../init";

const byShortId = protectedProcedure.input(scheduleParamsSchema);

export const backupsRouter = createTRPCRouter({
  list: protectedProcedure.query(({ ctx }) => listSchedules(ctx.auth)),
  get: byShortId.query(({ ctx, input }) => getSchedule(ctx.auth, input.shortId)),
  byVolume: protectedProcedure
    .input(volumeParamsSchema)
    .query(({ ctx, input }) => getScheduleForVolume(ctx.auth, input.volumeShortId)),
  mirrors: byShortId.query(({ ctx, input }) => listMirrors(ctx.auth, input.shortId)),
  mirrorCompatibility: byShortId.query(({ ctx, input }) => listMirrorCompatibility(ctx.auth, input.shortId)),
  mirrorStatus: protectedProcedure
    .input(mirrorParamsSchema)
    .query(({ ctx, input }) => mirrorStatus(ctx.auth, input.shortId, input.mirrorShortId)),
  runNow: byShortId.mutation(({ ctx, input }) => runBackupNow(ctx.auth, input.shortId)),
  stop: byShortId.mutation(({ ctx, input }) => stopBackup(ctx.auth, input.shortId)),
  applyRetention: byShortId.mutation(({ ctx, input }) => applyRetentionNow(ctx.auth, input.shortId)),
  adopt: protectedProcedure
    .input(scheduleParamsSchema.extend(adoptBodySchema.shape))
    .mutation(({ ctx, input }) => adoptSnapshots(ctx.auth, input.shortId, input.snapshotIds)),
});
