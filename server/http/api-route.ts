// Every JSON API route is declared once with `defineRoute`: its input and output schemas validate the request,
// feed the OpenAPI document, and the same object becomes the Next route handler. Handlers stay thin: they call a
// service and return data (answered as JSON) or a ready Response (files, server-sent events).
import type { z } from "zod";
import { actingAs, requestActor } from "@/server/audit/audit-actor";
import type { AuthContext } from "@/server/auth/auth-context";
import { requireInstanceAdmin } from "@/server/auth/authorization";
import { authenticateRequest } from "@/server/auth/request-auth";
import { getLogger } from "@/server/logging/logger";
import { errorResponse, jsonResponse, validationError } from "./error-response";
import { MethodNotAllowedError, PayloadTooLargeError, UnauthorizedError } from "./errors";
import { assertCleanInput } from "./input-guard";
import { enforceRateLimit } from "./rate-limit";
import { API_BODY_LIMIT_BYTES, assertJsonContentType, readJsonBody } from "./request-body";

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";
/**
 * `public`: no auth; `user`: session or API key; `browser`: session only (API keys may not manage credentials);
 * `admin`: an instance administrator, by session or API key (instance-wide settings such as REST server accounts);
 * `secret`: `Authorization: Bearer` with a secret from the configuration (CRON_SECRET), checked by the handler.
 */
export type Access = "public" | "user" | "browser" | "admin" | "secret";

type AnyObjectSchema = z.ZodObject<z.ZodRawShape>;
type Infer<S> = S extends z.ZodType ? z.output<S> : undefined;

export type RouteSpec<
  A extends Access,
  B extends z.ZodType | undefined,
  Q extends AnyObjectSchema | undefined,
  P extends AnyObjectSchema | undefined,
> = {
  method: HttpMethod;
  /** OpenAPI-style absolute path, e.g. `/api/v1/repositories/{shortId}`. */
  path: string;
  summary: string;
  tags: string[];
  access: A;
  body?: B;
  query?: Q;
  params?: P;
  response: { status?: number; schema?: z.ZodType; contentType?: string; description?: string };
  /** Liveness probes opt out of the per-IP rate limit. */
  rateLimited?: false;
  /** Error statuses this route can answer besides the generic ones, for the OpenAPI document. */
  errors?: number[];
  handler: (input: {
    request: Request;
    auth: A extends "public" | "secret" ? AuthContext | null : AuthContext;
    body: Infer<B>;
    query: Infer<Q>;
    params: Infer<P>;
  }) => Promise<unknown>;
};

export type ApiRoute = RouteSpec<
  Access,
  z.ZodType | undefined,
  AnyObjectSchema | undefined,
  AnyObjectSchema | undefined
>;

export function defineRoute<
  A extends Access,
  B extends z.ZodType | undefined = undefined,
  Q extends AnyObjectSchema | undefined = undefined,
  P extends AnyObjectSchema | undefined = undefined,
>(spec: RouteSpec<A, B, Q, P>): ApiRoute {
  return spec as unknown as ApiRoute;
}

type NextContext = { params: Promise<Record<string, string | string[] | undefined>> };
type NextHandler = (request: Request, context: NextContext) => Promise<Response>;

async function handle(route: ApiRoute, request: Request, context: NextContext): Promise<Response> {
  if (route.rateLimited !== false) enforceRateLimit(request);
  if (Number(request.headers.get("content-length") ?? "0") > API_BODY_LIMIT_BYTES) throw new PayloadTooLargeError();
  assertJsonContentType(request);

  const auth = await authenticateRequest(request);
  if (route.access !== "public" && route.access !== "secret") {
    if (!auth) throw new UnauthorizedError();
    if (route.access === "browser" && auth.method !== "session")
      throw new UnauthorizedError("Browser session required");
    if (route.access === "admin") requireInstanceAdmin(auth);
  }

  const params = route.params ? parseInput(route.params, await context.params, "path parameter") : undefined;
  const query = route.query
    ? parseInput(route.query, Object.fromEntries(new URL(request.url).searchParams), "query parameter")
    : undefined;
  const body = route.body ? parseInput(route.body, await readJsonBody(request), "request body") : undefined;

  const result = await actingAs(requestActor(request, auth), () =>
    route.handler({ request, auth: auth as AuthContext, body, query, params }),
  );
  if (result instanceof Response) return result;
  return jsonResponse(result ?? null, route.response.status ?? 200);
}

function parseInput<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  assertCleanInput(value, where);
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw validationError(where, parsed.error);
  return parsed.data;
}

function toNextHandler(route: ApiRoute): NextHandler {
  return async (request, context) => {
    const started = performance.now();
    const response = await handle(route, request, context).catch(errorResponse);
    const logger = getLogger();
    // Checked first: building the entry (a URL parse) for a level that is off was paid on every request.
    if (logger.isLevelEnabled("info")) {
      logger.info(
        {
          method: request.method,
          path: new URL(request.url).pathname,
          status: response.status,
          ms: Math.round(performance.now() - started),
        },
        "api request",
      );
    }
    return response;
  };
}

const methodNotAllowed: NextHandler = async (request) => errorResponse(new MethodNotAllowedError(request.method));

/**
 * Next route handlers for one path: `export const { GET, POST, PUT, PATCH, DELETE } = apiRoutes(list, create)`.
 * Methods the path does not serve answer 405 JSON.
 */
export function apiRoutes(...routes: ApiRoute[]): Record<"GET" | "POST" | "PUT" | "PATCH" | "DELETE", NextHandler> {
  const byMethod = new Map(routes.map((route) => [route.method.toUpperCase(), toNextHandler(route)]));
  const pick = (method: string) => byMethod.get(method) ?? methodNotAllowed;
  return { GET: pick("GET"), POST: pick("POST"), PUT: pick("PUT"), PATCH: pick("PATCH"), DELETE: pick("DELETE") };
}
