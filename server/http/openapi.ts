// The OpenAPI 3.1 document, generated from the same route declarations and zod schemas that validate requests.
import { OpenAPIRegistry, OpenApiGeneratorV31 } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { SESSION_COOKIE } from "@/server/auth/cookies";
import type { ApiRoute } from "./api-route";

const errorSchema = z.object({
  message: z.string(),
  details: z.string().optional(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: "Invalid input",
  401: "No valid session or API key",
  403: "Forbidden",
  404: "Not found",
  409: "Conflict",
  413: "Request body over 10 MB",
  429: "Rate limit exceeded",
};

function errorResponses(route: ApiRoute) {
  const statuses = new Set([400, 413, 429, ...(route.errors ?? [])]);
  if (route.access !== "public") statuses.add(401);
  if (route.access === "admin") statuses.add(403);
  return Object.fromEntries(
    [...statuses].map((status) => [
      status,
      { description: ERROR_DESCRIPTIONS[status] ?? "Error", content: { "application/json": { schema: errorSchema } } },
    ]),
  );
}

function successResponse(route: ApiRoute) {
  const { schema, contentType = "application/json", description = "Success" } = route.response;
  return { description, ...(schema ? { content: { [contentType]: { schema } } } : {}) };
}

export function buildOpenApiDocument(routes: ApiRoute[], serverUrl: string) {
  const registry = new OpenAPIRegistry();
  registry.registerComponent("securitySchemes", "session", { type: "apiKey", in: "cookie", name: SESSION_COOKIE });
  registry.registerComponent("securitySchemes", "apiKey", { type: "apiKey", in: "header", name: "x-api-key" });
  registry.registerComponent("securitySchemes", "bearer", { type: "http", scheme: "bearer" });

  const ordered = [...routes].sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
  for (const route of ordered) {
    const security: Record<string, string[]>[] =
      route.access === "public"
        ? []
        : route.access === "secret"
          ? [{ bearer: [] }]
          : route.access === "browser"
            ? [{ session: [] }]
            : [{ session: [] }, { apiKey: [] }, { bearer: [] }];
    registry.registerPath({
      method: route.method,
      path: route.path,
      summary: route.summary,
      tags: route.tags,
      security,
      request: {
        ...(route.params ? { params: route.params } : {}),
        ...(route.query ? { query: route.query } : {}),
        ...(route.body ? { body: { content: { "application/json": { schema: route.body } }, required: true } } : {}),
      },
      responses: { [route.response.status ?? 200]: successResponse(route), ...errorResponses(route) },
    });
  }

  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "Zerobyte API",
      version: "1.0.0",
      description: "Backup automation on restic. Errors are `{ message }` with the HTTP status.",
    },
    servers: [{ url: serverUrl }],
  });
}
