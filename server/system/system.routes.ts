import { z } from "zod";
import { defineRoute } from "@/server/http/api-route";
import { resticPasswordBodySchema, systemInfoSchema } from "./system.schema";
import { downloadResticPassword, getSystemInfo } from "./system.service";

export const healthcheck = defineRoute({
  method: "get",
  path: "/api/healthcheck",
  summary: "Liveness probe",
  tags: ["System"],
  access: "public",
  rateLimited: false,
  response: { schema: z.object({ status: z.literal("ok") }) },
  handler: async () => ({ status: "ok" }),
});

export const systemInfo = defineRoute({
  method: "get",
  path: "/api/v1/system/info",
  summary: "restic and rclone versions, and which volume and repository backends work on this host",
  tags: ["System"],
  access: "user",
  response: { schema: systemInfoSchema },
  handler: () => getSystemInfo(),
});

export const resticPassword = defineRoute({
  method: "post",
  path: "/api/v1/system/restic-password",
  summary: "Download the organization's restic password (recovery key) as restic.pass",
  tags: ["System"],
  access: "browser",
  body: resticPasswordBodySchema,
  response: { contentType: "text/plain", schema: z.string() },
  errors: [403],
  handler: ({ auth, body }) => downloadResticPassword(auth, body.password),
});
