import { z } from "zod";
import { TASK_STATUSES, type TaskStatus } from "@/db/schema";

export const taskKindSchema = z.enum([
  "backup",
  "restore",
  "forget",
  "doctor",
  "deleteSnapshots",
  "tagSnapshots",
  "mirrorSync",
  "indexSnapshot",
  "statsRefresh",
  "check",
]);
export type TaskKind = z.infer<typeof taskKindSchema>;

export const taskStatusSchema = z.enum(TASK_STATUSES);
export const ACTIVE_TASK_STATUSES = ["queued", "running"] as const satisfies readonly TaskStatus[];

export function isActiveStatus(status: TaskStatus): boolean {
  return (ACTIVE_TASK_STATUSES as readonly TaskStatus[]).includes(status);
}

export const taskDtoSchema = z.object({
  id: z.string(),
  kind: taskKindSchema,
  status: taskStatusSchema,
  resourceType: z.string().nullable(),
  resourceId: z.string().nullable(),
  input: z.unknown(),
  progress: z.unknown(),
  result: z.unknown(),
  /** Set when the task failed or was interrupted. */
  error: z.string().nullable(),
  cancellationRequested: z.boolean(),
  /** Epoch milliseconds. */
  createdAt: z.number(),
  startedAt: z.number().nullable(),
  updatedAt: z.number(),
  finishedAt: z.number().nullable(),
});
export type TaskDto = z.infer<typeof taskDtoSchema>;

export const taskFilterQuerySchema = z
  .object({
    kind: taskKindSchema.optional(),
    resourceType: z.string().min(1).optional(),
    resourceId: z.string().min(1).optional(),
  })
  .refine((query) => (query.resourceType === undefined) === (query.resourceId === undefined), {
    message: "resourceType and resourceId must be given together",
    path: ["resourceId"],
  });
export type TaskFilter = z.infer<typeof taskFilterQuerySchema>;

export const taskHistoryQuerySchema = z.object({
  kind: taskKindSchema.optional(),
  status: taskStatusSchema.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});
export type TaskHistoryQuery = z.infer<typeof taskHistoryQuerySchema>;

export const taskHistorySchema = z.object({
  items: z.array(taskDtoSchema),
  page: z.number().int(),
  pageSize: z.number().int(),
  totalItems: z.number().int(),
  totalPages: z.number().int(),
});

export const taskParamsSchema = z.object({ taskId: z.string().min(1) });

export const cancelTaskResponseSchema = z.object({ status: z.literal("cancelling") });
