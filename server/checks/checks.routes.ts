import { defineRoute } from "@/server/http/api-route";
import { messageSchema } from "@/server/repositories/repositories.schema";
import {
  checkHistoryQuerySchema,
  checkHistorySchema,
  checkScheduleBodySchema,
  checkScheduleSchema,
  repositoryParamsSchema,
  taskStartedSchema,
} from "./checks.schema";
import {
  getCheckSchedule,
  listCheckResults,
  removeCheckSchedule,
  runCheckNow,
  setCheckSchedule,
} from "./checks.service";

const tags = ["Repositories"];
const schedulePath = "/api/v1/repositories/{shortId}/check-schedule";
const checksPath = "/api/v1/repositories/{shortId}/checks";

export const getSchedule = defineRoute({
  method: "get",
  path: schedulePath,
  summary: "The repository's scheduled integrity check (404 when it has none)",
  tags,
  access: "user",
  params: repositoryParamsSchema,
  response: { schema: checkScheduleSchema },
  errors: [404],
  handler: ({ auth, params }) => getCheckSchedule(auth, params.shortId),
});

export const putSchedule = defineRoute({
  method: "put",
  path: schedulePath,
  summary:
    "Schedule integrity checks: `rotate` reads the next 1/rotateDays of the pack files each run (--read-data-subset=k/N), so rotateDays runs read every pack once",
  tags,
  access: "user",
  params: repositoryParamsSchema,
  body: checkScheduleBodySchema,
  response: { schema: checkScheduleSchema },
  errors: [404],
  handler: ({ auth, params, body }) => setCheckSchedule(auth, params.shortId, body),
});

export const deleteSchedule = defineRoute({
  method: "delete",
  path: schedulePath,
  summary: "Stop scheduled integrity checks of the repository",
  tags,
  access: "user",
  params: repositoryParamsSchema,
  response: { schema: messageSchema },
  errors: [404],
  handler: ({ auth, params }) => removeCheckSchedule(auth, params.shortId),
});

export const listChecks = defineRoute({
  method: "get",
  path: checksPath,
  summary: "Results of the repository's integrity checks, newest first",
  tags,
  access: "user",
  params: repositoryParamsSchema,
  query: checkHistoryQuerySchema,
  response: { schema: checkHistorySchema },
  errors: [404],
  handler: ({ auth, params, query }) => listCheckResults(auth, params.shortId, query),
});

export const runCheck = defineRoute({
  method: "post",
  path: checksPath,
  summary: "Run an integrity check now (as a task), with the schedule's read-data setting",
  tags,
  access: "user",
  params: repositoryParamsSchema,
  response: { status: 202, schema: taskStartedSchema },
  errors: [404, 409],
  handler: ({ auth, params }) => runCheckNow(auth, params.shortId),
});
