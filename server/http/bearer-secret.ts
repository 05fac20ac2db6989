// Endpoints guarded by a configured shared secret (METRICS_TOKEN, CRON_SECRET) rather than a user's credentials.
// A wrong secret counts against the caller's address in the credential limiter like any other credential.
import { timingSafeEqual } from "node:crypto";
import {
  assertCredentialAttemptAllowed,
  recordCredentialFailure,
  recordCredentialSuccess,
} from "@/server/auth/credential-limiter";
import { clientIp } from "./client-ip";

export function bearerToken(request: Request): string | null {
  return (
    request.headers
      .get("authorization")
      ?.match(/^Bearer\s+(.+)$/i)?.[1]
      ?.trim() ?? null
  );
}

/**
 * Whether the request carries `Authorization: Bearer <expected>`, compared in constant time. Throws 429 while the
 * caller's address is locked by the credential limiter.
 */
export function hasBearerSecret(request: Request, expected: string): boolean {
  const presented = bearerToken(request);
  if (presented === null) return false;
  const subject = { ip: clientIp(request) };
  assertCredentialAttemptAllowed(subject);
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  const matches = a.length === b.length && timingSafeEqual(a, b);
  if (matches) recordCredentialSuccess(subject);
  else recordCredentialFailure(subject);
  return matches;
}
