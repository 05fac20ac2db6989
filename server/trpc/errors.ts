// The one place where service errors become tRPC errors: an AppError keeps its message and gets the tRPC code of
// its HTTP status, so the UI shows the same `message` the REST API answers with.
import { type TRPC_ERROR_CODE_KEY, TRPCError } from "@trpc/server";
import { AppError } from "@/server/http/errors";

const CODE_BY_STATUS: Record<number, TRPC_ERROR_CODE_KEY> = {
  400: "BAD_REQUEST",
  401: "UNAUTHORIZED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  405: "METHOD_NOT_SUPPORTED",
  409: "CONFLICT",
  412: "PRECONDITION_FAILED",
  413: "PAYLOAD_TOO_LARGE",
  415: "UNSUPPORTED_MEDIA_TYPE",
  422: "UNPROCESSABLE_CONTENT",
  429: "TOO_MANY_REQUESTS",
  501: "NOT_IMPLEMENTED",
  502: "BAD_GATEWAY",
  503: "SERVICE_UNAVAILABLE",
  504: "GATEWAY_TIMEOUT",
};

/** The tRPC error for a service error, or null when the error is not one of ours (unexpected: a 500). */
export function toTRPCError(error: unknown): TRPCError | null {
  if (!(error instanceof AppError)) return null;
  const code = CODE_BY_STATUS[error.status] ?? (error.status < 500 ? "BAD_REQUEST" : "INTERNAL_SERVER_ERROR");
  return new TRPCError({ code, message: error.message, cause: error });
}
