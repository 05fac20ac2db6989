import { z } from "zod";
import { defineRoute } from "@/server/http/api-route";
import { authorizeCron, runCron } from "./cron-endpoint";

const started = z.object({ outcome: z.literal("started"), taskId: z.string() });
const notStarted = z.object({ outcome: z.enum(["skipped", "failed"]), reason: z.string() });
const cronResultSchema = z.object({
  schedules: z.array(z.union([started, notStarted]).and(z.object({ scheduleShortId: z.string() }))),
  checks: z.array(z.union([started, notStarted]).and(z.object({ repositoryShortId: z.string() }))),
  /** Overdue alerts this call sent. */
  overdueAlerts: z.number().int(),
  /** The runs this call started, with their final status. */
  finished: z.array(z.object({ taskId: z.string(), status: z.string() })),
});

const route = (method: "get" | "post") =>
  defineRoute({
    method,
    path: "/api/v1/cron",
    summary:
      "Run what is due (backup schedules, integrity checks, overdue alerts) for hosts without a long-running process; `Authorization: Bearer $CRON_SECRET`. Answers when the runs it started have finished",
    tags: ["System"],
    access: "secret",
    response: { schema: cronResultSchema },
    errors: [401],
    handler: async ({ request }) => {
      authorizeCron(request);
      return runCron();
    },
  });

export const cronGet = route("get");
export const cronPost = route("post");
