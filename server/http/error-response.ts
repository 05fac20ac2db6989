// The one place where errors become HTTP answers: `{ message }` (+ `details` / `issues`) with the right status.
// Anything unexpected is logged with its stack and answered with a generic 500 — never a stack trace.
import { ZodError } from "zod";
import { getLogger } from "@/server/logging/logger";
import { AppError, BadRequestError, type ValidationIssue } from "./errors";

export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers },
  });
}

export function zodIssues(error: ZodError): ValidationIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
}

/** A ZodError from request input as a 400 whose message names the first offending field. */
export function validationError(where: string, error: ZodError): BadRequestError {
  const issues = zodIssues(error);
  const first = issues[0];
  const message = first
    ? `Invalid ${where}: ${first.path ? `${first.path}: ` : ""}${first.message}`
    : `Invalid ${where}`;
  return new BadRequestError(message, { issues });
}

export function errorResponse(error: unknown): Response {
  if (error instanceof ZodError) return errorResponse(validationError("input", error));
  if (error instanceof AppError) {
    const { details, issues, headers } = error.extra;
    return jsonResponse(
      { message: error.message, ...(details ? { details } : {}), ...(issues ? { issues } : {}) },
      error.status,
      headers,
    );
  }
  getLogger().error({ err: error }, "unhandled error");
  return jsonResponse({ message: "Internal server error" }, 500);
}
