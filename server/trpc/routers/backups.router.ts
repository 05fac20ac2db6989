// Backup schedules for the web UI's reads: thin adapters over the backups services, with the REST API's schemas as
// inputs (path parameters become fields beside the body's). Every write (the forms, run now, stop, retention, adopt,
// mirrors) is a server action calling the same services (server/actions/backups.actions.ts).
import { mirrorParamsSchema, scheduleParamsSchema, volumeParamsSchema } from "@/server/backups/backups.schema";
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
});
