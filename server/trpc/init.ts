// tRPC for the web UI: the same caller resolution as the REST API (API key or session cookie), and procedures that
// only adapt the domain services. Errors leave through `errors.ts`; input validation reuses the services' schemas.
import { initTRPC, TRPCError } from "@trpc/server";
import { ZodError } from "zod";
import { actingAs, requestActor } from "@/server/audit/audit-actor";
import type { AuthContext } from "@/server/auth/auth-context";
import { authenticateRequest } from "@/server/auth/request-auth";
import { validationError } from "@/server/http/error-response";
import { AppError } from "@/server/http/errors";
import { assertCleanInput } from "@/server/http/input-guard";
import { toTRPCError } from "./errors";

export type TRPCContext = { request: Request; auth: AuthContext | null };

export async function createTRPCContext(request: Request): Promise<TRPCContext> {
  // A locked-out caller (429 from the credential limiter) keeps its status rather than becoming a 500.
  const auth = await authenticateRequest(request).catch((error: unknown) => {
    throw toTRPCError(error) ?? error;
  });
  return { request, auth };
}

const t = initTRPC.context<TRPCContext>().create({
  errorFormatter({ shape, error }) {
    // Invalid input: one readable sentence naming the field, as the REST API answers, not zod's JSON dump.
    if (error.cause instanceof ZodError) return { ...shape, message: validationError("input", error.cause).message };
    // Anything we did not throw on purpose is logged by the route's onError; never show its internals.
    if (error.code === "INTERNAL_SERVER_ERROR" && !(error.cause instanceof AppError)) {
      return { ...shape, message: "Internal server error" };
    }
    return shape;
  },
});

/** Service errors (AppError) thrown below this point reach the client with their message and status. */
const serviceErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const mapped = toTRPCError(result.error.cause);
    if (mapped) throw mapped;
  }
  return result;
});

/** The same refusal of control characters as every REST input, before any procedure's schema runs. */
const cleanInput = t.middleware(async ({ getRawInput, next }) => {
  assertCleanInput(await getRawInput(), "input");
  return next();
});

/** The caller is the actor of whatever the procedure records in the audit log. */
const auditActor = t.middleware(({ ctx, next }) => actingAs(requestActor(ctx.request, ctx.auth), () => next()));

export const createTRPCRouter = t.router;
export const publicProcedure = t.procedure.use(serviceErrors).use(cleanInput).use(auditActor);

/** A signed-in caller: session cookie or API key. */
export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.auth) throw new TRPCError({ code: "UNAUTHORIZED", message: "Invalid or expired session" });
  return next({ ctx: { ...ctx, auth: ctx.auth } });
});

/** A browser session only: API keys may not manage credentials (as the REST API's `browser` routes). */
export const sessionProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (ctx.auth.method !== "session") throw new TRPCError({ code: "UNAUTHORIZED", message: "Browser session required" });
  return next();
});
