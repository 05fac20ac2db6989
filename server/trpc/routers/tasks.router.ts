// Task state for the UI. Live changes come from the SSE streams (`/api/v1/tasks/{taskId}/events` for one task,
// `/api/v1/events` for the organization); these queries give the state once, find a task already running when a
// page opens (e.g. a doctor started elsewhere), and page through the history.
import { taskFilterQuerySchema, taskHistoryQuerySchema, taskParamsSchema } from "@/server/tasks/task.schema";
import { getTask, listActiveTasks, listTaskHistory } from "@/server/tasks/tasks.service";
import { createTRPCRouter, protectedProcedure } from "../init";

export const tasksRouter = createTRPCRouter({
  get: protectedProcedure
    .input(taskParamsSchema)
    .query(({ ctx, input }) => getTask(input.taskId, ctx.auth.organizationId)),
  active: protectedProcedure
    .input(taskFilterQuerySchema)
    .query(({ ctx, input }) => listActiveTasks({ organizationId: ctx.auth.organizationId, ...input })),
  history: protectedProcedure
    .input(taskHistoryQuerySchema)
    .query(({ ctx, input }) => listTaskHistory({ organizationId: ctx.auth.organizationId, ...input })),
});
