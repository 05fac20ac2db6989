// Endpoints guarded by a configured shared secret (METRICS_TOKEN, CRON_SECRET) rather than a user's credentials.
import { timingSafeEqual } from "node:crypto";

export function bearerToken(request: Request): string | null {
  return (
    request.headers
      .get("authorization")
      ?.match(/^Bearer\s+(.+)$/i)?.[1]
      ?.trim() ?? null
  );
}

/** Whether the request carries `Authorization: Bearer <expected>`, compared in constant time. */
export function hasBearerSecret(request: Request, expected: string): boolean {
  const presented = bearerToken(request);
  if (presented === null) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
