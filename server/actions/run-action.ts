// Server actions are the third door into the services (beside /api/v1 and tRPC): each is a thin "use server"
// function in `server/actions/*.actions.ts` that hands its input to `runAction`. Here the caller is resolved from the
// session cookie exactly as pages and tRPC resolve it, the input is validated with the domain's zod schema (the one
// the REST route uses), and the service's typed errors become a result the form shows: a message, and the message of
// each invalid field next to that field.
import { headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { actingAs, requestActor } from "@/server/audit/audit-actor";
import type { AuthContext } from "@/server/auth/auth-context";
import { zodIssues } from "@/server/http/error-response";
import { AppError, type ValidationIssue } from "@/server/http/errors";
import { getLogger } from "@/server/logging/logger";
import { getPageAuth } from "@/server/trpc/server-auth";

/** Field path (`config.path`, `retentionPolicy.keepLast`) → its message. */
export type FieldErrors = Record<string, string>;

export type ActionFailure = { ok: false; status: number; message: string; fieldErrors: FieldErrors };
export type ActionResult<T> = { ok: true; data: T } | ActionFailure;

function fieldErrorsOf(issues: ValidationIssue[] | undefined): FieldErrors {
  const errors: FieldErrors = {};
  // The first message per field: the one the user can act on first.
  for (const issue of issues ?? []) errors[issue.path || "_form"] ??= issue.message;
  return errors;
}

export function failure(status: number, message: string, issues?: ValidationIssue[]): ActionFailure {
  return { ok: false, status, message, fieldErrors: fieldErrorsOf(issues) };
}

/**
 * Checks the session, validates `input` with `schema` and runs `work`. Never throws for an expected failure
 * (signed out, invalid input, a service's AppError); unexpected errors are logged and answered generically, as the
 * REST API does. Next's own control flow (`redirect()`, `notFound()`) passes through.
 */
export async function runAction<S extends z.ZodType, T>(
  schema: S,
  input: unknown,
  work: (auth: AuthContext, value: z.output<S>) => Promise<T>,
): Promise<ActionResult<T>> {
  try {
    const auth = await getPageAuth();
    if (!auth) return failure(401, "Your session has ended. Sign in again.");
    // A form posted without JavaScript (progressive enhancement) arrives as FormData: its fields, by name.
    const parsed = schema.safeParse(input instanceof FormData ? Object.fromEntries(input) : input);
    if (!parsed.success) {
      return failure(400, "Some fields need attention", zodIssues(parsed.error));
    }
    // The signed-in user is the actor of whatever the service records in the audit log, as on the other doors.
    const request = new Request("http://server-action/", { headers: await headers() });
    return { ok: true, data: await actingAs(requestActor(request, auth), () => work(auth, parsed.data)) };
  } catch (error) {
    unstable_rethrow(error);
    if (error instanceof AppError) return failure(error.status, error.message, error.extra.issues);
    getLogger().error({ err: error }, "server action failed");
    return failure(500, "Internal server error");
  }
}
