// Typed errors thrown by services. One mapper (http/error-response.ts) turns them into `{ message }` + status.
export type ValidationIssue = { path: string; message: string };

export class AppError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: { details?: string; issues?: ValidationIssue[]; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class BadRequestError extends AppError {
  constructor(message: string, extra?: AppError["extra"]) {
    super(400, message, extra);
  }
}
export class UnauthorizedError extends AppError {
  constructor(message = "Invalid or expired session") {
    super(401, message);
  }
}
export class ForbiddenError extends AppError {
  constructor(message = "Forbidden") {
    super(403, message);
  }
}
export class NotFoundError extends AppError {
  constructor(message = "Not found") {
    super(404, message);
  }
}
export class ConflictError extends AppError {
  constructor(message: string) {
    super(409, message);
  }
}
export class PayloadTooLargeError extends AppError {
  constructor() {
    super(413, "Request body too large");
  }
}
export class TooManyRequestsError extends AppError {
  constructor(retryAfterSeconds: number) {
    super(429, "Too many requests, try again later", { headers: { "Retry-After": String(retryAfterSeconds) } });
  }
}
export class UnsupportedMediaTypeError extends AppError {
  constructor() {
    super(415, "Request body must be JSON (Content-Type: application/json)");
  }
}
export class ServiceUnavailableError extends AppError {
  constructor(message: string, retryAfterSeconds: number) {
    super(503, message, { headers: { "Retry-After": String(retryAfterSeconds) } });
  }
}
export class MethodNotAllowedError extends AppError {
  constructor(method: string) {
    super(405, `Method ${method} is not allowed here`);
  }
}
