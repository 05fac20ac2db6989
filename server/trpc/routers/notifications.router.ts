// Notification destinations and a schedule's assignments for the web UI's reads. Writes (create, update, delete,
// test, assignments) are server actions (server/actions/notifications.actions.ts, backups.actions.ts).
import { scheduleParamsSchema } from "@/server/backups/backups.schema";
import { listAssignments } from "@/server/notifications/assignments.service";
import { getDestination, listDestinations } from "@/server/notifications/destinations.service";
import { destinationParamsSchema } from "@/server/notifications/notifications.schema";
import { getOverdueSettings } from "@/server/notifications/overdue.service";
import { createTRPCRouter, protectedProcedure } from "../init";

export const notificationsRouter = createTRPCRouter({
  list: protectedProcedure.query(({ ctx }) => listDestinations(ctx.auth)),
  get: protectedProcedure.input(destinationParamsSchema).query(({ ctx, input }) => getDestination(ctx.auth, input.id)),
  assignments: protectedProcedure
    .input(scheduleParamsSchema)
    .query(({ ctx, input }) => listAssignments(ctx.auth, input.shortId)),
  overdue: protectedProcedure
    .input(scheduleParamsSchema)
    .query(({ ctx, input }) => getOverdueSettings(ctx.auth, input.shortId)),
});
