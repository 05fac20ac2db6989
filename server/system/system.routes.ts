import { z } from "zod";
import { allApiRoutes } from "@/server/api-routes";
import { getConfig } from "@/server/config";
import { defineRoute } from "@/server/http/api-route";
import { buildOpenApiDocument } from "@/server/http/openapi";

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

export const openApiDocument = defineRoute({
  method: "get",
  path: "/api/v1/openapi.json",
  summary: "This OpenAPI document",
  tags: ["System"],
  access: "public",
  response: { schema: z.record(z.string(), z.unknown()) },
  handler: async () => buildOpenApiDocument(allApiRoutes(), getConfig().baseUrl),
});
