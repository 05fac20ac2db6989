// The API's own description: the OpenAPI document and the Scalar docs. This module stands above `server/api-routes.ts`
// (it documents every route listed there, plus its own two), so nothing the list includes depends on it.
import { ApiReference } from "@scalar/nextjs-api-reference";
import { z } from "zod";
import { allApiRoutes } from "@/server/api-routes";
import { getConfig } from "@/server/config";
import { type ApiRoute, defineRoute } from "@/server/http/api-route";
import { buildOpenApiDocument } from "@/server/http/openapi";

export const openApiDocument = defineRoute({
  method: "get",
  path: "/api/v1/openapi.json",
  summary: "This OpenAPI document",
  tags: ["System"],
  access: "user",
  response: { schema: z.record(z.string(), z.unknown()) },
  handler: async () => buildOpenApiDocument(documentedRoutes(), getConfig().baseUrl),
});

const renderApiReference = ApiReference({ url: "/api/v1/openapi.json", pageTitle: "Zerobyte API" });

export const apiDocs = defineRoute({
  method: "get",
  path: "/api/v1/docs",
  summary: "Interactive API documentation (Scalar)",
  tags: ["System"],
  access: "user",
  response: { contentType: "text/html", schema: z.string() },
  handler: async () => renderApiReference(),
});

/** Every JSON route of the app: what the document, the generated client and the route-file test cover. */
export function documentedRoutes(): ApiRoute[] {
  return [...allApiRoutes(), openApiDocument, apiDocs];
}
