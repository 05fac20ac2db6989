import { z } from "zod";
import { defineRoute } from "@/server/http/api-route";
import { streamOrganizationEvents, streamTask, streamTaskList } from "./event-streams";
import {
  cancelTaskResponseSchema,
  taskDtoSchema,
  taskFilterQuerySchema,
  taskHistoryQuerySchema,
  taskHistorySchema,
  taskParamsSchema,
} from "./task.schema";
import { cancelTask } from "./task-runner";
import { getTask, listActiveTasks, listTaskHistory } from "./tasks.service";

const tags = ["Tasks"];
/** Frames are `event: <name>` + `data: <JSON>`; the document can only describe the stream as text. */
const eventStream = { contentType: "text/event-stream", schema: z.string(), description: "An event stream" };

export const listTasksRoute = defineRoute({
  method: "get",
  path: "/api/v1/tasks",
  summary: "Active (queued or running) tasks, newest first; resourceType and resourceId go together",
  tags,
  access: "user",
  query: taskFilterQuerySchema,
  response: { schema: taskDtoSchema.array() },
  handler: ({ auth, query }) => listActiveTasks({ organizationId: auth.organizationId, ...query }),
});

export const taskHistoryRoute = defineRoute({
  method: "get",
  path: "/api/v1/tasks/history",
  summary: "All tasks, newest first, a page at a time",
  tags,
  access: "user",
  query: taskHistoryQuerySchema,
  response: { schema: taskHistorySchema },
  handler: ({ auth, query }) => listTaskHistory({ organizationId: auth.organizationId, ...query }),
});

export const taskEventsRoute = defineRoute({
  method: "get",
  path: "/api/v1/tasks/events",
  summary:
    "Server-sent events: `connected`, `tasks:snapshot` (active tasks), then `task:changed`; `heartbeat` every 5 s",
  tags,
  access: "user",
  query: taskFilterQuerySchema,
  response: eventStream,
  handler: async ({ request, auth, query }) => streamTaskList(request, auth, query),
});

export const getTaskRoute = defineRoute({
  method: "get",
  path: "/api/v1/tasks/{taskId}",
  summary: "One task",
  tags,
  access: "user",
  params: taskParamsSchema,
  response: { schema: taskDtoSchema },
  errors: [404],
  handler: ({ auth, params }) => getTask(params.taskId, auth.organizationId),
});

export const cancelTaskRoute = defineRoute({
  method: "post",
  path: "/api/v1/tasks/{taskId}/cancel",
  summary: "Ask a queued or running task to stop; it ends `cancelled`",
  tags,
  access: "user",
  params: taskParamsSchema,
  response: { status: 202, schema: cancelTaskResponseSchema },
  errors: [404, 409],
  handler: ({ auth, params }) => cancelTask(params.taskId, auth.organizationId),
});

export const taskByIdEventsRoute = defineRoute({
  method: "get",
  path: "/api/v1/tasks/{taskId}/events",
  summary: "Server-sent events for one task: `connected`, its state as `task:changed`, then changes until it ends",
  tags,
  access: "user",
  params: taskParamsSchema,
  response: eventStream,
  errors: [404],
  handler: ({ request, auth, params }) => streamTask(request, auth, params.taskId),
});

export const organizationEventsRoute = defineRoute({
  method: "get",
  path: "/api/v1/events",
  summary: "Server-sent events of the organization: `connected`, `heartbeat`, `task:changed`, volume and other events",
  tags: ["Events"],
  access: "user",
  response: eventStream,
  handler: async ({ request, auth }) => streamOrganizationEvents(request, auth),
});
