// Task state for the UI. Live changes come from the SSE stream `/api/v1/tasks/{taskId}/events`; these queries
// give the state once, and find a task already running when a page opens (e.g. a doctor started elsewhere).
import { taskFilterQuerySchema, taskParamsSchema } from "@/server/tasks/task.schema";
import { getTask, listActiveTasks } from "@/server/tasks/tasks.service";
import { createTRPCRouter, protectedProcedure } from "../init";

export const tasksRouter = createTRPCRouter({
  get: protectedProcedure
    .input(taskParamsSchema)
    .query(({ ctx, input }) => getTask(input.taskId, ctx.auth.organizationId)),
  active: protectedProcedure
    .input(taskFilterQuerySchema)
    .query(({ ctx, input }) => listActiveTasks({ organizationId: ctx.auth.organizationId, ...input })),
});
